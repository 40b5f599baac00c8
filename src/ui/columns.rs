//! The requests table's columns at any width, in the saved view's order.
//! Every column has the width its values want; when the table is narrower
//! the columns shown as room allows give way in one fixed order, so the
//! same width always shows the same columns:
//!
//! 1. accountId shrinks to 10, then goes (one account's rows all share it);
//! 2. merchant shrinks to 10;
//! 3. terminalId's title is cut to its values' width;
//! 4. age goes, then terminalId, then type, then status;
//! 5. merchant takes whatever is left.
//!
//! A column the view asks for ([`ColumnState::Keep`]) never goes for the
//! width: the others shrink first, then an asked-for accountId is cut to
//! 10 before the others go, and last asked-for titles are cut to their
//! values. A hidden column is never there. The marker column
//! (`>` cursor, `*` marked, `~` busy) never goes, and a terminalId is never
//! cut: its column is as wide as its widest value or is not there. Cut
//! text ends in `…` (see [`cell`]).

use crate::app::{ColumnState, SortKey};
use crate::text::clip;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Marker,
    Status,
    Kind,
    Merchant,
    Account,
    Terminal,
    Age,
}

impl Col {
    /// The table's column of a sort key (every column sorts).
    pub fn of(key: SortKey) -> Col {
        match key {
            SortKey::Status => Col::Status,
            SortKey::Kind => Col::Kind,
            SortKey::Merchant => Col::Merchant,
            SortKey::Account => Col::Account,
            SortKey::Terminal => Col::Terminal,
            SortKey::Age => Col::Age,
        }
    }
}

pub const MARKER_WIDTH: usize = 3;
/// Where the flexible columns stop shrinking before others give way.
const FLEX_MIN: usize = 10;

/// What each column's values need: `(title and values, values alone)`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Wants {
    pub status: (usize, usize),
    pub kind: (usize, usize),
    pub merchant: usize,
    pub account: usize,
    pub terminal: (usize, usize),
    pub age: (usize, usize),
}

impl Wants {
    fn of(&self, col: Col) -> usize {
        match col {
            Col::Marker => MARKER_WIDTH,
            Col::Status => self.status.0,
            Col::Kind => self.kind.0,
            Col::Merchant => self.merchant,
            Col::Account => self.account,
            Col::Terminal => self.terminal.0,
            Col::Age => self.age.0,
        }
    }
}

enum Step {
    /// Shrink the column to this width, when it is shown as room allows.
    ShrinkFit(Col, usize),
    /// Shrink the column to this width, however it is shown.
    Shrink(Col, usize),
    /// Leave the column out, when it is shown as room allows.
    Drop(Col),
}

/// The columns shown in a table `width` wide, left to right, with their
/// widths (one space between each): the marker, then `view`'s columns in
/// its order.
pub fn fit(width: usize, wants: Wants, view: &[(SortKey, ColumnState)]) -> Vec<(Col, usize)> {
    let mut cols = vec![(Col::Marker, MARKER_WIDTH, ColumnState::Keep)];
    cols.extend(
        view.iter()
            .filter(|(_, s)| *s != ColumnState::Hidden)
            .map(|&(k, s)| (Col::of(k), wants.of(Col::of(k)), s)),
    );
    let steps = [
        Step::ShrinkFit(Col::Account, FLEX_MIN),
        Step::Drop(Col::Account),
        Step::Shrink(Col::Merchant, FLEX_MIN),
        Step::Shrink(Col::Terminal, wants.terminal.1),
        // An asked-for accountId is cut before other columns go.
        Step::Shrink(Col::Account, FLEX_MIN),
        Step::Drop(Col::Age),
        Step::Drop(Col::Terminal),
        Step::Drop(Col::Kind),
        Step::Drop(Col::Status),
        // Only asked-for columns are left to give way.
        Step::Shrink(Col::Status, wants.status.1),
        Step::Shrink(Col::Kind, wants.kind.1),
        Step::Shrink(Col::Age, wants.age.1),
    ];
    for step in steps {
        if total(&cols) <= width {
            break;
        }
        match step {
            Step::ShrinkFit(col, w) | Step::Shrink(col, w) => {
                let any = matches!(step, Step::Shrink(..));
                if let Some(c) = cols
                    .iter_mut()
                    .find(|c| c.0 == col && (any || c.2 == ColumnState::Fit))
                {
                    c.1 = c.1.min(w);
                }
            }
            Step::Drop(col) => cols.retain(|c| c.0 != col || c.2 != ColumnState::Fit),
        }
    }
    // Room left over (or, at the very narrowest, too little) is the
    // merchant's: its name shows whole where there is space for it.
    let used = total(&cols);
    if let Some(m) = cols.iter_mut().find(|c| c.0 == Col::Merchant) {
        m.1 = (m.1 + width).saturating_sub(used).max(1);
    }
    squeeze(&mut cols, width);
    cols.into_iter().map(|(c, w, _)| (c, w)).collect()
}

type Fitted = (Col, usize, ColumnState);

fn total(cols: &[Fitted]) -> usize {
    cols.iter().map(|c| c.1).sum::<usize>() + cols.len().saturating_sub(1)
}

/// Asked-for columns that still do not fit: cut from the right (never a
/// terminalId), and when even that is not enough, left out from the right.
fn squeeze(cols: &mut Vec<Fitted>, width: usize) {
    for i in (1..cols.len()).rev() {
        let over = total(cols).saturating_sub(width);
        if over == 0 {
            return;
        }
        if cols[i].0 != Col::Terminal {
            cols[i].1 = cols[i].1.saturating_sub(over).max(1);
        }
    }
    while total(cols) > width.max(MARKER_WIDTH + 2) && cols.len() > 1 {
        cols.pop();
    }
}

/// A cell's text in `width` columns: whole, or cut with `…`.
pub fn cell(text: &str, width: usize) -> String {
    clip(text, width)
}

/// A column title in `width` columns with the sort mark (`▲`/`▼`) kept
/// when the title itself has to be cut.
pub fn title(name: &str, mark: Option<char>, width: usize) -> String {
    match mark {
        None => clip(name, width),
        Some(m) if width >= 3 => format!("{} {m}", clip(name, width - 2)),
        Some(m) => m.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wants() -> Wants {
        Wants {
            status: (8, 8),
            kind: (8, 8),
            merchant: 30,
            account: 22,
            terminal: (10, 8),
            age: (4, 4),
        }
    }

    fn every() -> Vec<(SortKey, ColumnState)> {
        crate::app::ViewColumns::default().columns().to_vec()
    }

    fn shown(width: usize) -> Vec<Col> {
        fit(width, wants(), &every())
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn columns_give_way_in_one_order() {
        use Col::*;
        let all = [Marker, Status, Kind, Merchant, Account, Terminal, Age];
        assert_eq!(shown(200), all);
        assert_eq!(shown(79), all);
        assert_eq!(shown(78), [Marker, Status, Kind, Merchant, Terminal, Age]);
        assert_eq!(shown(60), [Marker, Status, Kind, Merchant, Terminal, Age]);
        assert_eq!(shown(38), [Marker, Status, Kind, Merchant]);
        assert_eq!(shown(20), [Marker, Merchant]);
        for width in 0..200 {
            let cols = fit(width, wants(), &every());
            let used: usize = cols.iter().map(|(_, w)| w).sum::<usize>() + cols.len() - 1;
            assert!(used <= width.max(MARKER_WIDTH + 2), "{width}: {cols:?}");
            assert_eq!(cols[0], (Marker, MARKER_WIDTH), "{width}");
            if let Some((_, w)) = cols.iter().find(|(c, _)| *c == Terminal) {
                assert!(*w >= 8, "{width}: a terminalId would be cut");
            }
        }
    }

    #[test]
    fn a_chosen_column_stays_at_a_narrow_width_and_the_others_give_way() {
        use Col::*;
        let mut view = every();
        view[3].1 = ColumnState::Keep;
        let at = |width| -> Vec<Col> {
            fit(width, wants(), &view)
                .into_iter()
                .map(|(c, _)| c)
                .collect()
        };
        assert_eq!(
            at(78),
            [Marker, Status, Kind, Merchant, Account, Terminal, Age]
        );
        assert_eq!(at(50), [Marker, Status, Kind, Merchant, Account]);
        assert_eq!(at(30), [Marker, Merchant, Account]);
        for width in 0..120 {
            let cols = fit(width, wants(), &view);
            let used: usize = cols.iter().map(|(_, w)| w).sum::<usize>() + cols.len() - 1;
            assert!(used <= width.max(MARKER_WIDTH + 2), "{width}: {cols:?}");
            assert_eq!(cols[0], (Marker, MARKER_WIDTH), "{width}");
            if width >= 16 {
                assert!(cols.iter().any(|(c, _)| *c == Account), "{width}: {cols:?}");
            }
        }
    }

    #[test]
    fn the_columns_follow_the_views_order_and_a_terminal_id_is_never_cut() {
        use Col::*;
        let view =
            crate::app::ViewColumns::chosen(&[SortKey::Terminal, SortKey::Age, SortKey::Status]);
        let cols = fit(200, wants(), view.columns());
        let order: Vec<Col> = cols.iter().map(|(c, _)| *c).collect();
        assert_eq!(order, [Marker, Terminal, Age, Status]);
        for width in 0..60 {
            let cols = fit(width, wants(), view.columns());
            if let Some((_, w)) = cols.iter().find(|(c, _)| *c == Terminal) {
                assert!(*w >= 8, "{width}: a terminalId would be cut");
            }
        }
    }

    #[test]
    fn titles_keep_their_sort_mark() {
        assert_eq!(title("accountId", Some('▲'), 20), "accountId ▲");
        assert_eq!(title("accountId", Some('▼'), 8), "accou… ▼");
        assert_eq!(title("terminalId", None, 8), "termina…");
    }
}
