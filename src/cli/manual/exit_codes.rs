//! The exit statuses of `failure::EXIT_STATUSES` in each place they are
//! documented: the end of `intake --help`, README's table and the man
//! page's EXIT STATUS section. Written here only, so the three cannot
//! disagree with each other or with the codes the binary exits with.

use clap_mangen::roff::{Roff, bold, roman};

use crate::failure::EXIT_STATUSES;
use crate::text::wrap;

pub const README_BEGIN: &str = "<!-- exit codes: generated from src/failure.rs by cli::exit_codes_table(); `INTAKE_WRITE_DOCS=1 cargo test --test house cli_docs` rewrites it -->";
pub const README_END: &str = "<!-- /exit codes -->";

/// clap is built without `wrap_help`, so the help's own text is wrapped
/// here to fit a terminal of 80 columns.
const HELP_WIDTH: usize = 79;

/// The end of `intake --help`: each code, its name and what it means.
pub fn help() -> String {
    let mut out = String::from("Exit status:");
    for status in EXIT_STATUSES {
        let head = format!("  {}  {:<7} ", status.code, status.name);
        let indent = " ".repeat(head.len());
        for (i, line) in wrap(status.meaning, HELP_WIDTH - head.len())
            .iter()
            .enumerate()
        {
            let lead = if i == 0 { &head } else { &indent };
            out.push_str(&format!("\n{lead}{line}"));
        }
    }
    out
}

/// README's exit-code table (markdown), between its marker lines.
pub fn readme_table() -> String {
    let mut out = String::from("| code | name | meaning |\n|---|---|---|\n");
    for status in EXIT_STATUSES {
        out.push_str(&format!(
            "| `{}` | `{}` | {} |\n",
            status.code, status.name, status.meaning
        ));
    }
    out
}

/// The man page's EXIT STATUS section.
pub fn roff(page: &mut Roff) {
    page.control("SH", ["EXIT STATUS"]);
    for status in EXIT_STATUSES {
        page.control("TP", []);
        page.text([
            bold(status.code.to_string()),
            roman(format!(" ({})", status.name)),
        ]);
        page.text([roman(status.meaning)]);
    }
}
