//! Following the API's cursors: one loop for every paginated list (`session list --all`,
//! `cleanup runs --limit N`, `cleanup queue`).
//!
//! The fetch of one page is passed in, so the loop (page sizes, the cap, when to stop) is
//! tested without a Worker.

use std::future::Future;

use serde_json::Value;

use crate::api::Page;
use crate::exit::CliError;

/// The API's largest page (labs-core's [`MAX_LIMIT`](labs_core::query::MAX_LIMIT)).
pub const MAX_PAGE: u32 = {
    let max = labs_core::query::MAX_LIMIT;
    assert!(max <= u32::MAX as usize);
    max as u32
};

/// How much to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// The `limit` of each request (the last one asks only for what the cap still allows).
    pub page_size: u32,
    /// Stop once this many items are in; `None`: no cap.
    pub cap: Option<usize>,
    /// Stop after the first page whatever is left.
    pub one_page: bool,
}

impl Paging {
    /// Up to `cap` items, in pages as large as the API allows.
    pub fn up_to(cap: u32) -> Self {
        Self {
            page_size: MAX_PAGE,
            cap: Some(cap as usize),
            one_page: false,
        }
    }
}

/// What was fetched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collected {
    /// The items, in the API's order.
    pub items: Vec<Value>,
    /// Whether the API has more than was fetched (a cap or `one_page` stopped the loop).
    pub more: bool,
    /// How many requests were made.
    pub pages: usize,
}

/// [`collect`] with one progress line on stderr for the whole walk (when `show_progress`),
/// counting `what` ("sessions", "ended labs") and the pages fetched so far.
pub async fn collect_with_progress<F, Fut>(
    paging: Paging,
    show_progress: bool,
    what: &str,
    fetch: F,
) -> Result<Collected, CliError>
where
    F: FnMut(u32, Option<String>) -> Fut,
    Fut: Future<Output = Result<Page, CliError>>,
{
    let bar = show_progress.then(|| crate::output::spinner(format!("Fetching {what}…")));
    let result = collect(paging, fetch, |so_far| {
        if let Some(bar) = &bar {
            bar.set_message(format!(
                "Fetched {} {what} ({} pages)…",
                so_far.items.len(),
                so_far.pages
            ));
        }
    })
    .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

/// Fetches pages with `fetch(limit, cursor)` until the last page, the cap, or the first
/// page when `one_page`; calls `progress` after each page.
pub async fn collect<F, Fut>(
    paging: Paging,
    mut fetch: F,
    mut progress: impl FnMut(&Collected),
) -> Result<Collected, CliError>
where
    F: FnMut(u32, Option<String>) -> Fut,
    Fut: Future<Output = Result<Page, CliError>>,
{
    let mut collected = Collected::default();
    let mut cursor: Option<String> = None;
    loop {
        let limit = match paging.cap {
            Some(cap) => {
                let left = cap.saturating_sub(collected.items.len());
                u32::try_from(left).map_or(paging.page_size, |l| l.min(paging.page_size))
            }
            None => paging.page_size,
        };
        let page = fetch(limit, cursor.take()).await?;
        collected.pages += 1;
        let empty = page.items.is_empty();
        collected.items.extend(page.items);
        if let Some(cap) = paging.cap
            && collected.items.len() > cap
        {
            // A Worker that ignored `limit`: keep the promise of the cap.
            collected.items.truncate(cap);
            collected.more = true;
        } else {
            collected.more = page.next_cursor.is_some();
        }
        progress(&collected);
        let full = paging.cap.is_some_and(|cap| collected.items.len() >= cap);
        let Some(next) = page.next_cursor else { break };
        if paging.one_page || full {
            break;
        }
        if empty {
            // A cursor after an empty page would loop forever.
            return Err(CliError::Other(anyhow::anyhow!(
                "the Worker returned an empty page with a cursor; stopping after {} items",
                collected.items.len()
            )));
        }
        cursor = Some(next);
    }
    Ok(collected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::cell::RefCell;

    /// A list of `total` numbered items behind a fake API, which records the requests.
    fn run(total: usize, paging: Paging) -> (Collected, Vec<(u32, Option<String>)>) {
        let requests = RefCell::new(Vec::new());
        let fetch = |limit: u32, cursor: Option<String>| {
            requests.borrow_mut().push((limit, cursor.clone()));
            let start: usize = cursor.map_or(0, |c| c.parse().unwrap());
            let end = (start + limit as usize).min(total);
            let page = Page {
                items: (start..end).map(|i| json!(i)).collect(),
                next_cursor: (end < total).then(|| end.to_string()),
            };
            std::future::ready(Ok(page))
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let collected = runtime.block_on(collect(paging, fetch, |_| {})).unwrap();
        (collected, requests.into_inner())
    }

    fn numbers(collected: &Collected) -> Vec<u64> {
        collected
            .items
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect()
    }

    #[test]
    fn a_cap_above_the_page_size_follows_the_cursors() {
        let (got, requests) = run(250, Paging::up_to(230));
        assert_eq!(numbers(&got), (0..230).collect::<Vec<_>>());
        assert!(got.more);
        assert_eq!(
            requests,
            vec![
                (100, None),
                (100, Some("100".into())),
                (30, Some("200".into()))
            ]
        );
    }

    #[test]
    fn a_short_list_ends_at_its_last_page() {
        let (got, requests) = run(3, Paging::up_to(20));
        assert_eq!(numbers(&got), vec![0, 1, 2]);
        assert!(!got.more);
        assert_eq!(requests, vec![(20, None)]);
        let (exact, _) = run(200, Paging::up_to(200));
        assert_eq!(exact.items.len(), 200);
        assert!(!exact.more);
    }

    #[test]
    fn without_a_cap_every_page_is_fetched() {
        let paging = Paging {
            page_size: 1,
            cap: None,
            one_page: false,
        };
        let (got, requests) = run(3, paging);
        assert_eq!(numbers(&got), vec![0, 1, 2]);
        assert_eq!(got.pages, 3);
        assert_eq!(requests.len(), 3);
    }

    #[test]
    fn one_page_stops_and_says_there_is_more() {
        let paging = Paging {
            page_size: 2,
            cap: None,
            one_page: true,
        };
        let (got, requests) = run(5, paging);
        assert_eq!(numbers(&got), vec![0, 1]);
        assert!(got.more);
        assert_eq!(requests, vec![(2, None)]);
    }

    #[test]
    fn an_empty_page_with_a_cursor_is_an_error_not_a_loop() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let fetch = |_: u32, _: Option<String>| {
            std::future::ready(Ok(Page {
                items: Vec::new(),
                next_cursor: Some("again".into()),
            }))
        };
        let paging = Paging {
            page_size: 10,
            cap: None,
            one_page: false,
        };
        assert!(runtime.block_on(collect(paging, fetch, |_| {})).is_err());
    }
}
