//! GCRA (the generic cell rate algorithm) without burst, on several limits
//! at once: the arithmetic of [`LocalLimiter`](super::LocalLimiter), and of
//! the Lua script of `oapi-redis`, which mirrors it line for line.
//!
//! Each counter keeps one number, its TAT (theoretical arrival time): the
//! earliest time its next turn may be. A call asking at `now` under limits
//! `1..k` gets its turn at `at = max(now, tat_1, …, tat_k)`; if `at - now`
//! is within the longest wait, every `tat_i` becomes `at + interval_i`, else
//! nothing changes. Turns under one counter are therefore at least its
//! interval apart, whichever other limits delayed them.

/// The outcome of [`reserve`], in the clock's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// The turn is taken: wait this long.
    Taken(u64),
    /// Refused: the wait would be this long, because of the limit at `index`.
    Refused {
        /// The wait needed.
        wait: u64,
        /// Which limit needs it.
        index: usize,
    },
}

/// Takes a turn at `now` under counters whose TATs are `tats` (updated in
/// place when the turn is taken) and whose intervals are `intervals`, if
/// the wait is at most `max_wait`. A missing counter has TAT 0.
pub fn reserve(tats: &mut [u64], intervals: &[u64], now: u64, max_wait: u64) -> Turn {
    let (index, latest) = tats
        .iter()
        .copied()
        .enumerate()
        .max_by_key(|(_, tat)| *tat)
        .unwrap_or((0, 0));
    let at = now.max(latest);
    let wait = at - now;
    if wait > max_wait {
        return Turn::Refused { wait, index };
    }
    for (tat, interval) in tats.iter_mut().zip(intervals) {
        *tat = at.saturating_add(*interval);
    }
    Turn::Taken(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_by_the_interval_and_bounded_by_the_wait() {
        let mut tats = [0u64];
        let turns: Vec<Turn> = (0..4).map(|_| reserve(&mut tats, &[25], 100, 60)).collect();
        assert_eq!(
            turns,
            [
                Turn::Taken(0),
                Turn::Taken(25),
                Turn::Taken(50),
                Turn::Refused { wait: 75, index: 0 }
            ]
        );
        assert_eq!(tats, [175], "a refusal takes nothing");
        // Idle time is not banked: after a pause the next turn is now, not a burst.
        assert_eq!(reserve(&mut tats, &[25], 1_000, 0), Turn::Taken(0));
        assert_eq!(
            reserve(&mut tats, &[25], 1_000, 0),
            Turn::Refused { wait: 25, index: 0 }
        );
    }

    #[test]
    fn several_limits_take_the_latest_and_all_advance() {
        // 40/s per endpoint (25 ms) and a slower app-wide limit (40 ms).
        let mut tats = [0u64, 0];
        assert_eq!(reserve(&mut tats, &[25, 40], 0, 1_000), Turn::Taken(0));
        assert_eq!(tats, [25, 40]);
        assert_eq!(reserve(&mut tats, &[25, 40], 0, 1_000), Turn::Taken(40));
        assert_eq!(tats, [65, 80]);
        assert_eq!(
            reserve(&mut tats, &[25, 40], 0, 50),
            Turn::Refused { wait: 80, index: 1 }
        );
    }

    #[test]
    fn no_window_holds_more_than_the_limit() {
        // limit 10 per 1000 (interval 100): over any 1000-unit window, at
        // most 10 turns, for callers asking at arbitrary times.
        let mut tats = [0u64];
        let mut turns = Vec::new();
        let mut now = 0;
        for step in 0..500u64 {
            now += (step * 7919) % 60;
            if let Turn::Taken(wait) = reserve(&mut tats, &[100], now, u64::MAX) {
                turns.push(now + wait);
            }
        }
        for (i, start) in turns.iter().enumerate() {
            let within = turns[i..].iter().take_while(|t| **t < start + 1000).count();
            assert!(within <= 10, "{within} turns in [{start}, {start}+1000)");
        }
    }
}
