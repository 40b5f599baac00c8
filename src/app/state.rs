//! The console's state and the operations on it that keep its indexes
//! consistent: the filtered, sorted view is recomputed only when the filter,
//! the sort or the data change, never per frame.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use tui_input::Input;

use crate::api::{IntegrationRequest, IntegrationType, Merchant, SearchQuery, Status};

use super::bulk::{BulkEntry, BulkPlan, BulkResult};
use super::command::Command;
use super::filter::Filter;
use super::guard::Safety;
use super::import::ImportState;
use super::marks::Marks;
use super::overwrite::Overwrite;
use super::run::Run;
use super::sort::{self, SortKey};
use super::store::Store;
use super::transfer::Prompt;
use super::viewport::Viewport;

/// How many earlier filters keep their rows for a quick way back.
const FILTER_HISTORY: usize = 64;

#[derive(Debug, Clone)]
pub struct AppConfig {
    pub profile: String,
    pub demo: bool,
    pub account_id: Option<String>,
    pub concurrency: usize,
    pub auto_refresh: Option<Duration>,
    pub color: bool,
    pub tz: FixedOffset,
    /// Key bindings and status colours from the config file.
    pub prefs: crate::prefs::ConsolePrefs,
    /// Found while loading the settings (e.g. a config file holding an API
    /// key that others can read); shown as error toasts at start.
    pub warnings: Vec<String>,
    /// The API host, production and read-only.
    pub safety: Safety,
}

/// What has the keyboard. Overlays that only need a flag (quit confirm)
/// live beside this so they can sit on top of any mode.
#[derive(Debug, Clone)]
pub enum Mode {
    List,
    Filter,
    Help {
        scroll: u16,
    },
    Form(Box<Form>),
    /// `old → new` waits for a yes before the terminalId is sent.
    Overwrite(Box<Overwrite>),
    Confirm {
        id: String,
    },
    BulkConfirm(BulkPlan),
    /// Progress while `App::bulk` runs, results once it has finished.
    Bulk,
    /// The export or import path prompt.
    Prompt(Box<Prompt>),
    /// `App::import`: planning, its preview, progress, then results.
    Import,
}

/// What the console knows about a merchant's name this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MerchantInfo {
    /// Asked the worker; no answer yet.
    Pending,
    Known(Merchant),
    /// The key cannot see it (or the lookup failed): shown by id, never asked again.
    Unavailable,
}

/// The terminalId form.
#[derive(Debug, Clone)]
pub struct Form {
    pub id: String,
    pub kind: IntegrationType,
    pub merchant: String,
    pub input: Input,
    pub error: Option<String>,
    pub then: FormThen,
    /// The request's status and terminalId when the form opened.
    pub status: Status,
    pub old: Option<String>,
}

/// What happens after the form is submitted.
#[derive(Debug, Clone)]
pub enum FormThen {
    Save,
    /// Save, then activate on the server's success (no second confirm).
    Activate,
    /// One of the bulk run's missing terminalIds; the rest follow.
    Bulk(BulkEntry),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub text: String,
    pub kind: ToastKind,
    pub expires: DateTime<Utc>,
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
}

pub struct App {
    pub(crate) config: AppConfig,
    pub(crate) now: DateTime<Utc>,
    pub(crate) store: Store,
    /// Every row, in sort order.
    pub(crate) order: Vec<u32>,
    /// The rows the filter lets through, in sort order.
    pub(crate) visible: Vec<u32>,
    pub(crate) filter: Filter,
    pub(crate) filter_text: String,
    pub(crate) filter_input: Input,
    /// The visible rows of the filters typed on the way to this one, so
    /// deleting a character restores them instead of scanning every row.
    /// Valid only while `generation` is unchanged.
    filter_history: Vec<(Filter, Vec<u32>)>,
    filter_history_generation: u64,
    /// Bumped whenever the rows, their order or their matching change.
    generation: u64,
    pub(crate) sort: SortKey,
    pub(crate) reverse: bool,
    pub(crate) cursor: usize,
    pub(crate) offset: usize,
    /// The screen's layout, from the last `Action::Resize`: paging, mouse
    /// clicks and every scroll position follow it.
    pub(crate) viewport: Viewport,
    pub(crate) marks: Marks,
    pub(crate) visible_marked: usize,
    pub(crate) pending_only: bool,
    pub(crate) next_load_id: u64,
    pub(crate) loading: Option<Loading>,
    pub(crate) loaded_at: Option<DateTime<Utc>>,
    pub(crate) loaded_once: bool,
    /// The last load's failure, shown until a load succeeds.
    pub(crate) load_error: Option<String>,
    pub(crate) mode: Mode,
    pub(crate) quit_confirm: bool,
    pub(crate) quit: bool,
    pub(crate) toasts: Vec<Toast>,
    pub(crate) saving: HashSet<String>,
    pub(crate) activating: HashSet<String>,
    pub(crate) activate_after_save: HashSet<String>,
    pub(crate) bulk: Option<Run<BulkResult>>,
    pub(crate) next_run_id: u64,
    pub(crate) ticks: u64,
    /// Merchant names by merchantId, fetched once each per session.
    pub(crate) merchants: HashMap<String, MerchantInfo>,
    /// The path of an export the worker is writing.
    pub(crate) exporting: Option<std::path::PathBuf>,
    pub(crate) import: Option<ImportState>,
    /// What the import prompt offers next time.
    pub(crate) last_import_path: String,
}

const INFO_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(4);
const ERROR_TTL: chrono::TimeDelta = chrono::TimeDelta::seconds(10);

impl App {
    pub fn new(config: AppConfig, now: DateTime<Utc>) -> App {
        App {
            config,
            now,
            store: Store::default(),
            order: Vec::new(),
            visible: Vec::new(),
            filter: Filter::default(),
            filter_text: String::new(),
            filter_history: Vec::new(),
            filter_history_generation: 0,
            generation: 0,
            filter_input: Input::default(),
            sort: SortKey::Age,
            reverse: false,
            cursor: 0,
            offset: 0,
            viewport: Viewport::default(),
            marks: Marks::default(),
            visible_marked: 0,
            pending_only: true,
            next_load_id: 1,
            loading: None,
            loaded_at: None,
            loaded_once: false,
            load_error: None,
            mode: Mode::List,
            quit_confirm: false,
            quit: false,
            toasts: Vec::new(),
            saving: HashSet::new(),
            activating: HashSet::new(),
            activate_after_save: HashSet::new(),
            bulk: None,
            next_run_id: 1,
            ticks: 0,
            merchants: HashMap::new(),
            exporting: None,
            import: None,
            last_import_path: String::new(),
        }
    }

    /// The first load.
    pub fn init(&mut self) -> Vec<Command> {
        for w in self.config.warnings.clone() {
            self.error(w);
        }
        vec![self.start_load(false)]
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether something is moving on screen (spinner, progress, a toast
    /// waiting to expire), so the loop keeps redrawing on ticks.
    pub fn is_busy(&self) -> bool {
        self.loading.is_some()
            || self.bulk.as_ref().is_some_and(Run::is_running)
            || !self.saving.is_empty()
            || !self.activating.is_empty()
            || !self.toasts.is_empty()
            || self.exporting.is_some()
            || self.import.as_ref().is_some_and(ImportState::is_working)
    }

    pub fn config(&self) -> &AppConfig {
        &self.config
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub fn total_len(&self) -> usize {
        self.store.len()
    }

    /// Rows the filter lets through.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn marked_len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_marked(&self, id: &str) -> bool {
        self.marks.contains(id)
    }

    pub fn filter_text(&self) -> &str {
        &self.filter_text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn bulk(&self) -> Option<&Run<BulkResult>> {
        self.bulk.as_ref()
    }

    pub fn import(&self) -> Option<&ImportState> {
        self.import.as_ref()
    }

    /// A merchant's details once its name has arrived.
    pub fn merchant(&self, merchant_id: &str) -> Option<&Merchant> {
        match self.merchants.get(merchant_id) {
            Some(MerchantInfo::Known(m)) => Some(m),
            _ => None,
        }
    }

    pub fn merchant_info(&self, merchant_id: &str) -> Option<&MerchantInfo> {
        self.merchants.get(merchant_id)
    }

    /// Every merchant whose name is known, for exports.
    pub fn known_merchants(&self) -> crate::export::Merchants {
        self.merchants
            .iter()
            .filter_map(|(id, m)| match m {
                MerchantInfo::Known(m) => Some((id.clone(), m.clone())),
                _ => None,
            })
            .collect()
    }

    /// The filtered, sorted view as it is on screen.
    pub fn visible_requests(&self) -> Vec<IntegrationRequest> {
        self.visible
            .iter()
            .filter_map(|&i| self.store.get(i))
            .cloned()
            .collect()
    }

    /// Merchants of `items` never asked about, now marked as asked (so a
    /// merchant is fetched once however many pages name it).
    pub(crate) fn merchants_to_fetch<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a IntegrationRequest>,
    ) -> Vec<String> {
        let mut ids = Vec::new();
        for r in items {
            if r.merchant_id.is_empty() || self.merchants.contains_key(&r.merchant_id) {
                continue;
            }
            self.merchants
                .insert(r.merchant_id.clone(), MerchantInfo::Pending);
            ids.push(r.merchant_id.clone());
        }
        ids
    }

    /// A merchant lookup answered. A name can only add matches, so the
    /// visible rows change only when the filter has a name-matching word in
    /// the name; then just that merchant's rows are checked and merged in.
    pub(crate) fn merchant_arrived(&mut self, merchant_id: String, merchant: Option<Merchant>) {
        let Some(m) = merchant else {
            self.merchants
                .insert(merchant_id, MerchantInfo::Unavailable);
            return;
        };
        self.generation += 1;
        let (slot, lower) = self.store.set_merchant_name(&merchant_id, &m.name);
        let could_match = !self.filter.is_empty() && self.filter.name_could_match(lower);
        self.merchants.insert(merchant_id, MerchantInfo::Known(m));
        if !could_match {
            return;
        }
        let store = &self.store;
        let filter = &self.filter;
        let of_merchant = |i: &u32| store.entry(*i).is_some_and(|e| e.merchant == slot);
        let shown: HashSet<u32> = self.visible.iter().copied().filter(of_merchant).collect();
        // `order` is sorted, so these come out sorted too.
        let fresh: Vec<u32> = self
            .order
            .iter()
            .copied()
            .filter(|i| of_merchant(i) && !shown.contains(i) && store.matches(*i, filter))
            .collect();
        if fresh.is_empty() {
            return;
        }
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| match (store.get(*a), store.get(*b)) {
            (Some(x), Some(y)) => sort::compare(key, rev, x, y),
            _ => a.cmp(b),
        };
        let before = self.cursor_index();
        self.generation += 1;
        self.visible = merge(&self.visible, &fresh, cmp);
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// The request at a position of the filtered list.
    pub fn visible_request(&self, pos: usize) -> Option<&IntegrationRequest> {
        self.visible.get(pos).and_then(|&i| self.store.get(i))
    }

    pub fn cursor_request(&self) -> Option<&IntegrationRequest> {
        self.visible_request(self.cursor)
    }

    pub fn request(&self, id: &str) -> Option<&IntegrationRequest> {
        self.store.by_id(id)
    }

    pub fn current_toast(&self) -> Option<&Toast> {
        self.toasts.last()
    }

    /// Set the filter and recompute the visible rows at once (what every
    /// keystroke in the filter line does).
    pub fn set_filter_text(&mut self, text: &str) {
        if text == self.filter_text {
            return;
        }
        let filter = Filter::parse(text);
        let narrow = filter.narrows(&self.filter);
        self.filter_text = text.to_string();
        if filter == self.filter {
            return;
        }
        let mut narrow = narrow;
        if self.filter_history_generation != self.generation {
            // Rows changed since the last keystroke: what is shown is no
            // base to narrow from, and what was remembered is stale.
            narrow = false;
            self.filter_history.clear();
            self.filter_history_generation = self.generation;
        }
        if let Some(pos) = self.filter_history.iter().rposition(|(f, _)| *f == filter) {
            // Back to a filter seen on the way here: its rows are known.
            let before = self.cursor_index();
            self.filter_history.truncate(pos + 1);
            if let Some((f, rows)) = self.filter_history.pop() {
                self.filter = f;
                self.visible = rows;
            }
            self.restore_cursor(before);
            self.count_visible_marked();
            return;
        }
        if narrow {
            if self.filter_history.len() >= FILTER_HISTORY {
                self.filter_history.remove(0);
            }
            let previous = std::mem::replace(&mut self.filter, filter);
            self.filter_history.push((previous, self.visible.clone()));
        } else {
            self.filter_history.clear();
            self.filter = filter;
        }
        self.filter_rows(narrow);
    }

    pub fn set_sort(&mut self, key: SortKey, reverse: bool) {
        self.sort = key;
        self.reverse = reverse;
        self.resort();
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.toast(text.into(), ToastKind::Info, INFO_TTL);
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.toast(text.into(), ToastKind::Error, ERROR_TTL);
    }

    fn toast(&mut self, text: String, kind: ToastKind, ttl: chrono::TimeDelta) {
        self.toasts.retain(|t| t.text != text);
        self.toasts.push(Toast {
            text,
            kind,
            expires: self.now + ttl,
        });
        // Only the newest shows; keep a few so an expiring one reveals the last.
        if self.toasts.len() > 5 {
            self.toasts.remove(0);
        }
    }

    pub(crate) fn expire_toasts(&mut self) {
        let now = self.now;
        self.toasts.retain(|t| t.expires > now);
    }

    /// A new load superseding any running one. `refresh` keeps the current
    /// rows on screen until the new set is complete.
    pub(crate) fn start_load(&mut self, refresh: bool) -> Command {
        let load_id = self.next_load_id;
        self.next_load_id += 1;
        let refresh = refresh && self.loaded_once;
        self.loading = Some(Loading {
            id: load_id,
            staged: refresh.then(Vec::new),
            got_first: false,
            cursor_id: self.cursor_request().map(|r| r.id.clone()),
        });
        Command::Load {
            load_id,
            query: SearchQuery {
                account_id: self.config.account_id.clone(),
                kind: None,
                pending: self.pending_only,
            },
        }
    }

    fn cursor_index(&self) -> Option<u32> {
        self.visible.get(self.cursor).copied()
    }

    fn restore_cursor(&mut self, before: Option<u32>) {
        if let Some(i) = before
            && let Some(pos) = self.visible.iter().position(|&v| v == i)
        {
            self.cursor = pos;
            return;
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    pub(super) fn count_visible_marked(&mut self) {
        self.visible_marked = if self.marks.is_empty() {
            0
        } else {
            self.visible
                .iter()
                .filter_map(|&i| self.store.get(i))
                .filter(|r| self.marks.contains(&r.id))
                .count()
        };
    }

    /// Recompute the visible rows from the filter. `narrow` says the new
    /// filter only removes rows, so the current result can be the start.
    /// Filter again after the rows, their order or their text changed.
    pub(crate) fn refilter(&mut self, narrow: bool) {
        self.generation += 1;
        self.filter_rows(narrow);
    }

    fn filter_rows(&mut self, narrow: bool) {
        let before = self.cursor_index();
        let base = if narrow {
            std::mem::take(&mut self.visible)
        } else {
            self.order.clone()
        };
        self.visible = if self.filter.is_empty() {
            base
        } else {
            let store = &self.store;
            let filter = &self.filter;
            let mut v = base;
            v.retain(|&i| store.matches(i, filter));
            v
        };
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// Sort every row again (sort change, or rows replaced).
    pub(crate) fn resort(&mut self) {
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let mut order: Vec<u32> = (0..u32::try_from(store.len()).unwrap_or(u32::MAX)).collect();
        order.sort_unstable_by(|&a, &b| match (store.get(a), store.get(b)) {
            (Some(a), Some(b)) => sort::compare(key, rev, a, b),
            _ => a.cmp(&b),
        });
        self.order = order;
        self.refilter(false);
    }

    /// Add a page of rows, merging them into the sorted order without
    /// sorting everything again.
    pub(crate) fn append(&mut self, items: Vec<IntegrationRequest>) {
        let mut fresh = Vec::new();
        let mut replaced = false;
        for r in items {
            let (i, new) = self.store.upsert(r);
            if new {
                fresh.push(i);
            } else {
                replaced = true;
            }
        }
        if replaced {
            // A duplicate id may have moved; rare enough to pay for a full sort.
            self.resort();
            return;
        }
        let store = &self.store;
        let (key, rev) = (self.sort, self.reverse);
        let cmp = |a: &u32, b: &u32| match (store.get(*a), store.get(*b)) {
            (Some(x), Some(y)) => sort::compare(key, rev, x, y),
            _ => a.cmp(b),
        };
        fresh.sort_unstable_by(cmp);
        self.order = merge(&self.order, &fresh, cmp);
        let before = self.cursor_index();
        let filter = &self.filter;
        let passing: Vec<u32> = fresh
            .into_iter()
            .filter(|&i| store.matches(i, filter))
            .collect();
        self.generation += 1;
        self.visible = merge(&self.visible, &passing, cmp);
        self.restore_cursor(before);
        self.count_visible_marked();
    }

    /// Replace every row (a refresh finished), keeping the cursor on the
    /// same request when it is still there.
    pub(crate) fn replace_all(&mut self, items: Vec<IntegrationRequest>) {
        let cursor_id = self.cursor_request().map(|r| r.id.clone());
        self.store.clear();
        for r in items {
            self.store.upsert(r);
        }
        self.order.clear();
        self.visible.clear();
        self.resort();
        if let Some(i) = cursor_id.and_then(|id| self.store.find(&id))
            && let Some(pos) = self.visible.iter().position(|&v| v == i)
        {
            self.cursor = pos;
        }
    }

    /// Clear the rows before the first page of a non-refresh load.
    pub(crate) fn clear_rows(&mut self) {
        self.store.clear();
        self.order.clear();
        self.visible.clear();
        self.cursor = 0;
        self.offset = 0;
        self.visible_marked = 0;
    }

    /// Apply the server's copy of one request in place. It keeps its place
    /// in the list until the next recompute, so rows do not jump under the
    /// cursor while the operator works.
    pub(crate) fn patch(&mut self, req: IntegrationRequest) {
        if let Some(staged) = self.loading.as_mut().and_then(|l| l.staged.as_mut())
            && let Some(s) = staged.iter_mut().find(|s| s.id == req.id)
        {
            *s = req.clone();
        }
        self.marks.refresh(&req);
        if self.store.find(&req.id).is_some() {
            // Its text may now match other filters: earlier results are stale.
            self.generation += 1;
            self.store.upsert(req);
        }
    }
}

/// Merge two runs sorted by `cmp` into one.
fn merge(a: &[u32], b: &[u32], cmp: impl Fn(&u32, &u32) -> std::cmp::Ordering) -> Vec<u32> {
    if b.is_empty() {
        return a.to_vec();
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if cmp(&b[j], &a[i]) == std::cmp::Ordering::Less {
            out.push(b[j]);
            j += 1;
        } else {
            out.push(a[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}
