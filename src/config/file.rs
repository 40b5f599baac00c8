//! The config file on disk: where it is, reading it, writing the starter,
//! and warning when others can read a key in it.

use std::path::{Path, PathBuf};

use super::origin::KeyLines;
use super::{APP_NAME, ConfigError, ConfigFile};

/// The path of the config file: `--config`, then INTAKE_CONFIG, then the OS config dir.
pub fn config_path(explicit: Option<&Path>) -> Result<PathBuf, ConfigError> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("INTAKE_CONFIG").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    confy::get_configuration_file_path(APP_NAME, "config")
        .map_err(|e| ConfigError::NoConfigDir(e.to_string()))
}

/// The config file as read at start: where it is, what it says and its
/// text (kept for the line numbers errors name). Read once and handed to
/// whoever needs it (the session's profile, the console's keys, colours,
/// views and commands), so the file cannot change between two readings of
/// one start and a broken file is reported once.
#[derive(Debug, Clone, Default)]
pub struct LoadedConfig {
    pub path: PathBuf,
    /// `None` when there is no file at `path`.
    pub file: Option<ConfigFile>,
    /// The file's text; empty when there is none.
    pub text: String,
    /// The line of each key in `text`, for the origins errors and
    /// `intake config show` name.
    pub lines: KeyLines,
}

impl LoadedConfig {
    /// The file `--config`, INTAKE_CONFIG or the OS config dir names.
    pub fn read(explicit: Option<&Path>) -> Result<LoadedConfig, ConfigError> {
        LoadedConfig::at(&config_path(explicit)?)
    }

    /// The file at `path`, read and parsed: the one place intake reads its
    /// config file. No file is not an error (the environment may be enough).
    pub fn at(path: &Path) -> Result<LoadedConfig, ConfigError> {
        count_read();
        let mut loaded = LoadedConfig {
            path: path.to_path_buf(),
            ..LoadedConfig::default()
        };
        if !path.exists() {
            return Ok(loaded);
        }
        loaded.text = std::fs::read_to_string(path).map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
        let file = toml::from_str(&loaded.text).map_err(|e| ConfigError::Syntax {
            path: path.to_path_buf(),
            report: e.to_string().trim_end().to_string(),
        })?;
        loaded.file = Some(file);
        loaded.lines = KeyLines::of(&loaded.text);
        Ok(loaded)
    }
}

#[cfg(any(test, feature = "testkit"))]
thread_local! {
    static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many times this thread has read a config file, so a test can hold a
/// start to one reading.
#[cfg(any(test, feature = "testkit"))]
pub fn reads_on_this_thread() -> usize {
    READS.with(std::cell::Cell::get)
}

fn count_read() {
    #[cfg(any(test, feature = "testkit"))]
    READS.with(|r| r.set(r.get() + 1));
}

/// Whether any profile in the file holds a non-empty API key.
fn holds_api_key(file: &ConfigFile) -> bool {
    file.profiles
        .values()
        .any(|p| p.api_key.as_ref().is_some_and(|k| !k.is_empty()))
}

/// As ssh does for private keys: a file holding an API key that group or
/// others can read is named, with the fix.
#[cfg(unix)]
pub(super) fn permission_warning(path: &Path, file: &ConfigFile) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    if !holds_api_key(file) {
        return None;
    }
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        format!(
            "Warning: {} holds an API key and is readable by other users; run chmod 600 {}",
            path.display(),
            path.display()
        )
    })
}

#[cfg(not(unix))]
pub(super) fn permission_warning(_path: &Path, _file: &ConfigFile) -> Option<String> {
    None
}

pub const STARTER: &str = include_str!("../../config.example.toml");

/// Write the commented starter file, readable only by its owner.
pub fn write_starter(path: &Path) -> Result<(), ConfigError> {
    let err = |e: std::io::Error| ConfigError::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    if path.exists() {
        return Err(ConfigError::Write {
            path: path.to_path_buf(),
            detail: "the file already exists; edit it or remove it first".into(),
        });
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(err)?;
    }
    write_private(path, STARTER.as_bytes()).map_err(err)
}

/// Create a file with mode 0600 from the start, so the key is never briefly world-readable.
pub fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    f.write_all(contents)?;
    f.sync_all()
}
