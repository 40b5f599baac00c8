//! The command palette's state: what was typed, every action offered (built
//! when it opens, from the key table of the place it opened from), the ones
//! the typed text matches, best first, and the chosen one. Which actions
//! and how the chosen one runs are `palette_flow`'s.

use crossterm::event::KeyEvent;
use tui_input::Input;

use crate::fuzzy::fuzzy_match;
use crate::keys::Intent;

use super::keys::{self, Nav};
use super::text_field::TextField;

/// One action the palette offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteEntry {
    pub intent: Intent,
    /// What it does, as the help says it (a command's name for the
    /// operator's own).
    pub words: String,
    /// Its keys as bound now, joined by `/`.
    pub keys: String,
}

/// An entry the typed text matches: which, and the characters of its
/// words that matched (to highlight them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaletteMatch {
    pub entry: usize,
    pub positions: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Palette {
    pub input: TextField,
    entries: Vec<PaletteEntry>,
    matches: Vec<PaletteMatch>,
    /// The chosen match's place in `matches`.
    pub(crate) selected: usize,
    /// The first match shown (kept around `selected` by `keep_in_view`).
    pub(crate) offset: usize,
}

impl Palette {
    /// Opens with nothing typed: every entry, in the order given.
    pub(crate) fn new(entries: Vec<PaletteEntry>) -> Palette {
        let mut palette = Palette {
            input: TextField::editing(""),
            entries,
            matches: Vec::new(),
            selected: 0,
            offset: 0,
        };
        palette.narrow();
        palette
    }

    pub fn query(&self) -> &str {
        self.input.value()
    }

    /// How many entries the palette offers in all.
    pub fn total(&self) -> usize {
        self.entries.len()
    }

    /// How many the typed text matches.
    pub fn len(&self) -> usize {
        self.matches.len()
    }

    pub fn is_empty(&self) -> bool {
        self.matches.is_empty()
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The matches, best first: each entry with its matched characters.
    pub fn rows(&self) -> impl Iterator<Item = (&PaletteEntry, &[usize])> {
        self.matches
            .iter()
            .filter_map(|m| Some((self.entries.get(m.entry)?, m.positions.as_slice())))
    }

    /// The chosen entry's intent, when anything matches.
    pub fn chosen(&self) -> Option<Intent> {
        let m = self.matches.get(self.selected)?;
        self.entries.get(m.entry).map(|e| e.intent)
    }

    /// Match the typed text again: best score first, the table's order
    /// among equals; the first one chosen.
    fn narrow(&mut self) {
        let query = self.input.value();
        let mut scored: Vec<(i32, PaletteMatch)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(entry, e)| {
                let m = fuzzy_match(query, &e.words)?;
                Some((
                    m.score,
                    PaletteMatch {
                        entry,
                        positions: m.positions,
                    },
                ))
            })
            .collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        self.matches = scored.into_iter().map(|(_, m)| m).collect();
        self.selected = 0;
        self.offset = 0;
    }

    /// A key the palette's scope passed on as text.
    pub(crate) fn key(&mut self, k: KeyEvent) {
        if self.input.key(k) {
            self.narrow();
        }
    }

    /// The input a paste goes into; call [`Palette::pasted`] after.
    pub(crate) fn paste_target(&mut self, text: &str) -> &mut Input {
        self.input.paste_target(text)
    }

    /// The input changed by a paste: match again.
    pub(crate) fn pasted(&mut self) {
        self.narrow();
    }

    /// Move the choice; `page` is how many rows show.
    pub(crate) fn go(&mut self, nav: Nav, page: usize) {
        self.selected = keys::apply(nav, self.selected, self.matches.len(), page);
    }
}
