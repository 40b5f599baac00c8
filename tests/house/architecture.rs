//! The house's structural rules, read straight from `src/` (std only): file
//! sizes (R1), `tui` without `cli` (R2), views that only read (R3), the audit
//! sequence, page loops, key matching and `plural` each in one place (R4-R7),
//! unique public type names (R8), no module cycles (R9), no printing outside
//! the CLI (R10), views that take no rule from the core (R11).
//!
//! Every rule has an allowlist: the consts below, one entry a line, holding
//! the violations that existed when the rule was written. They shrink only.
//! A stale entry (the file, function, name or edge no longer breaks the rule)
//! fails its test, so whoever fixes a violation deletes its line in the same
//! change, and a new violation fails until someone edits this file.
//!
//! How to update an allowlist (always a one-line edit):
//! - "... remove it from the allowlist" / "remove it from X": delete that line.
//! - R1 "grew from A to B lines": shrink the file below A. Only when a merge
//!   has moved existing code (not added any), set the number to the size the
//!   message reports. A number may always be lowered.
//! - R8 "defined n times, more than allowlisted": rename the new type. Lower
//!   a count when a copy goes.
//! - R9 "module cycle a -> b -> a" lists each edge with the `file:line` that
//!   makes it: break the cycle. If a merge only renamed modules of a cycle
//!   that is already listed, point the old entry at the printed edge.
//! - A file moved or renamed together with its violation: change its path.
//!
//! Test code is exempt: files named `tests.rs` or `tests_*.rs`, anything in a
//! `tests/` folder or `src/testkit/`, `src/main.rs` (its own crate) and, in
//! any file, everything from the first `#[cfg(test)]` that is not a one-line
//! declaration such as `#[cfg(test)] mod tests;`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// R1: files allowed over [`MAX_LINES`], with their size today. Shrinks only.
const OVERSIZED: &[(&str, usize)] = &[];

/// R2: files in `src/tui/` allowed to use `crate::cli`. Shrinks only.
const TUI_USES_CLI: &[&str] = &[];

/// R3: view functions (`"file: fn"`) allowed to take state mutably. Shrinks only.
const VIEWS_THAT_WRITE: &[&str] = &[];

/// R4: files outside `ops::audited` and `audit` allowed to call `.record(`
/// (the audit sequence). Shrinks only.
const RECORDS_OUTSIDE_OPS: &[&str] = &[];

/// R5: files outside `ops::fetch` and `api` allowed to call `search_pages(`
/// (a loop over every page). Shrinks only.
const PAGE_LOOPS_OUTSIDE_OPS: &[&str] = &[];

/// R6: files outside `keys` allowed to match keys as characters
/// (`KeyCode::Char(`, `keys::plain(`, `keys::nav(`). Shrinks only.
const KEYS_MATCHED_OUTSIDE_KEYS: &[&str] = &["src/tui/event_loop.rs"];

/// R7: files other than `src/text.rs` allowed to define `fn plural`. Shrinks only.
/// The CLI's copy goes when the CLI moves onto `ops` (it is being rewritten).
const PLURALS_OUTSIDE_TEXT: &[&str] = &[];

/// R8: public type names defined more than once in `src`, with how many
/// definitions each has today. Shrinks only.
const SHARED_TYPE_NAMES: &[(&str, usize)] = &[];

/// R9: `use` edges (`"from -> to"`) allowed to close a cycle, between the
/// top-level modules of `src/` and between the files of any folder
/// (written `app::x`, `api::client`). Shrinks only. With these edges left out the graph
/// must have no cycle, and each entry must still be on a cycle.
const CYCLE_EDGES: &[&str] = &[];

/// R10: files of the console and the core allowed to print. Shrinks only.
const PRINTS_OUTSIDE_CLI: &[&str] = &[];

/// R11: files in `src/ui/` allowed to use `crate::ops`. Shrinks only.
const VIEWS_USE_OPS: &[&str] = &[];

const MAX_LINES: usize = 400;

// R1 ------------------------------------------------------------------------

#[test]
fn no_source_file_is_over_400_lines() {
    let files = sources();
    let mut problems = Vec::new();
    for (path, lines) in OVERSIZED {
        match files.get(*path) {
            None => problems.push(format!(
                "{path} is in OVERSIZED but no longer exists: remove it from the allowlist"
            )),
            Some(f) if f.lines <= MAX_LINES => problems.push(format!(
                "{path} has {} lines now, within {MAX_LINES}: remove it from the allowlist",
                f.lines
            )),
            Some(f) if f.lines > *lines => problems.push(format!(
                "{path} grew from {lines} to {} lines; it is allowlisted only to shrink: \
                 move code into a new module named for what it holds",
                f.lines
            )),
            Some(_) => {}
        }
    }
    for f in files.values() {
        if f.lines > MAX_LINES && !OVERSIZED.iter().any(|(p, _)| *p == f.path) {
            problems.push(format!(
                "{} has {} lines (tests excepted), over {MAX_LINES}: \
                 split it into small modules named for what they hold",
                f.path, f.lines
            ));
        }
    }
    report(problems);
}

// R2 ------------------------------------------------------------------------

#[test]
fn tui_imports_nothing_from_cli() {
    let files = sources();
    let users: BTreeSet<&str> = files
        .values()
        .filter(|f| f.path.starts_with("src/tui/"))
        .filter(|f| {
            f.paths
                .iter()
                .any(|p| p.segments.first().is_some_and(|s| s == "cli"))
        })
        .map(|f| f.path.as_str())
        .collect();
    report(only_allowlisted(
        "TUI_USES_CLI",
        TUI_USES_CLI,
        &users,
        |f| {
            format!("{f} uses crate::cli: take what the console needs from session/failure instead")
        },
    ));
}

// R11 -----------------------------------------------------------------------

/// A view draws what the model and the state say; a rule it shows (such as
/// readiness) lives in the model, never in the core behind the worker.
#[test]
fn views_take_no_rule_from_ops() {
    let files = sources();
    let users: BTreeSet<&str> = files
        .values()
        .filter(|f| f.path.starts_with("src/ui/"))
        .filter(|f| {
            f.paths
                .iter()
                .any(|p| p.segments.first().is_some_and(|s| s == "ops"))
        })
        .map(|f| f.path.as_str())
        .collect();
    report(only_allowlisted(
        "VIEWS_USE_OPS",
        VIEWS_USE_OPS,
        &users,
        |f| format!("{f} uses crate::ops: put the rule it needs in the model (src/domain/)"),
    ));
}

// R3 ------------------------------------------------------------------------

/// What a view must not take mutably: the state `update` owns.
const WRITABLE_STATE: &[&str] = &["App", "Mode", "Run", "ImportState", "usize", "u16"];

#[test]
fn views_only_read() {
    let files = sources();
    let mut found = BTreeSet::new();
    for f in files.values().filter(|f| f.path.starts_with("src/ui/")) {
        for (name, signature) in signatures(&f.code) {
            if mutably_borrowed(&signature)
                .iter()
                .any(|t| WRITABLE_STATE.contains(&t.as_str()))
            {
                found.insert(format!("{}: {name}", f.path));
            }
        }
    }
    let found: BTreeSet<&str> = found.iter().map(String::as_str).collect();
    report(only_allowlisted(
        "VIEWS_THAT_WRITE",
        VIEWS_THAT_WRITE,
        &found,
        |v| {
            format!(
                "{v} takes state mutably (one of &mut {}); views only read: \
             let update own cursor and scroll positions",
                WRITABLE_STATE.join(", &mut ")
            )
        },
    ));
}

// R4 to R7, R10 ---------------------------------------------------------------

#[test]
fn the_audit_sequence_lives_in_ops() {
    only_in(
        &[".record("],
        |p| p == "src/ops/audited.rs" || p == "src/audit.rs" || p.starts_with("src/audit/"),
        "RECORDS_OUTSIDE_OPS",
        RECORDS_OUTSIDE_OPS,
        "writes the audit log itself: go through ops::Audited",
    );
}

#[test]
fn every_page_is_fetched_in_ops() {
    only_in(
        &["search_pages("],
        |p| p == "src/ops/fetch.rs" || p.starts_with("src/api/"),
        "PAGE_LOOPS_OUTSIDE_OPS",
        PAGE_LOOPS_OUTSIDE_OPS,
        "loops over pages itself: use ops::fetch",
    );
}

#[test]
fn keys_are_matched_only_in_the_key_table() {
    only_in(
        &["KeyCode::Char(", "keys::plain(", "keys::nav("],
        |p| p.starts_with("src/keys/") || p == "src/app/paste.rs",
        "KEYS_MATCHED_OUTSIDE_KEYS",
        KEYS_MATCHED_OUTSIDE_KEYS,
        "matches keys as characters: resolve them to intents through the key table",
    );
}

#[test]
fn the_console_and_the_core_never_print() {
    only_in(
        &["print!(", "println!(", "dbg!("],
        |p| {
            !["src/ops/", "src/app/", "src/ui/", "src/keys/", "src/tui/"]
                .iter()
                .any(|d| p.starts_with(d))
                && p != "src/session.rs"
        },
        "PRINTS_OUTSIDE_CLI",
        PRINTS_OUTSIDE_CLI,
        "prints: the console owns the terminal and ops has no output; return the text instead",
    );
}

#[test]
fn plural_is_defined_once() {
    let defined_in_text = sources()
        .get("src/text.rs")
        .map_or(0, |f| f.code.matches("fn plural(").count());
    assert!(
        defined_in_text <= 1,
        "src/text.rs defines `fn plural` {defined_in_text} times: keep one"
    );
    only_in(
        &["fn plural("],
        |p| p == "src/text.rs",
        "PLURALS_OUTSIDE_TEXT",
        PLURALS_OUTSIDE_TEXT,
        "defines its own `fn plural`: use crate::text::{plural, count}",
    );
}

fn only_in(
    needles: &[&str],
    home: impl Fn(&str) -> bool,
    list_name: &str,
    allowlist: &[&str],
    what: &str,
) {
    let files = sources();
    let found: BTreeMap<&str, &str> = files
        .values()
        .filter(|f| !home(&f.path))
        .filter_map(|f| {
            let needle = needles.iter().find(|n| f.code.contains(*n))?;
            Some((f.path.as_str(), *needle))
        })
        .collect();
    let paths: BTreeSet<&str> = found.keys().copied().collect();
    report(only_allowlisted(list_name, allowlist, &paths, |f| {
        format!("{f} {what} (found `{}`)", found[f])
    }));
}

// R8 ------------------------------------------------------------------------

#[test]
fn public_type_names_are_unique() {
    let mut defined: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in sources().values() {
        for line in f.code.lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub ") else {
                continue;
            };
            let mut words = rest.split_whitespace();
            if !matches!(
                words.next(),
                Some("struct" | "enum" | "type" | "trait" | "union")
            ) {
                continue;
            }
            let name: String = words
                .next()
                .unwrap_or_default()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            defined.entry(name).or_default().push(f.path.clone());
        }
    }
    let mut problems = Vec::new();
    for (name, allowed) in SHARED_TYPE_NAMES {
        match defined.get(*name).map_or(0, Vec::len) {
            n if n <= 1 => problems.push(format!(
                "{name} is defined {n} time(s) now: remove it from SHARED_TYPE_NAMES"
            )),
            n if n > *allowed => problems.push(format!(
                "{name} is defined {n} times ({}), more than the {allowed} allowlisted: \
                 name the new type for what it holds",
                defined[*name].join(", ")
            )),
            _ => {}
        }
    }
    for (name, files) in &defined {
        if files.len() > 1 && !SHARED_TYPE_NAMES.iter().any(|(n, _)| n == name) {
            problems.push(format!(
                "pub type {name} is defined in {}: give each a name that says what it holds",
                files.join(", ")
            ));
        }
    }
    report(problems);
}

// R9 ------------------------------------------------------------------------

#[test]
fn no_module_cycles() {
    let edges = module_edges(&sources());
    let allowed: BTreeSet<(String, String)> = CYCLE_EDGES
        .iter()
        .map(|e| {
            let (from, to) = e
                .split_once(" -> ")
                .unwrap_or_else(|| panic!("CYCLE_EDGES entry {e:?} is not written \"from -> to\""));
            (from.trim().to_string(), to.trim().to_string())
        })
        .collect();
    let mut problems = Vec::new();
    for (from, to) in &allowed {
        if !edges.contains_key(&(from.clone(), to.clone())) {
            problems.push(format!(
                "{from} no longer uses {to}: remove \"{from} -> {to}\" from CYCLE_EDGES"
            ));
        } else if path_between(&edges, to, from).is_none() {
            problems.push(format!(
                "{from} -> {to} is no longer on a cycle: remove it from CYCLE_EDGES"
            ));
        }
    }
    let kept: BTreeMap<(String, String), String> = edges
        .iter()
        .filter(|(e, _)| !allowed.contains(*e))
        .map(|(e, w)| (e.clone(), w.clone()))
        .collect();
    let mut seen = BTreeSet::new();
    for (from, to) in kept.keys() {
        if let Some(back) = path_between(&kept, to, from) {
            let mut cycle = vec![from.clone()];
            cycle.extend(back);
            let key: BTreeSet<String> = cycle.iter().cloned().collect();
            if !seen.insert(key) {
                continue;
            }
            let steps = cycle
                .windows(2)
                .map(|w| {
                    format!(
                        "  {} -> {}  ({})",
                        w[0],
                        w[1],
                        kept[&(w[0].clone(), w[1].clone())]
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            problems.push(format!(
                "module cycle {}:\n{steps}\nbreak it by moving what both sides need into a module they both use",
                cycle.join(" -> ")
            ));
        }
    }
    report(problems);
}

/// Edges between sibling modules at every level of `src/`: the top-level
/// modules, and the files of each folder (written `api::client`), each with
/// the first `file:line` that makes it. A path naming an item a folder's
/// `mod.rs` re-exports from one of its files counts as a use of that file.
fn module_edges(files: &BTreeMap<String, Source>) -> BTreeMap<(String, String), String> {
    let modules: BTreeSet<Vec<String>> = files.values().map(|f| f.module.clone()).collect();
    let mut reexported: BTreeMap<Vec<String>, BTreeMap<String, String>> = BTreeMap::new();
    for f in files.values() {
        let children: BTreeSet<String> = modules
            .iter()
            .filter(|m| m.len() == f.module.len() + 1 && m.starts_with(&f.module))
            .filter_map(|m| m.last().cloned())
            .collect();
        if !children.is_empty() {
            reexported.insert(f.module.clone(), reexports(&f.code, &children));
        }
    }
    let mut edges = BTreeMap::new();
    for f in files.values() {
        for p in &f.paths {
            let Some(target) = resolve(&p.segments, &modules, &reexported) else {
                continue; // an item of the crate root, like `VERSION`
            };
            let shared = f
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            // A module's own ancestors and descendants are not its siblings.
            if shared >= f.module.len() || shared >= target.len() {
                continue;
            }
            let from = f.module[..=shared].join("::");
            let to = target[..=shared].join("::");
            edges
                .entry((from, to))
                .or_insert(format!("{}:{}", f.path, p.line));
        }
    }
    edges
}

/// The module a path names: its longest prefix that is a module, then into
/// the child a `pub use` there names the next segment from.
fn resolve(
    segments: &[String],
    modules: &BTreeSet<Vec<String>>,
    reexported: &BTreeMap<Vec<String>, BTreeMap<String, String>>,
) -> Option<Vec<String>> {
    let mut target: Vec<String> = (1..=segments.len())
        .rev()
        .map(|n| segments[..n].to_vec())
        .find(|prefix| modules.contains(prefix))?;
    while let Some(child) = segments
        .get(target.len())
        .and_then(|next| reexported.get(&target)?.get(next))
    {
        target.push(child.clone());
    }
    Some(target)
}

/// `pub use child::{A, B}` lines of a `mod.rs`: item name -> child module.
fn reexports(code: &str, children: &BTreeSet<String>) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for stmt in code.split(';') {
        let stmt = stmt.trim();
        let Some(rest) = stmt
            .strip_prefix("pub use ")
            .or_else(|| stmt.strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let rest = rest.trim();
        let Some((child, items)) = rest.split_once("::") else {
            continue;
        };
        if !children.contains(child) {
            continue;
        }
        let items = items.trim().trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let item = item.trim();
            let name = item.rsplit(" as ").next().unwrap_or(item);
            let name = name.rsplit("::").next().unwrap_or(name).trim();
            if !name.is_empty() && name != "self" && name != "*" {
                map.insert(name.to_string(), child.to_string());
            }
        }
    }
    map
}

/// A path from `from` to `to` (nodes after `from`), breadth first.
fn path_between(
    edges: &BTreeMap<(String, String), String>,
    from: &str,
    to: &str,
) -> Option<Vec<String>> {
    let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([from]);
    let mut visited = BTreeSet::from([from]);
    while let Some(node) = queue.pop_front() {
        if node == to {
            let mut path = vec![to.to_string()];
            let mut at = to;
            while let Some(prev) = came_from.get(at) {
                path.push(prev.to_string());
                at = prev;
            }
            path.reverse();
            return Some(path);
        }
        for ((a, b), _) in edges.range((node.to_string(), String::new())..) {
            if a != node {
                break;
            }
            if visited.insert(b) {
                came_from.insert(b, node);
                queue.push_back(b);
            }
        }
    }
    None
}

// Reading the tree ----------------------------------------------------------

struct Source {
    /// `src/...`, with forward slashes.
    path: String,
    /// Module path inside the crate: `src/app/state.rs` -> `["app", "state"]`.
    module: Vec<String>,
    /// Lines before the first `#[cfg(test)]`.
    lines: usize,
    /// Those lines without comments and with string and char literals blanked.
    code: String,
    /// Every `crate::…`/`super::…` path in `code`, resolved from the crate root.
    paths: Vec<CratePath>,
}

struct CratePath {
    segments: Vec<String>,
    line: usize,
}

/// The library's non-test sources, by path. `main.rs` is its own crate.
fn sources() -> BTreeMap<String, Source> {
    let mut out = BTreeMap::new();
    walk(Path::new("src"), &mut out);
    out
}

fn walk(dir: &Path, out: &mut BTreeMap<String, Source>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let shown = path.to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if name != "tests" && shown != "src/testkit" && shown != "src/bin" {
                walk(&path, out);
            }
        } else if name.ends_with(".rs")
            && name != "tests.rs"
            && !name.starts_with("tests_")
            && shown != "src/main.rs"
        {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {shown}: {e}"));
            out.insert(shown.clone(), Source::new(shown, &text));
        }
    }
}

impl Source {
    fn new(path: String, text: &str) -> Source {
        let mut kept = Vec::new();
        let mut lines = text.lines();
        while let Some(line) = lines.next() {
            if line.trim() != "#[cfg(test)]" {
                kept.push(line);
                continue;
            }
            // `#[cfg(test)] mod tests;` (or a `use`) declares test code kept
            // elsewhere; anything else starts the test code of this file.
            match lines.next() {
                Some(item) if item.trim_end().ends_with(';') && !item.contains('{') => {}
                _ => break,
            }
        }
        let code = strip(&kept.join("\n"));
        let mut module: Vec<String> = path
            .trim_start_matches("src/")
            .trim_end_matches(".rs")
            .split('/')
            .map(str::to_string)
            .collect();
        if module.last().is_some_and(|m| m == "mod" || m == "lib") {
            module.pop();
        }
        let paths = crate_paths(&code, &module);
        Source {
            path,
            module,
            lines: kept.len(),
            code,
            paths,
        }
    }
}

/// `code` without comments, and with the insides of string and char literals
/// replaced by spaces (line breaks kept, so line numbers still hold).
fn strip(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < c.len() {
        let next = c.get(i + 1).copied();
        i = if c[i] == '/' && next == Some('/') {
            line_comment(&c, i)
        } else if c[i] == '/' && next == Some('*') {
            block_comment(&c, i, &mut out)
        } else if c[i] == 'r'
            && (next == Some('"') || next == Some('#'))
            && !c
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
        {
            raw_string(&c, i, &mut out)
        } else if c[i] == '"' {
            string(&c, i, &mut out)
        } else if c[i] == '\'' {
            char_or_lifetime(&c, i, &mut out)
        } else {
            out.push(c[i]);
            i + 1
        };
    }
    out
}

/// A blanked character: line breaks stay, so line numbers still hold.
fn blank(ch: char) -> char {
    if ch == '\n' { '\n' } else { ' ' }
}

// Each of these reads the token that starts at `i` into `out` and returns
// where the next one starts.

fn line_comment(c: &[char], mut i: usize) -> usize {
    while i < c.len() && c[i] != '\n' {
        i += 1;
    }
    i
}

fn block_comment(c: &[char], mut i: usize, out: &mut String) -> usize {
    let mut depth = 0;
    while i < c.len() {
        if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            depth += 1;
            i += 2;
        } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            out.push(blank(c[i]));
            i += 1;
        }
    }
    i
}

/// `r"…"` or `r#"…"#`; an `r` followed by `#` and no quote is an identifier's.
fn raw_string(c: &[char], i: usize, out: &mut String) -> usize {
    let mut j = i + 1;
    let mut hashes = 0;
    while c.get(j) == Some(&'#') {
        hashes += 1;
        j += 1;
    }
    if c.get(j) != Some(&'"') {
        out.push(c[i]);
        return i + 1;
    }
    out.push('"');
    j += 1;
    while j < c.len() {
        if c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')) {
            j += 1 + hashes;
            break;
        }
        out.push(blank(c[j]));
        j += 1;
    }
    out.push('"');
    j
}

fn string(c: &[char], mut i: usize, out: &mut String) -> usize {
    out.push('"');
    i += 1;
    while i < c.len() && c[i] != '"' {
        if c[i] == '\\' {
            out.push(' ');
            i += 1;
        }
        if i < c.len() {
            out.push(blank(c[i]));
            i += 1;
        }
    }
    out.push('"');
    i + 1
}

/// A char literal ('x', '\n', '\u{..}'), or else a lifetime.
fn char_or_lifetime(c: &[char], i: usize, out: &mut String) -> usize {
    let next = c.get(i + 1).copied();
    let end = if next == Some('\\') {
        (i + 2..c.len()).find(|&j| c[j] == '\'')
    } else if c.get(i + 2) == Some(&'\'') {
        Some(i + 2)
    } else {
        None
    };
    match end {
        Some(end) => {
            out.push_str("' '");
            end + 1
        }
        None => {
            out.push('\'');
            i + 1
        }
    }
}

/// Every path starting with `crate::` or `super::` in `code`, resolved from
/// the crate root; a `use` group (`crate::{a, b::c}`) gives one path per item.
fn crate_paths(code: &str, module: &[String]) -> Vec<CratePath> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for start in 0..bytes.len() {
        if start > 0 && (ident(bytes[start - 1]) || bytes[start - 1] == b':') {
            continue;
        }
        let rest = &code[start..];
        let base: Vec<String> = if rest.starts_with("crate::") {
            Vec::new()
        } else if rest.starts_with("super::") {
            // `super` of a file module is its parent; of a `mod.rs`, the
            // module above the folder.
            let mut base = module.to_vec();
            base.pop();
            base
        } else {
            continue;
        };
        let line = code[..start].matches('\n').count() + 1;
        let mut tail = &rest[rest.find("::").map_or(0, |i| i + 2)..];
        let mut base = base;
        while let Some(after) = tail.strip_prefix("super::") {
            base.pop();
            tail = after;
        }
        for suffix in expand(tail) {
            let mut segments = base.clone();
            segments.extend(suffix);
            if !segments.is_empty() {
                out.push(CratePath { segments, line });
            }
        }
    }
    out
}

/// The paths a path tail names: `a::b::C` -> [[a, b, C]], `{a, b::{c, d}}` ->
/// [[a], [b, c], [b, d]]. Only the leading segments matter here.
fn expand(tail: &str) -> Vec<Vec<String>> {
    let tail = tail.trim_start();
    if let Some(group) = tail.strip_prefix('{') {
        let mut depth = 0;
        let mut items = Vec::new();
        let mut item_start = 0;
        for (i, ch) in group.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    items.push(&group[item_start..i]);
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(&group[item_start..i]);
                    item_start = i + 1;
                }
                _ => {}
            }
        }
        return items
            .into_iter()
            .filter(|i| !i.trim().is_empty())
            .flat_map(expand)
            .collect();
    }
    let name: String = tail
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() || name == "self" {
        return vec![Vec::new()];
    }
    let after = tail[name.len()..].trim_start();
    match after.strip_prefix("::") {
        Some(more) => expand(more)
            .into_iter()
            .map(|mut rest| {
                rest.insert(0, name.clone());
                rest
            })
            .collect(),
        None => vec![vec![name]],
    }
}

/// Each `fn` in `code` with its signature (from `fn` to the body or `;`).
fn signatures(code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("fn ") {
        let before_ok = rest[..at]
            .chars()
            .last()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let sig_start = &rest[at + 3..];
        rest = sig_start;
        if !before_ok {
            continue;
        }
        let name: String = sig_start
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let end = sig_start.find(['{', ';']).unwrap_or(sig_start.len());
        out.push((name, sig_start[..end].to_string()));
    }
    out
}

/// The type names a signature borrows mutably: `&mut App`, `&'a mut
/// crate::app::App` and `&mut app::App<'_>` all give `App`.
fn mutably_borrowed(signature: &str) -> Vec<String> {
    let flat = signature.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for (at, _) in flat.match_indices('&') {
        let mut rest = flat[at + 1..].trim_start();
        if let Some(after) = rest.strip_prefix('\'') {
            rest = after.trim_start_matches(|c: char| c.is_alphanumeric() || c == '_');
            rest = rest.trim_start();
        }
        let Some(ty) = rest.strip_prefix("mut ") else {
            continue;
        };
        let path: String = ty
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        if let Some(name) = path.rsplit("::").next().filter(|n| !n.is_empty()) {
            out.push(name.to_string());
        }
    }
    out
}

/// Problems for `found` against `allowlist`: violations not listed, and
/// listed entries that are no longer violations.
fn only_allowlisted(
    list_name: &str,
    allowlist: &[&str],
    found: &BTreeSet<&str>,
    describe: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut problems: Vec<String> = found
        .iter()
        .filter(|f| !allowlist.contains(f))
        .map(|f| describe(f))
        .collect();
    for entry in allowlist {
        if !found.contains(entry) {
            problems.push(format!(
                "{entry} is in {list_name} but no longer breaks the rule: remove it from the allowlist"
            ));
        }
    }
    problems
}

fn report(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "\n{}\n(see the top of tests/house/architecture.rs for how allowlists work)\n",
        problems.join("\n")
    );
}

/// The test seams exist only under `cfg(test)` or the `testkit` feature
/// (which the tests and benches turn on), so the library a release build
/// ships exposes none of them.
#[test]
fn test_seams_are_built_only_for_tests() {
    let gate = "#[cfg(any(test, feature = \"testkit\"))]";
    let seams = [
        ("src/lib.rs", "pub mod testkit;"),
        ("src/ops/mod.rs", "pub fn unaudited("),
        ("src/api/mod.rs", "pub mod retry_knobs;"),
    ];
    let mut problems = Vec::new();
    for (file, item) in seams {
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        match lines.iter().position(|l| l.starts_with(item)) {
            None => problems.push(format!("{file}: `{item}` is gone; update this test")),
            Some(at) if at == 0 || lines[at - 1] != gate => {
                problems.push(format!("{file}: `{item}` is not behind {gate}"));
            }
            Some(_) => {}
        }
    }
    let knobs = fs::read_to_string("src/api/retry.rs").expect("retry.rs");
    if knobs.contains("std::env::var") {
        problems.push("src/api/retry.rs reads the environment outside retry_knobs.rs".into());
    }
    report(problems);
}
