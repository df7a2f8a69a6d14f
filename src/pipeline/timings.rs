//! Stage timings on stderr when `HANDBOOK_TIMINGS` is set: how benchmarks say which
//! stage dominates a build. Off, it costs one branch per stage.

use std::time::{Duration, Instant};

pub struct Timings {
    on: bool,
    last: Instant,
}

impl Timings {
    pub fn from_env() -> Self {
        Timings {
            on: enabled(),
            last: Instant::now(),
        }
    }

    /// Prints a line of other facts about the run (cache counters).
    pub fn note(&self, what: impl std::fmt::Display) {
        if self.on {
            eprintln!("timing: {what}");
        }
    }

    /// Prints the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if self.on {
            let now = Instant::now();
            print(stage, now - self.last);
            self.last = now;
        }
    }
}

/// Whether `HANDBOOK_TIMINGS` is set.
pub fn enabled() -> bool {
    std::env::var_os("HANDBOOK_TIMINGS").is_some()
}

/// Prints one timing line. Work on other threads (a search index's steps,
/// `search index fi: score`) is printed when it is done, among the stages it ran
/// beside.
pub fn print(what: &str, took: Duration) {
    eprintln!("timing: {what:<34} {:>8.2} ms", took.as_secs_f64() * 1e3);
}
