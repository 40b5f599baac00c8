//! Export and import in the console: the path prompt, then for an import the
//! preview, the run that sets the terminalIds and its results. The file work
//! and the API calls happen in the worker; this is state and keys only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crossterm::event::Event;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::api::{IntegrationRequest, SearchQuery};
use crate::export::ExportFormat;
use crate::import::{ImportPlan, RowClass};
use crate::text::plural;

use crate::keys::{Intent, Press};

use super::action::ImportRowResult;
use super::command::Command;
use super::guard::TypedCount;
use super::import_gate;
use super::keys;
use super::state::{App, Mode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Export,
    Import,
}

/// A one-line path prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: Input,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    Waiting,
    Set,
    Unchanged,
    Skipped(String),
    Failed(String),
}

impl ImportOutcome {
    pub fn is_final(&self) -> bool {
        !matches!(self, ImportOutcome::Waiting)
    }

    /// The wording of the results list.
    pub fn text(&self) -> String {
        match self {
            ImportOutcome::Waiting => "waiting".into(),
            ImportOutcome::Set => "terminalId set".into(),
            ImportOutcome::Unchanged => "unchanged: it already had this terminalId".into(),
            ImportOutcome::Skipped(why) => format!("skipped: {why}"),
            ImportOutcome::Failed(why) => format!("failed: {why}"),
        }
    }
}

/// One row the run sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    pub line: u64,
    pub id: String,
    pub terminal_id: String,
    pub outcome: ImportOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportPhase {
    /// The worker is reading the file and fetching the current requests.
    Planning,
    /// The plan is shown; nothing has been sent.
    Preview,
    Setting,
    Finished {
        cancelled: bool,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub set: usize,
    pub unchanged: usize,
    pub skipped: usize,
    pub failed: usize,
    pub waiting: usize,
}

impl ImportCounts {
    pub fn done(&self) -> usize {
        self.set + self.unchanged + self.skipped + self.failed
    }

    pub fn total(&self) -> usize {
        self.done() + self.waiting
    }
}

#[derive(Debug, Clone)]
pub struct ImportRun {
    pub path: PathBuf,
    pub plan: ImportPlan,
    pub phase: ImportPhase,
    /// Shares the bulk runs' numbering, so `CancelBulk` reaches it.
    pub run_id: u64,
    /// Activate what was set once the run ends (`a`).
    pub activate: bool,
    /// The `will set` rows, in file order, once the run starts.
    pub items: Vec<ImportItem>,
    /// The server's copies of the requests set, for the activation that follows.
    pub updated: HashMap<String, IntegrationRequest>,
    pub cancel_requested: bool,
    /// Preview or results scroll position.
    pub scroll: usize,
    /// On production, `a` over `confirm_typed_over`: the count typed so far.
    pub typed: Option<TypedCount>,
}

impl ImportRun {
    fn planning(path: PathBuf) -> ImportRun {
        ImportRun {
            path,
            plan: ImportPlan::default(),
            phase: ImportPhase::Planning,
            run_id: 0,
            activate: false,
            items: Vec::new(),
            updated: HashMap::new(),
            cancel_requested: false,
            scroll: 0,
            typed: None,
        }
    }

    /// Waiting on the worker (for the plan or for the updates).
    pub fn is_working(&self) -> bool {
        matches!(self.phase, ImportPhase::Planning | ImportPhase::Setting)
    }

    pub fn path_text(&self) -> String {
        shown_path(&self.path)
    }

    pub fn counts(&self) -> ImportCounts {
        let mut c = ImportCounts::default();
        for i in &self.items {
            match i.outcome {
                ImportOutcome::Waiting => c.waiting += 1,
                ImportOutcome::Set => c.set += 1,
                ImportOutcome::Unchanged => c.unchanged += 1,
                ImportOutcome::Skipped(_) => c.skipped += 1,
                ImportOutcome::Failed(_) => c.failed += 1,
            }
        }
        c
    }

    /// Record a row's answer unless it has one already.
    fn set(&mut self, id: &str, outcome: ImportOutcome) {
        if let Some(item) = self
            .items
            .iter_mut()
            .find(|i| i.id == id && !i.outcome.is_final())
        {
            item.outcome = outcome;
        }
    }

    fn finish(&mut self, cancelled: bool) {
        for item in &mut self.items {
            if item.outcome == ImportOutcome::Waiting {
                item.outcome = if cancelled {
                    ImportOutcome::Skipped("cancelled before it was sent".into())
                } else {
                    ImportOutcome::Failed(
                        "no answer arrived before the run ended; reload to see its terminalId"
                            .into(),
                    )
                };
            }
        }
        self.phase = ImportPhase::Finished { cancelled };
    }

    /// The ids whose terminalId this run set.
    pub fn set_ids(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.outcome == ImportOutcome::Set)
            .map(|i| i.id.clone())
            .collect()
    }
}

/// A path as the operator typed it, without control characters.
pub fn shown_path(path: &Path) -> String {
    crate::text::clean(&path.display().to_string())
}

/// `e`: the export prompt, prefilled with a timestamped name in the
/// working directory.
pub(super) fn open_export(app: &mut App) {
    if let Some(path) = &app.exporting {
        let path = shown_path(path);
        app.info(format!(
            "Still writing {path}; export again when it is done."
        ));
        return;
    }
    let stamp = app
        .now
        .with_timezone(&app.config.tz)
        .format("%Y%m%d-%H%M%S");
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Export,
        input: Input::new(format!("intake-export-{stamp}.csv")),
        error: None,
    }));
}

/// `i`: the import prompt, offering the last file imported.
pub(super) fn open_import(app: &mut App) {
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind: PromptKind::Import,
        input: Input::new(app.last_import_path.clone()),
        error: None,
    }));
}

pub(super) fn prompt_key(app: &mut App, input: Press, mut prompt: Box<Prompt>) -> Vec<Command> {
    match input {
        Press::Intent(Intent::Cancel) => {
            app.info(match prompt.kind {
                PromptKind::Export => "Export cancelled.",
                PromptKind::Import => "Import cancelled; nothing was read or sent.",
            });
            Vec::new()
        }
        Press::Intent(Intent::Submit) => {
            let raw = prompt.input.value().trim().to_string();
            let result = match prompt.kind {
                PromptKind::Export => submit_export(app, &raw),
                PromptKind::Import => submit_import(app, &raw),
            };
            match result {
                Ok(cmds) => cmds,
                Err(sentence) => {
                    prompt.error = Some(sentence);
                    app.mode = Mode::Prompt(prompt);
                    Vec::new()
                }
            }
        }
        Press::Text(k) => {
            if prompt.input.handle_event(&Event::Key(k)).is_some() {
                prompt.error = None;
            }
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
        Press::Intent(_) => {
            app.mode = Mode::Prompt(prompt);
            Vec::new()
        }
    }
}

fn submit_export(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
    if raw.is_empty() {
        return Err("Type a file name ending in .csv or .json.".into());
    }
    let path = PathBuf::from(raw);
    let Some(format) = ExportFormat::from_path(&path) else {
        return Err("The name must end in .csv or .json; that picks the format.".into());
    };
    let requests = app.visible_requests();
    let n = requests.len();
    app.info(format!(
        "Exporting {n} request{} to {}…",
        plural(n),
        shown_path(&path)
    ));
    app.exporting = Some(path.clone());
    Ok(vec![Command::Export {
        path,
        format,
        requests,
        merchants: app.known_merchants(),
    }])
}

fn submit_import(app: &mut App, raw: &str) -> Result<Vec<Command>, String> {
    if raw.is_empty() {
        return Err(
            "Type the path of a CSV file with id (or merchantId and type) and terminalId columns."
                .into(),
        );
    }
    let path = PathBuf::from(raw);
    app.last_import_path = raw.to_string();
    app.import = Some(ImportRun::planning(path.clone()));
    app.mode = Mode::Import;
    Ok(vec![Command::PlanImport {
        path,
        query: SearchQuery {
            account_id: app.config.account_id.clone(),
            kind: None,
            pending: false,
        },
    }])
}

pub(super) fn on_exported(app: &mut App, path: PathBuf, count: usize, result: Result<(), String>) {
    if app.exporting.as_ref() == Some(&path) {
        app.exporting = None;
    }
    match result {
        Ok(()) => app.info(format!(
            "Exported {count} request{} to {}.",
            plural(count),
            shown_path(&path)
        )),
        Err(sentence) => app.error(sentence),
    }
}

pub(super) fn on_planned(app: &mut App, path: PathBuf, result: Result<ImportPlan, String>) {
    let Some(run) = app
        .import
        .as_mut()
        .filter(|r| r.phase == ImportPhase::Planning && r.path == path)
    else {
        // Cancelled while planning: the answer has no one to go to.
        return;
    };
    match result {
        Ok(plan) => {
            run.plan = plan;
            run.phase = ImportPhase::Preview;
        }
        Err(sentence) => {
            app.import = None;
            if matches!(app.mode, Mode::Import) {
                app.mode = Mode::List;
            }
            app.error(sentence);
        }
    }
}

/// Keys while `App::import` holds the screen.
pub(super) fn import_key(app: &mut App, input: Press) -> Vec<Command> {
    app.mode = Mode::Import;
    let Some(run) = app.import.as_mut() else {
        app.mode = Mode::List;
        return Vec::new();
    };
    if run.phase == ImportPhase::Preview && run.typed.is_some() {
        return import_gate::key(app, input);
    }
    let Press::Intent(intent) = input else {
        return Vec::new();
    };
    let nav = keys::nav_of(intent);
    match (run.phase, intent) {
        (ImportPhase::Planning | ImportPhase::Preview, Intent::Cancel) => {
            close(app);
            app.info("Import cancelled; nothing was sent.");
        }
        (ImportPhase::Preview, Intent::Confirm) => return apply(app, false),
        (ImportPhase::Preview, Intent::ConfirmAlt) => return import_gate::set_and_activate(app),
        (ImportPhase::Preview, _) => {
            if let Some(nav) = nav {
                run.scroll = keys::apply(nav, run.scroll, run.plan.rows.len(), 10);
            }
        }
        (ImportPhase::Setting, Intent::CancelRun) if !run.cancel_requested => {
            run.cancel_requested = true;
            return vec![Command::CancelBulk { run_id: run.run_id }];
        }
        (ImportPhase::Finished { .. }, Intent::Close) => close(app),
        (ImportPhase::Finished { .. }, _) => {
            if let Some(nav) = nav {
                run.scroll = keys::apply(nav, run.scroll, run.items.len(), 10);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Leave the import; rows it changed take their place in the list now.
pub(super) fn close(app: &mut App) {
    let ran = app
        .import
        .take()
        .is_some_and(|r| matches!(r.phase, ImportPhase::Finished { .. }));
    app.mode = Mode::List;
    if ran {
        app.refilter(false);
    }
}

/// `y`/Enter (and `a`, which activates afterwards): send the `will set` rows.
pub(super) fn apply(app: &mut App, activate: bool) -> Vec<Command> {
    if super::guard::refuse_read_only(app, "import terminalIds") {
        return Vec::new();
    }
    let concurrency = app.config.concurrency.max(1);
    let run_id = app.next_run_id;
    let updates: Vec<(String, String)> = app.import.as_ref().map_or_else(Vec::new, |run| {
        run.plan
            .updates()
            .into_iter()
            .map(|(id, tid)| (id.to_string(), tid.to_string()))
            .collect()
    });
    if updates.is_empty() {
        close(app);
        app.info(
            "Nothing to set: no row of the file is a request without a terminalId. Nothing was sent.",
        );
        return Vec::new();
    }
    let Some(run) = app.import.as_mut() else {
        return Vec::new();
    };
    app.next_run_id += 1;
    run.items = run
        .plan
        .rows_of(RowClass::WillSet)
        .filter_map(|r| {
            Some(ImportItem {
                line: r.line,
                id: r.id.clone()?,
                terminal_id: r.terminal_id.clone()?,
                outcome: ImportOutcome::Waiting,
            })
        })
        .collect();
    run.run_id = run_id;
    run.activate = activate;
    run.phase = ImportPhase::Setting;
    run.scroll = 0;
    let n = updates.len();
    let path = run.path_text();
    app.info(format!(
        "Setting {n} terminalId{} from {path}{}…",
        plural(n),
        if activate {
            ", then activating them"
        } else {
            ""
        }
    ));
    vec![Command::ImportApply {
        run_id,
        updates,
        concurrency,
    }]
}

pub(super) fn on_row(app: &mut App, run_id: u64, id: String, result: ImportRowResult) {
    let Some(run) = app
        .import
        .as_mut()
        .filter(|r| r.run_id == run_id && r.phase == ImportPhase::Setting)
    else {
        return;
    };
    let mut patch = None;
    let outcome = match result {
        ImportRowResult::Set(req) => {
            run.updated.insert(id.clone(), req.clone());
            patch = Some(req);
            ImportOutcome::Set
        }
        ImportRowResult::Unchanged => ImportOutcome::Unchanged,
        ImportRowResult::SetMeanwhile(current) => ImportOutcome::Skipped(format!(
            "it now has terminalId {current} (set since the preview); not overwritten"
        )),
        ImportRowResult::Failed(e) => ImportOutcome::Failed(e.to_string()),
    };
    run.set(&id, outcome);
    if let Some(req) = patch {
        app.patch(req);
    }
}

/// The run ended: say how it went, then activate what was set when asked.
pub(super) fn on_finished(app: &mut App, run_id: u64, cancelled: bool) -> Vec<Command> {
    let Some(run) = app
        .import
        .as_mut()
        .filter(|r| r.run_id == run_id && r.phase == ImportPhase::Setting)
    else {
        return Vec::new();
    };
    let cancelled = cancelled || run.cancel_requested;
    run.finish(cancelled);
    let c = run.counts();
    let mut text = format!(
        "Set {} of {} terminalId{} from {}.",
        c.set,
        c.total(),
        plural(c.total()),
        run.path_text()
    );
    if c.failed > 0 {
        text.push_str(&format!(
            " {} failed; fix the cause and import the same file again.",
            c.failed
        ));
    }
    if cancelled {
        text.push_str(" Cancelled.");
    }
    let activate = run.activate && !cancelled;
    let ids = run.set_ids();
    let extra = std::mem::take(&mut run.updated);
    if c.failed > 0 || cancelled {
        app.error(text);
    } else {
        app.info(text);
    }
    if activate && !ids.is_empty() {
        // The bulk run's results come first; closing them returns here.
        return super::update::start_bulk_with(app, &ids, &HashMap::new(), &extra);
    }
    Vec::new()
}
