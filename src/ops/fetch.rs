//! Every page of a search, with each page's transient failures retried: the
//! one page loop the console's load, import planning and `intake list` share.

use std::ops::ControlFlow;

use crate::api::retry::{self, RetryPolicy};
use crate::api::{ApiError, Client, IntegrationRequest, SearchQuery};

/// Hand each page to `each` with whether it is the last; a search that ends
/// without a last page ends with `(vec![], true)`. `Break` stops early. A
/// server that pages in a loop (a key given twice, or pages the requests on
/// them cannot explain) ends it with an error after the pages before it, so
/// this always returns.
pub async fn for_each_page(
    client: &Client,
    policy: RetryPolicy,
    query: SearchQuery,
    mut each: impl FnMut(Vec<IntegrationRequest>, bool) -> ControlFlow<()>,
) -> Result<(), ApiError> {
    let mut pages = client.search_pages(query);
    loop {
        match retry::next_page(&mut pages, policy).await? {
            Some(items) => {
                let done = pages.is_done();
                if each(items, done).is_break() || done {
                    return Ok(());
                }
            }
            None => {
                let _ = each(Vec::new(), true);
                return Ok(());
            }
        }
    }
}

/// Every request the search finds, in the server's order.
pub async fn fetch_all_pages(
    client: &Client,
    policy: RetryPolicy,
    query: SearchQuery,
) -> Result<Vec<IntegrationRequest>, ApiError> {
    fetch_all_pages_seen(client, policy, query, |_, _| {}).await
}

/// [`fetch_all_pages`], telling `seen` the requests and pages so far after
/// each page (a CLI's progress).
pub async fn fetch_all_pages_seen(
    client: &Client,
    policy: RetryPolicy,
    query: SearchQuery,
    mut seen: impl FnMut(usize, usize),
) -> Result<Vec<IntegrationRequest>, ApiError> {
    let mut all = Vec::new();
    let mut pages = 0;
    for_each_page(client, policy, query, |items, _| {
        all.extend(items);
        pages += 1;
        seen(all.len(), pages);
        ControlFlow::Continue(())
    })
    .await?;
    Ok(all)
}
