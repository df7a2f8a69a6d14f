//! Search over the shipped handbook, built by the real binary: a query set scored
//! by MRR and recall@3 with the Rust mirror of the browser's ranking, and the
//! search box in real headless Chromium.

mod browser;
mod queries;
mod shipped;
