//! A one-line text field that may open holding a value (the terminalId a
//! request has, the export's suggested name, the last file imported). Until
//! the operator edits it, that value is selected: the first character
//! typed, or a paste, replaces it, as most forms do; arrows, Home/End,
//! Backspace and Delete edit it instead. Without this, typing the value
//! again appended it to itself.

use crossterm::event::{Event, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use crate::keys::types_char;
use crate::text::pasteable;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
    /// The value it opened with, not yet edited.
    selected: bool,
}

impl TextField {
    /// Opens holding `value`, selected, the cursor after it.
    pub fn prefilled(value: impl Into<String>) -> TextField {
        let value = value.into();
        TextField {
            selected: !value.is_empty(),
            input: Input::new(value),
        }
    }

    /// Opens holding `value` as the operator left it (after an error):
    /// what they type next goes in at the cursor.
    pub fn editing(value: impl Into<String>) -> TextField {
        TextField {
            input: Input::new(value.into()),
            selected: false,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Whether the value is still the one it opened with, to be replaced
    /// by what is typed (the view shows it reversed).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// The first character shown in a field `width` wide.
    pub fn visual_scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    /// The cursor's column in the whole value.
    pub fn visual_cursor(&self) -> usize {
        self.input.visual_cursor()
    }

    /// A key the scope passed on as text. Returns whether the field changed.
    pub(crate) fn key(&mut self, k: KeyEvent) -> bool {
        let replace = std::mem::take(&mut self.selected) && types_char(&k);
        if replace {
            self.input.reset();
        }
        self.input.handle_event(&Event::Key(k)).is_some() || replace
    }

    /// Where a paste goes in: a paste with anything to insert replaces the
    /// selected value, as a typed character does.
    pub(crate) fn paste_target(&mut self, text: &str) -> &mut Input {
        if self.selected && text.chars().any(pasteable) {
            self.selected = false;
            self.input.reset();
        }
        &mut self.input
    }
}
