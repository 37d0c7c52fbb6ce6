//! Cheap-to-compile serialisation of request objects, for `#[derive(Encode)]`.
//!
//! serde_derive's `Serialize` writes `serialize_field(...)?` per field plus a
//! length expression: measured on a 1,200-endpoint crate it was the costliest
//! derive (23 % of rustc time). The derive emits one call per field on
//! [`Object`], which carries the first error to [`Object::end`]; the calls
//! made on the serializer, and so the bytes written, are serde_derive's.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// A struct being serialised: serde's `SerializeStruct`, or the first error.
pub struct Object<S: Serializer> {
    state: Result<S::SerializeStruct, S::Error>,
}

impl<S: Serializer> Object<S> {
    /// `serialize_struct(name, len)`; `len` counts the fields written, as
    /// serde_derive computes it.
    #[inline]
    pub fn begin(serializer: S, name: &'static str, len: usize) -> Self {
        Object {
            state: serializer.serialize_struct(name, len),
        }
    }

    /// Writes one field (nothing once an error occurred).
    #[inline]
    pub fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) {
        self.step(|state| state.serialize_field(key, value));
    }

    /// A field left out by `skip_serializing_if` (`skip_field`, as serde does).
    #[inline]
    pub fn skip(&mut self, key: &'static str) {
        self.step(|state| state.skip_field(key));
    }

    /// An `Option` field with `skip_serializing_if = "Option::is_none"`.
    #[inline]
    pub fn optional<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        match value {
            Some(_) => self.field(key, value),
            None => self.skip(key),
        }
    }

    /// Runs `call` unless an error occurred already, keeping its error.
    #[inline]
    fn step(&mut self, call: impl FnOnce(&mut S::SerializeStruct) -> Result<(), S::Error>) {
        if let Ok(state) = &mut self.state {
            if let Err(error) = call(state) {
                self.state = Err(error);
            }
        }
    }

    /// Ends the struct, or returns the first error.
    #[inline]
    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state.and_then(SerializeStruct::end)
    }
}

/// 1 when the optional field is written, for [`Object::begin`]'s length.
#[inline]
pub fn present<T>(value: &Option<T>) -> usize {
    usize::from(value.is_some())
}
