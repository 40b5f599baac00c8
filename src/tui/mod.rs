//! The interactive console: terminal, event loop and API worker.

pub mod event_loop;
pub mod terminal;
pub mod worker;

use crossterm::event::EventStream;

use crate::api::retry::RetryPolicy;
use crate::app::{App, AppConfig};
use crate::cli::{Cli, Failure, open_session};

/// Open the console on the configured profile (or the demo simulator).
pub async fn run_console(cli: &Cli) -> Result<(), Failure> {
    let prefs = crate::prefs::load(cli.config.as_deref())?;
    let session = open_session(cli).await?;
    let config = AppConfig {
        profile: session.settings.profile.clone(),
        demo: session.demo,
        account_id: session.settings.account_id.clone(),
        concurrency: session.settings.concurrency,
        auto_refresh: session.settings.auto_refresh,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        tz: *chrono::Local::now().offset(),
        prefs,
    };
    let app = App::new(config, chrono::Utc::now());
    // Every change the console makes is in the audit log before it is sent.
    let audit = crate::audit::AuditLog::open(&session.settings.profile, &session.settings.base_url)
        .map_err(|e| {
            Failure::Reported(format!(
                "{e} intake will not make changes it cannot record."
            ))
        })?;
    let worker = worker::spawn(session.client.clone(), RetryPolicy::default(), Some(audit));

    let mut tui = terminal::init()
        .map_err(|e| Failure::Reported(format!("Could not open the terminal: {e}.")))?;
    let input = EventStream::new();
    let input = futures_util::stream::select(input, signals());
    let result = event_loop::run(&mut tui, input, app, worker.commands, worker.events).await;
    terminal::restore();
    worker.task.abort();
    if let Some(sim) = session.sim {
        sim.shutdown().await;
    }
    result
        .map(|_| ())
        .map_err(|e| Failure::Reported(format!("The terminal failed: {e}.")))
}

/// SIGTERM and SIGHUP arrive as ctrl-c, so the loop ends and the terminal
/// is restored the same way as on a normal quit.
fn signals() -> impl futures_util::Stream<Item = std::io::Result<crossterm::event::Event>> + Unpin {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for kind in [SignalKind::terminate(), SignalKind::hangup()] {
            if let Ok(mut s) = signal(kind) {
                let tx = tx.clone();
                tokio::spawn(async move {
                    while s.recv().await.is_some() {
                        if tx.send(Ok(event_loop::quit_key())).is_err() {
                            break;
                        }
                    }
                });
            }
        }
    }
    drop(tx);
    Box::pin(futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|e| (e, rx))
    }))
}
