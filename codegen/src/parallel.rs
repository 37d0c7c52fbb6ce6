//! Emission and formatting of the generated files on every core. Each file
//! is emitted and formatted from the IR alone, so the work splits per file;
//! together the two stages are three quarters of the generator's time.

use std::panic;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Below this many items, threads cost more than they save.
const SERIAL_BELOW: usize = 16;

/// `items.iter().map(f).collect()`, on up to one thread per core, results in
/// the order of `items`.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism().map_or(1, usize::from);
    if workers < 2 || items.len() < SERIAL_BELOW {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..workers.min(items.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        mine.push((index, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            // A panic in `f` is a generator bug: it goes on in the caller.
            .flat_map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|panic| panic::resume_unwind(panic))
            })
            .collect()
    });
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_items_at_any_size() {
        for n in [0, 1, SERIAL_BELOW - 1, SERIAL_BELOW, 1000] {
            let items: Vec<usize> = (0..n).collect();
            let squares = map(&items, |i| i * i);
            assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        }
    }

    #[test]
    fn runs_on_more_than_one_thread_when_there_are_cores() {
        let items: Vec<usize> = (0..200).collect();
        let ids = map(&items, |_| {
            std::thread::sleep(std::time::Duration::from_millis(1));
            thread::current().id()
        });
        let distinct: std::collections::HashSet<_> = ids.into_iter().collect();
        let cores = thread::available_parallelism().map_or(1, usize::from);
        assert_eq!(distinct.len() > 1, cores > 1, "{distinct:?}");
    }
}
