//! The requests table's columns at any width. Every column has the width
//! its values want; when the table is narrower they give way in one fixed
//! order, so the same width always shows the same columns:
//!
//! 1. accountId shrinks to 10, then goes (one account's rows all share it);
//! 2. merchant shrinks to 10;
//! 3. terminalId's title is cut to its values' width;
//! 4. age goes, then terminalId, then type, then status;
//! 5. merchant takes whatever is left.
//!
//! The marker column (`>` cursor, `*` marked, `~` busy) never goes, and a
//! terminalId is never cut: its column is as wide as its widest value or
//! is not there. Cut text ends in `…` (see [`cell`]).

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

enum Step {
    Shrink(Col, usize),
    Drop(Col),
}

/// The columns shown in a table `width` wide, left to right, with their
/// widths (one space between each).
pub fn fit(width: usize, wants: Wants) -> Vec<(Col, usize)> {
    let mut cols = vec![
        (Col::Marker, MARKER_WIDTH),
        (Col::Status, wants.status.0),
        (Col::Kind, wants.kind.0),
        (Col::Merchant, wants.merchant),
        (Col::Account, wants.account),
        (Col::Terminal, wants.terminal.0),
        (Col::Age, wants.age.0),
    ];
    let total = |cols: &[(Col, usize)]| -> usize {
        cols.iter().map(|(_, w)| w).sum::<usize>() + cols.len().saturating_sub(1)
    };
    let steps = [
        Step::Shrink(Col::Account, FLEX_MIN),
        Step::Drop(Col::Account),
        Step::Shrink(Col::Merchant, FLEX_MIN),
        Step::Shrink(Col::Terminal, wants.terminal.1),
        Step::Drop(Col::Age),
        Step::Drop(Col::Terminal),
        Step::Drop(Col::Kind),
        Step::Drop(Col::Status),
    ];
    for step in steps {
        if total(&cols) <= width {
            break;
        }
        match step {
            Step::Shrink(col, w) => {
                if let Some(c) = cols.iter_mut().find(|(c, _)| *c == col) {
                    c.1 = c.1.min(w);
                }
            }
            Step::Drop(col) => cols.retain(|(c, _)| *c != col),
        }
    }
    // Room left over (or, at the very narrowest, too little) is the
    // merchant's: its name shows whole where there is space for it.
    let used = total(&cols);
    if let Some(m) = cols.iter_mut().find(|(c, _)| *c == Col::Merchant) {
        m.1 = (m.1 + width).saturating_sub(used).max(1);
    }
    cols
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

    fn shown(width: usize) -> Vec<Col> {
        fit(width, wants()).into_iter().map(|(c, _)| c).collect()
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
            let cols = fit(width, wants());
            let used: usize = cols.iter().map(|(_, w)| w).sum::<usize>() + cols.len() - 1;
            assert!(used <= width.max(MARKER_WIDTH + 2), "{width}: {cols:?}");
            assert_eq!(cols[0], (Marker, MARKER_WIDTH), "{width}");
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
