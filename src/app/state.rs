//! The console's state and the operations on it that keep its indexes
//! consistent: the filtered, sorted view is recomputed only when the filter,
//! the sort or the data change, never per frame.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};

use crate::api::{IntegrationRequest, Merchant};

use super::backlog::Backlog;
use super::command::Command;
use super::form::{Form, Overwrite};
use super::guard::Safety;
use super::list::List;
pub use super::list::MerchantInfo;
use super::messages::{MessageLog, ToastKind};
use super::palette::Palette;
use super::prompt::Prompt;
use super::run::{BulkPlan, BulkResult, ImportState, Run};
use super::toast::{Toast, Toasts};
use super::typed_count::TypedCount;
use super::viewport::Viewport;
use super::views::Views;

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
    /// Pending requests older than this many days are over SLA: marked in
    /// the list and counted in the title. 0 turns it off.
    pub sla_days: u32,
    /// Where the key and the base URL came from: a failed load that blames
    /// one of them names it, as the CLI does.
    pub blame: crate::config::Blame,
}

/// What has the keyboard. The one question that sits on top of any mode
/// (quit while a run goes on) lives beside this, in `App::asking`.
#[derive(Debug, Clone)]
pub enum Mode {
    List,
    Filter,
    Help {
        scroll: u16,
    },
    /// The message log, newest first: how many of the newest are above
    /// the view.
    Messages {
        scroll: usize,
    },
    Form(Box<Form>),
    /// The output panel of the operator's commands: how many lines are
    /// above the view.
    Output {
        scroll: usize,
    },
    /// The current view's column chooser, its cursor on the column `at`.
    Columns {
        at: usize,
    },
    /// A question waiting for its answer (see `confirm`).
    Asking(Asking),
    /// Progress while `App::bulk` runs, results once it has finished; or
    /// `App::reopened`'s results, beside a run going on.
    Bulk,
    /// The export or import path prompt.
    Prompt(Box<Prompt>),
    /// `App::import` while it plans, sends, and shows its results; its
    /// preview is the question `Asking::Import`.
    Import,
    /// The command palette (`palette_flow`) over the place it was opened
    /// from, which it goes back to on Esc or Enter.
    Palette(Box<Palette>, Box<Mode>),
    /// The runs of this session (`App::runs`), to reopen one's results.
    Runs,
    /// The copy menu of this request (`y`): a key per field.
    CopyMenu {
        id: String,
    },
}

/// A question that holds the screen until it is answered (in `confirm`).
#[derive(Debug, Clone)]
pub enum Asking {
    /// Activate this request.
    Activate { id: String },
    /// Start this bulk run (or retry).
    Bulk(BulkPlan),
    /// `old → new` waits for a yes before the terminalId is sent.
    Overwrite(Box<Overwrite>),
    /// Apply the preview of `App::import` (`y`), or set then activate
    /// (`a`); on production that may first want the count typed.
    Import { typed: Option<TypedCount> },
    /// The export's file is already there: replace it (yes), or back to
    /// the prompt (no).
    ExportOverwrite {
        path: std::path::PathBuf,
        format: crate::export::ExportFormat,
    },
    /// Run the config's command at `index` (it says `confirm = true`) for
    /// these requests.
    Custom {
        index: usize,
        targets: Vec<crate::custom::RequestValues>,
    },
}

/// A question asked on top of whatever screen is below, which stays as it
/// was (`App::asking`); answered in `confirm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverlayQuestion {
    /// Quit while a run goes on.
    Quit,
}

pub struct App {
    pub(crate) config: AppConfig,
    pub(crate) now: DateTime<Utc>,
    /// The list slice: rows, filter, sort, cursor, marks, loads.
    pub(crate) list: List,
    /// The screen's layout, from the last `Action::Resize`: paging, mouse
    /// clicks and every scroll position follow it.
    pub(crate) viewport: Viewport,
    pub(crate) mode: Mode,
    /// A question asked on top of `mode` (quit while a run goes on), so
    /// the run's screen stays what it was underneath.
    pub(crate) asking: Option<OverlayQuestion>,
    pub(crate) quit: bool,
    pub(crate) toasts: Toasts,
    /// Every toast of the session, with its time.
    pub(crate) messages: MessageLog,
    /// Said on stderr once the terminal is restored: how to finish a run
    /// the console quit during.
    pub(crate) quit_note: Option<String>,
    pub(crate) saving: HashSet<String>,
    pub(crate) activating: HashSet<String>,
    pub(crate) activate_after_save: HashSet<String>,
    pub(crate) bulk: Option<Run<BulkResult>>,
    /// A finished bulk run reopened from the runs panel while another goes
    /// on: the results view shows it, and `bulk` stays the live run's.
    pub(crate) reopened: Option<Run<BulkResult>>,
    pub(crate) next_run_id: u64,
    pub(crate) ticks: u64,
    /// The path of an export the worker is writing.
    pub(crate) exporting: Option<std::path::PathBuf>,
    pub(crate) import: Option<ImportState>,
    /// What the import prompt offers next time.
    pub(crate) last_import_path: String,
    /// The summary of the shown requests and whether its panel is on.
    pub(crate) backlog: Backlog,
    /// The saved views shown as tabs, and their counts.
    pub(crate) views: Views,
    /// The config's commands running now and the last one's output.
    pub(crate) custom: crate::custom::CommandRuns,
    /// Every run of the session with its results, for the runs panel.
    pub(crate) runs: super::runs::Runs,
}

impl App {
    pub fn new(mut config: AppConfig, now: DateTime<Utc>) -> App {
        let (views, warnings) = Views::from_specs(&config.prefs.views);
        config.warnings.extend(warnings);
        let mut app = App {
            config,
            now,
            list: List::default(),
            viewport: Viewport::default(),
            mode: Mode::List,
            asking: None,
            quit: false,
            toasts: Toasts::default(),
            messages: MessageLog::default(),
            quit_note: None,
            saving: HashSet::new(),
            activating: HashSet::new(),
            activate_after_save: HashSet::new(),
            bulk: None,
            reopened: None,
            next_run_id: 1,
            ticks: 0,
            exporting: None,
            import: None,
            last_import_path: String::new(),
            backlog: Backlog::default(),
            views,
            custom: crate::custom::CommandRuns::default(),
            runs: super::runs::Runs::default(),
        };
        app.open_first_view();
        app
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
        self.list.loading.is_some()
            || self.bulk.as_ref().is_some_and(Run::is_running)
            || !self.saving.is_empty()
            || !self.activating.is_empty()
            || !self.toasts.is_empty()
            || self.exporting.is_some()
            || self.import.as_ref().is_some_and(ImportState::is_working)
            || !self.custom.running.is_empty()
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
        self.list.loading.is_some()
    }

    pub fn total_len(&self) -> usize {
        self.list.store.len()
    }

    /// Rows the filter lets through.
    /// Whether work is left to run in slices between frames (a filter
    /// scan): the loop sends [`Action::Continue`] while no input waits.
    ///
    /// [`Action::Continue`]: crate::app::Action::Continue
    pub fn has_pending_work(&self) -> bool {
        self.list.filtering()
    }

    /// While a filter scan runs: rows tested so far and rows to test.
    pub fn filter_progress(&self) -> Option<(usize, usize)> {
        self.list.filter_progress()
    }

    pub fn visible_len(&self) -> usize {
        self.list.visible.len()
    }

    pub fn marked_len(&self) -> usize {
        self.list.marks.len()
    }

    pub fn is_marked(&self, id: &str) -> bool {
        self.list.marks.contains(id)
    }

    pub fn filter_text(&self) -> &str {
        &self.list.filter_text
    }

    pub fn cursor(&self) -> usize {
        self.list.cursor
    }

    pub fn bulk(&self) -> Option<&Run<BulkResult>> {
        self.bulk.as_ref()
    }

    /// The bulk results on screen in `Mode::Bulk`: a run reopened beside
    /// a live one, else the live run once it has finished.
    pub fn bulk_results(&self) -> Option<&Run<BulkResult>> {
        self.reopened
            .as_ref()
            .or_else(|| self.bulk.as_ref().filter(|r| !r.is_running()))
    }

    pub(crate) fn bulk_results_mut(&mut self) -> Option<&mut Run<BulkResult>> {
        match self.reopened {
            Some(ref mut run) => Some(run),
            None => self.bulk.as_mut().filter(|r| !r.is_running()),
        }
    }

    pub fn import(&self) -> Option<&ImportState> {
        self.import.as_ref()
    }

    /// A merchant's details once its name has arrived.
    pub fn merchant(&self, merchant_id: &str) -> Option<&Merchant> {
        self.list.merchant(merchant_id)
    }

    /// How a request's merchant is named: its name once known, else its id.
    pub fn merchant_name<'a>(&'a self, merchant_id: &'a str) -> &'a str {
        self.merchant(merchant_id)
            .map_or(merchant_id, |m| m.name.as_str())
    }

    pub fn merchant_info(&self, merchant_id: &str) -> Option<&MerchantInfo> {
        self.list.merchants.get(merchant_id)
    }

    /// Every merchant whose name is known, for exports.
    pub fn known_merchants(&self) -> crate::api::Merchants {
        self.list.known_merchants()
    }

    /// The filtered, sorted view as it is on screen.
    pub fn visible_requests(&self) -> Vec<IntegrationRequest> {
        self.list.visible_requests()
    }

    /// The request at a position of the filtered list.
    pub fn visible_request(&self, pos: usize) -> Option<&IntegrationRequest> {
        self.list.visible_request(pos)
    }

    pub fn cursor_request(&self) -> Option<&IntegrationRequest> {
        self.list.cursor_request()
    }

    pub fn request(&self, id: &str) -> Option<&IntegrationRequest> {
        self.list.store.by_id(id)
    }

    /// Whether the list is what the operator looks at (no view or dialog
    /// over it): what is said about the list shows only then.
    pub fn in_list(&self) -> bool {
        self.toast_view() == super::toast::ToastView::List && self.asking.is_none()
    }

    pub fn current_toast(&self) -> Option<&Toast> {
        self.toasts.current(self.toast_view())
    }

    /// Every message of the session (the `m` overlay).
    pub fn messages(&self) -> &MessageLog {
        &self.messages
    }

    /// How to finish the run the console quit during, for stderr after
    /// the terminal is restored.
    pub fn quit_note(&self) -> Option<&str> {
        self.quit_note.as_deref()
    }

    /// Say `text` on the status line; the message log keeps it too.
    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.say(ToastKind::Info, text.into(), "");
    }

    /// An error on the status line; the message log keeps it too.
    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.say(ToastKind::Error, text.into(), "");
    }

    /// `text` on the status line, kept in the log followed by `pointer`.
    pub(crate) fn say(&mut self, kind: ToastKind, text: String, pointer: &str) {
        let now = self.now;
        self.toasts
            .raise(&mut self.messages, kind, text, pointer, now);
    }

    /// Kept in the message log only: what the screen already shows whole
    /// (a run's results, a prompt's reason) or is too long for the status
    /// line.
    pub(crate) fn log_only(&mut self, kind: ToastKind, text: impl Into<String>) {
        self.messages.push(text.into(), kind, self.now);
    }
}
