//! The list slice: the rows, their filtered and sorted view, the cursor,
//! the marks, the loads that fill it and the merchant names shown beside
//! it. The filtered, sorted view is recomputed only when the filter, the
//! sort or the data change, never per frame.
//!
//! Everything here works on [`List`] alone and is handed what it needs
//! from outside (the page size, the account, the clock, the safety
//! settings); `app::list_flow` routes the console's intents and API events
//! to it. `store` holds the rows, `filter` and `sort` what they say, `rows`
//! the filtered, sorted view, `cursor` the cursor, `marks` the marks,
//! `range` range marking, `plan` the bulk dialog's plan from them, `load` the loads, `merchants`
//! the merchant names, `shown` how the shown rows changed for the backlog
//! and `intents` what the list's keys do.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use tui_input::Input;

use crate::api::{IntegrationRequest, Merchant};

mod counts;
mod cursor;
mod diff;
mod filter;
mod filter_job;
mod intents;
mod load;
mod marks;
mod merchants;
mod others;
mod plan;
mod range;
mod rows;
mod shown;
mod sort;
mod store;

use counts::Counts;
pub use diff::OthersChange;
pub(crate) use diff::{Left, Live};
pub use filter::Filter;
pub(crate) use filter_job::FILTER_SLICE;
use filter_job::FilterJob;
pub(crate) use intents::{FilterOutcome, ListOutcome};
use marks::Marks;
pub(crate) use range::RangeOutcome;
pub(crate) use shown::{Delta, ShownChanges};
pub use sort::SortKey;
pub(crate) use store::{Facts, Store};

/// What the console knows about a merchant's name this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MerchantInfo {
    /// Asked the worker; no answer yet.
    Pending,
    Known(Merchant),
    /// The key cannot see it (or the lookup failed): shown by id, never asked again.
    Unavailable,
}

#[derive(Debug, Clone)]
pub(crate) struct Loading {
    pub id: u64,
    /// A refresh collects its pages here and swaps them in when done, so
    /// the list does not shrink and regrow every time.
    pub staged: Option<Vec<IntegrationRequest>>,
    pub got_first: bool,
    /// The request the cursor was on, to return to when its page arrives.
    pub cursor_id: Option<String>,
    /// The server's answers to this console's own writes while the load
    /// runs: a page read before a write must not put the old copy back.
    pub written: HashMap<String, IntegrationRequest>,
}

pub(crate) struct List {
    pub(crate) store: Store,
    /// Every row, in sort order.
    pub(crate) order: Vec<u32>,
    /// The rows the filter lets through, in sort order.
    pub(crate) visible: Vec<u32>,
    /// What the list shows: the saved view's filter and the typed one.
    pub(crate) filter: Filter,
    /// The saved view's own filter, under whatever is typed.
    pub(crate) view_filter: Filter,
    pub(crate) filter_text: String,
    pub(crate) filter_input: Input,
    /// The visible rows of the filters typed on the way to this one, so
    /// deleting a character restores them instead of scanning every row.
    /// Valid only while `generation` is unchanged.
    pub(crate) filter_history: Vec<(Filter, Vec<u32>)>,
    pub(crate) filter_history_generation: u64,
    /// The scan a keystroke started, while it has rows left to test.
    pub(crate) filter_job: Option<FilterJob>,
    /// Rows a scan step tests ([`FILTER_SLICE`]; tests make it small).
    pub(crate) filter_slice: usize,
    /// Bumped whenever the rows, their order or their matching change.
    pub(crate) generation: u64,
    pub(crate) sort: SortKey,
    pub(crate) reverse: bool,
    pub(crate) cursor: usize,
    /// A first load keeps the cursor on the top row as pages and merchant
    /// names sort rows in above it, so the operator starts at the top and
    /// not on whatever the first page held; off from their first key or
    /// click, after which the cursor keeps its request.
    pub(crate) follow_top: bool,
    pub(crate) offset: usize,
    pub(crate) marks: Marks,
    pub(crate) visible_marked: usize,
    /// The anchor of a range being marked (`v`), from it to the cursor.
    pub(crate) range: Option<range::Anchor>,
    pub(crate) pending_only: bool,
    pub(crate) next_load_id: u64,
    pub(crate) loading: Option<Loading>,
    pub(crate) loaded_at: Option<DateTime<Utc>>,
    pub(crate) loaded_once: bool,
    /// The last load's failure, shown until a load succeeds.
    pub(crate) load_error: Option<String>,
    /// Merchant names by merchantId, fetched once each per session.
    pub(crate) merchants: HashMap<String, MerchantInfo>,
    /// The requests in other statuses, when pending-only hides every match.
    pub(crate) others: Option<others::Others>,
    /// How many rows each saved view's filter lets through.
    pub(crate) counts: Counts,
    /// New and changed rows since the last look (the live queue).
    pub(crate) live: Live,
    /// The rows the last refresh no longer had, for the app to report.
    pub(crate) left: Option<Left>,
    /// How the shown rows changed since the backlog last counted them.
    pub(crate) shown_changes: ShownChanges,
}

impl Default for List {
    fn default() -> List {
        List {
            store: Store::default(),
            order: Vec::new(),
            visible: Vec::new(),
            filter: Filter::default(),
            view_filter: Filter::default(),
            filter_text: String::new(),
            filter_input: Input::default(),
            filter_history: Vec::new(),
            filter_history_generation: 0,
            filter_job: None,
            filter_slice: FILTER_SLICE,
            generation: 0,
            sort: SortKey::Age,
            reverse: false,
            cursor: 0,
            follow_top: false,
            offset: 0,
            marks: Marks::default(),
            visible_marked: 0,
            range: None,
            pending_only: true,
            next_load_id: 1,
            loading: None,
            loaded_at: None,
            loaded_once: false,
            load_error: None,
            merchants: HashMap::new(),
            others: None,
            counts: Counts::default(),
            live: Live::default(),
            left: None,
            shown_changes: ShownChanges::default(),
        }
    }
}

impl List {
    /// The request at a position of the filtered list.
    pub(crate) fn visible_request(&self, pos: usize) -> Option<&IntegrationRequest> {
        self.visible.get(pos).and_then(|&i| self.store.get(i))
    }

    pub(crate) fn cursor_request(&self) -> Option<&IntegrationRequest> {
        self.visible_request(self.cursor)
    }

    /// The filtered, sorted view as it is on screen.
    pub(crate) fn visible_requests(&self) -> Vec<IntegrationRequest> {
        self.visible
            .iter()
            .filter_map(|&i| self.store.get(i))
            .cloned()
            .collect()
    }
}
