//! Reading the log back and finding the bulk runs that did not finish.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead};
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{AuditError, Change, Outcome, Record};

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
    let (lines, skipped) = read_all_as_written(path)?;
    Ok((lines.into_iter().map(|(r, _)| r).collect(), skipped))
}

/// [`read_all`], each record with its line exactly as the file holds it
/// (`intake log --json` prints that, so a later version's fields and
/// values, and every timestamp's own form, pass through untouched).
pub fn read_all_as_written(path: &Path) -> Result<(Vec<(Record, String)>, usize), AuditError> {
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
            Some(r) => records.push((r, text.trim().to_string())),
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
        if r.profile != profile || r.host != host || r.action != Change::Activate {
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
