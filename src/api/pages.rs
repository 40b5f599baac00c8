//! A search followed page by page, which always ends: a server that hands
//! back a key it already gave (A → B → A as well as A → A), or keeps sending
//! pages the requests on them cannot explain, ends the listing with an error
//! instead of a loop.

use std::collections::HashSet;

use super::client::Client;
use super::error::ApiError;
use super::model::{IntegrationRequest, SearchQuery};

/// Pages beyond one per request seen that a listing tolerates. A server may
/// legitimately send an empty page with a next key (a filtered scan that
/// found nothing in one stretch), so a few are fine; endless ones are not.
pub const EMPTY_PAGES_ALLOWED: usize = 100;

/// The most of a page key repeated in an error: it is the server's text.
const MAX_KEY_CHARS: usize = 80;

/// A search in progress; each call fetches the next page.
pub struct Pages {
    client: Client,
    query: SearchQuery,
    /// `Some(key)` while another page is due; `None` once the last page came.
    next: Option<Option<String>>,
    /// Every key already asked for, so a cycle of any length is seen.
    seen: HashSet<String>,
    /// Why the search stops, given on the call after the page that showed
    /// it: that page's own requests are still good.
    stopped: Option<ApiError>,
    pages: usize,
    items: usize,
}

impl Pages {
    pub(super) fn new(client: Client, query: SearchQuery) -> Self {
        Pages {
            client,
            query,
            next: Some(None),
            seen: HashSet::new(),
            stopped: None,
            pages: 0,
            items: 0,
        }
    }

    /// The next page, `Ok(None)` after the last. On a transient error the
    /// position is kept, so calling again retries the same page; a server
    /// that pages in a loop ends the search with an error (once).
    pub async fn next_page(&mut self) -> Result<Option<Vec<IntegrationRequest>>, ApiError> {
        if let Some(e) = self.stopped.take() {
            return Err(e);
        }
        let Some(key) = self.next.take() else {
            return Ok(None);
        };
        let page = match self.client.search_page(&self.query, key.as_deref()).await {
            Ok(page) => page,
            Err(e) => {
                self.next = Some(key);
                return Err(e);
            }
        };
        if let Some(k) = key {
            self.seen.insert(k);
        }
        self.pages += 1;
        self.items += page.items.len();
        if let Some(k) = page.next_page_key.filter(|k| !k.is_empty()) {
            self.stopped = self.follow(k).err();
        }
        Ok(Some(page.items))
    }

    /// Queue `key` as the next page, unless following it could never end.
    fn follow(&mut self, key: String) -> Result<(), ApiError> {
        if self.seen.contains(&key) {
            return Err(ApiError::PageKeyRepeated {
                key: crate::text::clean_bounded(&key, MAX_KEY_CHARS),
                pages: self.pages,
            });
        }
        if self.pages >= self.items + EMPTY_PAGES_ALLOWED {
            return Err(ApiError::TooManyPages {
                pages: self.pages,
                items: self.items,
            });
        }
        self.next = Some(Some(key));
        Ok(())
    }

    /// How many pages have been fetched so far.
    pub fn fetched(&self) -> usize {
        self.pages
    }

    /// Whether the last page has been fetched (or the search has stopped).
    pub fn is_done(&self) -> bool {
        self.next.is_none() && self.stopped.is_none()
    }
}

/// Searching page by page is the pages' business: the client only sends.
impl Client {
    /// Page-by-page search, so a caller can show the first page at once.
    pub fn search_pages(&self, query: SearchQuery) -> Pages {
        Pages::new(self.clone(), query)
    }

    /// Every matching request, following `nextPageKey` through all pages.
    pub async fn search(&self, query: &SearchQuery) -> Result<Vec<IntegrationRequest>, ApiError> {
        let mut pages = self.search_pages(query.clone());
        let mut all = Vec::new();
        while let Some(page) = pages.next_page().await? {
            all.extend(page);
        }
        Ok(all)
    }
}
