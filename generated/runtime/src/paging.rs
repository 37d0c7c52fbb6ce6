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

/// The six paging styles of the platforms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PagingStyle {
    /// `offset`/`size` → `next_cursor`; no `next_cursor` ends.
    Offset,
    /// `cursor`/`size` → `next_cursor`/`has_more`.
    Cursor,
    /// `nextToken`/`maxResults` → `nextToken`/`hasMore`.
    Token,
    /// `page`/`page_size`: a short or empty page ends.
    Page,
    /// `pageNum`/`pageSize` → `pages`/`total`.
    PageNum,
    /// `cursor` = id of the last item, `has_more`.
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
cursor_slot!(i64, String);

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

/// `offset`, `cursor`, `token` and `last_id` styles: the next cursor, if
/// there is one and `has_more` does not say otherwise.
pub fn follow_cursor<S: CursorSlot>(
    slot: &S,
    next: Option<S::Value>,
    has_more: Option<bool>,
) -> Result<Option<S::Value>, PagingError> {
    if has_more == Some(false) {
        return Ok(None);
    }
    let Some(next) = next else { return Ok(None) };
    if slot.current().as_ref() == Some(&next) {
        return Err(PagingError::NoProgress {
            cursor: next.to_string(),
        });
    }
    Ok(Some(next))
}

/// `page` style: the next page number unless this page was short or empty.
pub fn next_page_number(page: Option<i64>, size: Option<i64>, items: usize) -> Option<i64> {
    let full = size.is_none_or(|size| i64::try_from(items).is_ok_and(|n| n >= size));
    (items > 0 && full).then(|| page.unwrap_or(1) + 1)
}

/// `page_num` style: the next page number unless this was the last of `pages`.
pub fn next_page_num(page: Option<i64>, pages: Option<i64>, items: usize) -> Option<i64> {
    let page = page.unwrap_or(1);
    let more = pages.map_or(items > 0, |pages| page < pages);
    (items > 0 && more).then_some(page + 1)
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
        assert_eq!(follow_cursor(&offset, None, None), Ok(None));
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

    #[test]
    fn page_numbers_stop_on_short_or_last_pages() {
        assert_eq!(next_page_number(Some(1), Some(30), 30), Some(2));
        assert_eq!(next_page_number(Some(2), Some(30), 29), None);
        assert_eq!(next_page_number(Some(2), Some(30), 0), None);
        assert_eq!(next_page_num(Some(1), Some(3), 50), Some(2));
        assert_eq!(next_page_num(Some(3), Some(3), 50), None);
        assert_eq!(next_page_num(Some(1), None, 0), None);
    }
}
