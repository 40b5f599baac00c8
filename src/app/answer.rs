//! The operator's answer to a question of the confirmation flow: what the
//! slice that asked is handed (its own module so every slice can take one
//! without depending on the flow).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer {
    Yes,
    /// The question's other way on: the bulk dialog's "enter the missing
    /// terminalIds first", the import preview's "set, then activate".
    Alt,
    No,
}
