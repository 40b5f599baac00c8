//! What a server serves, kept on disk per API host beside the merchant names
//! (`served-HOST_PORT.json` in the same cache dir, mode 0600, written whole
//! then renamed into place), so a new process does not pay a 404 to find out
//! whether `GET /{id}` is served and whether a terminalId is set with
//! `POST …/update` or `PUT …/configs`. Beside them, the CRN this API key
//! writes as (`ownCrn`).
//!
//! A remembered route the server answers with 404 is learnt again by the
//! client's fallback, and kept. "Reads by search" alone is never contradicted
//! that way (`GET /{id}` is no longer tried), so it is trusted for
//! [`SEARCH_TRUSTED_DAYS`] and then probed again: a server that starts
//! serving reads by id is found within a week.
//!
//! Anything wrong with the file (missing, unreadable, not JSON, another
//! format, a field that makes no sense) means that much is not known, never
//! an error. It holds no key: `ownCrn` carries a one-way tag of the key it
//! belongs to ([`Secret::tag`]), so another profile's key on the same host
//! does not take it for its own.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use serde_json::{Value, json};

use crate::api::Secret;
use crate::api::learnt::{Memory, ReadWay, Served, UpdateWay};
use crate::names_cache::{cache_dir, host_file_name, write_private_file};

/// Bumped when the file's shape changes; another format is not read.
const FORMAT: u64 = 1;

/// How long "`GET /{id}` is not served" is believed without asking again.
pub const SEARCH_TRUSTED_DAYS: i64 = 7;

/// `served-HOST_PORT.json`, named as the merchant names' file is.
pub fn file_name(base_url: &str) -> String {
    host_file_name("served", base_url)
}

/// The memory of one host, for one API key.
pub struct ServerMemory {
    path: PathBuf,
    key_tag: String,
    /// One write at a time from this process, each merged into the file as
    /// it is then, so facts other processes kept are not lost.
    writing: Mutex<()>,
}

/// The file's facts, each with when it was learnt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Stored {
    read: Option<(ReadWay, DateTime<Utc>)>,
    update: Option<(UpdateWay, DateTime<Utc>)>,
    /// The CRN and the tag of the key it belongs to.
    own_crn: Option<(String, String)>,
}

impl ServerMemory {
    /// The memory for `base_url` in the cache dir (`$INTAKE_CACHE_DIR` or
    /// the OS one); `None` when there is no cache dir.
    pub fn open(base_url: &str, key: &Secret) -> Option<ServerMemory> {
        match cache_dir() {
            Some(dir) => Some(ServerMemory::open_in(&dir, base_url, key)),
            None => {
                tracing::warn!("no cache directory; what the server serves is learnt per run");
                None
            }
        }
    }

    pub fn open_in(dir: &Path, base_url: &str, key: &Secret) -> ServerMemory {
        ServerMemory {
            path: dir.join(file_name(base_url)),
            key_tag: key.tag(),
            writing: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn recall_at(&self, now: DateTime<Utc>) -> Served {
        let stored = self.load();
        let read = match stored.read {
            Some((ReadWay::Search, at)) if now.signed_duration_since(at) >= search_trust() => {
                ReadWay::Unknown
            }
            Some((way, _)) => way,
            None => ReadWay::Unknown,
        };
        let served = Served {
            read,
            update: stored.update.map_or(UpdateWay::Unknown, |(way, _)| way),
            own_crn: stored
                .own_crn
                .filter(|(_, key)| *key == self.key_tag)
                .map(|(crn, _)| crn),
        };
        tracing::debug!(path = %self.path.display(), ?served.read, ?served.update, "recalled what the server serves");
        served
    }

    fn keep_at(&self, here: &Served, now: DateTime<Utc>) {
        let _one = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let before = self.load();
        let mut after = before.clone();
        if here.read != ReadWay::Unknown {
            // An expired "search" learnt again is dated again, or it would
            // stay expired and be probed by every process.
            let current = matches!(after.read, Some((way, at))
                if way == here.read
                    && (way != ReadWay::Search || now.signed_duration_since(at) < search_trust()));
            if !current {
                after.read = Some((here.read, now));
            }
        }
        if here.update != UpdateWay::Unknown && after.update.map(|(w, _)| w) != Some(here.update) {
            after.update = Some((here.update, now));
        }
        if let Some(crn) = &here.own_crn {
            after.own_crn = Some((crn.clone(), self.key_tag.clone()));
        }
        if after == before {
            return;
        }
        let body = match serde_json::to_vec_pretty(&to_json(&after)) {
            Ok(b) => b,
            Err(e) => {
                tracing::warn!(error = %e, "could not encode what the server serves");
                return;
            }
        };
        if let Err(e) = write_private_file(&self.path, &body) {
            tracing::warn!(path = %self.path.display(), error = %e, "could not keep what the server serves; it is learnt again next run");
        }
    }

    fn load(&self) -> Stored {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => parse(&text).unwrap_or_else(|| {
                tracing::warn!(path = %self.path.display(), "what the server serves could not be read from its file; learning it again");
                Stored::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Stored::default(),
            Err(e) => {
                tracing::warn!(path = %self.path.display(), error = %e, "could not read what the server serves; learning it again");
                Stored::default()
            }
        }
    }
}

impl Memory for ServerMemory {
    fn recall(&self) -> Served {
        self.recall_at(Utc::now())
    }

    fn keep(&self, learnt_here: &Served) {
        self.keep_at(learnt_here, Utc::now());
    }
}

fn search_trust() -> Duration {
    Duration::days(SEARCH_TRUSTED_DAYS)
}

/// The file's facts, each read on its own: one that makes no sense is
/// left out. `None` when the file is not this format's JSON object.
fn parse(text: &str) -> Option<Stored> {
    let v: Value = serde_json::from_str(text).ok()?;
    if v.get("format").and_then(Value::as_u64) != Some(FORMAT) {
        return None;
    }
    let own_crn = v.get("ownCrn").and_then(|o| {
        let crn = o.get("crn")?.as_str()?;
        let key = o.get("key")?.as_str()?;
        Some((crn.to_string(), key.to_string()))
    });
    Some(Stored {
        read: fact(&v, "read", |w| match w {
            "byId" => Some(ReadWay::ById),
            "search" => Some(ReadWay::Search),
            _ => None,
        }),
        update: fact(&v, "update", |w| match w {
            "postUpdate" => Some(UpdateWay::PostUpdate),
            "putConfigs" => Some(UpdateWay::PutConfigs),
            _ => None,
        }),
        own_crn,
    })
}

fn fact<W>(v: &Value, name: &str, way: impl Fn(&str) -> Option<W>) -> Option<(W, DateTime<Utc>)> {
    let f = v.get(name)?;
    let w = way(f.get("way")?.as_str()?)?;
    let at = f.get("learnt")?.as_str()?.parse().ok()?;
    Some((w, at))
}

fn to_json(s: &Stored) -> Value {
    let mut v = json!({ "format": FORMAT });
    let read = s.read.and_then(|(way, at)| {
        let name = match way {
            ReadWay::ById => "byId",
            ReadWay::Search => "search",
            ReadWay::Unknown => return None,
        };
        Some(json!({ "way": name, "learnt": at }))
    });
    let update = s.update.and_then(|(way, at)| {
        let name = match way {
            UpdateWay::PostUpdate => "postUpdate",
            UpdateWay::PutConfigs => "putConfigs",
            UpdateWay::Unknown => return None,
        };
        Some(json!({ "way": name, "learnt": at }))
    });
    let own = s
        .own_crn
        .as_ref()
        .map(|(crn, key)| json!({ "crn": crn, "key": key }));
    for (name, value) in [("read", read), ("update", update), ("ownCrn", own)] {
        if let Some(value) = value {
            v[name] = value;
        }
    }
    v
}

#[cfg(test)]
mod tests;
