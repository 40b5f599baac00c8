//! The console's preferences from the config file: key bindings and status
//! colours. They apply in demo mode too, so they are read apart from the
//! profile (which demo mode does not need).

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::Color;

use crate::api::Status;
use crate::config::{ConfigError, ConfigFile, KeySpec, LoadedConfig, Origin, ViewSpec};
use crate::custom::CustomCommand;
use crate::keys::{ConfigBinding, KeyMap};

/// Status colours; `None` keeps the built-in colour for that status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusColors {
    pub status: BTreeMap<String, Color>,
}

impl StatusColors {
    pub fn status_color(&self, status: &Status) -> Option<Color> {
        self.status.get(status.as_str()).copied()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConsolePrefs {
    pub keys: KeyMap,
    pub theme: StatusColors,
    /// `[[views]]`; the console's defaults when empty.
    pub views: Vec<ViewSpec>,
    /// `[[commands]]`, checked; bound in `keys` by index.
    pub commands: Vec<CustomCommand>,
}

/// The preferences the config file read at start gives; the defaults when
/// there is no file.
pub fn from_config(config: &LoadedConfig) -> Result<ConsolePrefs, ConfigError> {
    match &config.file {
        Some(file) => from_file(&config.path, file, &config.text),
        None => Ok(ConsolePrefs::default()),
    }
}

/// Build preferences from a parsed file; `text` is its source, for line numbers.
pub fn from_file(path: &Path, file: &ConfigFile, text: &str) -> Result<ConsolePrefs, ConfigError> {
    let line_of = |span: std::ops::Range<usize>| {
        text.get(..span.start)
            .map_or(0, |t| t.matches('\n').count() + 1)
    };
    let lines = crate::config::KeyLines::of(text);
    let at = |line: usize| Origin::File {
        path: path.to_path_buf(),
        line: (line > 0).then_some(line),
    };
    let bindings: Vec<ConfigBinding> = file
        .keys
        .iter()
        .map(|(action, spec)| ConfigBinding {
            action: action.clone(),
            keys: match spec.get_ref() {
                KeySpec::One(k) => vec![k.clone()],
                KeySpec::Many(ks) => ks.clone(),
            },
            line: line_of(spec.span()),
        })
        .collect();
    let mut keys = KeyMap::from_bindings(&bindings).map_err(|e| ConfigError::BadValue {
        key: "keys".into(),
        origin: at(e.line),
        detail: format!("{}.", e.message),
    })?;
    let commands = crate::custom::validate(&file.commands, &keys).map_err(|e| {
        let key = format!("commands[{}]", e.index);
        // The line of its key (what clashes most often), else the entry's.
        let line = lines
            .line(&format!("{key}.key"))
            .or_else(|| lines.line(&key))
            .unwrap_or(0);
        ConfigError::BadValue {
            key,
            origin: at(line),
            detail: e.message,
        }
    })?;
    keys.set_custom(commands.iter().map(|c| (c.key, c.name.clone())));
    let mut theme = StatusColors::default();
    for (name, value) in &file.theme {
        let line = line_of(value.span());
        let known = Status::KNOWN.iter().any(|s| s.as_str() == name);
        if !known {
            return Err(ConfigError::BadValue {
                key: format!("theme.{name}"),
                origin: at(line),
                detail: format!(
                    "`{name}` is not a status (statuses: {}).",
                    Status::KNOWN
                        .iter()
                        .map(Status::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
        }
        let color = Color::from_str(value.get_ref()).map_err(|_| ConfigError::BadValue {
            key: format!("theme.{name}"),
            origin: at(line),
            detail: format!(
                "`{}` is not a colour (use a name like \"yellow\" or \"light-green\", a hex value like \"#ffaa00\", or a palette index like \"208\").",
                value.get_ref()
            ),
        })?;
        theme.status.insert(name.clone(), color);
    }
    Ok(ConsolePrefs {
        keys,
        theme,
        views: file.views.clone(),
        commands,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn parse(text: &str) -> Result<ConsolePrefs, ConfigError> {
        let file: ConfigFile = toml::from_str(text).expect("valid toml");
        from_file(Path::new("/tmp/intake.toml"), &file, text)
    }

    #[test]
    fn keys_and_theme_are_read() {
        let prefs = parse("concurrency = 4\n\n[keys]\nactivate = \"x\"\ndown = [\"n\", \"down\"]\n\n[theme]\npending = \"magenta\"\nactive = \"#00ff00\"\n")
            .expect("valid prefs");
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(
            prefs.keys.resolve(crate::keys::Scope::List, &x),
            Some(crate::keys::Intent::Activate)
        );
        assert_eq!(
            prefs.theme.status_color(&Status::Pending),
            Some(Color::Magenta)
        );
        assert_eq!(
            prefs.theme.status_color(&Status::Active),
            Some(Color::Rgb(0, 255, 0))
        );
        assert_eq!(prefs.theme.status_color(&Status::Rejected), None);
    }

    #[test]
    fn a_clashing_key_names_its_line() {
        let err =
            parse("[keys]\nrefresh = \"r\"\nactivate = \"t\"\n").expect_err("t is terminal_id's");
        let text = err.to_string();
        assert!(text.contains("/tmp/intake.toml:3"), "{text}");
        assert!(text.contains("/tmp/intake.toml"), "{text}");
    }

    #[test]
    fn an_unknown_action_or_colour_names_its_line() {
        let err = parse("\n[keys]\nfly = \"f\"\n").expect_err("unknown action");
        assert!(
            err.to_string().contains("/tmp/intake.toml:3") && err.to_string().contains("`fly`"),
            "{err}"
        );
        let err = parse("[theme]\npending = \"blurple\"\n").expect_err("unknown colour");
        assert!(
            err.to_string().contains("/tmp/intake.toml:2") && err.to_string().contains("blurple"),
            "{err}"
        );
        let err = parse("[theme]\nsparkly = \"red\"\n").expect_err("unknown status");
        assert!(err.to_string().contains("`sparkly`"), "{err}");
    }

    #[test]
    fn a_refused_command_names_its_line() {
        let err = parse("[[commands]]\nkey = \"o\"\nname = \"A\"\nrun = \"a\"\n\n[[commands]]\nname = \"B\"\nkey = \"o\"\nrun = \"b\"\n")
            .expect_err("two commands on o");
        let text = err.to_string();
        assert!(
            text.starts_with("`commands[1]` in /tmp/intake.toml:8"),
            "{text}"
        );
    }

    #[test]
    fn views_are_read_in_order_and_an_unknown_setting_is_refused() {
        let prefs = parse(
            "[[views]]\nname = \"ePay\"\nfilter = \"type:epay\"\nsort = \"age\"\n\n[[views]]\nname = \"All\"\nfilter = \"\"\nall_statuses = true\n",
        )
        .expect("valid prefs");
        let names: Vec<&str> = prefs.views.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["ePay", "All"]);
        assert_eq!(prefs.views[0].sort.as_deref(), Some("age"));
        assert!(prefs.views[1].all_statuses);
        assert!(prefs.views[1].columns.is_empty());
        assert!(toml::from_str::<ConfigFile>("[[views]]\nname = \"x\"\nfliter = \"y\"\n").is_err());
    }

    #[test]
    fn a_view_reads_its_columns_in_order() {
        let prefs =
            parse("[[views]]\nname = \"Ids\"\ncolumns = [\"status\", \"TerminalId\", \"age\"]\n")
                .expect("valid prefs");
        assert_eq!(prefs.views[0].columns, ["status", "TerminalId", "age"]);
        assert!(
            toml::from_str::<ConfigFile>("[[views]]\nname = \"x\"\ncolumns = \"age\"\n").is_err()
        );
    }
}
