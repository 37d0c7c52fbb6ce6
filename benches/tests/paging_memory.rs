//! Paging streams hold one page at a time: the peak of allocated bytes
//! while streaming every item of 10,000 pages is no higher than for 1,000.
//!
//! A counting global allocator records the live bytes and their peak. The
//! pages come from a tiny server on 127.0.0.1 speaking the shape of
//! `hrm.querypreentry` (`offset`/`size` → `result.next_cursor`,
//! `result.data_list`), serving any number of pages without storing them.
//!
//! ```text
//! cargo test -p oapi-benches --release --test paging_memory -- --nocapture
//! ```

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Json;
use axum::extract::State;
use axum::routing::{get, post};
use futures::StreamExt;
use oapi_client::dingtalk::{self, hrm};
use serde_json::{Value, json};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; the
// counters are only observed.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                let grown = new_size - layout.size();
                let live = LIVE.fetch_add(grown, Ordering::Relaxed) + grown;
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Items per page (querypreentry's documented maximum).
const PAGE_SIZE: i64 = 50;

/// Pages served: set before each run.
struct Pages {
    total: AtomicUsize,
}

async fn token() -> Json<Value> {
    Json(json!({"errcode": 0, "errmsg": "ok", "access_token": "bench-token", "expires_in": 7200}))
}

async fn querypreentry(State(pages): State<Arc<Pages>>, Json(body): Json<Value>) -> Json<Value> {
    let offset = body["offset"].as_i64().unwrap_or(0);
    let size = body["size"].as_i64().unwrap_or(PAGE_SIZE);
    let total = pages.total.load(Ordering::Relaxed) as i64 * PAGE_SIZE;
    let end = (offset + size).min(total);
    let ids: Vec<String> = (offset..end).map(|i| format!("pre{i:08}")).collect();
    let mut result = json!({"data_list": ids});
    if end < total {
        result["next_cursor"] = json!(end);
    }
    Json(json!({"errcode": 0, "errmsg": "ok", "result": result, "request_id": "r"}))
}

/// Streams every item of `pages` pages (keeping them all when `keep`, as a
/// buffering stream would); returns (items, peak live bytes above the level
/// when the stream started).
async fn stream_all(
    client: &dingtalk::Client,
    server: &Pages,
    pages: usize,
    keep: bool,
) -> (usize, usize) {
    server.total.store(pages, Ordering::Relaxed);
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let mut items = client
        .hrm()
        .querypreentry_items(hrm::querypreentry::Request::new(0, PAGE_SIZE));
    let mut count = 0;
    let mut kept = Vec::new();
    while let Some(item) = items.next().await {
        let id = item.unwrap();
        assert_eq!(id.len(), 11);
        count += 1;
        if keep {
            kept.push(id);
        }
    }
    drop(items);
    drop(kept);
    (count, PEAK.load(Ordering::Relaxed).saturating_sub(start))
}

#[tokio::test(flavor = "current_thread")]
async fn peak_memory_does_not_grow_with_the_number_of_pages() {
    let pages = Arc::new(Pages {
        total: AtomicUsize::new(0),
    });
    let app = axum::Router::new()
        .route("/gettoken", get(token))
        .route(
            "/topapi/smartwork/hrm/employee/querypreentry",
            post(querypreentry),
        )
        .with_state(pages.clone());
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = dingtalk::Client::builder()
        .credentials("bench-key", "bench-secret")
        .base_url("oapi", base.clone())
        .base_url("api", base)
        // Thousands of pages as fast as the client goes (not the declared 40/s).
        .enforce_rate_limits(false)
        .build()
        .unwrap();

    // Warm up: token, connection, lazily initialised state.
    let (warm, _) = stream_all(&client, &pages, 10, false).await;
    assert_eq!(warm, 500);

    let (small_items, small_peak) = stream_all(&client, &pages, 1_000, false).await;
    let (large_items, large_peak) = stream_all(&client, &pages, 10_000, false).await;
    // The control: the counter does see items that are held.
    let (_, kept_peak) = stream_all(&client, &pages, 1_000, true).await;
    println!(
        "1,000 pages: {small_items} items, peak {small_peak} B above start; \
         10,000 pages: {large_items} items, peak {large_peak} B above start; \
         1,000 pages kept: peak {kept_peak} B"
    );
    assert!(
        kept_peak > 1_000_000,
        "holding 50,000 ids must show: {kept_peak} B"
    );
    assert_eq!(small_items, 1_000 * PAGE_SIZE as usize);
    assert_eq!(large_items, 10_000 * PAGE_SIZE as usize);
    // Buffering the items of 10,000 pages would hold 500,000 ids (over
    // 20 MB); one page at a time keeps the peak where 1,000 pages had it.
    // The slack covers allocator-size jitter (buffers grown to a power of two).
    assert!(
        large_peak <= small_peak + small_peak / 2 + 64 * 1024,
        "peak grew with the page count: {small_peak} B for 1,000 pages, {large_peak} B for 10,000"
    );
    assert!(
        large_peak < 2 * 1024 * 1024,
        "a page stream should hold about one page, not {large_peak} B"
    );
    server.abort();
}
