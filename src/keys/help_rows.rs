//! The `?` overlay's rows of the key table.

use super::intent::{Intent, Scope};

use Intent as I;
use Scope as S;

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
    HelpRow {
        refs: &[
            (S::Range, &[I::RangeMark, I::Mark], "v/space"),
            (S::Range, &[I::CancelRange], "Esc"),
        ],
        ..row(
            S::List,
            &[I::RangeMark],
            "v",
            "mark a range: move, then {} marks it ({} cancels)",
        )
    },
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
        S::Form,
        &[I::StopEntry],
        "ctrl-x",
        "bulk forms: stop, look at the run again (Esc skips one)",
    ),
    row(
        S::BulkRunning,
        &[I::CancelRun],
        "Esc",
        "bulk: cancel the run (calls in flight finish)",
    ),
    row(
        S::BulkRunning,
        &[I::BulkActivate, I::Import],
        "A / i",
        "during a bulk run: another run or an import waits (says why)",
    ),
    row(
        S::BulkResults,
        &[I::RetryFailed],
        "R",
        "bulk results: retry the failed ones (not the not logged: those were made)",
    ),
    row(
        S::ImportResults,
        &[I::RetryFailed],
        "R",
        "import results: says how to finish it (the same file again)",
    ),
    row(
        S::ImportPreview,
        &[I::Confirm, I::ConfirmAlt],
        "y / a",
        "import preview: set / set, then activate",
    ),
    row(
        S::ExportOverwrite,
        &[I::Confirm, I::Cancel],
        "y / n",
        "export to a file that exists: replace it / keep it",
    ),
    section("Filter words"),
    note(
        "type:epay",
        "one field: type status merchant account id terminal needs",
    ),
    note("status:pending", "type and status match a whole name"),
    note(
        "merchant:cafe",
        "merchantId or name; id, account, terminal: any part",
    ),
    note("terminal:none", "requests without a terminalId"),
    note(
        "needs:terminal",
        "readiness, as the detail pane says it (or pending, nothing)",
    ),
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
        "quit (asks while a bulk run or an import is going)",
    ),
    note("ctrl-c", "quit at once"),
    row(
        S::List,
        &[I::Palette],
        ":",
        "all actions with their keys: type to narrow, Enter runs one",
    ),
    row(
        S::List,
        &[I::Messages],
        "m",
        "messages of this session, newest first, in full",
    ),
    HelpRow {
        refs: &[
            (S::Runs, &[I::OpenRun], "Enter"),
            (S::BulkResults, &[I::FailedOnly], "f"),
            (S::BulkResults, &[I::RetryFailed], "R"),
        ],
        ..row(
            S::List,
            &[I::Runs],
            "H",
            "the last 50 runs: {} opens one's results, the failed first; in a bulk run's or an import's {} shows only the failed, in a bulk run's {} retries them; a command run shows its own output (up to 64 kB kept)",
        )
    },
    row(
        S::List,
        &[I::Backlog],
        "b",
        "backlog panel: counts and ages",
    ),
    section("Clipboard (OSC 52: over SSH, inside tmux)"),
    HelpRow {
        refs: &[(S::CopyMenu, &[I::CopyId], "y")],
        ..row(
            S::List,
            &[I::Copy],
            "y",
            "copy menu: a field of the request ({} again: its id)",
        )
    },
    row(
        S::CopyMenu,
        &[
            I::CopyId,
            I::CopyMerchantId,
            I::CopyMerchantName,
            I::CopyTerminalId,
            I::CopyAccountId,
        ],
        "y / m / n / t / a",
        "copy menu: id / merchantId / name / terminalId / accountId",
    ),
    row(
        S::List,
        &[I::CopyRows],
        "Y",
        "copy the marked rows (or the rows shown) as CSV",
    ),
    section("Saved views"),
    row(
        S::List,
        &[I::NextView, I::PrevView],
        "Tab / BackTab",
        "next / previous view (BackTab is shift-Tab)",
    ),
    row(
        S::List,
        &I::VIEWS,
        "1/2/3/4/5/6/7/8/9",
        "that view (each keeps its sort, cursor and scroll)",
    ),
    HelpRow {
        refs: &[
            (S::Columns, &[I::ToggleColumn], "space"),
            (S::Columns, &[I::ColumnUp, I::ColumnDown], "K/J"),
        ],
        ..row(
            S::List,
            &[I::Columns],
            "C",
            "this view's columns: {} show/hide, {} move (session)",
        )
    },
    section("Output of your commands"),
    row(
        S::List,
        &[I::Output],
        "O",
        "the last runs: status, time taken, stdout and stderr",
    ),
];
