//! The shared half of `#[derive(OpenEnum)]`'s `Deserialize`: one generic
//! visitor per wire kind, instead of a visitor type with five methods written
//! out for every enum (each a body rustc checks again; BENCHMARKS.md §2.8).
//!
//! Platforms are loose about scalar types (`"2"` for `2`, `2.0` for `2`, a
//! number where a string code is documented), so both visitors accept every
//! scalar that can stand for a value; anything else is an error that names
//! the enum.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error, Unexpected, Visitor};

/// Deserializes an integer-valued enum from an integer, an integral float or
/// a numeric string; `name` is the enum's name, for the error message.
pub fn deserialize_int<'de, T, D>(deserializer: D, name: &'static str) -> Result<T, D::Error>
where
    T: From<i64>,
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(IntVisitor {
        name,
        value: PhantomData,
    })
}

/// Deserializes a string-valued enum from a string or any number (kept as
/// its decimal text); `name` is the enum's name, for the error message.
pub fn deserialize_str<'de, T, D>(deserializer: D, name: &'static str) -> Result<T, D::Error>
where
    T: for<'a> From<&'a str> + From<String>,
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(StrVisitor {
        name,
        value: PhantomData,
    })
}

struct IntVisitor<T> {
    name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T: From<i64>> Visitor<'_> for IntVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer or a numeric string (`{}`)", self.name)
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        match i64::try_from(value) {
            Ok(value) => self.visit_i64(value),
            Err(_) => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<T, E> {
        // `2.0` is the integer 2; anything fractional is not a value of the enum.
        if value.fract() == 0.0 && value >= i64::MIN as f64 && value < i64::MAX as f64 {
            self.visit_i64(value as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(value), &self))
        }
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        match value.trim().parse::<i64>() {
            Ok(value) => self.visit_i64(value),
            Err(_) => Err(E::invalid_value(Unexpected::Str(value), &self)),
        }
    }
}

struct StrVisitor<T> {
    name: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T: for<'a> From<&'a str> + From<String>> Visitor<'_> for StrVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string or a number (`{}`)", self.name)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        Ok(T::from(value.to_string()))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        Ok(T::from(value.to_string()))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<T, E> {
        Ok(T::from(value.to_string()))
    }
}
