//! What a footer hint is: the scope it shows in, the intents whose keys it
//! names, its words, and when it shows. The rows themselves are in `rows`.

use super::intent::{Intent, Scope};

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
#[derive(Clone, Copy)]
pub struct HintRow {
    pub scope: Scope,
    pub intents: &'static [Intent],
    pub label: &'static str,
    pub words: &'static str,
    pub when: When,
}

pub(super) const fn h(
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
