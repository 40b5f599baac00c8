//! The footer, the help overlay and the help title, rendered from the table
//! with the operator's keys.

use super::KeyMap;
use super::intent::Scope;
use super::table::{HELP, HINTS, HelpRow, When};

/// What decides which footer rows a scope shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HintContext {
    pub read_only: bool,
    /// The bulk plan has requests missing the terminalId they need.
    pub missing_terminal_ids: bool,
    /// The form's kind (`FormSave`, `FormActivate`, `FormBulk`).
    pub form: When,
    /// The path prompt's kind (`PromptExport`, `PromptImport`).
    pub prompt: When,
    /// What `Scope::Confirm` asks (`ConfirmActivate`, `ConfirmCustom`): its
    /// yes is named for what it does.
    pub confirm: When,
    /// The import preview has rows it will set.
    pub import_sets: bool,
    /// The import preview has rows an import with activation activates.
    pub import_activates: bool,
}

impl HintContext {
    pub fn shows(&self, when: When) -> bool {
        match when {
            When::Always => true,
            When::Writable => !self.read_only,
            When::ReadOnly => self.read_only,
            When::Missing => self.missing_terminal_ids,
            When::FormSave | When::FormActivate | When::FormBulk => self.form == when,
            When::PromptExport | When::PromptImport => self.prompt == when,
            When::ConfirmActivate | When::ConfirmCustom => self.confirm == when,
            When::ImportSets => !self.read_only && self.import_sets,
            When::ImportActivates => !self.read_only && self.import_activates,
        }
    }
}

/// The footer of `scope`: (keys, what they do), in order.
pub fn footer(map: &KeyMap, scope: Scope, ctx: &HintContext) -> Vec<(String, &'static str)> {
    HINTS
        .iter()
        .filter(|h| h.scope == scope && ctx.shows(h.when))
        .map(|h| (map.label(scope, h.intents, h.label, true), h.words))
        .collect()
}

/// The config's own commands in the footer of `scope` (the list's, also
/// beside a bulk run): (key, name), shown after the built-in hints when
/// they fit.
pub fn custom_footer(map: &KeyMap, scope: Scope) -> Vec<(String, String)> {
    if !matches!(scope, Scope::List | Scope::BulkRunning) {
        return Vec::new();
    }
    map.custom()
        .map(|(k, name)| (k.to_string(), name.to_string()))
        .collect()
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Section(&'static str),
    Row { label: String, text: String },
}

fn fill(map: &KeyMap, row: &HelpRow) -> String {
    let mut out = String::new();
    let mut parts = row.text.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for (part, (scope, intents, default)) in parts.zip(row.refs) {
        out.push_str(&map.label(*scope, intents, default, true));
        out.push_str(part);
    }
    out
}

/// Every line of the `?` overlay.
pub fn help(map: &KeyMap) -> Vec<HelpLine> {
    let mut lines: Vec<HelpLine> = HELP
        .iter()
        .map(|row| {
            if row.label.is_empty() {
                return HelpLine::Section(row.text);
            }
            let label = if row.intents.iter().any(|i| map.is_changed(row.scope, *i)) {
                format!(
                    "{}{}",
                    row.prefix,
                    map.label(row.scope, row.intents, row.label, false)
                )
            } else {
                row.label.to_string()
            };
            HelpLine::Row {
                label,
                text: fill(map, row),
            }
        })
        .collect();
    let mut custom = map.custom().peekable();
    if custom.peek().is_some() {
        lines.push(HelpLine::Section("Your commands"));
        lines.extend(custom.map(|(k, name)| HelpLine::Row {
            label: k.to_string(),
            text: name.to_string(),
        }));
    }
    lines
}

/// The help overlay's title in `scope`: while a bulk run goes on
/// (`HelpRunning`) Esc cancels the run, so the title names its keys.
pub fn help_title_in(map: &KeyMap, scope: Scope, read_only: bool) -> String {
    use super::intent::Intent as I;
    if scope != Scope::HelpRunning {
        return help_title(map, read_only);
    }
    let scroll = map.label(scope, &[I::Down, I::Up], "j/k", true);
    let close = map.label(scope, &[I::Close], "?", true);
    let cancel = map.label(scope, &[I::CancelRun], "Esc", true);
    let read_only = if read_only {
        ": read-only, every change is refused"
    } else {
        ""
    };
    format!("Keys{read_only} ({scroll} scroll, {close} closes, {cancel} cancels the bulk run)")
}

/// The help overlay's title.
pub fn help_title(map: &KeyMap, read_only: bool) -> String {
    use super::intent::Intent as I;
    let scroll = map.label(Scope::Help, &[I::Down, I::Up], "j/k", true);
    let close = map.label(Scope::Help, &[I::Close], "Esc", true);
    if read_only {
        format!("Keys: read-only, every change is refused ({scroll} scroll, {close} closes)")
    } else {
        format!("Keys ({scroll} scroll, {close} closes)")
    }
}
