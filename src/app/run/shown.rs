//! Which of a run's results its results view shows, and in what order:
//! every results view (just finished or reopened from the runs panel)
//! shows the failed first, or only the failed (`failed_only`). "Failed"
//! is what a retry would send again ([`RunResult::failed`]).

use super::{Run, RunItem, RunResult};

/// The order and choice of a results view's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultsShown {
    /// Every item, the failed ones first (each group in run order).
    #[default]
    FailedFirst,
    /// Only the items that failed.
    FailedOnly,
}

impl ResultsShown {
    /// `failed_only`: only the failed ⇄ all, failed first.
    pub fn toggled(self) -> ResultsShown {
        match self {
            ResultsShown::FailedOnly => ResultsShown::FailedFirst,
            ResultsShown::FailedFirst => ResultsShown::FailedOnly,
        }
    }
}

fn failed<R: RunResult>(item: &RunItem<R>) -> bool {
    item.state.result().is_some_and(RunResult::failed)
}

impl<R: RunResult> Run<R> {
    /// The items the results view shows, in its order.
    pub fn shown_items(&self) -> Vec<&RunItem<R>> {
        match self.shown {
            ResultsShown::FailedOnly => self.items.iter().filter(|i| failed(*i)).collect(),
            ResultsShown::FailedFirst => {
                let (mut bad, good): (Vec<_>, Vec<_>) = self.items.iter().partition(|i| failed(*i));
                bad.extend(good);
                bad
            }
        }
    }

    /// The ids that failed, in run order: what a retry sends again.
    pub fn failed_ids(&self) -> Vec<String> {
        self.ids_where(|s| s.result().is_some_and(RunResult::failed))
    }

    /// How many items failed.
    pub fn failed_count(&self) -> usize {
        self.items.iter().filter(|i| failed(*i)).count()
    }
}
