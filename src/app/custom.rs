//! The operator's own commands (`[[commands]]`): which requests a key's
//! command runs for, the question before it when the config asks for one,
//! and its result. update() hands the run to the terminal layer as
//! [`Effect::RunCustom`]; the process never runs here.

use crate::custom::{CommandOutcome, CommandRecord, CustomCommand, RequestValues, Target};
use crate::keys::{Intent, Scope};
use crate::text::count;

use super::answer::Answer;
use super::command::{Command, CustomRun, Effect};
use super::messages::ToastKind;
use super::runs::{RunBody, RunWhat};
use super::state::{App, Asking, Mode};

/// The command's key was pressed in the list.
pub(super) fn on_intent(app: &mut App, index: usize) -> Vec<Command> {
    let Some(cmd) = app.config.prefs.commands.get(index).cloned() else {
        return Vec::new();
    };
    if app.custom.running.contains(&index) {
        app.info(format!(
            "'{}' is already running; wait for it to finish.",
            cmd.name
        ));
        return Vec::new();
    }
    let targets = targets(app, cmd.target);
    if targets.is_empty() {
        app.info(format!("'{}' has no request to run for.", cmd.name));
        return Vec::new();
    }
    if cmd.confirm {
        app.mode = Mode::Asking(Asking::Custom { index, targets });
        return Vec::new();
    }
    start(app, index, &cmd, targets)
}

/// The cursor's request, or for `for = "marked"` the marked ones (the
/// cursor's when none is marked).
fn targets(app: &App, target: Target) -> Vec<RequestValues> {
    let requests = match target {
        Target::Marked if app.marked_len() > 0 => app.list.marked_requests(),
        _ => app.cursor_request().cloned().into_iter().collect(),
    };
    requests
        .iter()
        .map(|r| RequestValues::of(r, app.merchant(&r.merchant_id).map(|m| m.name.clone())))
        .collect()
}

/// The question asked before a command with `confirm = true`.
pub fn question(app: &App, index: usize, targets: &[RequestValues]) -> String {
    let name = app
        .config
        .prefs
        .commands
        .get(index)
        .map_or("", |c| c.name.as_str());
    match targets {
        [one] => format!("Run '{name}' for {}?", one.id),
        many => format!(
            "Run '{name}' for {}? It runs once per request.",
            count(many.len(), "request", "requests")
        ),
    }
}

/// The answer to [`question`].
pub(super) fn answered(
    app: &mut App,
    index: usize,
    targets: Vec<RequestValues>,
    answer: Answer,
) -> Vec<Command> {
    match (answer, app.config.prefs.commands.get(index).cloned()) {
        (Answer::Yes, Some(cmd)) => start(app, index, &cmd, targets),
        _ => Vec::new(),
    }
}

fn start(
    app: &mut App,
    index: usize,
    cmd: &CustomCommand,
    requests: Vec<RequestValues>,
) -> Vec<Command> {
    app.custom.running.push(index);
    let record = CommandRecord {
        index,
        name: cmd.name.clone(),
        requests: requests.iter().map(|r| r.id.clone()).collect(),
        started: app.now,
        ended: None,
    };
    app.runs.started(
        app.now,
        RunWhat::Command(cmd.name.clone()),
        RunBody::Command(record.clone()),
    );
    app.custom.history.started(record);
    vec![Command::Effect(Effect::RunCustom(CustomRun {
        index,
        name: cmd.name.clone(),
        template: cmd.template.clone(),
        requests,
        profile: app.config.profile.clone(),
        host: app.config.safety.host.clone(),
    }))]
}

/// A command finished: a toast with its exit status, its output in the
/// message log and the output panel.
pub(super) fn on_finished(app: &mut App, index: usize, outcome: CommandOutcome) -> Vec<Command> {
    app.custom.running.retain(|i| *i != index);
    let name = app
        .config
        .prefs
        .commands
        .get(index)
        .map_or_else(String::new, |c| c.name.clone());
    let runs = if outcome.runs > 1 {
        format!(" for {}", count(outcome.runs, "request", "requests"))
    } else {
        String::new()
    };
    let number = app.runs.command_finished(index, app.now, outcome.clone());
    let pointer = app.results_pointer(number);
    // The panel's key, as the operator bound it; no hint when unbound.
    let panel = app
        .config
        .prefs
        .keys
        .keys(Scope::List, Intent::Output)
        .first()
        .map_or_else(String::new, |k| format!(" {k} shows the output."));
    let (error, info) = (ToastKind::Error, ToastKind::Info);
    match (&outcome.error, outcome.code) {
        (Some(e), _) => app.say(
            error,
            format!("'{name}' could not run{runs}: {e}{panel}"),
            &pointer,
        ),
        (None, Some(0)) => app.say(
            info,
            format!("'{name}' finished{runs} (exit 0).{panel}"),
            &pointer,
        ),
        (None, code) => {
            let line = outcome
                .stderr_line
                .as_deref()
                .map_or_else(String::new, |l| format!(": {l}"));
            let sep = if panel.is_empty() { "" } else { ";" };
            // It runs once per request: say how many of them failed.
            let how = match outcome.requests.len() {
                0 | 1 => {
                    let code = code
                        .map_or_else(|| "killed by a signal".to_string(), |c| format!("exit {c}"));
                    format!("failed{runs} ({code})")
                }
                n => format!(
                    "ran for {}: {} succeeded, {} failed ({})",
                    count(n, "request", "requests"),
                    n - outcome.failed(),
                    outcome.failed(),
                    outcome.failed_exits()
                ),
            };
            app.say(error, format!("'{name}' {how}{line}{sep}{panel}"), &pointer);
        }
    }
    if !outcome.output.is_empty() {
        app.log_only(
            ToastKind::Info,
            format!("Output of '{name}':\n{}", outcome.output),
        );
    }
    app.custom.history.finished(index, app.now, outcome.clone());
    app.custom.last = Some((name, outcome.output));
    Vec::new()
}

impl App {
    /// The names of the commands running now, for the title.
    pub fn running_commands(&self) -> Vec<&str> {
        self.custom
            .running
            .iter()
            .filter_map(|i| self.config.prefs.commands.get(*i))
            .map(|c| c.name.as_str())
            .collect()
    }

    /// The last finished command's name and output.
    pub fn command_output(&self) -> Option<(&str, &str)> {
        self.custom
            .last
            .as_ref()
            .map(|(n, o)| (n.as_str(), o.as_str()))
    }
}
