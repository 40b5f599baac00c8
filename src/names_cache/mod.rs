//! Merchant names kept on disk between runs, one file per API host, so a
//! second `intake list` (or console start) asks the server for none of them.
//!
//! Only names that were found are kept: a merchant the key cannot see (404,
//! 403) or a failed lookup (5xx, network) is asked again next time, so a key
//! granted access, or a server back up, shows the name at once. The file holds
//! merchant ids, names and the time each was fetched; never the API key.
//! Anything wrong with the file (missing, corrupt, an older format) starts the
//! cache empty with a warning in the log; the command never fails for it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{Merchant, Merchants};

mod lookup;
pub use lookup::NameLookup;

/// Overrides the OS cache dir (tests and benches point it at a temp dir).
pub const CACHE_DIR_ENV: &str = "INTAKE_CACHE_DIR";
/// Bumped when the file's shape changes; other versions are started afresh.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    merchant: Merchant,
    fetched: DateTime<Utc>,
}

#[derive(Deserialize)]
struct FileShape {
    format: u32,
    entries: HashMap<String, Entry>,
}

/// [`FileShape`] as written, borrowing the entries.
#[derive(Serialize)]
struct FileOut<'a> {
    format: u32,
    entries: &'a HashMap<String, Entry>,
}

/// The names of one host, read at start and written back after lookups.
#[derive(Debug, Clone)]
pub struct NameCache {
    /// `None` when caching is off (`merchant_cache_days = 0`) or there is no
    /// cache dir: nothing is read or written.
    path: Option<PathBuf>,
    max_age: Duration,
    /// `--refresh-names`: entries fetched before this are ignored.
    fresh_after: Option<DateTime<Utc>>,
    entries: HashMap<String, Entry>,
    changed: bool,
}

impl NameCache {
    /// A cache that keeps nothing.
    pub fn off() -> NameCache {
        NameCache {
            path: None,
            max_age: Duration::zero(),
            fresh_after: None,
            entries: HashMap::new(),
            changed: false,
        }
    }

    /// The cache for `base_url` in the cache dir (see [`cache_dir`]).
    pub fn open(base_url: &str, days: u32, refresh: bool) -> NameCache {
        match cache_dir() {
            Some(dir) => NameCache::open_in(&dir, base_url, days, refresh),
            None => {
                tracing::warn!("no cache directory; merchant names are not kept between runs");
                NameCache::off()
            }
        }
    }

    pub fn open_in(dir: &Path, base_url: &str, days: u32, refresh: bool) -> NameCache {
        if days == 0 {
            return NameCache::off();
        }
        let path = dir.join(file_name(base_url));
        let entries = read(&path);
        NameCache {
            path: Some(path),
            max_age: Duration::days(i64::from(days)),
            fresh_after: refresh.then(Utc::now),
            entries,
            changed: false,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The name of `id` if it was fetched within `merchant_cache_days`.
    pub fn get(&self, id: &str, now: DateTime<Utc>) -> Option<&Merchant> {
        self.path.as_ref()?;
        let e = self.entries.get(id)?;
        let fresh = now.signed_duration_since(e.fetched) < self.max_age
            && self.fresh_after.is_none_or(|t| e.fetched >= t);
        fresh.then_some(&e.merchant)
    }

    /// Every fresh name, as the lists take them.
    pub fn fresh(&self, now: DateTime<Utc>) -> Merchants {
        self.entries
            .keys()
            .filter_map(|id| Some((id.clone(), self.get(id, now)?.clone())))
            .collect()
    }

    /// Keep a name just found.
    pub fn put(&mut self, id: String, merchant: Merchant, fetched: DateTime<Utc>) {
        if self.path.is_some() {
            self.entries.insert(id, Entry { merchant, fetched });
            self.changed = true;
        }
    }

    /// Write the file if anything changed, dropping expired entries; a
    /// failure is logged, never the command's.
    pub fn save(&mut self, now: DateTime<Utc>) {
        let Some(path) = &self.path else { return };
        if !self.changed {
            return;
        }
        let max_age = self.max_age;
        self.entries
            .retain(|_, e| now.signed_duration_since(e.fetched) < max_age);
        match write(path, &self.entries) {
            Ok(()) => self.changed = false,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "could not save merchant names");
            }
        }
    }
}

/// `INTAKE_CACHE_DIR`, else the OS cache dir (`~/.cache/intake` on Linux).
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(CACHE_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("", "", crate::config::APP_NAME)
        .map(|p| p.cache_dir().to_path_buf())
}

/// `merchants-HOST_PORT.json` (see [`host_file_name`]).
pub fn file_name(base_url: &str) -> String {
    host_file_name("merchants", base_url)
}

/// `PREFIX-HOST_PORT.json`: the host and port only (never a path, query or
/// credentials), with anything but letters, digits, `.` and `-` as `_`.
pub fn host_file_name(prefix: &str, base_url: &str) -> String {
    let host_port = reqwest::Url::parse(base_url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_string();
            Some(match u.port_or_known_default() {
                Some(p) => format!("{host}_{p}"),
                None => host,
            })
        })
        .unwrap_or_else(|| "unknown".to_string());
    let safe: String = host_port
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}-{safe}.json")
}

fn read(path: &Path) -> HashMap<String, Entry> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return HashMap::new(),
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "could not read merchant names; starting empty");
            return HashMap::new();
        }
    };
    match serde_json::from_str::<FileShape>(&text) {
        Ok(f) if f.format == FORMAT => f.entries,
        Ok(f) => {
            tracing::warn!(path = %path.display(), format = f.format, "merchant names in another format; starting empty");
            HashMap::new()
        }
        Err(e) => {
            tracing::warn!(path = %path.display(), error = %e, "merchant names file is corrupt; starting empty");
            HashMap::new()
        }
    }
}

fn write(path: &Path, entries: &HashMap<String, Entry>) -> std::io::Result<()> {
    let body = serde_json::to_vec(&FileOut {
        format: FORMAT,
        entries,
    })
    .map_err(std::io::Error::other)?;
    write_private_file(path, &body)
}

/// Into a temp file beside it (0600 from creation), then renamed over it, so
/// a reader or a crash never sees half a file.
pub(crate) fn write_private_file(path: &Path, body: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("names");
    // Per process and per write, so writers in flight together never share one.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    // A leftover could have another mode; 0600 is set only when created.
    let _ = std::fs::remove_file(&tmp);
    if let Err(e) = crate::config::write_private(&tmp, body) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests;
