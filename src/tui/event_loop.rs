//! The console's main loop: input, worker results and a render tick, with a
//! redraw only when something changed. Input comes first and is drawn at
//! once; the worker's answers are taken a batch at a time, every queued one
//! before a frame, and draw at most once a tick.

use std::io;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind};
use futures_util::{Stream, StreamExt};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::layout::{Position, Rect};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::{Action, ApiEvent, App, Command, update};
use crate::ui;

pub use super::outlets::Outlets;

/// While something is moving (a load, a bulk run) a frame is drawn every
/// tick, so the screen never goes more than this long without one.
pub const TICK: Duration = Duration::from_millis(40);
/// Ages in the list move by the minute; when idle, redraw once a second.
const IDLE_REDRAW_TICKS: u32 = 25;
/// Most worker answers applied before the loop looks at input again.
const EVENT_BATCH: usize = 256;

/// Run until the app quits or input ends. Takes its input and backend as
/// parameters so tests can inject keys and read the screen.
pub async fn run<B, S>(
    terminal: &mut Terminal<B>,
    mut input: S,
    mut app: App,
    outlets: Outlets,
    mut results: UnboundedReceiver<ApiEvent>,
) -> io::Result<App>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
    S: Stream<Item = io::Result<Event>> + Unpin,
{
    // The loop owns the terminal, and nothing is drawing when it sends.
    let send = |cmds: Vec<Command>| outlets.send(cmds);
    let init = app.init();
    draw(terminal, &mut app)?;
    super::terminal::panic_if_asked_after_first_frame();
    send(init);
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    // The first tick, at once and before anything else: the clock is the
    // runtime's from the first key or answer on, whichever comes first.
    ticker.tick().await;
    send(update(&mut app, Action::Tick(chrono::Utc::now())));
    let mut idle_ticks = 0u32;
    let mut queued = Vec::with_capacity(EVENT_BATCH);
    // State changed since the last frame, and when that frame was drawn.
    let mut stale = false;
    let mut last_frame = Instant::now();
    loop {
        let frame = tokio::select! {
            biased;
            // A key is drawn at once: it is what the operator waits for.
            event = input.next() => match event {
                Some(Ok(event)) => match to_action(event) {
                    Some(action) => {
                        send(update(&mut app, action));
                        Frame::Now
                    }
                    None => Frame::No,
                },
                Some(Err(e)) => return Err(e),
                None => break,
            },
            // Every queued answer (pages, names, outcomes come in bursts)
            // before one frame; at most a batch, so a key waiting behind a
            // flood is taken after it, not after the flood.
            n = results.recv_many(&mut queued, EVENT_BATCH), if !results.is_closed() || !results.is_empty() => {
                for result in queued.drain(..n) {
                    send(update(&mut app, Action::Api(result)));
                }
                // At most one frame a tick from answers: the frame nearest
                // the last answer is the only one worth drawing.
                if last_frame.elapsed() >= TICK { Frame::Now } else { Frame::Later }
            },
            _ = ticker.tick() => {
                send(update(&mut app, Action::Tick(chrono::Utc::now())));
                idle_ticks += 1;
                if stale || app.is_busy() || idle_ticks >= IDLE_REDRAW_TICKS {
                    Frame::Now
                } else {
                    Frame::No
                }
            },
            // Last in the biased select: a slice of a filter scan runs only
            // when no input, result or tick is waiting, and a frame follows
            // each slice, without waiting for the tick.
            () = std::future::ready(()), if app.has_pending_work() => {
                send(update(&mut app, Action::Continue));
                Frame::Now
            },
        };
        if app.should_quit() {
            break;
        }
        match frame {
            Frame::Now => {
                idle_ticks = 0;
                stale = false;
                draw(terminal, &mut app)?;
                last_frame = Instant::now();
            }
            Frame::Later => stale = true,
            Frame::No => {}
        }
    }
    Ok(app)
}

/// Whether a turn of the loop draws.
enum Frame {
    Now,
    /// At the next tick (the state changed, but a frame was just drawn).
    Later,
    No,
}

/// Draw a frame. A size update has not seen (the first frame, or a resize
/// whose event has not arrived yet) goes through update first, so the view and
/// update always work from the same layout.
fn draw<B>(terminal: &mut Terminal<B>, app: &mut App) -> io::Result<()>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(io_error)?;
    if app.viewport().area != Rect::from((Position::ORIGIN, size)) {
        update(app, Action::Resize(size.width, size.height));
    }
    terminal
        .draw(|frame| ui::draw(frame, app))
        .map_err(io_error)?;
    Ok(())
}

/// A backend's error as the `io::Error` the loop returns: a terminal's own
/// I/O error as it is, anything else (a test backend's) wrapped.
fn io_error<E: std::error::Error + Send + Sync + 'static>(e: E) -> io::Error {
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match boxed.downcast::<io::Error>() {
        Ok(e) => *e,
        Err(other) => io::Error::other(other),
    }
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
    use crate::app::WorkerCall;
    use crate::app::fixtures::{config, now, requests};
    use crossterm::event::KeyModifiers;
    use ratatui::backend::TestBackend;
    use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

    fn press(c: char) -> io::Result<Event> {
        Ok(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )))
    }

    /// The loop's outlets, with the worker's calls into `worker` (these
    /// tests run none of your commands).
    fn outlets(worker: UnboundedSender<WorkerCall>) -> Outlets {
        let (custom, _) = unbounded_channel();
        Outlets { worker, custom }
    }

    /// The next call the loop sends; a stuck loop fails the test, not hangs it.
    async fn next(commands: &mut UnboundedReceiver<WorkerCall>) -> WorkerCall {
        tokio::time::timeout(Duration::from_secs(20), commands.recv())
            .await
            .expect("the loop sends a command")
            .expect("the loop is running")
    }

    #[tokio::test]
    async fn keys_in_screen_and_commands_out() {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
        let (keys, key_rx) = unbounded_channel::<io::Result<Event>>();
        let input = Box::pin(futures_util::stream::unfold(key_rx, |mut rx| async move {
            rx.recv().await.map(|e| (e, rx))
        }));
        let (cmd_tx, mut commands) = unbounded_channel();
        let (results, result_rx) = unbounded_channel();
        let app = App::new(config(), now());
        let driver = async move {
            let WorkerCall::Load { load_id, .. } = next(&mut commands).await else {
                panic!("the first command is the load");
            };
            results
                .send(ApiEvent::Page {
                    load_id,
                    items: requests(),
                    done: true,
                })
                .expect("the loop takes results");
            // The page asks for merchant names once it is applied.
            assert!(matches!(
                next(&mut commands).await,
                WorkerCall::FetchMerchants { .. }
            ));
            // Down twice to REQ3epayReady, activate, confirm.
            for c in ['j', 'j', 'a', 'y'] {
                keys.send(press(c)).expect("the loop takes keys");
            }
            let sent = next(&mut commands).await;
            // Input ends: the loop ends.
            drop(keys);
            sent
        };
        let (ended, sent) = tokio::join!(
            run(&mut terminal, input, app, outlets(cmd_tx), result_rx),
            driver
        );
        let app = ended.expect("the loop ends cleanly when input ends");
        let second = app.visible_request(2).expect("a third row").id.clone();
        assert_eq!(second, "REQ3epayReady");
        assert_eq!(app.cursor(), 2);
        let held = app.request(&second).cloned();
        assert!(held.is_some());
        assert_eq!(
            sent,
            WorkerCall::Activate {
                id: second.clone(),
                held
            }
        );
        let screen = terminal.backend().to_string();
        assert!(screen.contains("8/8 shown"), "{screen}");
        assert!(screen.contains("5ee0c486308f"), "{screen}");
        assert!(screen.contains(&format!("Activating {second}")), "{screen}");
    }

    #[tokio::test]
    async fn filter_steps_run_with_no_input_waiting() {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
        let (keys, key_rx) = unbounded_channel::<io::Result<Event>>();
        let input = Box::pin(futures_util::stream::unfold(key_rx, |mut rx| async move {
            rx.recv().await.map(|e| (e, rx))
        }));
        let (cmd_tx, mut commands) = unbounded_channel();
        let (results, result_rx) = unbounded_channel();
        let mut app = App::new(config(), now());
        app.list.filter_slice = 100;
        let base = requests();
        let items: Vec<_> = (0..5_000)
            .map(|i| {
                let mut r = base[i % base.len()].clone();
                r.id = format!("ID{i:05}");
                r
            })
            .collect();
        let driver = async move {
            let WorkerCall::Load { load_id, .. } = next(&mut commands).await else {
                panic!("the first command is the load");
            };
            results
                .send(ApiEvent::Page {
                    load_id,
                    items,
                    done: true,
                })
                .expect("the loop takes results");
            assert!(matches!(
                next(&mut commands).await,
                WorkerCall::FetchMerchants { .. }
            ));
            for c in ['/', 'z', 'z'] {
                keys.send(press(c)).expect("the loop takes keys");
            }
            // Nothing matches: only a finished scan asks for the other
            // statuses, and no key comes after the last one.
            let sent = next(&mut commands).await;
            drop(keys);
            sent
        };
        let (ended, sent) = tokio::join!(
            run(&mut terminal, input, app, outlets(cmd_tx), result_rx),
            driver
        );
        let app = ended.expect("the loop ends cleanly when input ends");
        assert!(matches!(sent, WorkerCall::LoadOthers { .. }), "{sent:?}");
        assert!(!app.has_pending_work());
        assert_eq!(app.visible_len(), 0);
    }

    /// Input not ready the first time the loop asks, then one key, then
    /// the end: a key pressed while answers are queued.
    struct LateKey(Option<Event>, bool);

    impl Stream for LateKey {
        type Item = io::Result<Event>;
        fn poll_next(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            if !self.1 {
                self.1 = true;
                cx.waker().wake_by_ref();
                return std::task::Poll::Pending;
            }
            std::task::Poll::Ready(self.0.take().map(Ok))
        }
    }

    #[tokio::test]
    async fn a_key_waits_behind_one_batch_of_answers_not_all_of_them() {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("a test terminal");
        let (cmd_tx, mut commands) = unbounded_channel();
        let (results, result_rx) = unbounded_channel();
        let app = App::new(config(), now());
        // The first load's pages, queued before the loop starts, each with
        // a merchant of its own, so each asks for a name when applied.
        let base = requests();
        for i in 0..EVENT_BATCH * 3 {
            let mut r = base[0].clone();
            r.id = format!("ID{i:05}");
            r.merchant_id = format!("merchant{i:05}");
            results
                .send(ApiEvent::Page {
                    load_id: 1,
                    items: vec![r],
                    done: false,
                })
                .expect("queued");
        }
        let input = LateKey(
            Some(Event::Key(KeyEvent::new(
                KeyCode::Char('r'),
                KeyModifiers::NONE,
            ))),
            false,
        );
        run(&mut terminal, input, app, outlets(cmd_tx), result_rx)
            .await
            .expect("the loop ends when input ends");
        let mut sent = Vec::new();
        while let Ok(c) = commands.try_recv() {
            sent.push(c);
        }
        let loads: Vec<usize> = sent
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, WorkerCall::Load { .. }))
            .map(|(i, _)| i)
            .collect();
        // The first load, then the key's reload after one batch of pages.
        assert_eq!(loads, [0, 1 + EVENT_BATCH], "{} commands", sent.len());
    }

    #[test]
    fn a_paste_is_one_action_not_keys() {
        let action = to_action(Event::Paste("kingsland\nAy".into()));
        assert!(matches!(action, Some(Action::Paste(t)) if t == "kingsland\nAy"));
    }
}
