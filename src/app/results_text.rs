//! What a results row says beside its head: the merchant's name, cut
//! first, then the outcome. Update counts these lines as the view draws
//! them, so a list scrolls exactly to its end.

use super::run::{BulkResult, ImportResult, Run, RunItem, RunResult};
use super::state::App;

/// `outcome` after the merchant's name, the name cut with `…` first so the
/// outcome's first word stays on the row's first line of `width`.
pub fn row_text(merchant: Option<&str>, outcome: String, width: usize) -> String {
    let Some(m) = merchant else {
        return outcome;
    };
    let first = outcome.split(' ').next().unwrap_or_default();
    let room = width.saturating_sub(crate::text::width(first) + 3);
    match room {
        0 => outcome,
        _ => format!(
            "{} · {outcome}",
            crate::text::clip(&crate::text::clean(m), room)
        ),
    }
}

/// The text of every row `run` shows, `text_w` wide, named by `merchant`.
pub fn row_texts<R: RunResult>(
    run: &Run<R>,
    text_w: usize,
    merchant: impl Fn(&RunItem<R>) -> Option<String>,
) -> Vec<String> {
    texts_of(&run.shown_items(), text_w, merchant)
}

/// The text of each of `items` (a run's shown rows, in order).
pub fn texts_of<R: RunResult>(
    items: &[&RunItem<R>],
    text_w: usize,
    merchant: impl Fn(&RunItem<R>) -> Option<String>,
) -> Vec<String> {
    items
        .iter()
        .map(|i| row_text(merchant(i).as_deref(), i.state.text(), text_w))
        .collect()
}

impl App {
    /// A bulk row's merchant (unknown requests have none to name).
    pub fn bulk_merchant(&self, item: &RunItem<BulkResult>) -> Option<String> {
        let id = item.label.merchant.as_str();
        (!id.is_empty()).then(|| self.merchant_name(id).to_string())
    }

    /// An import row's merchant, from its request.
    pub fn import_merchant(&self, item: &RunItem<ImportResult>) -> Option<String> {
        self.request(&item.id)
            .map(|r| self.merchant_name(&r.merchant_id).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merchant_is_cut_so_the_outcome_starts_the_first_line() {
        let text = row_text(Some("Golden Books Fitzroy"), "set".into(), 19);
        assert_eq!(text, "Golden Books… · set");
        let text = row_text(Some("Golden Books Fitzroy"), "activated".into(), 19);
        assert_eq!(text, "Golden… · activated");
        assert_eq!(row_text(Some("Cafe"), "set".into(), 19), "Cafe · set");
        assert_eq!(row_text(Some("Cafe"), "activated".into(), 10), "activated");
    }
}
