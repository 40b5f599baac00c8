//! Which of a run's results its results view shows, and in what order: a
//! run just finished shows them in run order; one reopened from the runs
//! panel shows the failed first, or only the failed (`failed_only`).

use super::{Run, RunItem, RunResult, Tone};

/// The order and choice of a results view's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultsShown {
    /// Every item, in the order the run took them.
    #[default]
    InOrder,
    /// Every item, the failed ones first (each group in run order).
    FailedFirst,
    /// Only the items that failed.
    FailedOnly,
}

impl ResultsShown {
    /// `failed_only`: only the failed ⇄ all, failed first.
    pub fn toggled(self) -> ResultsShown {
        match self {
            ResultsShown::FailedOnly => ResultsShown::FailedFirst,
            ResultsShown::InOrder | ResultsShown::FailedFirst => ResultsShown::FailedOnly,
        }
    }
}

/// Whether an item ended badly (failed, or made without its audit line):
/// what an operator reopening a run looks for first.
fn failed<R: RunResult>(item: &RunItem<R>) -> bool {
    item.state.result().is_some_and(|r| r.tone() == Tone::Bad)
}

impl<R: RunResult> Run<R> {
    /// The items the results view shows, in its order.
    pub fn shown_items(&self) -> Vec<&RunItem<R>> {
        match self.shown {
            ResultsShown::InOrder => self.items.iter().collect(),
            ResultsShown::FailedOnly => self.items.iter().filter(|i| failed(*i)).collect(),
            ResultsShown::FailedFirst => {
                let (mut bad, good): (Vec<_>, Vec<_>) = self.items.iter().partition(|i| failed(*i));
                bad.extend(good);
                bad
            }
        }
    }

    /// How many items ended badly.
    pub fn failed_count(&self) -> usize {
        self.items.iter().filter(|i| failed(*i)).count()
    }
}
