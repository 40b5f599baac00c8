//! What can happen to the console: input, time passing and API answers.

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, MouseEvent};

use std::path::PathBuf;

use crate::api::retry::Activation;
use crate::api::{ApiError, IntegrationRequest, Merchant, MerchantAnswers};
use crate::import::ImportPlan;
use crate::ops::{Done, OpError, PlanError, Updated};

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
    /// A terminalId save's answer, as ops gave it: set, confirmed by a
    /// read-back, or already there (nothing sent); or why not, where
    /// `OpError::WouldReplace` carries the server's copy when its
    /// terminalId is no longer the one the operator saw.
    Updated {
        id: String,
        result: Result<Done<Updated>, OpError>,
    },
    /// An activation's answer (alone, or one of run `run_id`), as ops gave
    /// it: only `Activation::Activated` was this call's doing; a lost answer
    /// read back as active is `Confirmed`, and someone else getting there
    /// first is `AlreadyActive` (or the bare
    /// `OpError::Api(ApiError::AlreadyActivated)`).
    Activated {
        id: String,
        run_id: Option<u64>,
        result: Result<Done<Activation>, OpError>,
    },
    BulkStarted {
        run_id: u64,
        id: String,
    },
    BulkFinished {
        run_id: u64,
        cancelled: bool,
    },
    /// The requests of `WorkerCall::ReadLeft`, as read now, or the first
    /// read's failure. `total` left the queue, those read included.
    LeftRead {
        reads: Result<Vec<IntegrationRequest>, ApiError>,
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
        result: Result<ImportPlan, PlanError>,
    },
    /// One row of an import run has its answer, as ops gave it, with why
    /// its audit line is missing if it is.
    ImportRow {
        run_id: u64,
        id: String,
        result: Done<ImportRowResult>,
    },
    ImportFinished {
        run_id: u64,
        cancelled: bool,
    },
}

/// How one import row went: the core's answer, as the CLI hears it too.
pub use crate::ops::ImportRowResult;
