//! Integration tests: build fixture sites from `tests/fixtures/` with the real binary
//! and look at what was written. One binary, one module per feature.

mod cdp;
mod support;

mod build;
mod errors;
mod links;
mod output;
mod search;
mod serve;
mod shipped;
