//! What a key does (an intent) and where it does it (a scope: the list, a
//! dialog, a text input...). The table in `table.rs` joins the two.

/// Everything a key can ask for, named as the config file's `[keys]` table
/// names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Intent {
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Filter,
    TogglePending,
    Sort,
    SortReverse,
    TerminalId,
    Activate,
    Mark,
    MarkAll,
    ClearMarks,
    BulkActivate,
    Refresh,
    Import,
    Export,
    Help,
    Quit,
    ClearFilter,
    Confirm,
    ConfirmAlt,
    Cancel,
    EnterMissing,
    CancelRun,
    RetryFailed,
    Close,
    Submit,
    Messages,
    Backlog,
    Copy,
    CopyRows,
    NextView,
    PrevView,
    View1,
    View2,
    View3,
    View4,
    View5,
    View6,
    View7,
    View8,
    View9,
    /// The output panel of the operator's commands.
    Output,
    /// The config's command at this index (`[[commands]]`), list only.
    Custom(usize),
}

impl Intent {
    pub const ALL: [Intent; 48] = [
        Intent::Up,
        Intent::Down,
        Intent::Top,
        Intent::Bottom,
        Intent::HalfPageDown,
        Intent::HalfPageUp,
        Intent::PageDown,
        Intent::PageUp,
        Intent::Filter,
        Intent::TogglePending,
        Intent::Sort,
        Intent::SortReverse,
        Intent::TerminalId,
        Intent::Activate,
        Intent::Mark,
        Intent::MarkAll,
        Intent::ClearMarks,
        Intent::BulkActivate,
        Intent::Refresh,
        Intent::Import,
        Intent::Export,
        Intent::Help,
        Intent::Quit,
        Intent::ClearFilter,
        Intent::Confirm,
        Intent::ConfirmAlt,
        Intent::Cancel,
        Intent::EnterMissing,
        Intent::CancelRun,
        Intent::RetryFailed,
        Intent::Close,
        Intent::Submit,
        Intent::Messages,
        Intent::Backlog,
        Intent::Copy,
        Intent::CopyRows,
        Intent::NextView,
        Intent::PrevView,
        Intent::View1,
        Intent::View2,
        Intent::View3,
        Intent::View4,
        Intent::View5,
        Intent::View6,
        Intent::View7,
        Intent::View8,
        Intent::View9,
        Intent::Output,
    ];

    /// The name used in the config file's `[keys]` table.
    pub fn name(self) -> &'static str {
        match self {
            Intent::Up => "up",
            Intent::Down => "down",
            Intent::Top => "top",
            Intent::Bottom => "bottom",
            Intent::HalfPageDown => "half_page_down",
            Intent::HalfPageUp => "half_page_up",
            Intent::PageDown => "page_down",
            Intent::PageUp => "page_up",
            Intent::Filter => "filter",
            Intent::TogglePending => "toggle_pending",
            Intent::Sort => "sort",
            Intent::SortReverse => "sort_reverse",
            Intent::TerminalId => "terminal_id",
            Intent::Activate => "activate",
            Intent::Mark => "mark",
            Intent::MarkAll => "mark_all",
            Intent::ClearMarks => "clear_marks",
            Intent::BulkActivate => "bulk_activate",
            Intent::Refresh => "refresh",
            Intent::Import => "import",
            Intent::Export => "export",
            Intent::Help => "help",
            Intent::Quit => "quit",
            Intent::ClearFilter => "clear_filter",
            Intent::Confirm => "confirm",
            Intent::ConfirmAlt => "confirm_alt",
            Intent::Cancel => "cancel",
            Intent::EnterMissing => "enter_missing",
            Intent::CancelRun => "cancel_run",
            Intent::RetryFailed => "retry_failed",
            Intent::Close => "close",
            Intent::Submit => "submit",
            Intent::Messages => "messages",
            Intent::Backlog => "backlog",
            Intent::Copy => "copy",
            Intent::CopyRows => "copy_rows",
            Intent::NextView => "next_view",
            Intent::PrevView => "previous_view",
            Intent::View1 => "view_1",
            Intent::View2 => "view_2",
            Intent::View3 => "view_3",
            Intent::View4 => "view_4",
            Intent::View5 => "view_5",
            Intent::View6 => "view_6",
            Intent::View7 => "view_7",
            Intent::View8 => "view_8",
            Intent::View9 => "view_9",
            Intent::Output => "output",
            Intent::Custom(_) => "command",
        }
    }

    pub fn from_name(name: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|a| a.name() == name)
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
}

impl Scope {
    pub const ALL: [Scope; 21] = [
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
    ];

    /// Scopes with a text input: a plain character is text there, never an
    /// intent, so only control keys (Enter, Esc, arrows...) are bound.
    pub fn is_text(self) -> bool {
        matches!(self, Scope::Filter | Scope::Form | Scope::Prompt)
    }

    /// Scopes that take a typed count: digits and backspace are the count.
    pub fn is_count(self) -> bool {
        matches!(self, Scope::BulkCount | Scope::ImportCount)
    }
}
