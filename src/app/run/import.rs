//! An import's state in the console: the file's plan, its preview, then the
//! run that sets the terminalIds, with one [`ImportResult`] per row (what
//! it does is in `app::import`; the preview's question is an `Asking`).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::api::IntegrationRequest;
use crate::import::ImportPlan;

use super::{Run, RunResult, Tone};

/// What one row of an import run ended with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportResult {
    Set,
    Unchanged,
    Skipped(String),
    Failed(String),
    /// Set on the server, but its closing audit line could not be written.
    NotLogged(String),
}

/// An [`ImportResult`] without its detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    Set,
    Unchanged,
    Skipped,
    Failed,
    NotLogged,
}

/// What an import run's line shows beside the id: the file's line and the
/// terminalId it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportLabel {
    pub line: u64,
    pub terminal_id: String,
}

result_kinds! {
    ImportResult => ImportKind {
        Set => "set",
        Unchanged => "unchanged",
        Skipped(_) => "skipped",
        Failed(_) => "failed",
        NotLogged(_) => "not logged" if some,
    }
}

impl RunResult for ImportResult {
    type Kind = ImportKind;
    type Label = ImportLabel;

    fn failed(&self) -> bool {
        matches!(self, ImportResult::Failed(_))
    }

    /// The wording of the results list.
    fn text(&self) -> String {
        match self {
            ImportResult::Set => "set".into(),
            ImportResult::Unchanged => "unchanged: it already had this terminalId".into(),
            ImportResult::Skipped(why) => format!("skipped: {why}"),
            ImportResult::Failed(why) => format!("failed: {why}"),
            ImportResult::NotLogged(what) => format!("not logged: {what}"),
        }
    }

    fn tone(&self) -> Tone {
        match self {
            ImportResult::Set => Tone::Good,
            ImportResult::Failed(_) | ImportResult::NotLogged(_) => Tone::Bad,
            ImportResult::Skipped(_) => Tone::Notice,
            ImportResult::Unchanged => Tone::Quiet,
        }
    }
}

/// Where an import is.
#[derive(Debug, Clone)]
pub enum ImportStage {
    /// The worker is reading the file and fetching the current requests.
    Planning,
    /// The plan is shown; nothing has been sent.
    Preview,
    /// The `will set` rows are being set, or have been (the run's phase says).
    Sending(Run<ImportResult>),
}

#[derive(Debug, Clone)]
pub struct ImportState {
    pub path: PathBuf,
    pub plan: ImportPlan,
    pub stage: ImportStage,
    /// Activate what was set once the run ends (`a`).
    pub activate: bool,
    /// The server's copies of the requests set, for the activation that follows.
    pub updated: HashMap<String, IntegrationRequest>,
    /// Preview scroll position (the run keeps its own for the results).
    pub scroll: usize,
}

impl ImportState {
    pub(in crate::app) fn planning(path: PathBuf) -> ImportState {
        ImportState {
            path,
            plan: ImportPlan::default(),
            stage: ImportStage::Planning,
            activate: false,
            updated: HashMap::new(),
            scroll: 0,
        }
    }

    /// Waiting on the worker (for the plan or for the updates).
    pub fn is_working(&self) -> bool {
        match &self.stage {
            ImportStage::Planning => true,
            ImportStage::Preview => false,
            ImportStage::Sending(run) => run.is_running(),
        }
    }

    pub fn is_preview(&self) -> bool {
        matches!(self.stage, ImportStage::Preview)
    }

    /// The run, once the preview was confirmed.
    pub fn run(&self) -> Option<&Run<ImportResult>> {
        match &self.stage {
            ImportStage::Sending(run) => Some(run),
            _ => None,
        }
    }

    pub fn run_mut(&mut self) -> Option<&mut Run<ImportResult>> {
        match &mut self.stage {
            ImportStage::Sending(run) => Some(run),
            _ => None,
        }
    }

    pub fn path_text(&self) -> String {
        shown_path(&self.path)
    }
}

/// A path as the operator typed it, without control characters.
pub fn shown_path(path: &Path) -> String {
    crate::text::clean(&path.display().to_string())
}

/// Close an import run: a row never answered was skipped when cancelled,
/// else it failed (it may have been sent).
pub fn finish_import(run: &mut Run<ImportResult>, cancelled: bool) {
    let unanswered = if cancelled {
        ImportResult::Skipped("cancelled before it was sent".into())
    } else {
        ImportResult::Failed(
            "no answer arrived before the run ended; reload to see its terminalId".into(),
        )
    };
    run.finish(cancelled, unanswered.clone(), unanswered);
}
