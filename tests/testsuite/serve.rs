//! `handbook serve` end to end: the built binary on an ephemeral port against a temp
//! copy of a fixture site (`preview`), spoken to over raw HTTP (`http`) and from
//! headless Chromium (`reload`); and the cache it rebuilds with, checked against
//! full builds (`incremental`). Every wait is bounded, so a broken server fails a
//! test instead of hanging it.

mod http;
mod incremental;
mod preview;
mod reload;
