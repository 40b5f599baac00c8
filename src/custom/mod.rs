//! The operator's own commands (`[[commands]]`): what the config says, its
//! checks at load, and the values a request gives a command line. Running
//! them is the terminal layer's (`tui::custom`); update() only asks.

use serde::{Deserialize, Serialize};

use crate::api::IntegrationRequest;
use crate::keys::{Key, KeyMap, Scope};

mod history;
mod template;
#[cfg(test)]
mod tests;

pub use history::{CommandHistory, CommandRecord, KEPT_OUTPUT_BYTES, MAX_RUNS};
pub use template::{Placeholder, Template, TemplateError, quote};

/// One `[[commands]]` entry as written in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommandSpec {
    pub key: String,
    pub name: String,
    pub run: String,
    /// Ask before running.
    pub confirm: bool,
    #[serde(rename = "for")]
    pub target: Target,
    /// Let `run` name `{api_key}`.
    pub allow_api_key: bool,
}

/// Which requests a command runs for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    /// The request under the cursor.
    #[default]
    Cursor,
    /// Each marked request (the cursor's when none is marked), one run each.
    Marked,
}

/// A command checked at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCommand {
    pub key: Key,
    pub name: String,
    pub template: Template,
    pub confirm: bool,
    pub target: Target,
}

/// A request's values as the console knows them, for one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestValues {
    pub id: String,
    pub merchant_id: String,
    pub merchant_name: Option<String>,
    pub account_id: String,
    pub kind: String,
    pub status: String,
    pub terminal_id: Option<String>,
}

impl RequestValues {
    pub fn of(r: &IntegrationRequest, merchant_name: Option<String>) -> RequestValues {
        RequestValues {
            id: r.id.clone(),
            merchant_id: r.merchant_id.clone(),
            merchant_name,
            account_id: r.account_id.clone(),
            kind: r.kind.to_string(),
            status: r.status.to_string(),
            terminal_id: r.terminal_id.clone(),
        }
    }

    /// The value of a request's own field; `None` for the session's
    /// (profile, host, key) and for what the request lacks.
    pub fn get(&self, field: Placeholder) -> Option<String> {
        match field {
            Placeholder::Id => Some(self.id.clone()),
            Placeholder::MerchantId => Some(self.merchant_id.clone()),
            Placeholder::MerchantName => self.merchant_name.clone(),
            Placeholder::AccountId => Some(self.account_id.clone()),
            Placeholder::Type => Some(self.kind.clone()),
            Placeholder::Status => Some(self.status.clone()),
            Placeholder::TerminalId => self.terminal_id.clone(),
            Placeholder::Profile | Placeholder::Host | Placeholder::ApiKey => None,
        }
    }
}

fn placeholders() -> String {
    Placeholder::ALL
        .iter()
        .filter(|f| **f != Placeholder::ApiKey)
        .map(|f| format!("{{{}}}", f.name()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A `[[commands]]` entry refused: which one (from 0, in the file's
/// order, so its line can be found) and a sentence naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct InvalidCommand {
    pub index: usize,
    pub message: String,
}

/// Check every command against the rest and the list's keys in `keys`;
/// the error is a sentence naming the command.
pub fn validate(
    specs: &[CommandSpec],
    keys: &KeyMap,
) -> Result<Vec<CustomCommand>, InvalidCommand> {
    let mut out: Vec<CustomCommand> = Vec::new();
    for (index, spec) in specs.iter().enumerate() {
        let command =
            check(spec, keys, &out).map_err(|message| InvalidCommand { index, message })?;
        out.push(command);
    }
    Ok(out)
}

/// One command, against the list's keys and the commands before it.
fn check(
    spec: &CommandSpec,
    keys: &KeyMap,
    before: &[CustomCommand],
) -> Result<CustomCommand, String> {
    let name = spec.name.trim();
    if name.is_empty() {
        return Err(format!(
            "A command (run = \"{}\") has no name; give it one, e.g. name = \"Open ticket\".",
            spec.run
        ));
    }
    if spec.run.trim().is_empty() {
        return Err(format!(
            "The command '{name}' has an empty `run`; give it the shell command line to run."
        ));
    }
    let template = Template::parse(&spec.run).map_err(|e| match e {
        TemplateError::Unknown(p) => format!(
            "The command '{name}' uses {{{p}}}, which is not a placeholder; use {}.",
            placeholders()
        ),
        TemplateError::Quoted(f) => format!(
            "The command '{name}' has {{{0}}} inside quotes in `run`, where its own quoting would break; write {{{0}}} without quotes; intake quotes it.",
            f.name()
        ),
    })?;
    if template.uses(Placeholder::ApiKey) && !spec.allow_api_key {
        return Err(format!(
            "The command '{name}' uses {{api_key}} without `allow_api_key = true`; it was refused so the API key never reaches a command by mistake. Add allow_api_key = true to it if it must have the key."
        ));
    }
    let key = Key::parse(&spec.key)
        .map_err(|e| format!("The command '{name}' has a key intake cannot read: {e}."))?;
    if key.is_reserved() {
        return Err(format!(
            "The command '{name}' is bound to `{key}`, which is reserved (esc cancels, ctrl-c quits); pick another key."
        ));
    }
    // Commands work beside a bulk run too, so its keys count as well.
    if let Some(intent) = keys
        .intent_at(Scope::List, key)
        .or_else(|| keys.intent_at(Scope::BulkRunning, key))
    {
        return Err(format!(
            "The command '{name}' is bound to `{key}`, which is already the list's key for `{}`; give the command another key (or move `{}` in [keys]).",
            intent.name(),
            intent.name()
        ));
    }
    if let Some(other) = before.iter().find(|c| c.key == key) {
        return Err(format!(
            "The commands '{}' and '{name}' are both bound to `{key}`; give one of them another key.",
            other.name
        ));
    }
    Ok(CustomCommand {
        key,
        name: name.to_string(),
        template,
        confirm: spec.confirm,
        target: spec.target,
    })
}

/// How a command's run (one per request) ended, as the terminal layer
/// reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandOutcome {
    /// How many requests it ran for.
    pub runs: usize,
    /// The first non-zero exit code, else 0; `None` when a signal ended it.
    pub code: Option<i32>,
    /// The first line of the failing run's stderr.
    pub stderr_line: Option<String>,
    /// stdout and stderr of every run, capped.
    pub output: String,
    /// The same, split by stream for the output panel (stderr marked).
    pub stdout: String,
    pub stderr: String,
    /// Why it could not be started (no `sh`, say).
    pub error: Option<String>,
    /// Each request's run in the order they ran (those after one that
    /// could not start are missing): its exit status and what it printed.
    pub requests: Vec<RequestRun>,
}

/// One request's run of a command.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestRun {
    pub id: String,
    /// `None` when a signal ended it.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl RequestRun {
    /// Its exit status was not 0, or a signal ended it.
    pub fn failed(&self) -> bool {
        self.code != Some(0)
    }
}

impl CommandOutcome {
    /// How many of the requests' runs failed (exit status not 0, or killed).
    pub fn failed(&self) -> usize {
        self.requests.iter().filter(|r| r.failed()).count()
    }
}

/// The console's commands running now (by index), and the last finished
/// one's name and output.
#[derive(Debug, Clone, Default)]
pub struct CommandRuns {
    pub running: Vec<usize>,
    pub last: Option<(String, String)>,
    /// The last runs, for the output panel.
    pub history: CommandHistory,
}
