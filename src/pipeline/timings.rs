//! Stage timings on stderr when `HANDBOOK_TIMINGS` is set: how benchmarks say which
//! stage dominates a build. Off, it costs one branch per stage.

use std::time::Instant;

pub struct Timings {
    on: bool,
    last: Instant,
}

impl Timings {
    pub fn from_env() -> Self {
        Timings {
            on: std::env::var_os("HANDBOOK_TIMINGS").is_some(),
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
            eprintln!(
                "timing: {stage:<28} {:>7.1} ms",
                (now - self.last).as_secs_f64() * 1e3
            );
            self.last = now;
        }
    }
}
