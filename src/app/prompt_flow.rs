//! Keys in the path prompt shared by export and import: typing edits the
//! path, Esc cancels, Enter hands the path to the slice that opened it
//! (`export` or `import_prompt`). Its data is in `prompt`, so the state can
//! hold it without knowing what the prompt leads to.

use crate::keys::{Intent, Press};

use super::command::Command;
use super::export;
use super::import_prompt;
use super::prompt::{Prompt, PromptKind};
use super::state::{App, Mode};

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
                PromptKind::Export => export::submit(app, &raw),
                PromptKind::Import => import_prompt::submit(app, &raw),
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
            if prompt.input.key(k) {
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
