//! Entering and leaving the terminal, including on panic.

use std::io::{self, Stdout};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, mouse capture and bracketed paste (so pasted
/// text arrives as one `Event::Paste`, never as keys); undone by [`restore`].
pub fn init() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    let mut stdout = io::stdout();
    if let Err(e) = execute!(
        stdout,
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    ) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout))
}

/// Leave the terminal as we found it. Safe to call more than once. Every
/// exit path comes here: a normal quit, a failed start, the panic hook and
/// the signal handlers.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

// The panic message must land on a normal screen, after the terminal is
// restored, or it is lost in the alternate screen.
fn install_panic_hook() {
    let (panic_hook, _) = color_eyre::config::HookBuilder::default()
        .display_env_section(false)
        .into_hooks();
    let panic_hook = panic_hook.into_panic_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        panic_hook(info);
    }));
}

/// Test seam: a debug build run with `INTAKE_PANIC_AFTER_FIRST_FRAME` set
/// panics once the first frame is drawn, so the end-to-end suite can check
/// the panic hook restores the terminal (tests/console/e2e_panic.rs). Release builds
/// compile it away.
pub fn panic_if_asked_after_first_frame() {
    #[cfg(debug_assertions)]
    if std::env::var_os("INTAKE_PANIC_AFTER_FIRST_FRAME").is_some() {
        panic!("INTAKE_PANIC_AFTER_FIRST_FRAME is set: panicking after the first frame, as asked");
    }
}
