//! What can happen to the console: input, time passing and API answers.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};

use std::path::PathBuf;

use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationRequest, Merchant, MerchantAnswers};
use crate::import::ImportPlan;

// Moved once per event and never stored, so the size of an API answer
// inline costs nothing worth a Box in the runtime's interface.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Action {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// A bracketed paste: text for the focused field, never keys.
    Paste(String),
    /// Time only enters the app here, so update() stays pure and testable.
    Tick(DateTime<Utc>),
    Api(ApiEvent),
    /// Run the next step of work left in slices (a filter scan), sent by
    /// the loop while [`App::has_pending_work`] and no input is waiting.
    ///
    /// [`App::has_pending_work`]: crate::app::App::has_pending_work
    Continue,
}

/// The worker's answers, tagged so late answers to superseded work can be
/// recognised and dropped.
#[derive(Debug, Clone)]
pub enum ApiEvent {
    /// The config's command at `index` has finished (every run of it).
    CustomFinished {
        index: usize,
        outcome: crate::custom::CommandOutcome,
    },
    Page {
        load_id: u64,
        items: Vec<IntegrationRequest>,
        done: bool,
    },
    LoadFailed {
        load_id: u64,
        error: ApiError,
    },
    Updated {
        id: String,
        result: Result<IntegrationRequest, ApiError>,
    },
    /// An update was not sent because the server already had that
    /// terminalId (someone set the same value since the operator looked).
    /// `current` is the server's copy of the request.
    AlreadySet {
        id: String,
        current: IntegrationRequest,
    },
    /// An update was not sent: the server's terminalId is no longer the one
    /// the operator saw. `current` is the server's copy of the request.
    SetMeanwhile {
        id: String,
        current: IntegrationRequest,
    },
    /// `Ok(Activation::Activated)` only when the server answered this call;
    /// a lost answer read back as active is `Confirmed`, and someone else
    /// getting there first is `AlreadyActive` (or the bare
    /// `Err(ApiError::AlreadyActivated)`).
    Activated {
        id: String,
        run_id: Option<u64>,
        result: Result<Activation, ApiError>,
    },
    BulkStarted {
        run_id: u64,
        id: String,
    },
    BulkFinished {
        run_id: u64,
        cancelled: bool,
    },
    /// The requests of `Command::ReadLeft`, as read now; `None` when the
    /// reads failed. `total` left the queue, those read included.
    LeftRead {
        reads: Option<Vec<IntegrationRequest>>,
        total: usize,
    },
    /// `None`: the key cannot see it, or the lookup failed.
    Merchant {
        merchant_id: String,
        merchant: Option<Merchant>,
    },
    /// Several merchants' answers at once, as [`ApiEvent::Merchant`] each:
    /// the worker batches what arrives together, so a burst of names costs
    /// one update.
    Merchants {
        names: MerchantAnswers,
    },
    Exported {
        path: PathBuf,
        count: usize,
        result: Result<(), crate::export::ExportError>,
    },
    ImportPlanned {
        path: PathBuf,
        result: Result<ImportPlan, String>,
    },
    /// One row of an import run has its answer.
    ImportRow {
        run_id: u64,
        id: String,
        result: ImportRowResult,
    },
    ImportFinished {
        run_id: u64,
        cancelled: bool,
    },
}

/// How one import row went: the core's answer, as the CLI hears it too.
pub use crate::ops::ImportRowResult;
