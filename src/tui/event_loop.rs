//! The console's main loop: input, worker results and a render tick, with a
//! redraw only when something changed.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::{Position, Rect};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

use crate::app::{Action, ApiEvent, App, Command, update};
use crate::ui;

/// While something is moving (a load, a bulk run) a frame is drawn every
/// tick, so the screen never goes more than this long without one.
pub const TICK: Duration = Duration::from_millis(40);
/// Ages in the list move by the minute; when idle, redraw once a second.
const IDLE_REDRAW_TICKS: u32 = 25;

/// Run until the app quits or input ends. Takes its input and backend as
/// parameters so tests can inject keys and read the screen.
pub async fn run<B, S>(
    terminal: &mut Terminal<B>,
    mut input: S,
    mut app: App,
    commands: UnboundedSender<Command>,
    mut results: UnboundedReceiver<ApiEvent>,
) -> io::Result<App>
where
    B: Backend,
    B::Error: Into<io::Error>,
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    let send = |cmds: Vec<Command>| {
        for c in cmds {
            // The worker outlives the loop; a closed channel means it died,
            // and the error toasts would never come: log it.
            if commands.send(c).is_err() {
                tracing::error!("the API worker has stopped");
            }
        }
    };
    let init = app.init();
    draw(terminal, &mut app)?;
    send(init);
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut idle_ticks = 0u32;
    loop {
        let dirty = tokio::select! {
            biased;
            event = input.next() => match event {
                Some(Ok(event)) => match to_action(event) {
                    Some(action) => {
                        send(update(&mut app, action));
                        true
                    }
                    None => false,
                },
                Some(Err(e)) => return Err(e),
                None => break,
            },
            Some(result) = results.recv() => {
                send(update(&mut app, Action::Api(result)));
                // Pages and bulk outcomes come in bursts: apply what is queued
                // before drawing once.
                while let Ok(more) = results.try_recv() {
                    send(update(&mut app, Action::Api(more)));
                }
                true
            },
            _ = ticker.tick() => {
                send(update(&mut app, Action::Tick(chrono::Utc::now())));
                idle_ticks += 1;
                app.is_busy() || idle_ticks >= IDLE_REDRAW_TICKS
            },
        };
        if app.should_quit() {
            break;
        }
        if dirty {
            idle_ticks = 0;
            draw(terminal, &mut app)?;
        }
    }
    Ok(app)
}

/// Draw a frame. A size update has not seen (the first frame, or a resize
/// whose event has not arrived yet) goes through update first, so the view and
/// update always work from the same layout.
fn draw<B>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B: Backend,
    B::Error: Into<io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    if app.viewport().area != Rect::from((Position::ORIGIN, size)) {
        update(app, Action::Resize(size.width, size.height));
    }
    terminal
        .draw(|frame| ui::draw(frame, app))
        .map_err(Into::into)?;
    Ok(())
}

fn to_action(event: Event) -> Option<Action> {
    match event {
        // Windows reports releases too; acting on them would double every key.
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(Action::Key(key)),
        Event::Mouse(m) => Some(Action::Mouse(m)),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Paste(text) => Some(Action::Paste(text)),
        _ => None,
    }
}

/// A key as a signal handler sends it: ctrl-c always quits at once.
pub fn quit_key() -> Event {
    Event::Key(KeyEvent::new(
        KeyCode::Char('c'),
        crossterm::event::KeyModifiers::CONTROL,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paste_is_one_action_not_keys() {
        let action = to_action(Event::Paste("kingsland\nAy".into()));
        assert!(matches!(action, Some(Action::Paste(t)) if t == "kingsland\nAy"));
    }
}
