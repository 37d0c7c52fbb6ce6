//! Pagination as streams: one request per page, one page in memory at a time.
//!
//! `#[derive(Paged)]` implements [`Paged`] from the spec's paging style; the
//! client turns any `Paged` request into a stream of pages
//! ([`crate::client::Client::pages`]) or of items ([`crate::client::Client::items`]).
//! A page that fails is retried by the client's retry policy like any call;
//! if it still fails the stream yields the error and ends, so no item is
//! skipped silently or yielded twice. A cursor that does not advance is an
//! error, never an endless loop.

use std::pin::Pin;

use futures::{Stream, TryStreamExt};

/// Every page of a paged endpoint (see [`Client::pages`]).
pub type PageStream<'a, E> = Pin<
    Box<dyn Stream<Item = Result<<E as super::endpoint::Endpoint>::Response, Error>> + Send + 'a>,
>;

/// Every item of a paged endpoint (see [`Client::items`]).
pub type ItemStream<'a, E> =
    Pin<Box<dyn Stream<Item = Result<<E as Paged>::Item, Error>> + Send + 'a>>;

use super::client::Client;
use super::endpoint::Endpoint;
use super::error::Error;

/// The paging styles a spec declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PagingStyle {
    /// A cursor or token from the answer (`next_cursor`, `nextToken`,
    /// `page_token`), until it is absent or empty or `has_more` is false.
    Cursor,
    /// An offset from the answer, until it is absent or `has_more` is false.
    Offset,
    /// An offset advanced by the items received, until `has_more` is false
    /// (or, without it, a short page).
    OffsetCount,
    /// A page number plus one, until the last of `pages`, `total` items
    /// seen, `has_more` false, or a short page.
    Page,
    /// The last item's id as the cursor, while `has_more`.
    LastId,
}

/// Why the next page could not be requested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PagingError {
    /// The platform returned the cursor it was given: following it would loop.
    NoProgress {
        /// The cursor that repeated, as text.
        cursor: String,
    },
}

impl std::fmt::Display for PagingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PagingError::NoProgress { cursor } => {
                write!(
                    f,
                    "the platform returned the same cursor {cursor} again: paging stopped instead of looping"
                )
            }
        }
    }
}

/// A request that pages: how to find its items and the next request.
pub trait Paged: Endpoint + Clone {
    /// One item of a page.
    type Item: Send;
    /// The documented paging style.
    const STYLE: PagingStyle;
    /// The items of a page.
    fn items(response: &Self::Response) -> &[Self::Item];
    /// The items of a page, taken out of it.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
    /// The request for the page after `response`, or `None` after the last.
    fn next_page(&self, response: &Self::Response) -> Result<Option<Self>, PagingError>;
}

/// A request field holding a cursor, offset or page number.
pub trait CursorSlot {
    /// The cursor's type.
    type Value: PartialEq + Clone + std::fmt::Display;
    /// The value sent now (`None` on the first request when optional).
    fn current(&self) -> Option<Self::Value>;
    /// Sets the value for the next request.
    fn set(&mut self, value: Self::Value);
}

macro_rules! cursor_slot {
    ($($ty:ty),*) => {$(
        impl CursorSlot for $ty {
            type Value = $ty;
            fn current(&self) -> Option<$ty> {
                Some(self.clone())
            }
            fn set(&mut self, value: $ty) {
                *self = value;
            }
        }
        impl CursorSlot for Option<$ty> {
            type Value = $ty;
            fn current(&self) -> Option<$ty> {
                self.clone()
            }
            fn set(&mut self, value: $ty) {
                *self = Some(value);
            }
        }
    )*};
}
cursor_slot!(i64, i32, String);

/// A cursor as the answer types it, turned into the request's type (a
/// `nextToken` may be a number in the request and text in the answer).
pub trait IntoCursor<T> {
    /// The cursor as `T`, or `None` when it cannot be one (it ends paging).
    fn into_cursor(self) -> Option<T>;
}

impl<T> IntoCursor<T> for T {
    fn into_cursor(self) -> Option<T> {
        Some(self)
    }
}

macro_rules! cursor_conversions {
    ($($from:ty => $to:ty),*) => {$(
        impl IntoCursor<$to> for $from {
            fn into_cursor(self) -> Option<$to> {
                self.to_string().trim().parse().ok()
            }
        }
    )*};
}
cursor_conversions!(
    String => i64, String => i32, i64 => String, i32 => String, i64 => i32, i32 => i64
);

/// A page number or size read from a request field (`i64` or `Option<i64>`).
pub trait PageNumber {
    /// The number, if set.
    fn number(&self) -> Option<i64>;
}

impl PageNumber for i64 {
    fn number(&self) -> Option<i64> {
        Some(*self)
    }
}

impl PageNumber for Option<i64> {
    fn number(&self) -> Option<i64> {
        *self
    }
}

impl PageNumber for i32 {
    fn number(&self) -> Option<i64> {
        Some(i64::from(*self))
    }
}

impl PageNumber for Option<i32> {
    fn number(&self) -> Option<i64> {
        self.map(i64::from)
    }
}

/// `cursor`, `offset` and `last_id` styles: the next cursor, if there is
/// one (an empty text is none) and `has_more` does not say otherwise.
pub fn follow_cursor<S: CursorSlot, N: IntoCursor<S::Value>>(
    slot: &S,
    next: Option<N>,
    has_more: Option<bool>,
) -> Result<Option<S::Value>, PagingError> {
    if has_more == Some(false) {
        return Ok(None);
    }
    let Some(next) = next.and_then(IntoCursor::into_cursor) else {
        return Ok(None);
    };
    if next.to_string().is_empty() {
        return Ok(None);
    }
    if slot.current().as_ref() == Some(&next) {
        return Err(PagingError::NoProgress {
            cursor: next.to_string(),
        });
    }
    Ok(Some(next))
}

/// What a page said about the pages after it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageEnd {
    /// Items on this page.
    pub items: usize,
    /// The answer's `has_more`, if the style reads one.
    pub has_more: Option<bool>,
    /// The answer's page count, if read.
    pub pages: Option<i64>,
    /// The answer's item total, if read.
    pub total: Option<i64>,
}

fn count(items: usize) -> i64 {
    i64::try_from(items).unwrap_or(i64::MAX)
}

/// `page` style: the next page number, unless this page was the last: the
/// last of `pages`, `total` items seen, `has_more` false, or a page shorter
/// than `size` (or empty).
pub fn next_page_number(page: Option<i64>, size: Option<i64>, end: PageEnd) -> Option<i64> {
    let page = page.unwrap_or(1);
    if end.items == 0 || end.has_more == Some(false) {
        return None;
    }
    if let Some(pages) = end.pages {
        return (page < pages).then_some(page + 1);
    }
    if let (Some(total), Some(size)) = (end.total, size) {
        return (page.saturating_mul(size) < total).then_some(page + 1);
    }
    if end.has_more == Some(true) {
        return Some(page + 1);
    }
    let full = size.is_none_or(|size| count(end.items) >= size);
    full.then_some(page + 1)
}

/// `offset_count` style: the offset after the items received, unless
/// `has_more` is false (or, without it, the page was short or empty).
pub fn next_offset(offset: Option<i64>, size: Option<i64>, end: PageEnd) -> Option<i64> {
    if end.items == 0 || end.has_more == Some(false) {
        return None;
    }
    if end.has_more.is_none() && size.is_some_and(|size| count(end.items) < size) {
        return None;
    }
    Some(offset.unwrap_or(0).saturating_add(count(end.items)))
}

impl Client {
    /// Every page of a paged endpoint, following its cursor to the end.
    /// One request per page; the stream holds one page at a time.
    pub fn pages<'a, E: Paged + 'a>(&'a self, first: E) -> PageStream<'a, E>
    where
        E::Response: Send,
    {
        Box::pin(futures::stream::unfold(
            Step::Request(first),
            move |step| async move {
                let request = match step {
                    Step::Request(request) => request,
                    Step::Fail(err) => return Some((Err(err), Step::Done)),
                    Step::Done => return None,
                };
                match self.call(&request).await {
                    Err(err) => Some((Err(err), Step::Done)),
                    Ok(response) => {
                        let next = match request.next_page(&response) {
                            Ok(Some(next)) => Step::Request(next),
                            Ok(None) => Step::Done,
                            Err(err) => Step::Fail(paging_error::<E>(&err)),
                        };
                        Some((Ok(response), next))
                    }
                }
            },
        ))
    }

    /// Every item of a paged endpoint, page after page, in platform order:
    /// [`Client::pages`] flattened, so a page's items come before the error
    /// that ends the stream, and one page is held at a time.
    pub fn items<'a, E: Paged + 'a>(&'a self, first: E) -> ItemStream<'a, E>
    where
        E::Response: Send,
    {
        // Built on `pages` rather than a second request loop: the call path is
        // then instantiated once per endpoint, not twice (build time).
        Box::pin(
            self.pages(first)
                .map_ok(|page| futures::stream::iter(E::into_items(page).into_iter().map(Ok)))
                .try_flatten(),
        )
    }
}

/// Where a page stream stands.
enum Step<E> {
    Request(E),
    Fail(Error),
    Done,
}

fn paging_error<E: Endpoint>(err: &PagingError) -> Error {
    Error::Paging {
        endpoint: E::INFO.name,
        message: err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_advance_stop_and_refuse_to_loop() {
        let offset: i64 = 0;
        assert_eq!(follow_cursor(&offset, Some(50), None), Ok(Some(50)));
        assert_eq!(follow_cursor(&offset, None::<i64>, None), Ok(None));
        assert_eq!(follow_cursor(&offset, Some(50), Some(false)), Ok(None));
        let stuck: i64 = 50;
        assert_eq!(
            follow_cursor(&stuck, Some(50), Some(true)),
            Err(PagingError::NoProgress {
                cursor: "50".into()
            })
        );
        let token: Option<String> = None;
        assert_eq!(
            follow_cursor(&token, Some("a".to_string()), Some(true)),
            Ok(Some("a".to_string()))
        );
    }

    fn end(items: usize) -> PageEnd {
        PageEnd {
            items,
            ..PageEnd::default()
        }
    }

    #[test]
    fn page_numbers_stop_on_short_or_last_pages() {
        assert_eq!(next_page_number(Some(1), Some(30), end(30)), Some(2));
        assert_eq!(next_page_number(Some(2), Some(30), end(29)), None);
        assert_eq!(next_page_number(Some(2), Some(30), end(0)), None);
        let pages = |n| PageEnd {
            pages: Some(3),
            ..end(n)
        };
        assert_eq!(next_page_number(Some(1), Some(50), pages(50)), Some(2));
        assert_eq!(next_page_number(Some(3), Some(50), pages(50)), None);
        let total = PageEnd {
            total: Some(100),
            ..end(50)
        };
        assert_eq!(next_page_number(Some(1), Some(50), total), Some(2));
        assert_eq!(next_page_number(Some(2), Some(50), total), None);
        let more = PageEnd {
            has_more: Some(true),
            ..end(7)
        };
        assert_eq!(next_page_number(Some(1), Some(50), more), Some(2));
    }

    #[test]
    fn offsets_advance_by_the_items_received() {
        let more = |items, has_more| PageEnd {
            has_more,
            ..end(items)
        };
        assert_eq!(
            next_offset(Some(0), Some(20), more(20, Some(true))),
            Some(20)
        );
        assert_eq!(
            next_offset(Some(20), Some(20), more(5, Some(true))),
            Some(25)
        );
        assert_eq!(next_offset(Some(25), Some(20), more(5, Some(false))), None);
        assert_eq!(next_offset(Some(0), Some(20), more(20, None)), Some(20));
        assert_eq!(next_offset(Some(20), Some(20), more(19, None)), None);
    }

    #[test]
    fn cursors_of_another_type_and_empty_tokens() {
        let token: Option<i64> = None;
        assert_eq!(
            follow_cursor(&token, Some("42".to_string()), None),
            Ok(Some(42))
        );
        assert_eq!(follow_cursor(&token, Some("x".to_string()), None), Ok(None));
        let text: Option<String> = Some("a".into());
        assert_eq!(
            follow_cursor(&text, Some(String::new()), Some(true)),
            Ok(None)
        );
        assert_eq!(
            follow_cursor(&text, Some(7_i64), None),
            Ok(Some("7".into()))
        );
    }
}
