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
    h(S::Filter, &[I::Submit], "Enter", "keep filter", W::Always),
    h(S::Filter, &[I::ClearFilter], "Esc", "clear", W::Always),
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
    h(S::Confirm, &[I::Confirm], "y/Enter", "activate", W::Always),
    h(S::Confirm, &[I::Cancel], "n/Esc", "cancel", W::Always),
    h(S::BulkCount, &[], "0-9", "type the count", W::Always),
    h(S::BulkCount, &[I::Confirm], "Enter", "run", W::Always),
    h(
        S::BulkCount,
        &[I::EnterMissing],
        "e",
        "enter missing terminalIds",
        W::Missing,
    ),
    h(S::BulkCount, &[I::Cancel], "Esc", "cancel", W::Always),
    h(S::BulkConfirm, &[I::Confirm], "Enter/y", "run", W::Always),
    h(
        S::BulkConfirm,
        &[I::EnterMissing],
        "e",
        "enter missing terminalIds",
        W::Always,
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
        W::Writable,
    ),
    h(
        S::ImportPreview,
        &[I::ConfirmAlt],
        "a",
        "set and activate",
        W::Writable,
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
];

const fn row(
    scope: Scope,
    intents: &'static [Intent],
    label: &'static str,
    text: &'static str,
) -> HelpRow {
    HelpRow {
        scope,
        intents,
        prefix: "",
        label,
        text,
        refs: &[],
    }
}

const fn section(title: &'static str) -> HelpRow {
    row(S::List, &[], "", title)
}

/// A help line whose label is not a key (mouse, filter words, ctrl-c).
const fn note(label: &'static str, text: &'static str) -> HelpRow {
    row(S::List, &[], label, text)
}

/// Every key, as the `?` overlay lists them.
pub static HELP: &[HelpRow] = &[
    section("Moving"),
    row(S::List, &[I::Down], "j / ↓", "down one row"),
    row(S::List, &[I::Up], "k / ↑", "up one row"),
    row(S::List, &[I::Top], "g / Home", "first row"),
    row(S::List, &[I::Bottom], "G / End", "last row"),
    row(
        S::List,
        &[I::HalfPageDown, I::HalfPageUp],
        "ctrl-d / ctrl-u",
        "half a page down / up",
    ),
    row(
        S::List,
        &[I::PageDown, I::PageUp],
        "PgDn / PgUp",
        "a page down / up",
    ),
    note("click / wheel", "select a row / scroll"),
    section("List"),
    HelpRow {
        refs: &[
            (S::Filter, &[I::Submit], "Enter"),
            (S::Filter, &[I::ClearFilter], "Esc"),
        ],
        ..row(
            S::List,
            &[I::Filter],
            "/",
            "filter ({} keeps it, {} clears it)",
        )
    },
    row(S::List, &[I::ClearFilter], "Esc", "clear the filter"),
    row(
        S::List,
        &[I::TogglePending],
        "p",
        "pending only / all statuses",
    ),
    row(
        S::List,
        &[I::Sort, I::SortReverse],
        "s / S",
        "next sort column / reverse the sort",
    ),
    row(S::List, &[I::Refresh], "r", "reload from the server"),
    section("Acting"),
    row(
        S::List,
        &[I::Activate],
        "a / Enter",
        "activate the request (asks first)",
    ),
    row(
        S::List,
        &[I::TerminalId],
        "t",
        "set the terminalId (asks before replacing one)",
    ),
    row(S::List, &[I::Mark], "Space", "mark / unmark and move down"),
    row(S::List, &[I::MarkAll], "*", "mark every visible row"),
    row(S::List, &[I::ClearMarks], "u", "clear all marks"),
    row(
        S::List,
        &[I::BulkActivate],
        "A",
        "bulk-activate the marked rows (or this row)",
    ),
    section("Files"),
    row(
        S::List,
        &[I::Export],
        "e",
        "export the rows shown to .csv or .json",
    ),
    row(
        S::List,
        &[I::Import],
        "i",
        "import terminalIds from a CSV (preview first)",
    ),
    section("Dialogs"),
    row(S::Confirm, &[I::Confirm], "y / Enter", "confirm"),
    row(S::Confirm, &[I::Cancel], "n / Esc", "cancel"),
    row(
        S::Overwrite,
        &[I::Confirm, I::Cancel],
        "y / n",
        "old → new terminalId: send it / back to the form",
    ),
    HelpRow {
        prefix: "0-9 ",
        ..row(
            S::BulkCount,
            &[I::Confirm],
            "0-9 Enter",
            "production bulk run: type the count, then run",
        )
    },
    row(
        S::BulkConfirm,
        &[I::EnterMissing],
        "e",
        "bulk: enter the missing terminalIds first",
    ),
    row(
        S::BulkRunning,
        &[I::CancelRun],
        "Esc",
        "bulk: cancel the run (calls in flight finish)",
    ),
    row(
        S::BulkResults,
        &[I::RetryFailed],
        "R",
        "bulk results: retry the failed ones",
    ),
    row(
        S::ImportPreview,
        &[I::Confirm, I::ConfirmAlt],
        "y / a",
        "import preview: set / set, then activate",
    ),
    section("Filter words"),
    note(
        "type:epay",
        "one field: type status merchant account id terminal",
    ),
    note("merchant:cafe", "merchantId or merchant name"),
    note("5ee0", "a bare word matches any field or merchant name"),
    section("Other"),
    HelpRow {
        refs: &[
            (S::Help, &[I::Down, I::Up], "j/k"),
            (S::Help, &[I::Close], "Esc"),
        ],
        ..row(S::List, &[I::Help], "?", "this help ({} scroll, {} closes)")
    },
    row(
        S::List,
        &[I::Quit],
        "q",
        "quit (asks while a bulk run is going)",
    ),
    note("ctrl-c", "quit at once"),
];
