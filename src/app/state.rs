//! The console's state and the operations on it that keep its indexes
//! consistent: the filtered, sorted view is recomputed only when the filter,
//! the sort or the data change, never per frame.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use tui_input::Input;

use crate::api::{IntegrationRequest, Merchant};

use super::bulk::{BulkPlan, BulkResult};
use super::command::Command;
use super::filter::Filter;
use super::form::{Form, Overwrite};
use super::guard::Safety;
use super::import::ImportState;
use super::marks::Marks;
use super::prompt::Prompt;
use super::run::Run;
use super::sort::SortKey;
use super::store::Store;
use super::toast::{Toast, Toasts};
use super::viewport::Viewport;

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
    /// A question waiting for its answer (see `confirm`).
    Asking(Asking),
    /// Progress while `App::bulk` runs, results once it has finished.
    Bulk,
    /// The export or import path prompt.
    Prompt(Box<Prompt>),
    /// `App::import`: planning, its preview, progress, then results.
    Import,
}

/// A dialog asking before something is sent; answered in `confirm`.
#[derive(Debug, Clone)]
pub enum Asking {
    /// Activate this request.
    Activate { id: String },
    /// Start this bulk run (or retry).
    Bulk(BulkPlan),
    /// `old → new` waits for a yes before the terminalId is sent.
    Overwrite(Box<Overwrite>),
    /// Quit while a run goes on: asked on top of the screen below
    /// (`App::asking`), never as a `Mode`.
    Quit,
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
    pub(super) filter_history: Vec<(Filter, Vec<u32>)>,
    pub(super) filter_history_generation: u64,
    /// Bumped whenever the rows, their order or their matching change.
    pub(super) generation: u64,
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
    /// A question asked on top of `mode` (quit while a run goes on), so
    /// the run's screen stays what it was underneath.
    pub(crate) asking: Option<Asking>,
    pub(crate) quit: bool,
    pub(crate) toasts: Toasts,
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
            asking: None,
            quit: false,
            toasts: Toasts::default(),
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
        self.toasts.current()
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.toasts.info(text.into(), self.now);
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.toasts.error(text.into(), self.now);
    }
}
