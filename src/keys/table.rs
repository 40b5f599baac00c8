//! The one table of console keys: which keys mean which intent in which
//! scope (dispatch), and the footer and help rows built from it. A label is
//! today's spelling, used verbatim while none of its intents is remapped in
//! its scope; otherwise it is rendered from the keys that work.

use super::intent::{Intent, Scope};

/// The default keys of `intent` in `scope`; `aliases` work but are not
/// shown.
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

static LIST: [Binding; 40] = {
    let [a, b0, c, d, e, f, g, h] = nav!(S::List);
    [
        a,
        b0,
        c,
        d,
        e,
        f,
        g,
        h,
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
        b(S::List, I::View1, &["1"], &[]),
        b(S::List, I::View2, &["2"], &[]),
        b(S::List, I::View3, &["3"], &[]),
        b(S::List, I::View4, &["4"], &[]),
        b(S::List, I::View5, &["5"], &[]),
        b(S::List, I::View6, &["6"], &[]),
        b(S::List, I::View7, &["7"], &[]),
        b(S::List, I::View8, &["8"], &[]),
        b(S::List, I::View9, &["9"], &[]),
        b(S::List, I::Output, &["O"], &[]),
    ]
};

static OTHERS: [Binding; 40] = [
    b(S::Filter, I::Submit, &["enter"], &[]),
    b(S::Filter, I::ClearFilter, &["esc"], &[]),
    b(S::Filter, I::Up, &["up"], &[]),
    b(S::Filter, I::Down, &["down"], &[]),
    b(S::Filter, I::PageUp, &["pageup"], &[]),
    b(S::Filter, I::PageDown, &["pagedown"], &[]),
    b(S::Help, I::Close, &["esc", "?"], &["q"]),
    b(S::Form, I::Submit, &["enter"], &[]),
    b(S::Form, I::Cancel, &["esc"], &[]),
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
    b(S::BulkRunning, I::CancelRun, &["esc"], &[]),
    b(S::BulkRunning, I::Quit, &["q"], &[]),
    b(S::BulkResults, I::RetryFailed, &["R"], &[]),
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
    b(S::Output, I::Close, &["esc", "q"], &["O"]),
];

static NAV_SCOPES: [[Binding; 8]; 6] = [
    nav!(S::Help),
    nav!(S::BulkResults),
    nav!(S::ImportPreview),
    nav!(S::ImportResults),
    nav!(S::Messages),
    nav!(S::Output),
];

/// The list and help while a bulk run goes on beside them (besides
/// `BulkRunning`'s cancel and quit above): the list's keys, with Esc taken
/// by the run. `A` and `i` are bound to say why they wait.
static RUNNING: [Binding; 33] = [
    b(S::BulkRunning, I::Filter, &["/"], &[]),
    b(S::BulkRunning, I::TogglePending, &["p"], &[]),
    b(S::BulkRunning, I::Sort, &["s"], &[]),
    b(S::BulkRunning, I::SortReverse, &["S"], &[]),
    b(S::BulkRunning, I::Refresh, &["r"], &[]),
    b(S::BulkRunning, I::Activate, &["a", "enter"], &[]),
    b(S::BulkRunning, I::TerminalId, &["t"], &[]),
    b(S::BulkRunning, I::Mark, &["space"], &[]),
    b(S::BulkRunning, I::MarkAll, &["*"], &[]),
    b(S::BulkRunning, I::ClearMarks, &["u"], &[]),
    b(S::BulkRunning, I::BulkActivate, &["A"], &[]),
    b(S::BulkRunning, I::Export, &["e"], &[]),
    b(S::BulkRunning, I::Import, &["i"], &[]),
    b(S::BulkRunning, I::Help, &["?"], &[]),
    b(S::BulkRunning, I::Messages, &["m"], &[]),
    b(S::HelpRunning, I::Close, &["?"], &[]),
    b(S::HelpRunning, I::CancelRun, &["esc"], &[]),
    b(S::HelpRunning, I::Quit, &["q"], &[]),
    b(S::BulkRunning, I::Copy, &["y"], &[]),
    b(S::BulkRunning, I::CopyRows, &["Y"], &[]),
    b(S::BulkRunning, I::Backlog, &["b"], &[]),
    b(S::BulkRunning, I::NextView, &["tab"], &[]),
    b(S::BulkRunning, I::PrevView, &["backtab"], &[]),
    b(S::BulkRunning, I::View1, &["1"], &[]),
    b(S::BulkRunning, I::View2, &["2"], &[]),
    b(S::BulkRunning, I::View3, &["3"], &[]),
    b(S::BulkRunning, I::View4, &["4"], &[]),
    b(S::BulkRunning, I::View5, &["5"], &[]),
    b(S::BulkRunning, I::View6, &["6"], &[]),
    b(S::BulkRunning, I::View7, &["7"], &[]),
    b(S::BulkRunning, I::View8, &["8"], &[]),
    b(S::BulkRunning, I::View9, &["9"], &[]),
    b(S::BulkRunning, I::Output, &["O"], &[]),
];

static RUNNING_NAV: [[Binding; 8]; 2] = [nav!(S::BulkRunning), nav!(S::HelpRunning)];

/// Every binding of every scope.
pub fn bindings() -> impl Iterator<Item = &'static Binding> {
    LIST.iter()
        .chain(OTHERS.iter())
        .chain(NAV_SCOPES.iter().flatten())
        .chain(RUNNING.iter())
        .chain(RUNNING_NAV.iter().flatten())
}

pub use super::help_rows::HELP;
pub use super::rows::{HINTS, HelpRow, HintRow, When};
