//! The open log file: where it lives, opening it privately, appending a line.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::Utc;

use super::commit::Committer;
use super::{AuditError, Event, FILE_ENV, Record};
use crate::safety::host_of;

/// The audit file's path: `$INTAKE_AUDIT_FILE`, else `audit.jsonl` in the OS
/// data dir (e.g. `~/.local/share/intake/audit.jsonl`).
pub fn default_path() -> Result<PathBuf, AuditError> {
    if let Some(p) = std::env::var_os(FILE_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", crate::config::APP_NAME)
        .ok_or(AuditError::NoDataDir)?;
    Ok(dirs.data_dir().join("audit.jsonl"))
}

/// An open audit log bound to one profile and host. Cheap to clone; clones
/// share the file and serialise their writes.
#[derive(Clone)]
pub struct AuditLog {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) path: PathBuf,
    pub(super) profile: String,
    pub(super) host: String,
    pub(super) file: Mutex<File>,
    pub(super) commit: Committer,
    /// A demo's log: deleted when the last clone is dropped.
    pub(super) temporary: bool,
}

impl std::fmt::Debug for AuditLog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditLog")
            .field("path", &self.inner.path)
            .field("profile", &self.inner.profile)
            .field("host", &self.inner.host)
            .finish()
    }
}

impl AuditLog {
    /// Open (creating, mode 0600) the log at [`default_path`].
    pub fn open(profile: &str, base_url: &str) -> Result<AuditLog, AuditError> {
        AuditLog::open_at(&default_path()?, profile, base_url)
    }

    /// Open (creating, mode 0600) the log at `path`.
    pub fn open_at(path: &Path, profile: &str, base_url: &str) -> Result<AuditLog, AuditError> {
        let err = |source| AuditError::Open {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(err)?;
        }
        let file = open_append(path).map_err(err)?;
        Ok(AuditLog {
            inner: Arc::new(Inner {
                path: path.to_path_buf(),
                profile: profile.to_string(),
                host: host_of(base_url),
                file: Mutex::new(file),
                commit: Committer::default(),
                temporary: false,
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    pub fn profile(&self) -> &str {
        &self.inner.profile
    }

    pub fn host(&self) -> &str {
        &self.inner.host
    }

    /// Append one line and flush it to disk before returning; lines recorded
    /// meanwhile by other threads share the sync (see `commit.rs`).
    pub fn record(&self, entry: &Event) -> Result<Record, AuditError> {
        let record = Record {
            time: Utc::now(),
            profile: self.inner.profile.clone(),
            host: self.inner.host.clone(),
            run_id: entry.run_id.clone(),
            id: entry.id.clone(),
            merchant_id: entry.merchant_id.clone(),
            action: entry.action,
            terminal_id: entry.terminal_id.clone(),
            outcome: entry.outcome,
            error_code: entry.error_code.clone(),
            ids: entry.ids.clone(),
        };
        let err = |source| AuditError::Write {
            path: self.inner.path.clone(),
            source,
        };
        let mut line = serde_json::to_string(&record).map_err(|e| err(io::Error::other(e)))?;
        line.push('\n');
        self.inner
            .commit
            .append(&self.inner.file, line.as_bytes())
            .map_err(err)?;
        Ok(record)
    }
}

fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// O_APPEND, created 0600; an existing file others can read is tightened.
fn open_append(path: &Path) -> io::Result<File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let file = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = file.metadata()?.permissions().mode();
        if mode & 0o077 != 0 {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        }
    }
    Ok(file)
}
