//! What a key does (an intent) and where it does it (a scope: the list, a
//! dialog, a text input...). The table in `table.rs` joins the two.

use std::borrow::Cow;

/// Declares every named intent once: its variant, the name the config
/// file's `[keys]` table uses for it, and what it does (the config's and
/// README's key lists are generated from this). The saved views' family,
/// `View(n)`, and the config's own commands, `Custom(i)`, follow it.
macro_rules! intents {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $help:literal; )*) => {
        /// Everything a key can ask for.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Intent {
            $( $(#[$doc])* $variant, )*
            /// Go to the saved view with this number, 1 to 9.
            View(u8),
            /// The config's command at this index (`[[commands]]`), list only.
            Custom(usize),
        }

        impl Intent {
            /// The named intents with their config name and what they do,
            /// in the order declared.
            const NAMED: &[(Intent, &'static str, &'static str)] =
                &[$( (Intent::$variant, $name, $help), )*];
        }
    };
}

intents! {
    Up = "up", "move up one row";
    Down = "down", "move down one row";
    Top = "top", "go to the first row";
    Bottom = "bottom", "go to the last row";
    HalfPageDown = "half_page_down", "move half a page down";
    HalfPageUp = "half_page_up", "move half a page up";
    PageDown = "page_down", "move a page down";
    PageUp = "page_up", "move a page up";
    Filter = "filter", "filter the list as you type";
    TogglePending = "toggle_pending", "show pending requests only, or every status";
    Sort = "sort", "sort by the next column";
    SortReverse = "sort_reverse", "reverse the sort";
    TerminalId = "terminal_id", "set the request's terminalId";
    Activate = "activate", "activate the request (asks first)";
    Mark = "mark", "mark or unmark the row and move down";
    MarkAll = "mark_all", "mark every visible row";
    ClearMarks = "clear_marks", "clear all marks";
    BulkActivate = "bulk_activate", "bulk-activate the marked rows (or the cursor's)";
    Refresh = "refresh", "reload the list from the server";
    Import = "import", "import terminalIds from a CSV (preview first)";
    Export = "export", "export the rows shown to .csv or .json";
    Help = "help", "open the help";
    Quit = "quit", "quit (asks while a bulk run or an import goes on)";
    ClearFilter = "clear_filter", "clear the filter";
    Confirm = "confirm", "yes in a dialog; run in the bulk dialog; set terminalIds in the import preview";
    ConfirmAlt = "confirm_alt", "import preview: set the terminalIds, then activate";
    Cancel = "cancel", "no / cancel a dialog, a form or a prompt";
    EnterMissing = "enter_missing", "bulk dialog: enter the missing terminalIds first";
    /// Leave the bulk run's terminalId forms for the bulk dialog's last look.
    StopEntry = "stop_entry", "bulk run's terminalId forms: stop entering and look at the run again (nothing is sent until its yes; Esc there cancels it)";
    CancelRun = "cancel_run", "cancel a running bulk activation or import";
    RetryFailed = "retry_failed", "bulk results: retry the failed ones";
    Close = "close", "close the help, the messages, the output panel, the runs panel, the column chooser, the copy menu or a run's results";
    Submit = "submit", "keep the filter, save the form, use the path";
    Messages = "messages", "open the message log (every message, newest first)";
    Backlog = "backlog", "show the backlog panel in place of the detail pane";
    Copy = "copy", "open the copy menu: a field of the request (id, merchantId, merchant name, terminalId, accountId) to the clipboard (OSC 52; inside tmux it needs `set -s set-clipboard on`)";
    CopyRows = "copy_rows", "copy the marked (or shown) rows as CSV (OSC 52)";
    NextView = "next_view", "go to the next saved view";
    PrevView = "previous_view", "go to the previous saved view (backtab is shift-Tab)";
    /// The output panel of the operator's commands.
    Output = "output", "open the output panel of your commands' last runs";
    /// Every action of the list, searchable, run as its key runs it.
    Palette = "palette", "command palette: every action here with its key; type to narrow it, Enter runs it";
    /// The runs panel: every run of the session, to reopen its results.
    Runs = "runs", "open the runs panel: this session's bulk runs, retries, imports and command runs (the last 50), to reopen one's results";
    OpenRun = "open_run", "runs panel: open the selected run's results (the failed first)";
    FailedOnly = "failed_only", "a run's results: only the failed, or all with the failed first (every results view starts so); failed means what a retry would send again, so a *not logged* one, made on the server, is not";
    /// The column chooser of the current saved view.
    Columns = "columns", "choose the view's columns: show, hide and order them (for this session)";
    ToggleColumn = "toggle_column", "column chooser: show the column at any width, or hide it";
    ColumnUp = "column_up", "column chooser: move the column up (left in the table)";
    ColumnDown = "column_down", "column chooser: move the column down (right in the table)";
    /// Range marking: an anchor at the cursor, then every row between it
    /// and the cursor marked at once.
    RangeMark = "range_mark", "start a range at the cursor; pressed again (or space), mark every row from there to the cursor";
    CancelRange = "cancel_range", "range marking: end the range without marking";
    CopyId = "copy_id", "copy menu: copy the request's id";
    CopyMerchantId = "copy_merchant_id", "copy menu: copy its merchantId";
    CopyMerchantName = "copy_merchant_name", "copy menu: copy its merchant's name";
    CopyTerminalId = "copy_terminal_id", "copy menu: copy its terminalId";
    CopyAccountId = "copy_account_id", "copy menu: copy its accountId";
}

impl Intent {
    /// The saved views' intents, `View(1)` to `View(9)`.
    pub const VIEWS: [Intent; 9] = {
        let mut views = [Intent::View(1); 9];
        let mut i = 0;
        while i < views.len() {
            views[i] = Intent::View(i as u8 + 1);
            i += 1;
        }
        views
    };

    /// Every intent the config can bind, in the order declared, the views
    /// last.
    pub fn all() -> impl Iterator<Item = Intent> {
        Intent::NAMED
            .iter()
            .map(|(i, _, _)| *i)
            .chain(Intent::VIEWS)
    }

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> Cow<'static, str> {
        match self {
            Intent::View(n) => Cow::Owned(format!("view_{n}")),
            Intent::Custom(_) => Cow::Borrowed("command"),
            named => Cow::Borrowed(named.entry().map_or("", |(_, name, _)| *name)),
        }
    }

    /// What the intent does, in a few words.
    pub fn help(self) -> &'static str {
        match self {
            Intent::View(_) => "go to that saved view",
            Intent::Custom(_) => "run your command",
            named => named.entry().map_or("", |(_, _, help)| *help),
        }
    }

    fn entry(self) -> Option<&'static (Intent, &'static str, &'static str)> {
        Intent::NAMED.iter().find(|(i, _, _)| *i == self)
    }

    /// The intent a config name stands for: a declared name, or `view_1`
    /// to `view_9` (one digit, as the config has always written them).
    pub fn from_name(name: &str) -> Option<Intent> {
        if let Some((intent, _, _)) = Intent::NAMED.iter().find(|(_, n, _)| *n == name) {
            return Some(*intent);
        }
        match name.strip_prefix("view_")?.as_bytes() {
            [d @ b'1'..=b'9'] => Some(Intent::View(d - b'0')),
            _ => None,
        }
    }
}

/// Where a key is pressed: the list, one of its inputs, or a dialog. A key
/// means one intent per scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    List,
    Filter,
    Help,
    Form,
    Overwrite,
    Confirm,
    BulkConfirm,
    /// The bulk dialog while production wants the count typed.
    BulkCount,
    BulkRunning,
    BulkResults,
    Prompt,
    ImportPlanning,
    ImportPreview,
    /// The import preview's "set, then activate" while the count is typed.
    ImportCount,
    ImportRunning,
    ImportResults,
    QuitConfirm,
    /// The export's file is already there: replace it?
    ExportOverwrite,
    /// Help opened while a bulk run goes on: Esc cancels the run.
    HelpRunning,
    /// The message log overlay.
    Messages,
    /// The output panel of the operator's commands.
    Output,
    /// The command palette over the list: its input and its actions.
    Palette,
    /// The runs panel: this session's runs.
    Runs,
    /// The column chooser of the current saved view.
    Columns,
    /// The list while a range is being marked (`v`): its keys, but Esc
    /// cancels the range.
    Range,
    /// The copy menu (`y`): a key per field.
    CopyMenu,
}

impl Scope {
    pub const ALL: [Scope; 26] = [
        Scope::List,
        Scope::Filter,
        Scope::Help,
        Scope::Form,
        Scope::Overwrite,
        Scope::Confirm,
        Scope::BulkConfirm,
        Scope::BulkCount,
        Scope::BulkRunning,
        Scope::BulkResults,
        Scope::Prompt,
        Scope::ImportPlanning,
        Scope::ImportPreview,
        Scope::ImportCount,
        Scope::ImportRunning,
        Scope::ImportResults,
        Scope::QuitConfirm,
        Scope::ExportOverwrite,
        Scope::HelpRunning,
        Scope::Messages,
        Scope::Output,
        Scope::Palette,
        Scope::Runs,
        Scope::Columns,
        Scope::Range,
        Scope::CopyMenu,
    ];

    /// Scopes with a text input: a plain character is text there, never an
    /// intent, so only control keys (Enter, Esc, arrows...) are bound.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Scope::Filter | Scope::Form | Scope::Prompt | Scope::Palette
        )
    }

    /// Scopes that take a typed count: digits and backspace are the count.
    pub fn is_count(self) -> bool {
        matches!(self, Scope::BulkCount | Scope::ImportCount)
    }
}
