//! One frame of the console into a test terminal.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::App;

/// A `w`×`h` test terminal with one frame of `app` drawn. The size
/// arrives as an action first, as the event loop sends it.
pub fn terminal(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    crate::app::update(app, crate::app::Action::Resize(w, h));
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("a test terminal");
    t.draw(|f| crate::ui::draw(f, app)).expect("a frame");
    t
}

/// One frame of `app` as text.
pub fn render(app: &mut App, w: u16, h: u16) -> String {
    terminal(app, w, h).backend().to_string()
}
