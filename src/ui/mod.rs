use ratatui::Frame;
use crate::app::App;
pub fn draw(_frame: &mut Frame, _app: &mut App) {}
