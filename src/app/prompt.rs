//! The one-line path prompt of export and import: plain data, so the
//! state can hold it without knowing what the prompt leads to.

use super::text_field::TextField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Export,
    Import,
}

/// A one-line path prompt.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextField,
    pub error: Option<String>,
}
