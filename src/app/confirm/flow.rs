//! How a key answers the question on screen: it becomes a yes, the
//! alternative or a no, a typed count is edited and checked, and the answer
//! goes to the slice that asked.

use crate::keys::{Intent, Press};

use crate::app::answer::Answer;
use crate::app::bulk;
use crate::app::change;
use crate::app::command::Command;
use crate::app::custom;
use crate::app::export;
use crate::app::import;
use crate::app::state::{App, Asking, Mode};
use crate::app::typed_count::{Typed, TypedCount};

use super::Question;
use super::quit;

/// A key while a question is asked. `None`: no question, or the key is not
/// an answer and the screen below takes it (the import preview scrolls).
pub(in crate::app) fn on_input(app: &mut App, input: Press) -> Option<Vec<Command>> {
    let asking = app.question()?;
    let answer = match input {
        Press::Intent(i) => answer_of(i).filter(|a| accepts(app, asking, *a)),
        Press::Text(_) => None,
    };
    if let Some((typed, want)) = typed_count(app, asking) {
        if typed.edit(&input) == Typed::Editing {
            return Some(Vec::new());
        }
        match answer {
            Some(Answer::No) => {}
            Some(_) if typed.check(want) => {}
            _ => return Some(Vec::new()),
        }
    }
    match answer {
        Some(answer) => Some(answered(app, asking, answer)),
        None if asking == Question::Import => None,
        None => Some(Vec::new()),
    }
}

fn answer_of(intent: Intent) -> Option<Answer> {
    match intent {
        Intent::Confirm => Some(Answer::Yes),
        Intent::ConfirmAlt | Intent::EnterMissing => Some(Answer::Alt),
        Intent::Cancel => Some(Answer::No),
        _ => None,
    }
}

/// Whether `asking` has an `answer` now (the bulk dialog offers entering
/// terminalIds only when some are missing).
fn accepts(app: &App, asking: Question, answer: Answer) -> bool {
    match (asking, answer) {
        (_, Answer::Yes | Answer::No) => true,
        (Question::Bulk, Answer::Alt) => {
            matches!(&app.mode, Mode::Asking(Asking::Bulk(p)) if !p.missing_terminal.is_empty())
        }
        (Question::Import, Answer::Alt) => true,
        (_, Answer::Alt) => false,
    }
}

/// The count `asking` waits for, with the number it must read.
fn typed_count(app: &mut App, asking: Question) -> Option<(&mut TypedCount, usize)> {
    match asking {
        Question::Bulk => match &mut app.mode {
            Mode::Asking(Asking::Bulk(plan)) => {
                let want = plan.ids.len();
                plan.typed.as_deref_mut().map(|t| (t, want))
            }
            _ => None,
        },
        Question::ImportCount => {
            let want = app.import.as_ref()?.plan.to_activate().count();
            match &mut app.mode {
                Mode::Asking(Asking::Import { typed }) => typed.as_mut().map(|t| (t, want)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Hand the answer to the slice that asked.
fn answered(app: &mut App, asking: Question, answer: Answer) -> Vec<Command> {
    match asking {
        Question::Quit => quit::answered(app, answer),
        // The import's answers leave the preview on screen or move it on.
        Question::Import => import::answered(app, answer),
        Question::ImportCount => import::count_answered(app, answer),
        Question::Activate
        | Question::Bulk
        | Question::Overwrite
        | Question::ExportOverwrite
        | Question::Custom => {
            match std::mem::replace(&mut app.mode, Mode::List) {
                Mode::Asking(Asking::Activate { id }) => change::activate_answered(app, id, answer),
                // The missing terminalIds are entered in the change slice's
                // forms; the run starts after the last one.
                Mode::Asking(Asking::Bulk(plan)) if answer == Answer::Alt => {
                    change::enter_missing(app, plan)
                }
                Mode::Asking(Asking::Bulk(plan)) => {
                    bulk::answered(app, plan, answer == Answer::Yes)
                }
                Mode::Asking(Asking::Overwrite(ow)) => change::overwrite_answered(app, *ow, answer),
                Mode::Asking(Asking::ExportOverwrite { path, format }) => {
                    export::overwrite_answered(app, path, format, answer)
                }
                Mode::Asking(Asking::Custom { index, targets }) => {
                    custom::answered(app, index, targets, answer)
                }
                other => {
                    app.mode = other;
                    Vec::new()
                }
            }
        }
    }
}
