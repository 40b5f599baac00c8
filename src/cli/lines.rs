//! The one place the lines of a run reach stdout, `intake activate`'s and
//! `intake import`'s, for people or as JSON Lines: each is written whole
//! and flushed as its id finishes, so a run killed or cut short leaves on
//! stdout every line it finished, and anything drawn beside them (a
//! progress bar on stderr) has one writer to keep clear of.

use std::io::Write;

use serde::Serialize;

use super::stdout::quiet_broken_pipe;
use crate::failure::Failure;

/// One line for people.
pub fn text(line: &str) -> Result<(), Failure> {
    let stdout = super::stdout::stdout();
    let mut out = stdout.lock();
    quiet_broken_pipe(writeln!(out, "{line}").and_then(|()| out.flush()))
}

/// One JSON object on a line of its own (JSON Lines): compact, so no
/// newline inside it, whatever the strings hold.
pub fn json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let line = serde_json::to_string(value)
        .map_err(|e| Failure::Reported(format!("Could not write a JSON line: {e}.")))?;
    text(&line)
}
