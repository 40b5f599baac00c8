//! What update() asks for instead of doing I/O itself: calls for the API
//! worker, and effects the event loop carries out on its own (the
//! clipboard, the config's commands). Each consumer takes its own kind.

use std::path::PathBuf;

use crate::api::Merchants;
use crate::api::{IntegrationRequest, SearchQuery};
use crate::export::ExportFormat;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// For the API worker.
    Api(WorkerCall),
    /// For the event loop, between frames.
    Effect(Effect),
}

/// Work for the API worker, answered by `ApiEvent`s.
// Moved once into the worker's channel and never stored, as `ApiEvent`s
// are, so a held request inline costs nothing worth a Box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerCall {
    Load {
        load_id: u64,
        query: SearchQuery,
    },
    /// Every page of `query` as `ApiEvent::Page`s of `load_id`, beside the
    /// list's load (a newer `Load` does not stop it): the other statuses'
    /// requests, counted when pending-only hides every match.
    LoadOthers {
        load_id: u64,
        query: SearchQuery,
    },
    /// Set a terminalId. The worker reads the request first and sends
    /// nothing if its terminalId is no longer `expected`, the value the
    /// operator saw replacing (`None`: the form showed none).
    Update {
        id: String,
        terminal_id: String,
        expected: Option<String>,
    },
    /// Activate `id`. `held`: the console's copy, on which the "ePay needs
    /// a terminalId" rule is checked instead of reading the request first.
    Activate {
        id: String,
        held: Option<IntegrationRequest>,
    },
    /// Activate `ids`; `held` are the console's copies of those it has.
    BulkActivate {
        run_id: u64,
        ids: Vec<String>,
        held: Vec<IntegrationRequest>,
        concurrency: usize,
    },
    /// Stop starting calls for a bulk activation or an import run.
    CancelBulk {
        run_id: u64,
    },
    /// Look up each merchant's name (a few at a time); answered by
    /// `ApiEvent::Merchants`, each id once, in batches of what arrived
    /// together.
    FetchMerchants {
        ids: Vec<String>,
    },
    /// Write `requests` (the view as shown) to `path`.
    Export {
        path: PathBuf,
        format: ExportFormat,
        requests: Vec<IntegrationRequest>,
        merchants: Merchants,
        /// Replace a file already at `path` (the operator said yes).
        replace: bool,
    },
    /// Read an import file and plan it against every request `query` finds.
    PlanImport {
        path: PathBuf,
        query: SearchQuery,
    },
    /// Set each `(request id, terminalId)`, `concurrency` at a time, never
    /// overwriting a terminalId set since the preview.
    ImportApply {
        run_id: u64,
        updates: Vec<(String, String)>,
        concurrency: usize,
    },
    /// Read the requests that left the queue on a refresh, to say why;
    /// answered by one `ApiEvent::LeftRead` carrying `total` (how many
    /// left, `ids` being the first of them) back.
    ReadLeft {
        ids: Vec<String>,
        total: usize,
    },
}

/// What the event loop does itself, never the API worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put `text` on the clipboard: written to the terminal as OSC 52
    /// between frames. `what` names it for the log ("REQ…", "12 rows as
    /// CSV").
    Copy { text: String, what: String },
    /// One of the config's commands, run by `tui::custom`.
    RunCustom(CustomRun),
}

/// Run the config's command at `index` once for each of `requests`, in the
/// background, answered by `ApiEvent::CustomFinished`; `tui::custom` adds
/// the API key when the command names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomRun {
    pub index: usize,
    pub name: String,
    pub template: crate::custom::Template,
    pub requests: Vec<crate::custom::RequestValues>,
    pub profile: String,
    pub host: String,
}
