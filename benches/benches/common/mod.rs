//! Set-up shared by the client and fake-platform benches.

/// A tokio runtime like a small service's: multi-thread, 2 workers.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}
