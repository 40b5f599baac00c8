//! Which columns a saved view shows, and in which order. Every column sorts,
//! so its sort key names it. A view without `columns` shows each one while
//! the width has room for it (the table's own order of giving way); a
//! column the config or the chooser asks for is shown at any width, and
//! one it leaves out is hidden. Choices last for the session.

use super::list::SortKey;

/// How a column is shown in a view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnState {
    /// Shown while the width has room for it.
    Fit,
    /// Asked for: shown at any width, the others giving way first.
    Keep,
    Hidden,
}

/// Every column once, in the view's order, with how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewColumns {
    cols: Vec<(SortKey, ColumnState)>,
}

impl Default for ViewColumns {
    fn default() -> ViewColumns {
        ViewColumns {
            cols: SortKey::ALL
                .into_iter()
                .map(|k| (k, ColumnState::Fit))
                .collect(),
        }
    }
}

impl ViewColumns {
    /// The columns `shown`, in that order and at any width; the others
    /// hidden after them.
    pub(crate) fn chosen(shown: &[SortKey]) -> ViewColumns {
        let mut cols: Vec<(SortKey, ColumnState)> = Vec::new();
        for &k in shown {
            if !cols.iter().any(|(c, _)| *c == k) {
                cols.push((k, ColumnState::Keep));
            }
        }
        for k in SortKey::ALL {
            if !cols.iter().any(|(c, _)| *c == k) {
                cols.push((k, ColumnState::Hidden));
            }
        }
        ViewColumns { cols }
    }

    /// Each column with how it is shown, in the view's order.
    pub fn columns(&self) -> &[(SortKey, ColumnState)] {
        &self.cols
    }

    /// The column at `at` from always shown to hidden and back; one shown
    /// as room allows is asked for at the first press.
    pub(crate) fn toggle(&mut self, at: usize) {
        if let Some((_, state)) = self.cols.get_mut(at) {
            *state = match *state {
                ColumnState::Fit | ColumnState::Hidden => ColumnState::Keep,
                ColumnState::Keep => ColumnState::Hidden,
            };
        }
    }

    /// Whether toggling the column at `at` would hide the last one shown,
    /// leaving a table with no columns.
    pub(crate) fn hides_the_last(&self, at: usize) -> bool {
        self.cols
            .get(at)
            .is_some_and(|(_, s)| *s == ColumnState::Keep)
            && self
                .cols
                .iter()
                .enumerate()
                .all(|(i, (_, s))| i == at || *s == ColumnState::Hidden)
    }

    /// Move the column at `at` one place left (`up`) or right; where it is now.
    pub(crate) fn shift(&mut self, at: usize, up: bool) -> usize {
        let to = match up {
            true => at.checked_sub(1),
            false => Some(at + 1).filter(|&t| t < self.cols.len()),
        };
        match to {
            Some(to) if at < self.cols.len() => {
                self.cols.swap(at, to);
                to
            }
            _ => at,
        }
    }

    /// The sort `s` moves to after `current`: the next column the view
    /// does not hide, in its order. Hidden columns are not sorted by from
    /// the key (a view's `sort` may still name one).
    pub(crate) fn sort_after(&self, current: SortKey) -> SortKey {
        let n = self.cols.len();
        let from = self.cols.iter().position(|(k, _)| *k == current);
        let Some(from) = from else {
            return current.next();
        };
        (1..=n)
            .map(|step| self.cols[(from + step) % n])
            .find(|(_, s)| *s != ColumnState::Hidden)
            .map_or_else(|| current.next(), |(k, _)| k)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chosen_columns_come_first_and_the_rest_are_hidden() {
        let v = ViewColumns::chosen(&[SortKey::Terminal, SortKey::Status]);
        let states: Vec<ColumnState> = v.columns().iter().map(|(_, s)| *s).collect();
        assert_eq!(v.columns()[0].0, SortKey::Terminal);
        assert_eq!(v.columns()[1].0, SortKey::Status);
        assert_eq!(&states[..2], [ColumnState::Keep; 2]);
        assert!(states[2..].iter().all(|s| *s == ColumnState::Hidden));
    }

    #[test]
    fn the_sort_moves_among_the_columns_not_hidden() {
        let v = ViewColumns::chosen(&[SortKey::Age, SortKey::Merchant]);
        assert_eq!(v.sort_after(SortKey::Age), SortKey::Merchant);
        assert_eq!(v.sort_after(SortKey::Merchant), SortKey::Age);
        // From a hidden column (a view's `sort` may name one), the next shown.
        assert_eq!(v.sort_after(SortKey::Status), SortKey::Age);
        let all = ViewColumns::default();
        assert_eq!(all.sort_after(SortKey::Age), SortKey::Status);
        assert_eq!(all.sort_after(SortKey::Status), SortKey::Kind);
    }

    #[test]
    fn toggling_and_shifting() {
        let mut v = ViewColumns::default();
        v.toggle(3);
        assert_eq!(v.columns()[3], (SortKey::Account, ColumnState::Keep));
        v.toggle(3);
        assert_eq!(v.columns()[3], (SortKey::Account, ColumnState::Hidden));
        assert_eq!(v.shift(3, true), 2);
        assert_eq!(v.columns()[2].0, SortKey::Account);
        assert_eq!(v.shift(0, true), 0);
        assert_eq!(v.shift(5, false), 5);
    }
}
