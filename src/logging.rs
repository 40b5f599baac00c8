//! Tracing to a log file: never to the terminal, which the console owns.

use std::path::PathBuf;

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Where the log goes: `$INTAKE_LOG_FILE`, else the OS state/data dir.
pub fn log_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTAKE_LOG_FILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", crate::config::APP_NAME)?;
    let dir = dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf();
    Some(dir.join("intake.log"))
}

/// Holds nothing yet; returned so a buffered writer could be flushed on drop.
pub struct LogGuard;

/// Start logging at `level`; a log file that cannot be opened disables logging
/// rather than stopping the operator's work.
pub fn init(level: &str) -> LogGuard {
    let Some(path) = log_path() else {
        return LogGuard;
    };
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return LogGuard;
    };
    // intake's own events at the level asked for (info when it is not a
    // level), everything else's warnings. A fixed pair of targets needs no
    // directive parser: `Targets` rather than `EnvFilter` and its regex crates.
    let level = level.parse::<LevelFilter>().unwrap_or(LevelFilter::INFO);
    let filter = Targets::new()
        .with_target("intake", level)
        .with_default(LevelFilter::WARN);
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::sync::Mutex::new(file))
                .with_ansi(false),
        )
        .with(filter)
        .try_init();
    LogGuard
}
