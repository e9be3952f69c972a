//! A deterministic single-threaded scheduler: many tasks, and at every await the seed picks
//! which runs next.
//!
//! Time is simulated: it moves when an actor jumps the clock, or when no task is ready and
//! the earliest timer is due. A task marked killable stands for a Worker invocation: the
//! scheduler may drop it at any await (its future dropped mid-flight), as a Worker dies.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

use futures_util::future::LocalBoxFuture;

/// Traces show time from 2026-12-01T00:00:00Z, where every seed's clock starts.
pub const EPOCH_OFFSET: i64 = 1_796_083_200_000;

/// SplitMix64: small, fast, and the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A task's waker: sets the task's flag, which makes it ready.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::Relaxed);
    }
    fn wake_by_ref(self: &Arc<Self>) {
        self.0.store(true, Ordering::Relaxed);
    }
}

struct Task {
    future: Option<LocalBoxFuture<'static, ()>>,
    label: Rc<str>,
    killable: bool,
    ready: Arc<Flag>,
    /// `Some(true)` once finished, `Some(false)` once killed.
    ended: Option<bool>,
    /// Wakers of the tasks joining this one.
    joiners: Vec<Waker>,
}

struct State {
    now: i64,
    rng: Rng,
    tasks: Vec<Task>,
    /// Sleepers: when each is due, and whom to wake.
    timers: Vec<(i64, Waker)>,
    steps: u64,
    kill_chance: f64,
    trace: Vec<String>,
    /// Polls per task label, for explaining a world that does not settle.
    polls: std::collections::HashMap<Rc<str>, u64>,
}

/// The scheduler; cloning shares it.
#[derive(Clone)]
pub struct Sched(Rc<RefCell<State>>);

/// How one run of the scheduler ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Every task ended.
    Idle,
    /// The step budget ran out first.
    OutOfSteps,
}

impl Sched {
    /// A scheduler at time `now_ms`, seeded with `seed`.
    pub fn new(seed: u64, now_ms: i64) -> Sched {
        Sched(Rc::new(RefCell::new(State {
            now: now_ms,
            rng: Rng::new(seed),
            tasks: Vec::new(),
            timers: Vec::new(),
            steps: 0,
            kill_chance: 0.0,
            trace: Vec::new(),
            polls: std::collections::HashMap::new(),
        })))
    }

    /// Simulated now, in ms.
    pub fn now(&self) -> i64 {
        self.0.borrow().now
    }

    /// Moves the clock forward by `ms` (timers then due fire at the next step).
    pub fn advance(&self, ms: i64) {
        self.0.borrow_mut().now += ms.max(0);
    }

    /// Runs `f` with the seeded generator.
    pub fn rng<T>(&self, f: impl FnOnce(&mut Rng) -> T) -> T {
        f(&mut self.0.borrow_mut().rng)
    }

    /// Polls made so far.
    pub fn steps(&self) -> u64 {
        self.0.borrow().steps
    }

    /// The chance, at each poll, that a killable task is dropped instead.
    pub fn set_kill_chance(&self, p: f64) {
        self.0.borrow_mut().kill_chance = p;
    }

    /// Adds a line to the trace, stamped with the simulated time.
    pub fn trace(&self, line: impl FnOnce() -> String) {
        let mut s = self.0.borrow_mut();
        let at = s.now;
        let text = line();
        s.trace.push(format!(
            "{:>10.3}s  {text}",
            (at - EPOCH_OFFSET) as f64 / 1000.0
        ));
    }

    /// The trace so far.
    pub fn trace_lines(&self) -> Vec<String> {
        self.0.borrow().trace.clone()
    }

    /// Starts `future` as a task; returns its id for [`Sched::join`].
    pub fn spawn(
        &self,
        label: &str,
        killable: bool,
        future: impl Future<Output = ()> + 'static,
    ) -> usize {
        let mut s = self.0.borrow_mut();
        s.tasks.push(Task {
            future: Some(Box::pin(future)),
            label: label.into(),
            killable,
            ready: Arc::new(Flag(AtomicBool::new(true))),
            ended: None,
            joiners: Vec::new(),
        });
        s.tasks.len() - 1
    }

    /// Waits for task `id` to end: `true` if it finished, `false` if it was killed.
    pub fn join(&self, id: usize) -> impl Future<Output = bool> + 'static {
        let sched = self.clone();
        std::future::poll_fn(move |cx| {
            let mut s = sched.0.borrow_mut();
            match s.tasks[id].ended {
                Some(finished) => Poll::Ready(finished),
                None => {
                    s.tasks[id].joiners.push(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
    }

    /// Lets the scheduler run something else first.
    pub fn yield_now(&self) -> impl Future<Output = ()> + 'static {
        let mut yielded = false;
        std::future::poll_fn(move |cx| {
            if yielded {
                Poll::Ready(())
            } else {
                yielded = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        })
    }

    /// Sleeps until simulated time `at`. Always gives way once, even when already due:
    /// every await is a choice point.
    pub fn sleep_until(&self, at: i64) -> impl Future<Output = ()> + 'static {
        let sched = self.clone();
        let mut first = true;
        std::future::poll_fn(move |cx| {
            let mut s = sched.0.borrow_mut();
            if s.now >= at && !first {
                return Poll::Ready(());
            }
            first = false;
            s.timers.push((at, cx.waker().clone()));
            Poll::Pending
        })
    }

    /// Ends task `i` (finished or killed) and wakes whoever joins it.
    fn end(&self, i: usize, finished: bool) {
        let joiners = {
            let mut s = self.0.borrow_mut();
            s.tasks[i].ended = Some(finished);
            std::mem::take(&mut s.tasks[i].joiners)
        };
        joiners.into_iter().for_each(Waker::wake);
    }

    /// Runs tasks until all have ended or `max_steps` polls were made; calls `after_end`
    /// (with the task's label and whether it finished) each time a task ends.
    pub fn run(&self, max_steps: u64, mut after_end: impl FnMut(&str, bool)) -> Stop {
        loop {
            let (pick, kill, waker) = {
                let mut s = self.0.borrow_mut();
                if s.steps >= max_steps {
                    let mut busiest: Vec<(Rc<str>, u64)> =
                        s.polls.iter().map(|(k, v)| (k.clone(), *v)).collect();
                    busiest.sort_by_key(|b| std::cmp::Reverse(b.1));
                    busiest.truncate(5);
                    drop(s);
                    self.trace(|| format!("out of steps; busiest tasks: {busiest:?}"));
                    return Stop::OutOfSteps;
                }
                // Fire due timers.
                let now = s.now;
                let (due, later): (Vec<_>, Vec<_>) =
                    s.timers.drain(..).partition(|(at, _)| *at <= now);
                s.timers = later;
                due.into_iter().for_each(|(_, w)| w.wake());
                let ready: Vec<usize> = (0..s.tasks.len())
                    .filter(|&i| {
                        s.tasks[i].future.is_some() && s.tasks[i].ready.0.load(Ordering::Relaxed)
                    })
                    .collect();
                if ready.is_empty() {
                    match s.timers.iter().map(|(at, _)| *at).min() {
                        Some(at) => {
                            s.now = s.now.max(at);
                            continue;
                        }
                        None => return Stop::Idle,
                    }
                }
                let pick = ready[s.rng.below(ready.len() as u64) as usize];
                let kill_chance = s.kill_chance;
                let kill = s.tasks[pick].killable && kill_chance > 0.0 && s.rng.chance(kill_chance);
                s.steps += 1;
                let flag = s.tasks[pick].ready.clone();
                flag.0.store(false, Ordering::Relaxed);
                (pick, kill, Waker::from(flag))
            };
            let (mut future, label) = {
                let mut s = self.0.borrow_mut();
                let task = &mut s.tasks[pick];
                let taken = (
                    task.future.take().expect("ready tasks have futures"),
                    task.label.clone(),
                );
                *s.polls.entry(taken.1.clone()).or_default() += 1;
                taken
            };
            if kill {
                // Dropped outside the borrow: its destructors may use the scheduler.
                drop(future);
                self.end(pick, false);
                self.trace(|| format!("KILLED {label} (the Worker died mid-flight)"));
                after_end(&label, false);
                continue;
            }
            let mut cx = Context::from_waker(&waker);
            match Pin::new(&mut future).poll(&mut cx) {
                Poll::Ready(()) => {
                    drop(future);
                    self.end(pick, true);
                    after_end(&label, true);
                }
                Poll::Pending => {
                    self.0.borrow_mut().tasks[pick].future = Some(future);
                }
            }
        }
    }
}
