//! The audit log: one JSON line per mutation (create, update, activate), so
//! an operator can see who changed what where, and an interrupted bulk run
//! can be finished without repeating what was done.
//!
//! The file lives in the OS data dir (`$INTAKE_AUDIT_FILE` overrides), is
//! created mode 0600, opened with O_APPEND, and every line is written with a
//! single `write` and `sync_data`ed before [`AuditLog::record`] returns, so a
//! caller that records before it prints never shows a result the log lacks.
//! It never holds the API key: only the profile name and the base URL's host.
//!
//! Lines of a bulk activation share a `runId`: first a `planned` line listing
//! every id, then per id a `started` line before the call is sent and an
//! outcome line after. A run with a planned or started id but no outcome did
//! not finish; see [`unfinished_run`].

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

mod run_lock;
mod temporary;

pub use run_lock::{RunBusy, RunLock};
pub use temporary::{DEMO_PROFILE, is_demo};

/// Environment variable naming the audit file (tests, or a shared location).
pub const FILE_ENV: &str = "INTAKE_AUDIT_FILE";

/// The mutation a line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Activate,
    /// A later version's action this one does not know.
    #[serde(other)]
    Other,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Activate => "activate",
            Action::Other => "other",
        }
    }
}

/// What happened. `Planned` and `Started` are progress markers of a bulk
/// run; every other value is the outcome of one mutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Planned,
    Started,
    Created,
    Updated,
    Activated,
    /// An answer was lost and reading the request back showed it active:
    /// this call or another operator's did it. Older logs wrote `confirmed`.
    #[serde(rename = "confirmed_active", alias = "confirmed")]
    Confirmed,
    /// It was active before this call (INTEGRATION_ALREADY_ACTIVATED).
    AlreadyActive,
    Failed,
    /// The operator cancelled the run before this one was sent.
    Cancelled,
    /// Refused before sending: it could not have succeeded (an ePay request
    /// without a terminalId). Final, so `--resume` does not send it.
    Refused,
    #[serde(other)]
    Other,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Planned => "planned",
            Outcome::Started => "started",
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Activated => "activated",
            Outcome::Confirmed => "confirmed_active",
            Outcome::AlreadyActive => "already_active",
            Outcome::Failed => "failed",
            Outcome::Cancelled => "cancelled",
            Outcome::Refused => "refused",
            Outcome::Other => "other",
        }
    }

    /// Whether this line ends the work on its id (not a progress marker).
    pub fn is_final(self) -> bool {
        !matches!(self, Outcome::Planned | Outcome::Started)
    }

    /// The outcome of a finished activation.
    pub fn of_activation(a: &crate::api::retry::Activation) -> Outcome {
        use crate::api::retry::Activation;
        match a {
            Activation::Activated(_) => Outcome::Activated,
            Activation::Confirmed(_) => Outcome::Confirmed,
            Activation::AlreadyActive(_) => Outcome::AlreadyActive,
        }
    }
}

/// What a caller records; [`AuditLog::record`] adds time, profile and host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub action: Action,
    pub outcome: Outcome,
    /// The request id (absent on a `planned` line and on a failed create).
    pub id: Option<String>,
    pub merchant_id: Option<String>,
    pub terminal_id: Option<String>,
    /// The error's label (`INTEGRATION_PARAM_MISSING`, `NETWORK`, ...) on failure.
    pub error_code: Option<String>,
    /// Shared by the lines of one bulk run.
    pub run_id: Option<String>,
    /// Every id of the run, on its `planned` line only.
    pub ids: Vec<String>,
}

impl Entry {
    pub fn new(action: Action, outcome: Outcome, id: Option<&str>) -> Entry {
        Entry {
            action,
            outcome,
            id: id.map(str::to_string),
            merchant_id: None,
            terminal_id: None,
            error_code: None,
            run_id: None,
            ids: Vec::new(),
        }
    }

    /// The first line of a bulk activation: every id it will work through.
    pub fn planned(run_id: &str, ids: &[String]) -> Entry {
        Entry {
            run_id: Some(run_id.to_string()),
            ids: ids.to_vec(),
            ..Entry::new(Action::Activate, Outcome::Planned, None)
        }
    }

    /// Written before an activation is sent.
    pub fn started(run_id: Option<&str>, id: &str) -> Entry {
        Entry {
            run_id: run_id.map(str::to_string),
            ..Entry::new(Action::Activate, Outcome::Started, Some(id))
        }
    }

    /// The end of an activation, from its result.
    pub fn activation(
        run_id: Option<&str>,
        id: &str,
        result: &Result<crate::api::retry::Activation, crate::api::ApiError>,
    ) -> Entry {
        let (outcome, error_code) = match result {
            Ok(a) => (Outcome::of_activation(a), None),
            Err(e) => (Outcome::Failed, Some(e.label().to_string())),
        };
        let r = result.as_ref().ok().and_then(|a| a.request());
        Entry {
            run_id: run_id.map(str::to_string),
            merchant_id: r.map(|r| r.merchant_id.clone()),
            terminal_id: r.and_then(|r| r.effective_terminal_id().map(str::to_string)),
            error_code,
            ..Entry::new(Action::Activate, outcome, Some(id))
        }
    }

    pub fn merchant(mut self, merchant_id: Option<&str>) -> Entry {
        self.merchant_id = merchant_id.map(str::to_string);
        self
    }

    pub fn terminal(mut self, terminal_id: Option<&str>) -> Entry {
        self.terminal_id = terminal_id.map(str::to_string);
        self
    }

    pub fn error(mut self, e: &crate::api::ApiError) -> Entry {
        self.outcome = Outcome::Failed;
        self.error_code = Some(e.label().to_string());
        self
    }

    pub fn run(mut self, run_id: Option<&str>) -> Entry {
        self.run_id = run_id.map(str::to_string);
        self
    }
}

/// One line of the file, as written and as read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub time: DateTime<Utc>,
    pub profile: String,
    pub host: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    pub action: Action,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ids: Vec<String>,
}

/// Why the log could not be opened or written; phrased for the operator.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("Could not work out the OS data directory for the audit log; set {FILE_ENV}.")]
    NoDataDir,
    #[error(
        "Could not open the audit log {path}: {source}. Fix its permissions or set {FILE_ENV} to a writable file; nothing was changed."
    )]
    Open { path: PathBuf, source: io::Error },
    #[error("Could not write the audit log {path}: {source}.")]
    Write { path: PathBuf, source: io::Error },
    #[error("Could not read the audit log {path}: {source}.")]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "Could not take the run lock {path}: {source}. Fix the permissions of the audit log's folder; nothing was sent."
    )]
    Lock { path: PathBuf, source: io::Error },
}

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

/// The host of a base URL as the log names it: host and explicit port, never
/// the scheme, path, query or credentials.
pub fn host_of(base_url: &str) -> String {
    match reqwest::Url::parse(base_url.trim()) {
        Ok(u) => {
            let host = u.host_str().unwrap_or_default();
            match u.port() {
                Some(p) => format!("{host}:{p}"),
                None => host.to_string(),
            }
        }
        Err(_) => String::new(),
    }
}

/// A new run id: time-ordered and unique enough for one operator's log.
pub fn new_run_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    let now = Utc::now();
    h.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
    format!(
        "{}-{:06x}",
        now.format("%Y%m%dT%H%M%S"),
        h.finish() & 0xff_ffff
    )
}

/// An open audit log bound to one profile and host. Cheap to clone; clones
/// share the file and serialise their writes.
#[derive(Clone)]
pub struct AuditLog {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    profile: String,
    host: String,
    file: Mutex<File>,
    /// A demo's log: deleted when the last clone is dropped.
    temporary: bool,
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

    /// Append one line and flush it to disk before returning.
    pub fn record(&self, entry: &Entry) -> Result<Record, AuditError> {
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
        // A poisoned lock only means another writer panicked mid-call; the
        // file itself is fine (each line is one append).
        let mut file = self
            .inner
            .file
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        file.write_all(line.as_bytes()).map_err(err)?;
        file.sync_data().map_err(err)?;
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

/// Parse one line; `None` for a blank or damaged line (e.g. the half-written
/// last line of a killed process), which readers skip.
pub fn parse_line(line: &str) -> Option<Record> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    serde_json::from_str(line).ok()
}

/// Every readable line of the log, oldest first, and how many were skipped.
/// A missing file is an empty log.
pub fn read_all(path: &Path) -> Result<(Vec<Record>, usize), AuditError> {
    let err = |source| AuditError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), 0)),
        Err(e) => return Err(err(e)),
    };
    let mut records = Vec::new();
    let mut skipped = 0;
    for line in io::BufReader::new(file).split(b'\n') {
        let line = line.map_err(err)?;
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        match parse_line(&text) {
            Some(r) => records.push(r),
            None => skipped += 1,
        }
    }
    Ok((records, skipped))
}

/// What is left of a bulk activation that did not finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfinishedRun {
    pub run_id: String,
    pub started_at: DateTime<Utc>,
    /// Every planned id, in the order given.
    pub planned: Vec<String>,
    /// Ids with an outcome line.
    pub done: HashSet<String>,
    /// Ids sent (a `started` line) with no outcome: the call may have been
    /// applied, so they are read back before anything is sent again.
    pub in_doubt: Vec<String>,
    /// Ids never started.
    pub not_started: Vec<String>,
}

impl UnfinishedRun {
    /// The ids still to finish, in planned order.
    pub fn remaining(&self) -> impl Iterator<Item = &String> {
        self.planned.iter().filter(|id| !self.done.contains(*id))
    }
}

/// The most recent bulk activation for this profile and host with an id that
/// was planned or started but has no outcome.
pub fn unfinished_run(records: &[Record], profile: &str, host: &str) -> Option<UnfinishedRun> {
    #[derive(Default)]
    struct Run {
        started_at: Option<DateTime<Utc>>,
        planned: Vec<String>,
        started: HashSet<String>,
        done: HashSet<String>,
        last_line: usize,
    }
    let mut runs: HashMap<&str, Run> = HashMap::new();
    for (n, r) in records.iter().enumerate() {
        if r.profile != profile || r.host != host || r.action != Action::Activate {
            continue;
        }
        let Some(run_id) = r.run_id.as_deref() else {
            continue;
        };
        let run = runs.entry(run_id).or_default();
        run.last_line = n;
        match (r.outcome, r.id.as_ref()) {
            (Outcome::Planned, _) => {
                run.started_at.get_or_insert(r.time);
                run.planned.extend(r.ids.iter().cloned());
            }
            (Outcome::Started, Some(id)) => {
                run.started.insert(id.clone());
            }
            (o, Some(id)) if o.is_final() => {
                run.done.insert(id.clone());
            }
            _ => {}
        }
    }
    runs.into_iter()
        .filter_map(|(run_id, run)| {
            // Only runs with a plan can be resumed: without it the ids never
            // started are unknown.
            let started_at = run.started_at?;
            let mut seen = HashSet::new();
            let planned: Vec<String> = run
                .planned
                .into_iter()
                .filter(|id| seen.insert(id.clone()))
                .collect();
            let in_doubt: Vec<String> = planned
                .iter()
                .filter(|id| run.started.contains(*id) && !run.done.contains(*id))
                .cloned()
                .collect();
            let not_started: Vec<String> = planned
                .iter()
                .filter(|id| !run.started.contains(*id) && !run.done.contains(*id))
                .cloned()
                .collect();
            (!in_doubt.is_empty() || !not_started.is_empty()).then(|| {
                (
                    run.last_line,
                    UnfinishedRun {
                        run_id: run_id.to_string(),
                        started_at,
                        planned,
                        done: run.done,
                        in_doubt,
                        not_started,
                    },
                )
            })
        })
        .max_by_key(|(last, _)| *last)
        .map(|(_, run)| run)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("intake-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn host_has_no_scheme_path_or_credentials() {
        assert_eq!(
            host_of("https://service.centrapay.com/api"),
            "service.centrapay.com"
        );
        assert_eq!(host_of("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(host_of("https://u:secret@h.example/x?k=v"), "h.example");
        assert_eq!(host_of("not a url"), "");
    }

    #[test]
    fn lines_round_trip_and_the_file_is_private() {
        let dir = scratch("rt");
        let path = dir.join("a").join("audit.jsonl");
        let log = AuditLog::open_at(&path, "sandbox", "https://h.example").expect("open");
        let clone = log.clone();
        log.record(&Entry::planned("r1", &["A".into(), "B".into()]))
            .expect("planned");
        clone
            .record(&Entry::started(Some("r1"), "A"))
            .expect("started");
        log.record(
            &Entry::new(Action::Activate, Outcome::Activated, Some("A"))
                .merchant(Some("M1"))
                .run(Some("r1")),
        )
        .expect("outcome");
        let (records, skipped) = read_all(&path).expect("read");
        assert_eq!((records.len(), skipped), (3, 0));
        assert_eq!(records[2].merchant_id.as_deref(), Some("M1"));
        assert_eq!(records[0].ids, vec!["A", "B"]);
        assert!(
            records
                .iter()
                .all(|r| r.host == "h.example" && r.profile == "sandbox")
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let run = unfinished_run(&records, "sandbox", "h.example").expect("unfinished");
        assert_eq!(run.run_id, "r1");
        assert_eq!(run.not_started, vec!["B"]);
        assert!(run.in_doubt.is_empty());
        assert!(unfinished_run(&records, "other", "h.example").is_none());
    }

    #[test]
    fn confirmed_is_written_as_confirmed_active_and_old_lines_still_read() {
        let old = r#"{"time":"2026-11-20T09:00:00Z","profile":"p","host":"h","id":"A","action":"activate","outcome":"confirmed"}"#;
        let r = parse_line(old).expect("an older line");
        assert_eq!(r.outcome, Outcome::Confirmed);
        let text = serde_json::to_string(&r).expect("json");
        assert!(text.contains(r#""outcome":"confirmed_active""#), "{text}");
        assert_eq!(Outcome::Confirmed.as_str(), "confirmed_active");
    }

    #[test]
    fn a_damaged_last_line_is_skipped() {
        let dir = scratch("damaged");
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("audit.jsonl");
        let log = AuditLog::open_at(&path, "p", "https://h").expect("open");
        log.record(&Entry::started(Some("r"), "A")).expect("line");
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("append");
        f.write_all(b"{\"time\":\"2026-").expect("partial");
        let (records, skipped) = read_all(&path).expect("read");
        assert_eq!((records.len(), skipped), (1, 1));
    }

    #[test]
    fn in_doubt_and_finished_runs() {
        let r = |run: &str, id: Option<&str>, outcome: Outcome, ids: &[&str]| Record {
            time: Utc::now(),
            profile: "p".into(),
            host: "h".into(),
            run_id: Some(run.into()),
            id: id.map(str::to_string),
            merchant_id: None,
            action: Action::Activate,
            terminal_id: None,
            outcome,
            error_code: None,
            ids: ids.iter().map(|s| s.to_string()).collect(),
        };
        let records = vec![
            r("old", None, Outcome::Planned, &["X"]),
            r("old", Some("X"), Outcome::Started, &[]),
            r("new", None, Outcome::Planned, &["A", "B", "C"]),
            r("new", Some("A"), Outcome::Started, &[]),
            r("new", Some("B"), Outcome::Started, &[]),
            r("new", Some("A"), Outcome::Failed, &[]),
        ];
        let run = unfinished_run(&records, "p", "h").expect("run");
        assert_eq!(run.run_id, "new");
        assert_eq!(run.in_doubt, vec!["B"]);
        assert_eq!(run.not_started, vec!["C"]);
        assert_eq!(run.remaining().collect::<Vec<_>>(), vec!["B", "C"]);
        let mut finished = records.clone();
        for id in ["B", "C"] {
            finished.push(r("new", Some(id), Outcome::Activated, &[]));
        }
        assert_eq!(
            unfinished_run(&finished, "p", "h").expect("old").run_id,
            "old"
        );
    }
}
