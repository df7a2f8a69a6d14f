//! Search: ranking over the shipped handbook (a query set scored by MRR and
//! recall@3), and the search box in real headless Chromium.

#[path = "search/browser.rs"]
mod browser;
#[path = "search/cdp.rs"]
mod cdp;
#[path = "search/content.rs"]
mod content;
#[path = "search/queries.rs"]
mod queries;
#[path = "search/site.rs"]
mod site;
