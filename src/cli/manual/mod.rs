//! `intake man`: one roff page rendered from the clap definitions that
//! `--help` prints (clap_mangen: the name, synopsis, description and
//! options of intake and of every subcommand), with the configuration
//! file, the files and environment variables intake reads and the exit
//! statuses, so the page and `--help` cannot drift apart.

mod environment;
mod exit_codes;

use std::io;

use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

pub use environment::VARIABLES;
pub use exit_codes::{README_BEGIN, README_END, help as exit_codes_help, readme_table};

/// What every piece clap_mangen renders begins with (it defines the
/// apostrophe string); the page carries it once, after `.TH`, so that the
/// page's first line is its title.
const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";

/// The whole manual page of `root` (intake's clap definitions, handed in
/// so that this module and `args`, which takes the exit statuses from it,
/// do not depend on each other), as roff.
pub fn page(root: clap::Command) -> io::Result<String> {
    let man = Man::new(root.clone());
    let mut out = title();
    out.push_str(PREAMBLE);
    // Option names such as --config are never split across lines, and
    // long names and paths leave no wide gaps between words.
    out.push_str(".nh\n.ad l\n");
    out.push_str(&piece(|w| man.render_name_section(w))?);
    out.push_str(".SH SYNOPSIS\n");
    out.push_str(&synopsis(root.clone()));
    out.push_str(&piece(|w| man.render_description_section(w))?);
    out.push_str(&piece(|w| man.render_options_section(w))?);
    out.push_str(".SH COMMANDS\n");
    for sub in root.get_subcommands() {
        command(&mut out, sub, "intake")?;
    }
    let mut tail = Roff::default();
    exit_codes::roff(&mut tail);
    environment::roff(&mut tail);
    configuration(&mut tail);
    out.push_str(&strip_preamble(&tail.render()));
    out.push_str(&piece(|w| man.render_version_section(w))?);
    // troff's ASCII device, which `man` uses in a C locale, has no
    // ellipsis and warns about each; three dots read the same anywhere.
    Ok(out.replace('…', "..."))
}

/// One subcommand (and its own subcommands) as a subsection of COMMANDS:
/// what it does, its synopsis and its options. The global options are
/// not repeated: a subcommand taken from the unbuilt tree has none of them.
fn command(out: &mut String, sub: &clap::Command, parent: &str) -> io::Result<()> {
    let name = format!("{parent} {}", sub.get_name());
    let cmd = sub.clone().bin_name(&name).disable_help_subcommand(true);
    let man = Man::new(cmd.clone().disable_help_flag(true));
    let mut head = Roff::default();
    head.control("SS", [name.as_str()]);
    out.push_str(&strip_preamble(&head.render()));
    out.push_str(&untitled(&piece(|w| man.render_description_section(w))?));
    out.push_str(".PP\n");
    out.push_str(&synopsis(cmd));
    out.push_str(&untitled(&piece(|w| man.render_options_section(w))?));
    for child in sub.get_subcommands() {
        command(out, child, &name)?;
    }
    Ok(())
}

/// The CONFIGURATION section: the starter file `intake config init`
/// writes, which names and explains every key, as it is.
fn configuration(page: &mut Roff) {
    page.control("SH", ["CONFIGURATION"]);
    page.text([roman(
        "A TOML file (see FILES) of profiles and the console's settings. Precedence is \
         flag > environment > file. intake config init writes this commented starter, which \
         lists every key, with mode 0600:",
    )]);
    page.control("PP", []);
    page.control("nf", []);
    page.control("RS", ["4"]);
    for line in crate::config::STARTER.lines() {
        page.text([roman(line)]);
    }
    page.control("RE", []);
    page.control("fi", []);
}

/// `.TH` by hand: clap_mangen leaves out an empty date, which moves the
/// source into the date's place.
fn title() -> String {
    format!(
        ".TH INTAKE 1 \"\" \"intake {}\" \"User Commands\"\n",
        crate::VERSION
    )
}

/// The usage line `--help` prints (clap's, so both read the same), the
/// command's name in bold.
fn synopsis(mut cmd: clap::Command) -> String {
    let usage = cmd.render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let name = cmd.get_bin_name().unwrap_or(cmd.get_name()).to_string();
    let rest = usage.strip_prefix(name.as_str()).unwrap_or(usage);
    let mut line = Roff::default();
    line.text([bold(name), roman(rest)]);
    strip_preamble(&line.render())
}

/// What `render` writes, less the preamble.
fn piece(render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> io::Result<String> {
    let mut buf = Vec::new();
    render(&mut buf)?;
    let text = String::from_utf8(buf).map_err(io::Error::other)?;
    Ok(strip_preamble(&text))
}

fn strip_preamble(text: &str) -> String {
    text.strip_prefix(PREAMBLE).unwrap_or(text).to_string()
}

/// A section's body without its `.SH` heading, for a subcommand's
/// subsection.
fn untitled(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with(".SH"))
        .map(|l| format!("{l}\n"))
        .collect()
}
