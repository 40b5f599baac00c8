//! The count typed on production before a big run starts: plain data, so
//! the run slices that hold one need nothing else of the app.

/// The count typed into the bulk dialog on production.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedCount {
    pub input: String,
    pub error: Option<String>,
}
