//! `intake config show`: the resolved profile, each value with where it
//! came from, as a table or as JSON. The API key is only ever "set" or
//! "not set".

use std::io::Write;

use serde_json::{Value, json};

use super::args::Cli;
use super::stdout::quiet_broken_pipe;
use crate::config::{self, ConfigError, LoadedConfig, Origin, ShowRow, Shown};
use crate::failure::Failure;

/// Print the settings `--profile`, `--config`, the other flags and the
/// environment resolve to. A value intake would refuse is reported after
/// the table (exit 2); a missing key or file is not, since the table says so.
pub fn run(cli: &Cli, json: bool) -> Result<(), Failure> {
    let overrides = cli.session_options().overrides;
    let config = LoadedConfig::read(overrides.config_path.as_deref())?;
    let resolved = config.sources(&overrides)?;
    let rows = config::show_rows(&config, &resolved);
    let stdout = super::stdout::stdout();
    let mut out = stdout.lock();
    let written = match json {
        true => serde_json::to_writer_pretty(&mut out, &as_json(&rows))
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        false => table(&mut out, &rows),
    };
    quiet_broken_pipe(written)?;
    for w in &resolved.warnings {
        eprintln!("{w}");
    }
    let refused = match resolved.check() {
        Err(ConfigError::Missing { .. } | ConfigError::MissingKey { .. }) | Ok(_) => None,
        Err(e) => Some(e),
    };
    match refused.or_else(|| crate::prefs::from_config(&config).err()) {
        Some(e) => Err(e.into()),
        None => Ok(()),
    }
}

/// Three aligned columns: setting, value, origin. Values from the file are
/// shown as every text intake did not write is.
fn table(out: &mut impl Write, rows: &[ShowRow]) -> std::io::Result<()> {
    let cells: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r.setting.clone(), shown(&r.value), r.origin.short()))
        .collect();
    let setting_w = cells
        .iter()
        .map(|c| crate::text::width(&c.0))
        .max()
        .unwrap_or(0);
    let value_w = cells
        .iter()
        .map(|c| crate::text::width(&c.1))
        .max()
        .unwrap_or(0);
    writeln!(
        out,
        "{}  {}  origin",
        crate::text::pad("setting", setting_w),
        crate::text::pad("value", value_w)
    )?;
    for (setting, value, origin) in &cells {
        writeln!(
            out,
            "{}  {}  {}",
            crate::text::pad(setting, setting_w),
            crate::text::pad(value, value_w),
            crate::text::clean(origin)
        )?;
    }
    Ok(())
}

fn shown(value: &Shown) -> String {
    match value {
        Shown::Text(t) => crate::text::clean(t),
        Shown::Number(n) => n.to_string(),
        Shown::Flag(b) => b.to_string(),
    }
}

/// `[{"setting", "value", "origin": {"kind", …}}]`; a value keeps its type.
fn as_json(rows: &[ShowRow]) -> Value {
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let value = match &r.value {
                Shown::Text(t) => json!(t),
                Shown::Number(n) => json!(n),
                Shown::Flag(b) => json!(b),
            };
            json!({ "setting": r.setting, "value": value, "origin": origin_json(&r.origin) })
        })
        .collect();
    Value::Array(rows)
}

fn origin_json(origin: &Origin) -> Value {
    match origin {
        Origin::Flag(name) => json!({ "kind": "flag", "name": name }),
        Origin::Env(var) => json!({ "kind": "env", "name": var }),
        Origin::File { path, line } => {
            json!({ "kind": "file", "path": path.display().to_string(), "line": line })
        }
        Origin::Default => json!({ "kind": "default" }),
    }
}
