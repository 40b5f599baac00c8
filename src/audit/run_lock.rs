//! One lock file per bulk run, held by the process working through it, so
//! `intake activate --resume` never picks up a run that is still going.
//!
//! `<audit file>.run-<runId>.lock` holds the owner's pid under an exclusive
//! advisory lock (flock) for as long as the run goes. The OS releases the
//! lock however the process ends, so a run killed with -9 is free to resume
//! while a live one is not. The file is removed when the run ends.

use std::fs::{File, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

use super::{AuditError, AuditLog, Event};

/// A run's lock; released (and its file removed) on drop.
#[derive(Debug)]
pub struct RunLock {
    path: PathBuf,
    // Held only to keep the lock: closing the file releases it.
    _file: File,
}

/// A live process holds the run's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunBusy {
    pub run_id: String,
    /// The holder's pid, when its lock file says.
    pub pid: Option<u32>,
}

impl std::fmt::Display for RunBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let process = match self.pid {
            Some(pid) => format!("process {pid}"),
            None => "another process".to_string(),
        };
        write!(
            f,
            "Run {} is still running in {process}; wait for it or stop it, then run `intake activate --resume` again.",
            self.run_id
        )
    }
}

impl std::error::Error for RunBusy {}

impl RunLock {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for RunLock {
    fn drop(&mut self) {
        // Removed while still locked: a process that opened the old file
        // sees it held, one that opens the path afterwards makes a new one.
        let _ = std::fs::remove_file(&self.path);
    }
}

impl AuditLog {
    /// The lock file of a run: beside the log, its id reduced to characters
    /// safe in a file name (ids come from the log, which could be edited).
    pub fn run_lock_path(&self, run_id: &str) -> PathBuf {
        let safe: String = run_id
            .chars()
            .take(64)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let mut name = self.path().file_name().unwrap_or_default().to_os_string();
        name.push(format!(".run-{safe}.lock"));
        self.path().with_file_name(name)
    }

    /// Take a run's lock: `Ok(Err(busy))` when a live process holds it.
    pub fn lock_run(&self, run_id: &str) -> Result<Result<RunLock, RunBusy>, AuditError> {
        let path = self.run_lock_path(run_id);
        let err = |source| AuditError::Lock {
            path: path.clone(),
            source,
        };
        let mut opts = std::fs::OpenOptions::new();
        opts.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let mut file = opts.open(&path).map_err(err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                let pid = file
                    .read_to_string(&mut text)
                    .ok()
                    .and_then(|_| text.trim().parse().ok());
                return Ok(Err(RunBusy {
                    run_id: run_id.to_string(),
                    pid,
                }));
            }
            Err(TryLockError::Error(e)) => return Err(err(e)),
        }
        write_pid(&mut file).map_err(err)?;
        Ok(Ok(RunLock { path, _file: file }))
    }

    /// Start a new bulk run: take its lock, then write its `planned` line,
    /// so no other process can see the plan without the lock being held.
    pub fn plan_run(&self, run_id: &str, ids: &[String]) -> Result<RunLock, AuditError> {
        let lock = match self.lock_run(run_id)? {
            Ok(lock) => lock,
            // A fresh run id is never locked; if one is, it is not ours to start.
            Err(busy) => {
                return Err(AuditError::Lock {
                    path: self.run_lock_path(run_id),
                    source: io::Error::other(busy.to_string()),
                });
            }
        };
        self.record(&Event::planned(run_id, ids))?;
        Ok(lock)
    }
}

fn write_pid(file: &mut File) -> io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    writeln!(file, "{}", std::process::id())?;
    file.sync_data()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_run_is_busy_with_the_pid_and_free_once_released() {
        let dir = std::env::temp_dir().join(format!("intake-runlock-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let log = AuditLog::open_at(&dir.join("audit.jsonl"), "p", "https://h").expect("open");
        let lock = log
            .plan_run("20260101T000000-abc123", &["A".into()])
            .expect("planned");
        assert_eq!(
            lock.path(),
            dir.join("audit.jsonl.run-20260101T000000-abc123.lock")
        );
        // flock locks belong to the open file, so a second open in this
        // process contends like another process would.
        let busy = log
            .lock_run("20260101T000000-abc123")
            .expect("io")
            .expect_err("held");
        assert_eq!(busy.pid, Some(std::process::id()));
        assert_eq!(
            busy.to_string(),
            format!(
                "Run 20260101T000000-abc123 is still running in process {}; wait for it or stop it, then run `intake activate --resume` again.",
                std::process::id()
            )
        );
        let path = lock.path().to_path_buf();
        drop(lock);
        assert!(!path.exists(), "removed when the run ends");
        let again = log
            .lock_run("20260101T000000-abc123")
            .expect("io")
            .expect("free");
        drop(again);
        assert!(
            log.run_lock_path("../x y/z")
                .ends_with("audit.jsonl.run-___x_y_z.lock")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
