//! The footer rows of the panels and menus over the list: the command
//! palette, the runs panel, the column chooser, range marking and the copy
//! menu, with the list's keys that open them. `table::HINTS` puts them
//! after `rows::ROWS`, whose rows each scope shows first.

use super::hint_row::{HintRow, When, h};
use super::intent::{Intent, Scope};

use Intent as I;
use Scope as S;
use When as W;

pub(super) static PANEL_ROWS: &[HintRow] = &[
    h(S::Palette, &[I::Submit], "Enter", "run it", W::Always),
    h(S::Palette, &[I::Down, I::Up], "↓/↑", "choose", W::Always),
    h(S::Palette, &[I::Cancel], "Esc", "close", W::Always),
    h(S::Palette, &[], "letters", "narrow the list", W::Always),
    h(S::List, &[I::Runs], "H", "runs", W::Always),
    h(S::BulkRunning, &[I::Runs], "H", "runs", W::Always),
    h(S::Runs, &[I::Down, I::Up], "j/k", "move", W::Always),
    h(
        S::Runs,
        &[I::OpenRun],
        "Enter",
        "open its results",
        W::Always,
    ),
    h(S::Runs, &[I::Close], "Esc/q", "close", W::Always),
    h(
        S::BulkResults,
        &[I::FailedOnly],
        "f",
        "only failed/all",
        W::Always,
    ),
    h(
        S::ImportResults,
        &[I::FailedOnly],
        "f",
        "only failed/all",
        W::Always,
    ),
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
    h(
        S::Range,
        &[I::RangeMark, I::Mark],
        "v/space",
        "mark the range",
        W::Always,
    ),
    h(S::Range, &[I::CancelRange], "Esc", "cancel", W::Always),
    h(S::Range, &[I::Down, I::Up], "j/k", "extend", W::Always),
    h(S::Range, &[I::Help], "?", "help", W::Always),
    h(S::CopyMenu, &[I::CopyId], "y", "id", W::Always),
    h(
        S::CopyMenu,
        &[I::CopyMerchantId],
        "m",
        "merchantId",
        W::Always,
    ),
    h(
        S::CopyMenu,
        &[I::CopyMerchantName],
        "n",
        "merchant name",
        W::Always,
    ),
    h(
        S::CopyMenu,
        &[I::CopyTerminalId],
        "t",
        "terminalId",
        W::Always,
    ),
    h(
        S::CopyMenu,
        &[I::CopyAccountId],
        "a",
        "accountId",
        W::Always,
    ),
    h(S::CopyMenu, &[I::Close], "Esc", "close", W::Always),
];
