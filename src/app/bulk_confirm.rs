//! The bulk dialog's answers: start the run, enter the missing terminalIds
//! first (the run starts after the last form), or go back.

use super::answer::Answer;
use super::bulk::{BulkEntry, BulkPlan};
use super::bulk_flow::start_bulk;
use super::change::next_bulk_form;
use super::command::Command;
use super::retry;
use super::state::App;

pub(super) fn answered(app: &mut App, plan: BulkPlan, answer: Answer) -> Vec<Command> {
    match answer {
        Answer::Yes => start_bulk(app, &plan.ids, &Default::default()),
        Answer::Alt => {
            let queue = plan.missing_terminal.iter().cloned().collect();
            let total = plan.missing_terminal.len();
            let entry = BulkEntry {
                plan,
                queue,
                entered: Default::default(),
                step: (0, total),
            };
            next_bulk_form(app, entry)
        }
        Answer::No => retry::cancelled(app, &plan),
    }
}
