//! Quitting: at once when nothing runs, after a yes while a run goes on;
//! either way a running run is told to stop, and how to finish it is said
//! in the question and, once the terminal is back, on stderr.

use crate::app::answer::Answer;
use crate::app::command::{Command, WorkerCall};
use crate::app::run::{Run, RunPhase};
use crate::app::state::{App, OverlayQuestion};

/// `q` on the list or during a run.
pub(in crate::app) fn request(app: &mut App) {
    if app.running_run().is_some() {
        app.asking = Some(OverlayQuestion::Quit);
    } else {
        app.quit = true;
    }
}

/// The answer to "quit while a run goes on?".
pub(in crate::app) fn answered(app: &mut App, answer: Answer) -> Vec<Command> {
    if answer == Answer::Yes {
        return now(app);
    }
    app.asking = None;
    Vec::new()
}

/// Quit now (ctrl-c, or the question answered yes).
pub(in crate::app) fn now(app: &mut App) -> Vec<Command> {
    app.quit = true;
    if let (Some(what), Some(finish)) = (app.running_run(), app.finish_hint()) {
        app.quit_note = Some(format!("The console quit during {what}. {finish}"));
    }
    let mut cmds = Vec::new();
    if let Some(run) = app.bulk.as_mut()
        && run.phase == RunPhase::Running
    {
        run.cancel_requested = true;
        cmds.push(Command::Api(WorkerCall::CancelBulk { run_id: run.run_id }));
    }
    if let Some(run) = app.import.as_mut().and_then(|i| i.run_mut())
        && run.is_running()
    {
        run.cancel_requested = true;
        cmds.push(Command::Api(WorkerCall::CancelBulk { run_id: run.run_id }));
    }
    cmds
}

impl App {
    /// The run going on, as a sentence names it ("a bulk activation").
    pub fn running_run(&self) -> Option<&'static str> {
        if self.bulk.as_ref().is_some_and(Run::is_running) {
            Some("a bulk activation")
        } else if self
            .import
            .as_ref()
            .and_then(|i| i.run())
            .is_some_and(Run::is_running)
        {
            Some("an import")
        } else {
            None
        }
    }

    /// How to finish the run going on once the console has quit: the quit
    /// question says it, and stderr after the terminal is restored.
    pub fn finish_hint(&self) -> Option<String> {
        let what = self.running_run()?;
        if self.config.demo {
            return Some(
                "The demo's log is deleted when it quits, so this run cannot be finished later."
                    .into(),
            );
        }
        if what == "a bulk activation" {
            return Some(format!(
                "To finish it later, run `intake activate --resume{}`.",
                profile_arg(&self.config.profile)
            ));
        }
        // An import's sets are not a resumable run: the same file again
        // sends only the rows still to set, and with --activate activates
        // every pending request that holds the file's terminalId.
        let import = self.import.as_ref()?;
        let path = shell_word(&import.path.display().to_string());
        let profile = profile_arg(&self.config.profile);
        Some(match import.activate {
            true => format!(
                "To finish it later, run `intake import {path} --activate{profile}`: rows already set show as unchanged, and the pending ones that hold the file's terminalId are activated."
            ),
            false => format!(
                "To finish it later, run `intake import {path}{profile}`: rows already set show as unchanged."
            ),
        })
    }
}

/// ` --profile NAME` unless the profile is the default one, quoted for a
/// shell when it needs to be.
fn profile_arg(profile: &str) -> String {
    if profile == "default" {
        return String::new();
    }
    format!(" --profile {}", shell_word(profile))
}

/// `word` as a shell reads it back: as it is when plain, else single-quoted.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
