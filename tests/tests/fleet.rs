//! A fleet of OS processes acting as one app (the `fleet-worker` binary, N
//! processes × M tasks), sharing rate limits and the access token on a real
//! redis-server, against the fake platform of this process, which counts
//! every arrival and refuses what is over a declared limit:
//!
//! - a cold fleet makes exactly one token request, is never throttled,
//!   never has more than 40 calls in any second, and uses at least 90 % of
//!   the binding limit (DingTalk's 1,500/min per app: 25/s);
//! - a lock holder killed mid-refresh is replaced when its lock expires;
//! - Redis stopped mid-run: no call lost, the limits still kept (each
//!   process takes its share), and Redis used again when it returns.
//!
//! The tests run one at a time: their timing is what they check, on a
//! machine of two cores.

mod e2e_support;

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use e2e_support::fake;
use oapi_client::fake::{self as fakes, FakePlatform, Fault};
use oapi_redis::testing::{RedisServer, start_or_skip};
use tokio::sync::Mutex;

const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";
/// DingTalk's binding limit: 1,500 per minute per app.
const APP_PER_SECOND: f64 = 1500.0 / 60.0;

static ONE_AT_A_TIME: Mutex<()> = Mutex::const_new(());

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// One worker process with `name=value` arguments on top of the common ones.
fn worker(
    fake: &FakePlatform,
    redis: &RedisServer,
    prefix: &str,
    args: &[(&str, String)],
) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fleet-worker"));
    command
        .arg(format!("fake={}", fake.base_url()))
        .arg(format!("redis={}", redis.url()))
        .arg(format!("prefix={prefix}"))
        .arg(format!("key={}", fakes::credential("dingtalk", "app_key")))
        .arg(format!(
            "secret={}",
            fakes::credential("dingtalk", "app_secret")
        ));
    for (name, value) in args {
        command.arg(format!("{name}={value}"));
    }
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn fleet-worker")
}

async fn finish(child: Child) -> Output {
    tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .expect("join")
        .expect("worker output")
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn throttled(fake: &FakePlatform) -> usize {
    fake.verdicts()
        .iter()
        .filter(|v| v.verdict.starts_with("throttled"))
        .count()
}

/// Calls per second between the first and the last arrival.
fn rate(arrivals: &[Duration]) -> f64 {
    let span = arrivals[arrivals.len() - 1] - arrivals[0];
    (arrivals.len() - 1) as f64 / span.as_secs_f64()
}

/// Arrivals per second counted from the first one (the platform's buckets
/// start anywhere: `max_in_window` checks every start).
fn per_second(arrivals: &[Duration]) -> Vec<usize> {
    let first = arrivals[0];
    let mut counts = Vec::new();
    for at in arrivals {
        let second = (*at - first).as_secs() as usize;
        if counts.len() <= second {
            counts.resize(second + 1, 0);
        }
        counts[second] += 1;
    }
    counts
}

/// Checks the fleet kept to DingTalk's limits and used them; prints the figures.
fn assert_kept_and_used(fake: &FakePlatform, calls: usize, what: &str) {
    assert_eq!(throttled(fake), 0, "{what}: the fake refused none");
    let arrivals = fake.arrivals(PREENTRY);
    assert_eq!(arrivals.len(), calls, "{what}: each call sent once");
    let max = fake.max_in_window(PREENTRY, Duration::from_secs(1));
    let used = rate(&arrivals);
    eprintln!(
        "{what}: {calls} calls, {} token request(s), at most {max} in any second \
         (limit 40), per second {:?}, {used:.2}/s = {:.1} % of the binding {APP_PER_SECOND}/s",
        fake.token_requests(),
        per_second(&arrivals),
        100.0 * used / APP_PER_SECOND,
    );
    assert!(max <= 40, "{what}: {max} calls in one second");
    assert!(
        used >= 0.9 * APP_PER_SECOND,
        "{what}: {used:.2}/s is under 90 % of {APP_PER_SECOND}/s"
    );
    assert!(
        max_in_minute_ok(&arrivals),
        "{what}: over 1,500 in a minute"
    );
}

fn max_in_minute_ok(arrivals: &[Duration]) -> bool {
    arrivals.len() <= 1500
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cold_fleet_makes_one_token_request_and_keeps_to_the_limits() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let Some(redis) = start_or_skip() else { return };
    let fake = fake().await;
    fake.enforce_rate_limits(true);
    let (processes, tasks, calls) = (4, 16, 2);
    let start = (now_ms() + 1500).to_string();
    let workers: Vec<Child> = (0..processes)
        .map(|_| {
            worker(
                &fake,
                &redis,
                "cold:",
                &[
                    ("tasks", tasks.to_string()),
                    ("calls", calls.to_string()),
                    ("start_ms", start.clone()),
                    ("fleet", processes.to_string()),
                ],
            )
        })
        .collect();
    for child in workers {
        let output = finish(child).await;
        let (stdout, stderr) = text(&output);
        assert!(output.status.success(), "{stdout}{stderr}");
        assert!(
            stdout.contains(&format!("done ok={} failed=0", tasks * calls)),
            "{stdout}"
        );
        assert!(!stderr.contains("Redis unreachable"), "{stderr}");
        for secret in ["fake-token-", &fakes::credential("dingtalk", "app_secret")] {
            assert!(
                !stdout.contains(secret) && !stderr.contains(secret),
                "{secret} logged"
            );
        }
    }
    // The fleet's keys name the app by its key, never by its secret (the
    // counters are gone already: each lives until its next turn is due).
    let keys = redis.command("KEYS *").expect("KEYS");
    let app_key = fakes::credential("dingtalk", "app_key");
    assert!(
        keys.contains(&format!("cold:token:dingtalk:app:{app_key}")),
        "{keys}"
    );
    assert!(
        !keys.contains(&fakes::credential("dingtalk", "app_secret")),
        "{keys}"
    );
    assert_eq!(
        fake.token_requests(),
        1,
        "{processes} processes × {tasks} tasks on a cold cache: one token request"
    );
    assert_kept_and_used(&fake, processes * tasks * calls, "4-process fleet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lock_holder_killed_mid_refresh_is_replaced_when_its_lock_expires() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let Some(redis) = start_or_skip() else { return };
    let fake = fake().await;
    // The first token request never gets its answer in time.
    fake.inject("/gettoken", Fault::Latency(Duration::from_secs(30)), 1);
    let lock_ttl = ("lock_ttl_ms", "1000".to_owned());
    let mut holder = worker(&fake, &redis, "kill:", std::slice::from_ref(&lock_ttl));
    let deadline = Instant::now() + Duration::from_secs(20);
    while fake.token_requests() == 0 {
        assert!(
            Instant::now() < deadline,
            "the holder never asked for a token"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let locked_at = Instant::now();
    let waiters: Vec<Child> = (0..2)
        .map(|_| {
            worker(
                &fake,
                &redis,
                "kill:",
                &[
                    ("tasks", "4".to_owned()),
                    ("calls", "2".to_owned()),
                    lock_ttl.clone(),
                ],
            )
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    holder.kill().expect("kill the lock holder");
    let _ = holder.wait();
    for child in waiters {
        let output = finish(child).await;
        let (stdout, stderr) = text(&output);
        assert!(output.status.success(), "{stdout}{stderr}");
        assert!(stdout.contains("done ok=8 failed=0"), "{stdout}");
    }
    let waited = locked_at.elapsed();
    eprintln!("holder killed: waiters done {waited:?} after the lock was taken");
    assert_eq!(
        fake.token_requests(),
        2,
        "the dead holder's request and one replacement, not one per waiter"
    );
    assert!(
        waited >= Duration::from_millis(700),
        "{waited:?}: before the lock expired?"
    );
    assert_eq!(fake.requests(PREENTRY), 16);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_mid_run_loses_no_call_and_keeps_the_limits() {
    let _serial = ONE_AT_A_TIME.lock().await;
    let Some(mut redis) = start_or_skip() else {
        return;
    };
    let fake = fake().await;
    fake.enforce_rate_limits(true);
    let (processes, tasks, calls) = (3, 5, 10);
    let start_ms = now_ms() + 1500;
    let workers: Vec<Child> = (0..processes)
        .map(|_| {
            worker(
                &fake,
                &redis,
                "down:",
                &[
                    ("tasks", tasks.to_string()),
                    ("calls", calls.to_string()),
                    ("start_ms", start_ms.to_string()),
                    ("fleet", processes.to_string()),
                ],
            )
        })
        .collect();
    let started = UNIX_EPOCH + Duration::from_millis(start_ms);
    let at = |offset_ms: u64| {
        (started + Duration::from_millis(offset_ms))
            .duration_since(SystemTime::now())
            .unwrap_or_default()
    };
    tokio::time::sleep(at(1500)).await;
    redis.stop();
    let stopped = fake.arrivals(PREENTRY).len();
    tokio::time::sleep(at(3500)).await;
    let during = fake.arrivals(PREENTRY).len() - stopped;
    redis.resume().expect("redis back");
    let mut fell_back = 0;
    let mut recovered = 0;
    for child in workers {
        let output = finish(child).await;
        let (stdout, stderr) = text(&output);
        assert!(output.status.success(), "{stdout}{stderr}");
        assert!(
            stdout.contains(&format!("done ok={} failed=0", tasks * calls)),
            "{stdout}{stderr}"
        );
        let said = |what: &str| usize::from(stderr.contains(what));
        fell_back += said("Redis unreachable");
        recovered += said("Redis answers again");
        if said("Redis unreachable") + said("Redis answers again") < 2 {
            eprintln!("a worker's log:\n{stderr}");
        }
    }
    eprintln!("Redis down for 2 s: {during} calls sent meanwhile");
    assert_eq!(fell_back, processes, "each process said it fell back");
    assert_eq!(
        recovered, processes,
        "each process said Redis answers again"
    );
    assert!(during >= 40, "calls went on while Redis was down: {during}");
    assert_eq!(fake.token_requests(), 1, "the token outlived the outage");
    assert_kept_and_used(&fake, processes * tasks * calls, "Redis stopped mid-run");
}
