//! The one table of console keys: which keys mean which intent in which
//! scope (dispatch), and the footer and help rows built from it. A label is
//! today's spelling, used verbatim while none of its intents is remapped in
//! its scope; otherwise it is rendered from the keys that work.

use std::sync::LazyLock;

use super::intent::{Intent, Scope};

/// The default keys of `intent` in `scope`; `aliases` work but are not
/// shown.
#[derive(Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub intent: Intent,
    pub keys: &'static [&'static str],
    pub aliases: &'static [&'static str],
}

const fn b(
    scope: Scope,
    intent: Intent,
    keys: &'static [&'static str],
    aliases: &'static [&'static str],
) -> Binding {
    Binding {
        scope,
        intent,
        keys,
        aliases,
    }
}

macro_rules! nav {
    ($s:expr) => {
        [
            b($s, Intent::Up, &["k", "up"], &[]),
            b($s, Intent::Down, &["j", "down"], &[]),
            b($s, Intent::Top, &["g", "home"], &[]),
            b($s, Intent::Bottom, &["G", "end"], &[]),
            b($s, Intent::HalfPageDown, &["ctrl-d"], &[]),
            b($s, Intent::HalfPageUp, &["ctrl-u"], &[]),
            b($s, Intent::PageDown, &["pagedown", "ctrl-f"], &[]),
            b($s, Intent::PageUp, &["pageup", "ctrl-b"], &[]),
        ]
    };
}

use Intent as I;
use Scope as S;

static LIST_NAV: [Binding; 8] = nav!(S::List);

static LIST: [Binding; 27] = [
    b(S::List, I::Filter, &["/"], &[]),
    b(S::List, I::ClearFilter, &["esc"], &[]),
    b(S::List, I::TogglePending, &["p"], &[]),
    b(S::List, I::Sort, &["s"], &[]),
    b(S::List, I::SortReverse, &["S"], &[]),
    b(S::List, I::Refresh, &["r"], &[]),
    b(S::List, I::Activate, &["a", "enter"], &[]),
    b(S::List, I::TerminalId, &["t"], &[]),
    b(S::List, I::Mark, &["space"], &[]),
    b(S::List, I::MarkAll, &["*"], &[]),
    b(S::List, I::ClearMarks, &["u"], &[]),
    b(S::List, I::BulkActivate, &["A"], &[]),
    b(S::List, I::Export, &["e"], &[]),
    b(S::List, I::Import, &["i"], &[]),
    b(S::List, I::Help, &["?"], &[]),
    b(S::List, I::Quit, &["q"], &[]),
    b(S::List, I::Messages, &["m"], &[]),
    b(S::List, I::Backlog, &["b"], &[]),
    b(S::List, I::Copy, &["y"], &[]),
    b(S::List, I::CopyRows, &["Y"], &[]),
    b(S::List, I::NextView, &["tab"], &[]),
    b(S::List, I::PrevView, &["backtab"], &[]),
    b(S::List, I::Output, &["O"], &[]),
    b(S::List, I::Palette, &[":"], &[]),
    b(S::List, I::Runs, &["H"], &[]),
    b(S::List, I::Columns, &["C"], &[]),
    b(S::List, I::RangeMark, &["v"], &[]),
];

static DIGITS: [&str; 9] = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// `View(n)` is the digit n.
static LIST_VIEWS: [Binding; 9] = {
    let mut rows = [b(S::List, I::View(1), &[], &[]); 9];
    let mut i = 0;
    while i < rows.len() {
        rows[i] = b(
            S::List,
            Intent::VIEWS[i],
            std::slice::from_ref(&DIGITS[i]),
            &[],
        );
        i += 1;
    }
    rows
};

static OTHERS: [Binding; 43] = [
    b(S::Filter, I::Submit, &["enter"], &[]),
    b(S::Filter, I::ClearFilter, &["esc"], &[]),
    b(S::Filter, I::Up, &["up"], &[]),
    b(S::Filter, I::Down, &["down"], &[]),
    b(S::Filter, I::PageUp, &["pageup"], &[]),
    b(S::Filter, I::PageDown, &["pagedown"], &[]),
    b(S::Help, I::Close, &["esc", "?"], &["q"]),
    b(S::Form, I::Submit, &["enter"], &[]),
    b(S::Form, I::Cancel, &["esc"], &[]),
    b(S::Form, I::StopEntry, &["ctrl-x"], &[]),
    b(S::Overwrite, I::Confirm, &["y", "enter"], &["Y"]),
    b(S::Overwrite, I::Cancel, &["n", "esc"], &["N"]),
    b(S::Confirm, I::Confirm, &["y", "enter"], &["Y"]),
    b(S::Confirm, I::Cancel, &["n", "esc"], &["N", "q"]),
    b(S::BulkConfirm, I::Confirm, &["enter", "y"], &["Y"]),
    b(S::BulkConfirm, I::EnterMissing, &["e"], &[]),
    b(S::BulkConfirm, I::Cancel, &["esc"], &["n", "N", "q"]),
    b(S::BulkCount, I::Confirm, &["enter"], &[]),
    b(S::BulkCount, I::EnterMissing, &["e"], &[]),
    b(S::BulkCount, I::Cancel, &["esc"], &[]),
    b(S::BulkResults, I::RetryFailed, &["R"], &[]),
    b(S::BulkResults, I::FailedOnly, &["f"], &[]),
    b(S::ImportResults, I::FailedOnly, &["f"], &[]),
    // Only to say an import is not retried from its results.
    b(S::ImportResults, I::RetryFailed, &["R"], &[]),
    b(S::Runs, I::OpenRun, &["enter"], &[]),
    b(S::Runs, I::Close, &["esc", "q"], &["H"]),
    b(S::BulkResults, I::Close, &["esc", "enter", "q"], &[]),
    b(S::Prompt, I::Submit, &["enter"], &[]),
    b(S::Prompt, I::Cancel, &["esc"], &[]),
    b(S::ImportPlanning, I::Cancel, &["esc"], &["q"]),
    b(S::ImportPreview, I::Confirm, &["y", "enter"], &[]),
    b(S::ImportPreview, I::ConfirmAlt, &["a"], &[]),
    b(S::ImportPreview, I::Cancel, &["esc"], &["n", "q"]),
    b(S::ImportCount, I::Confirm, &["enter"], &[]),
    b(S::ImportCount, I::Cancel, &["esc"], &[]),
    b(S::ImportRunning, I::CancelRun, &["esc"], &[]),
    b(S::ImportResults, I::Close, &["esc", "enter", "q"], &[]),
    b(S::QuitConfirm, I::Confirm, &["y"], &["Y"]),
    b(S::QuitConfirm, I::Cancel, &["n", "esc"], &["N", "q"]),
    b(S::ExportOverwrite, I::Confirm, &["y"], &["Y"]),
    b(S::ExportOverwrite, I::Cancel, &["n", "esc"], &["N"]),
    b(S::Messages, I::Close, &["esc", "q"], &["m"]),
    b(S::ImportRunning, I::Quit, &["q"], &[]),
];

static NAV_SCOPES: [[Binding; 8]; 9] = [
    nav!(S::Help),
    nav!(S::BulkResults),
    nav!(S::ImportPreview),
    nav!(S::ImportResults),
    nav!(S::Messages),
    nav!(S::Output),
    nav!(S::HelpRunning),
    nav!(S::Runs),
    nav!(S::Columns),
];

/// The copy menu: a key per field, `y` first so `yy` copies the id.
static COPY_MENU: [Binding; 6] = [
    b(S::CopyMenu, I::CopyId, &["y"], &[]),
    b(S::CopyMenu, I::CopyMerchantId, &["m"], &[]),
    b(S::CopyMenu, I::CopyMerchantName, &["n"], &[]),
    b(S::CopyMenu, I::CopyTerminalId, &["t"], &[]),
    b(S::CopyMenu, I::CopyAccountId, &["a"], &[]),
    b(S::CopyMenu, I::Close, &["esc"], &["q"]),
];

static OUTPUT_AND_HELP_RUNNING: [Binding; 8] = [
    b(S::Output, I::Close, &["esc", "q"], &["O"]),
    b(S::Columns, I::ToggleColumn, &["space"], &[]),
    b(S::Columns, I::ColumnUp, &["K"], &[]),
    b(S::Columns, I::ColumnDown, &["J"], &[]),
    b(S::Columns, I::Close, &["enter", "esc"], &["C", "q"]),
    b(S::HelpRunning, I::Close, &["?"], &[]),
    b(S::HelpRunning, I::CancelRun, &["esc"], &[]),
    b(S::HelpRunning, I::Quit, &["q"], &[]),
];

/// `:` opens the palette wherever keys act (in the list above): in every
/// panel, help, the copy menu, an import's and a run's screens too. Not
/// where `:` is text, nor in a typed count, nor over a question, which
/// waits for its answer.
static PALETTE_OPENS: [Binding; 11] = [
    b(S::Help, I::Palette, &[":"], &[]),
    b(S::HelpRunning, I::Palette, &[":"], &[]),
    b(S::Messages, I::Palette, &[":"], &[]),
    b(S::Output, I::Palette, &[":"], &[]),
    b(S::Runs, I::Palette, &[":"], &[]),
    b(S::Columns, I::Palette, &[":"], &[]),
    b(S::BulkResults, I::Palette, &[":"], &[]),
    b(S::ImportResults, I::Palette, &[":"], &[]),
    b(S::CopyMenu, I::Palette, &[":"], &[]),
    b(S::ImportPlanning, I::Palette, &[":"], &[]),
    b(S::ImportRunning, I::Palette, &[":"], &[]),
];

/// The palette's input takes the characters; these choose and run.
static PALETTE: [Binding; 6] = [
    b(S::Palette, I::Submit, &["enter"], &[]),
    b(S::Palette, I::Cancel, &["esc"], &[]),
    b(S::Palette, I::Up, &["up"], &["ctrl-p"]),
    b(S::Palette, I::Down, &["down"], &["ctrl-n"]),
    b(S::Palette, I::PageUp, &["pageup"], &[]),
    b(S::Palette, I::PageDown, &["pagedown"], &[]),
];

/// While a bulk run goes on beside the list, the list's keys work as they
/// do in the list (`A` and `i` included, to say why they wait), except
/// these: Esc is the run's, so it no longer clears the filter...
const RUNNING_DROPS: [Intent; 1] = [I::ClearFilter];

/// ...and cancels the run instead.
static RUNNING_OWN: [Binding; 1] = [b(S::BulkRunning, I::CancelRun, &["esc"], &[])];

/// While a range is marked the list's keys work as they do in the list
/// (space marks the range there), except Esc, which cancels the range.
static RANGE_OWN: [Binding; 1] = [b(S::Range, I::CancelRange, &["esc"], &[])];

/// The list's rows.
fn list() -> impl Iterator<Item = &'static Binding> {
    LIST_NAV.iter().chain(&LIST).chain(&LIST_VIEWS)
}

/// The running scope's rows: the list's, less `RUNNING_DROPS`, plus
/// `RUNNING_OWN`.
fn running() -> impl Iterator<Item = Binding> {
    list()
        .filter(|row| !RUNNING_DROPS.contains(&row.intent))
        .map(|row| Binding {
            scope: S::BulkRunning,
            ..*row
        })
        .chain(RUNNING_OWN.iter().copied())
}

/// The range scope's rows: the list's, less `RUNNING_DROPS` (Esc), plus
/// `RANGE_OWN`.
fn range() -> impl Iterator<Item = Binding> {
    list()
        .filter(|row| !RUNNING_DROPS.contains(&row.intent))
        .map(|row| Binding {
            scope: S::Range,
            ..*row
        })
        .chain(RANGE_OWN.iter().copied())
}

/// Every row, built once: the running and range scopes' are made from the
/// list's.
static ALL: LazyLock<Vec<Binding>> = LazyLock::new(|| {
    list()
        .chain(&OTHERS)
        .chain(NAV_SCOPES.iter().flatten())
        .chain(&OUTPUT_AND_HELP_RUNNING)
        .chain(&PALETTE_OPENS)
        .chain(&PALETTE)
        .chain(&COPY_MENU)
        .copied()
        .chain(running())
        .chain(range())
        .collect()
});

/// Every binding of every scope.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    ALL.iter()
}

/// Every footer row: each scope's own, then the palette's in the panels
/// that open it (last, so their own keys show first in a short footer).
pub static HINTS: LazyLock<Vec<HintRow>> = LazyLock::new(|| {
    super::rows::ROWS
        .iter()
        .chain(super::panel_rows::PANEL_ROWS)
        .copied()
        .chain(
            PALETTE_OPENS
                .iter()
                .map(|b| h(b.scope, &[I::Palette], ":", "actions", When::Always)),
        )
        .collect()
});

pub use super::help_rows::{HELP, HelpRow};
use super::hint_row::h;
pub use super::hint_row::{HintRow, When};
