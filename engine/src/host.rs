//! What the engine needs from its runtime besides the database and the backend: a wall
//! clock, randomness, somewhere to write log lines, and a way to run work after the
//! response (`wait_until`). The Worker implements these with `Date.now`, Web Crypto,
//! `console.log` and `Context::wait_until`; the simulation with a seeded world.

use std::rc::Rc;

use futures_util::future::LocalBoxFuture;
use labs_core::time::Timestamp;

/// The wall clock. (`std::time::SystemTime::now` panics in wasm: never call it.)
pub trait Clock {
    /// Milliseconds since the Unix epoch.
    fn wall_ms(&self) -> i64;
}

/// A source of random bytes (cryptographically strong in production: tokens come from it).
pub trait Random {
    /// Fills `buf` with random bytes.
    fn fill(&self, buf: &mut [u8]);
}

/// Where finished log lines go.
pub trait LogSink {
    /// Writes one line (a JSON object).
    fn write(&self, line: &str);
}

/// Runs work that outlives the response (the platform's `wait_until`).
pub trait Spawner {
    /// Starts `task`; the caller does not wait for it.
    fn spawn(&self, task: LocalBoxFuture<'static, ()>);
}

/// Waiting (the platform's timers).
pub trait Timer {
    /// Resolves after `ms` milliseconds.
    fn sleep(&self, ms: u32) -> LocalBoxFuture<'static, ()>;
}

/// The runtime services, shared by everything one invocation runs.
#[derive(Clone)]
pub struct Host {
    /// The wall clock.
    pub clock: Rc<dyn Clock>,
    /// Randomness.
    pub random: Rc<dyn Random>,
    /// Log output.
    pub logs: Rc<dyn LogSink>,
    /// Work after the response.
    pub spawner: Rc<dyn Spawner>,
    /// Timers.
    pub timer: Rc<dyn Timer>,
}

impl Host {
    /// The wall clock as a timestamp (clamped into the representable range).
    pub fn wall(&self) -> Timestamp {
        let ms = self.clock.wall_ms();
        Timestamp::from_millis(ms).unwrap_or(if ms < 0 {
            Timestamp::from_millis(0).expect("the epoch is in range")
        } else {
            Timestamp::MAX
        })
    }

    /// A random (v4) UUID.
    pub fn uuid(&self) -> String {
        let mut b = [0u8; 16];
        self.random.fill(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }

    /// A random number in `[0, 1)`, for backoff jitter.
    pub fn unit(&self) -> f64 {
        let mut b = [0u8; 8];
        self.random.fill(&mut b);
        (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// 32 random bytes, for API tokens.
    pub fn bytes32(&self) -> [u8; 32] {
        let mut b = [0u8; 32];
        self.random.fill(&mut b);
        b
    }
}
