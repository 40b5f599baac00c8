//! A small fuzzy matcher for the command palette: the query's characters
//! must appear in the text in order (a subsequence), case ignored; among
//! the ways they do, the one scored best is kept, and the score prefers
//! runs of adjacent characters and characters that start a word, so `ba`
//! ranks "bulk-activate" above "backlog panel".

/// Where a query matched a text and how well.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FuzzyMatch {
    /// Higher is better; only comparable between matches of one query.
    pub score: i32,
    /// The matched characters' positions in the text, in chars, rising.
    pub positions: Vec<usize>,
}

/// Every matched character earns this.
const MATCHED: i32 = 1;
/// A character right after the previous matched one.
const ADJACENT: i32 = 6;
/// A character that starts a word (after a space, `-`, `_`, `(`...).
const WORD_START: i32 = 8;
/// The text's very first character, on top of starting a word.
const FIRST: i32 = 4;
/// Each character skipped between two matched ones costs this, up to
/// `GAP_MAX`: a long gap is no worse than a middling one.
const GAP: i32 = 1;
const GAP_MAX: i32 = 5;

/// How `query` matches `text`, or `None` when it does not. Whitespace in
/// the query is ignored, so "bulk activate" finds "bulk-activate"; an
/// empty query matches everything with score 0.
pub fn fuzzy_match(query: &str, text: &str) -> Option<FuzzyMatch> {
    let q: Vec<char> = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect();
    if q.is_empty() {
        return Some(FuzzyMatch {
            score: 0,
            positions: Vec::new(),
        });
    }
    let t: Vec<char> = text.chars().collect();
    if q.len() > t.len() {
        return None;
    }
    let bonus: Vec<i32> = (0..t.len()).map(|j| bonus(&t, j)).collect();
    // best[i][j]: the best score of q[..=i] with q[i] matched at t[j];
    // from[i][j]: where q[i-1] was matched then.
    let mut best = vec![vec![None::<i32>; t.len()]; q.len()];
    let mut from = vec![vec![0usize; t.len()]; q.len()];
    for (j, &c) in t.iter().enumerate() {
        if fold(c) == q[0] {
            best[0][j] = Some(MATCHED + bonus[j] - gap(j));
        }
    }
    for i in 1..q.len() {
        let (done, rest) = best.split_at_mut(i);
        let (before, row) = (&done[i - 1], &mut rest[0]);
        for j in i..t.len() {
            if fold(t[j]) != q[i] {
                continue;
            }
            let mut here: Option<(i32, usize)> = None;
            for (k, prev) in before.iter().enumerate().take(j).skip(i - 1) {
                let Some(prev) = *prev else {
                    continue;
                };
                let link = if k + 1 == j {
                    ADJACENT
                } else {
                    -gap(j - k - 1)
                };
                let score = prev + link;
                if here.is_none_or(|(s, _)| score > s) {
                    here = Some((score, k));
                }
            }
            if let Some((score, k)) = here {
                row[j] = Some(score + MATCHED + bonus[j]);
                from[i][j] = k;
            }
        }
    }
    let last = q.len() - 1;
    let (end, score) = best[last]
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.map(|s| (j, s)))
        // The earliest of equal scores: `max_by_key` keeps the last.
        .rev()
        .max_by_key(|(_, s)| *s)?;
    let mut positions = vec![end; q.len()];
    for i in (1..q.len()).rev() {
        positions[i - 1] = from[i][positions[i]];
    }
    Some(FuzzyMatch { score, positions })
}

fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn gap(skipped: usize) -> i32 {
    i32::try_from(skipped).unwrap_or(i32::MAX).min(GAP_MAX) * GAP
}

/// What matching `t[j]` is worth beyond being matched.
fn bonus(t: &[char], j: usize) -> i32 {
    let Some(prev) = j.checked_sub(1).map(|p| t[p]) else {
        return WORD_START + FIRST;
    };
    let c = t[j];
    let starts = (!prev.is_alphanumeric() && c.is_alphanumeric())
        || (prev.is_lowercase() && c.is_uppercase());
    if starts { WORD_START } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(q: &str, t: &str) -> i32 {
        fuzzy_match(q, t).map_or(i32::MIN, |m| m.score)
    }

    fn positions(q: &str, t: &str) -> Vec<usize> {
        fuzzy_match(q, t).expect("a match").positions
    }

    #[test]
    fn a_subsequence_matches_in_order_and_case_is_ignored() {
        assert_eq!(positions("blk", "bulk"), [0, 2, 3]);
        assert_eq!(positions("BULK", "bulk-activate"), [0, 1, 2, 3]);
        assert!(fuzzy_match("klub", "bulk").is_none(), "order matters");
        assert!(fuzzy_match("bulkx", "bulk").is_none());
        assert!(
            fuzzy_match("abcdef", "abc").is_none(),
            "longer than the text"
        );
    }

    #[test]
    fn an_empty_or_blank_query_matches_everything_with_nothing_marked() {
        for q in ["", "   "] {
            let m = fuzzy_match(q, "anything").expect("a match");
            assert_eq!(m.score, 0);
            assert!(m.positions.is_empty());
        }
    }

    #[test]
    fn spaces_in_the_query_are_ignored() {
        assert_eq!(
            positions("bulk activate", "bulk-activate the marked rows"),
            (0..4).chain(5..13).collect::<Vec<_>>()
        );
    }

    #[test]
    fn contiguous_runs_beat_scattered_letters() {
        assert!(score("mark", "mark every row") > score("mark", "move a rank kind"));
        // The run is found even when a scattered match comes first.
        assert_eq!(positions("ort", "xoxrxt sort"), [8, 9, 10]);
    }

    #[test]
    fn word_starts_beat_letters_inside_words() {
        // `ba`: bulk-Activate's word starts, not the `ba` inside a word.
        assert!(score("ba", "bulk-activate") > score("ba", "a cabal"));
        assert_eq!(positions("ba", "bulk-activate"), [0, 5]);
        assert_eq!(positions("tid", "set terminal id"), [4, 13, 14]);
        // camelCase starts a word too.
        assert_eq!(positions("ti", "terminalId"), [0, 8]);
    }

    #[test]
    fn a_match_at_the_start_beats_the_same_match_later() {
        assert!(score("copy", "copy the id") > score("copy", "a copy of it"));
    }

    #[test]
    fn non_ascii_text_is_matched_by_chars() {
        assert_eq!(positions("é", "café"), [3]);
        assert_eq!(positions("ÉT", "étage"), [0, 1]);
    }
}
