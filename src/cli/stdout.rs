//! Standard output for every command's results. A reader that goes away
//! early (`intake list --json | head -1`) closes the pipe; Rust ignores
//! SIGPIPE, so each later write fails with `BrokenPipe` (and `println!`
//! panics). That is the reader's choice, not an error: from then on the
//! output is dropped and the command ends as it would have, exit 0.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use super::progress;
use crate::failure::Failure;

// `intake list | head` closes the pipe early; that is not an error.
pub(super) fn quiet_broken_pipe(r: io::Result<()>) -> Result<(), Failure> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// The change was made (and printed) but the audit log could not take it.
pub(super) fn not_in_audit(e: impl std::fmt::Display) -> Result<(), Failure> {
    Err(Failure::Reported(format!(
        "{e} The change printed on stdout was made but is not in the audit log."
    )))
}

/// Set once the reader has gone: nothing more is written, by any writer.
static CLOSED: AtomicBool = AtomicBool::new(false);

/// The CLI's standard output, as `io::stdout()` is used.
pub(crate) struct ResultsOut(io::Stdout);

/// `io::stdout()` for results: writes after the reader closed the pipe
/// succeed and go nowhere.
pub(crate) fn stdout() -> ResultsOut {
    ResultsOut(io::stdout())
}

impl ResultsOut {
    /// One writer held for a run of writes, as `io::Stdout::lock`.
    pub(crate) fn lock(&self) -> ResultsLock<'static> {
        ResultsLock {
            out: self.0.lock(),
            held: Vec::new(),
        }
    }
}

/// A locked [`ResultsOut`]. While a progress bar shares stdout's screen,
/// only whole lines are written, each batch with the bar off the screen: a
/// line begun under the bar would be wiped with it. The bytes are the same.
pub(crate) struct ResultsLock<'a> {
    out: io::StdoutLock<'a>,
    /// The end of a line not yet written, while a bar is shown.
    held: Vec<u8>,
}

impl Write for ResultsLock<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.held.is_empty() && !progress::shares_screen() {
            return quiet(buf.len(), || self.out.write(buf));
        }
        if let Some(lines) = whole_lines(&mut self.held, buf) {
            quiet((), || around_bar(&mut self.out, &lines))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.held);
        match rest.is_empty() {
            true => quiet((), || self.out.flush()),
            false => quiet((), || around_bar(&mut self.out, &rest)),
        }
    }
}

impl Drop for ResultsLock<'_> {
    fn drop(&mut self) {
        // A line without its end, written as it would have been unheld;
        // `flush` is where a caller that cares sees the error.
        if !self.held.is_empty() {
            let _ = self.flush();
        }
    }
}

/// `buf` added to `held`, and what `held` now holds up to its last line
/// end taken out, if it has one.
fn whole_lines(held: &mut Vec<u8>, buf: &[u8]) -> Option<Vec<u8>> {
    held.extend_from_slice(buf);
    let end = held.iter().rposition(|b| *b == b'\n')?;
    Some(held.drain(..=end).collect())
}

/// `bytes` written and flushed with any progress bar off the screen.
fn around_bar(out: &mut io::StdoutLock<'_>, bytes: &[u8]) -> io::Result<()> {
    progress::around_bar(|| {
        out.write_all(bytes)?;
        out.flush()
    })
}

impl Write for ResultsOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.lock().write_all(buf).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        quiet((), || self.0.flush())
    }
}

/// Run `write` unless the pipe is closed; a closed pipe reads as `done`.
fn quiet<T>(done: T, write: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(done);
    }
    match write() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(done)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_lines_are_let_through_and_the_rest_is_held() {
        let mut held = Vec::new();
        assert_eq!(whole_lines(&mut held, b"abc"), None);
        assert_eq!(
            whole_lines(&mut held, b" def\nghi\njk").as_deref(),
            Some(&b"abc def\nghi\n"[..])
        );
        assert_eq!(held, b"jk");
        assert_eq!(whole_lines(&mut held, b"\n").as_deref(), Some(&b"jk\n"[..]));
        assert!(held.is_empty());
    }

    #[test]
    fn a_broken_pipe_is_done_and_stops_later_writes() {
        let mut calls = 0;
        let r = quiet(3, || {
            calls += 1;
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        });
        assert_eq!(r.ok(), Some(3));
        assert!(quiet(5, || -> io::Result<usize> { panic!("written after close") }).is_ok());
        assert_eq!(calls, 1);
        CLOSED.store(false, Ordering::Relaxed);
    }
}
