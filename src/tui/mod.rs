//! The interactive console: terminal, event loop and API worker.

pub mod clipboard;
pub mod custom;
pub mod event_loop;
mod outlets;
pub mod terminal;
pub mod worker;

#[cfg(test)]
mod tests;

use crossterm::event::EventStream;

use crate::app::{App, AppConfig, Safety};
use crate::config::LoadedConfig;
use crate::failure::Failure;
use crate::prefs::ConsolePrefs;
use crate::session::{Session, SessionOptions};

/// Open the console on the configured profile (or the demo simulator).
/// What it returns is for stderr once the terminal is restored: how to
/// finish a run the console quit during.
pub async fn run_console(opts: &SessionOptions) -> Result<Option<String>, Failure> {
    let (prefs, session) = start(opts).await?;
    let config = AppConfig {
        profile: session.settings.profile.clone(),
        demo: session.demo,
        account_id: session.settings.account_id.clone(),
        concurrency: session.settings.concurrency,
        auto_refresh: session.settings.auto_refresh,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        tz: *chrono::Local::now().offset(),
        prefs,
        warnings: session.settings.warnings.clone(),
        sla_days: session.settings.sla_days,
        safety: Safety {
            host: crate::safety::host_of(&session.settings.base_url),
            production: session.settings.production,
            read_only: session.settings.read_only,
            confirm_typed_over: session.settings.confirm_typed_over,
        },
    };
    let app = App::new(config, chrono::Utc::now());
    // Every change the console makes is in the audit log before it is sent
    // (the demo's in a temporary log of its own, deleted when it ends), and
    // refused by ops in read-only mode.
    let ops = session.ops().map_err(|e| {
        Failure::Reported(format!(
            "{e} intake will not make changes it cannot record."
        ))
    })?;
    let names = worker::Names::new(session.name_cache(), session.settings.read_concurrency);
    let worker = worker::spawn_with_names(ops, names);
    // The config's commands run beside the worker, not in its HTTP path.
    let (custom_runs, events) = custom::runner(worker.events, session.settings.api_key.clone());
    let outlets = event_loop::Outlets {
        worker: worker.commands.clone(),
        custom: custom_runs,
    };

    let mut tui = terminal::init()
        .map_err(|e| Failure::Reported(format!("Could not open the terminal: {e}.")))?;
    let input = EventStream::new();
    let input = futures_util::stream::select(input, signals());
    let result = event_loop::run(&mut tui, input, app, outlets, events).await;
    terminal::restore();
    worker.task.abort();
    session.close().await;
    result
        .map(|app| app.quit_note().map(str::to_string))
        .map_err(|e| Failure::Reported(format!("The terminal failed: {e}.")))
}

/// The console's start: the config file read once, for the preferences
/// (keys, colours, views and commands, which apply in demo mode too) and
/// the session's profile.
async fn start(opts: &SessionOptions) -> Result<(ConsolePrefs, Session), Failure> {
    let config = LoadedConfig::read(opts.overrides.config_path.as_deref())?;
    let prefs = crate::prefs::from_config(&config)?;
    let session = Session::open_with(opts, &config).await?;
    Ok((prefs, session))
}

/// How long a signalled console may take to wind down before it is ended.
const SIGNAL_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// SIGTERM and SIGHUP arrive as ctrl-c, so the loop ends and the terminal
/// is restored the same way as on a normal quit. If the loop cannot take the
/// key (crossterm spins reading a terminal that hung up, never yielding),
/// the process restores what it can and exits after a grace period, as the
/// signal's default action would have.
fn signals() -> impl futures_util::Stream<Item = std::io::Result<crossterm::event::Event>> + Unpin {
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        for (kind, code) in [(SignalKind::terminate(), 143), (SignalKind::hangup(), 129)] {
            if let Ok(mut s) = signal(kind) {
                let tx = tx.clone();
                tokio::spawn(async move {
                    if s.recv().await.is_some() {
                        let _ = tx.send(Ok(event_loop::quit_key()));
                        tokio::time::sleep(SIGNAL_GRACE).await;
                        tracing::warn!(code, "the console did not stop after a signal; exiting");
                        terminal::restore();
                        std::process::exit(code);
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
