//! The footer and help rows of the key table. A label is today's spelling,
//! used verbatim while none of its intents is remapped in its scope;
//! otherwise it is rendered from the keys that work.

use super::intent::{Intent, Scope};

use Intent as I;
use Scope as S;

/// When a footer row is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    Writable,
    ReadOnly,
    /// The bulk plan has requests without the terminalId they need.
    Missing,
    FormSave,
    FormActivate,
    FormBulk,
    PromptExport,
    PromptImport,
    /// The question of `Scope::Confirm` is "activate this request?".
    ConfirmActivate,
    /// The question of `Scope::Confirm` is "run your command?".
    ConfirmCustom,
    /// Not read-only, and the import preview has rows it will set.
    ImportSets,
    /// Not read-only, and the import preview has rows an import with
    /// activation activates (set now, or already holding the file's value).
    ImportActivates,
}

/// One footer hint. No intents: a note whose label is not a key.
pub struct HintRow {
    pub scope: Scope,
    pub intents: &'static [Intent],
    pub label: &'static str,
    pub words: &'static str,
    pub when: When,
}

/// One line of the `?` overlay. Empty `label` and no intents: a section
/// title (`text`). `refs` fill the `{}` in `text`, in order, with the keys
/// of those intents (their default spelling while not remapped).
pub struct HelpRow {
    pub scope: Scope,
    pub intents: &'static [Intent],
    pub prefix: &'static str,
    pub label: &'static str,
    pub text: &'static str,
    pub refs: &'static [(Scope, &'static [Intent], &'static str)],
}

const fn h(
    scope: Scope,
    intents: &'static [Intent],
    label: &'static str,
    words: &'static str,
    when: When,
) -> HintRow {
    HintRow {
        scope,
        intents,
        label,
        words,
        when,
    }
}

use When as W;

/// The footer of every scope, in the order shown (help and quit early: at
/// 80 columns the line is cut after them).
pub static HINTS: &[HintRow] = &[
    h(S::QuitConfirm, &[I::Confirm], "y", "quit", W::Always),
    h(S::QuitConfirm, &[I::Cancel], "n/Esc", "stay", W::Always),
    h(S::List, &[I::Down, I::Up], "j/k", "move", W::Always),
    h(S::List, &[I::Filter], "/", "filter", W::Always),
    h(S::List, &[I::Activate], "a", "activate", W::Writable),
    h(S::List, &[I::TerminalId], "t", "terminalId", W::Writable),
    h(S::List, &[I::Mark], "space", "mark", W::Always),
    h(S::List, &[I::BulkActivate], "A", "bulk", W::Writable),
    h(S::List, &[I::Help], "?", "help", W::Always),
    h(S::List, &[I::Quit], "q", "quit", W::Always),
    h(S::List, &[I::TogglePending], "p", "pending/all", W::Always),
    h(
        S::List,
        &[I::Sort, I::SortReverse],
        "s/S",
        "sort",
        W::Always,
    ),
    h(S::List, &[I::Refresh], "r", "reload", W::Always),
    h(S::List, &[I::Export], "e", "export", W::Always),
    h(S::List, &[I::Import], "i", "import", W::Writable),
    h(S::List, &[I::Import], "i", "preview import", W::ReadOnly),
    h(S::List, &[I::Messages], "m", "messages", W::Always),
    h(S::Filter, &[I::Submit], "Enter", "keep filter", W::Always),
    h(S::Filter, &[I::ClearFilter], "Esc", "clear", W::Always),
    // The words no one guesses come before the field names, so they show
    // at 100 columns; the names show wider, in `?` and in the error line.
    h(
        S::Filter,
        &[],
        "terminal:none needs:terminal",
        "no terminalId / needs one",
        W::Always,
    ),
    h(
        S::Filter,
        &[],
        "type: status: merchant: account: id: terminal:",
        "one field",
        W::Always,
    ),
    h(S::Help, &[I::Down, I::Up], "j/k", "scroll", W::Always),
    h(S::Help, &[I::Close], "Esc/?", "close", W::Always),
    h(S::Form, &[I::Submit], "Enter", "save and next", W::FormBulk),
    h(S::Form, &[I::Cancel], "Esc", "skip this one", W::FormBulk),
    h(
        S::Form,
        &[I::StopEntry],
        "ctrl-x",
        "stop, review the run",
        W::FormBulk,
    ),
    h(
        S::Form,
        &[I::Submit],
        "Enter",
        "save and activate",
        W::FormActivate,
    ),
    h(S::Form, &[I::Cancel], "Esc", "cancel", W::FormActivate),
    h(S::Form, &[I::Submit], "Enter", "save", W::FormSave),
    h(S::Form, &[I::Cancel], "Esc", "cancel", W::FormSave),
    h(
        S::Overwrite,
        &[I::Confirm],
        "y/Enter",
        "yes, change it",
        W::Always,
    ),
    h(
        S::Overwrite,
        &[I::Cancel],
        "n/Esc",
        "back to the form",
        W::Always,
    ),
    h(
        S::Confirm,
        &[I::Confirm],
        "y/Enter",
        "activate",
        W::ConfirmActivate,
    ),
    h(
        S::Confirm,
        &[I::Confirm],
        "y/Enter",
        "run the command",
        W::ConfirmCustom,
    ),
    h(S::Confirm, &[I::Cancel], "n/Esc", "cancel", W::Always),
    h(S::BulkCount, &[], "0-9", "type the count", W::Always),
    h(S::BulkCount, &[I::Confirm], "Enter", "activate", W::Always),
    h(
        S::BulkCount,
        &[I::EnterMissing],
        "e",
        "enter missing terminalIds",
        W::Missing,
    ),
    h(S::BulkCount, &[I::Cancel], "Esc", "cancel", W::Always),
    h(
        S::BulkConfirm,
        &[I::Confirm],
        "Enter/y",
        "activate",
        W::Always,
    ),
    h(
        S::BulkConfirm,
        &[I::EnterMissing],
        "e",
        "enter missing terminalIds",
        W::Missing,
    ),
    h(S::BulkConfirm, &[I::Cancel], "Esc", "cancel", W::Always),
    h(S::Prompt, &[I::Submit], "Enter", "export", W::PromptExport),
    h(S::Prompt, &[I::Cancel], "Esc", "cancel", W::PromptExport),
    h(S::Prompt, &[I::Submit], "Enter", "preview", W::PromptImport),
    h(S::Prompt, &[I::Cancel], "Esc", "cancel", W::PromptImport),
    h(
        S::ImportPreview,
        &[I::Confirm],
        "y/Enter",
        "set terminalIds",
        W::ImportSets,
    ),
    h(
        S::ImportPreview,
        &[I::ConfirmAlt],
        "a",
        "set and activate",
        W::ImportActivates,
    ),
    h(
        S::ImportPreview,
        &[I::Down, I::Up],
        "j/k",
        "scroll",
        W::Always,
    ),
    h(S::ImportPreview, &[I::Cancel], "Esc", "close", W::ReadOnly),
    h(S::ImportPreview, &[I::Cancel], "Esc", "cancel", W::Writable),
    h(S::ImportCount, &[], "0-9", "type the count", W::Always),
    h(
        S::ImportCount,
        &[I::Confirm],
        "Enter",
        "set and activate",
        W::Always,
    ),
    h(
        S::ImportCount,
        &[I::Cancel],
        "Esc",
        "back to the preview",
        W::Always,
    ),
    h(
        S::ImportRunning,
        &[I::CancelRun],
        "Esc",
        "cancel run",
        W::Always,
    ),
    h(
        S::ImportResults,
        &[I::Down, I::Up],
        "j/k",
        "scroll",
        W::Always,
    ),
    h(
        S::ImportResults,
        &[I::Close],
        "Esc/Enter/q",
        "close",
        W::Always,
    ),
    h(S::ImportPlanning, &[I::Cancel], "Esc", "cancel", W::Always),
    h(
        S::BulkResults,
        &[I::RetryFailed],
        "R",
        "retry failed",
        W::Always,
    ),
    h(
        S::BulkResults,
        &[I::Down, I::Up],
        "j/k",
        "scroll",
        W::Always,
    ),
    h(
        S::BulkResults,
        &[I::Close],
        "Esc/Enter/q",
        "close",
        W::Always,
    ),
    h(
        S::BulkRunning,
        &[I::CancelRun],
        "Esc",
        "cancel run",
        W::Always,
    ),
    h(S::BulkRunning, &[I::Quit], "q", "quit", W::Always),
    h(
        S::ExportOverwrite,
        &[I::Confirm],
        "y",
        "replace the file",
        W::Always,
    ),
    h(
        S::ExportOverwrite,
        &[I::Cancel],
        "n/Esc",
        "choose another name",
        W::Always,
    ),
    h(S::BulkRunning, &[I::Down, I::Up], "j/k", "move", W::Always),
    h(S::BulkRunning, &[I::Help], "?", "help", W::Always),
    h(S::BulkRunning, &[I::Filter], "/", "filter", W::Always),
    h(S::BulkRunning, &[I::Activate], "a", "activate", W::Writable),
    h(
        S::BulkRunning,
        &[I::TerminalId],
        "t",
        "terminalId",
        W::Writable,
    ),
    h(
        S::BulkRunning,
        &[I::Mark, I::MarkAll, I::ClearMarks],
        "space/*/u",
        "marks",
        W::Always,
    ),
    h(
        S::BulkRunning,
        &[I::TogglePending],
        "p",
        "pending/all",
        W::Always,
    ),
    h(
        S::BulkRunning,
        &[I::Sort, I::SortReverse],
        "s/S",
        "sort",
        W::Always,
    ),
    h(S::BulkRunning, &[I::Refresh], "r", "reload", W::Always),
    h(S::BulkRunning, &[I::Export], "e", "export", W::Always),
    h(S::BulkRunning, &[I::Messages], "m", "messages", W::Always),
    h(
        S::HelpRunning,
        &[I::CancelRun],
        "Esc",
        "cancel run",
        W::Always,
    ),
    h(
        S::HelpRunning,
        &[I::Down, I::Up],
        "j/k",
        "scroll",
        W::Always,
    ),
    h(S::HelpRunning, &[I::Close], "?", "close", W::Always),
    h(S::HelpRunning, &[I::Quit], "q", "quit", W::Always),
    h(S::Messages, &[I::Down, I::Up], "j/k", "scroll", W::Always),
    h(S::Messages, &[I::Close], "Esc/q", "close", W::Always),
    h(S::ImportRunning, &[I::Quit], "q", "quit", W::Always),
    h(S::List, &[I::Backlog], "b", "backlog", W::Always),
    h(S::List, &[I::Copy, I::CopyRows], "y/Y", "copy", W::Always),
    h(
        S::BulkRunning,
        &[I::Copy, I::CopyRows],
        "y/Y",
        "copy",
        W::Always,
    ),
    h(S::List, &[I::NextView], "Tab", "views", W::Always),
    h(S::List, &[I::Output], "O", "output", W::Always),
    h(S::BulkRunning, &[I::Output], "O", "output", W::Always),
    h(S::Output, &[I::Down, I::Up], "j/k", "scroll", W::Always),
    h(S::Output, &[I::Close], "Esc/q", "close", W::Always),
    h(S::List, &[I::Columns], "C", "columns", W::Always),
    h(S::Columns, &[I::Down, I::Up], "j/k", "move", W::Always),
    h(
        S::Columns,
        &[I::ToggleColumn],
        "space",
        "show/hide",
        W::Always,
    ),
    h(
        S::Columns,
        &[I::ColumnUp, I::ColumnDown],
        "K/J",
        "move column",
        W::Always,
    ),
    h(S::Columns, &[I::Close], "Enter/Esc", "close", W::Always),
];
