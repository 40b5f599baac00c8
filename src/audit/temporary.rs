//! The demo's audit log: a private file in the temp dir, so `--demo` never
//! writes to the operator's log, deleted when the demo ends.

use std::io;
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::commit::Committer;
use super::log::Inner;
use super::{AuditError, AuditLog, Record};
use crate::safety::host_of;

/// The profile name `--demo` runs under.
pub const DEMO_PROFILE: &str = "demo";

impl AuditLog {
    /// A new, empty log in the temp dir (created 0600, never an existing
    /// file), deleted when the last clone is dropped.
    pub fn open_temporary(profile: &str, base_url: &str) -> Result<AuditLog, AuditError> {
        let dir = std::env::temp_dir();
        let mut last = None;
        for attempt in 0..8u32 {
            let path = dir.join(format!(
                "intake-demo-audit-{}-{}-{attempt}.jsonl",
                std::process::id(),
                chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
            ));
            match create_new(&path) {
                Ok(file) => {
                    return Ok(AuditLog {
                        inner: Arc::new(Inner {
                            path,
                            profile: profile.to_string(),
                            host: host_of(base_url),
                            file: Mutex::new(file),
                            commit: Committer::default(),
                            temporary: true,
                        }),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some((path, e)),
                Err(source) => return Err(AuditError::Open { path, source }),
            }
        }
        let (path, source) = last.unwrap_or_else(|| (dir, io::ErrorKind::AlreadyExists.into()));
        Err(AuditError::Open { path, source })
    }

    /// Whether this is a demo's temporary log.
    pub fn is_temporary(&self) -> bool {
        self.inner.temporary
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        if self.temporary {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// O_APPEND and O_EXCL, mode 0600: a name planted in the shared temp dir
/// (a symlink, say) is refused rather than followed.
fn create_new(path: &Path) -> io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

/// Whether a line is a demo's: earlier versions wrote the demo's changes to
/// the real log, under the demo profile against the in-process simulator on
/// a loopback address. `intake log` leaves them out.
pub fn is_demo(r: &Record) -> bool {
    r.profile == DEMO_PROFILE && is_loopback_host(&r.host)
}

fn is_loopback_host(host: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(&format!("http://{host}")) else {
        return false;
    };
    match url.host_str() {
        Some("localhost") => true,
        Some(h) => h
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback()),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Change, Event, Outcome, read_all};
    use super::*;

    #[test]
    fn a_temporary_log_records_and_is_removed_with_its_last_clone() {
        let log = AuditLog::open_temporary(DEMO_PROFILE, "http://127.0.0.1:4000").expect("open");
        let path = log.path().to_path_buf();
        assert!(log.is_temporary());
        assert!(path.starts_with(std::env::temp_dir()), "{}", path.display());
        let clone = log.clone();
        clone
            .record(&Event::new(Change::Update, Outcome::Updated, Some("A")))
            .expect("record");
        let (records, _) = read_all(&path).expect("read");
        assert_eq!(records.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(log);
        assert!(path.exists(), "a clone still holds it");
        drop(clone);
        assert!(!path.exists(), "removed with the last clone");
    }

    #[test]
    fn demo_lines_are_the_demo_profile_on_loopback() {
        let line = |profile: &str, host: &str| Record {
            time: chrono::Utc::now(),
            profile: profile.into(),
            host: host.into(),
            run_id: None,
            id: Some("A".into()),
            merchant_id: None,
            action: Change::Activate,
            terminal_id: None,
            outcome: Outcome::Activated,
            error_code: None,
            ids: Vec::new(),
        };
        assert!(is_demo(&line("demo", "127.0.0.1:38211")));
        assert!(is_demo(&line("demo", "localhost:8080")));
        assert!(is_demo(&line("demo", "[::1]:8080")));
        assert!(!is_demo(&line("demo", "service.centrapay.com")));
        assert!(!is_demo(&line("sandbox", "127.0.0.1:38211")));
        assert!(!is_demo(&line("demo", "")));
    }
}
