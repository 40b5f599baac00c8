//! The question before an import sends anything: y/N on a terminal, the
//! count typed on production when a run activates more than
//! `confirm_typed_over` requests, and only `--yes` without a terminal.

use std::io::{self, IsTerminal, Write};

use super::super::args::ImportArgs;
use crate::config::Settings;
use crate::failure::Failure;
use crate::text::plural;

/// What the import will send, for the question.
#[derive(Debug, Clone, Copy)]
pub(super) struct Asked {
    pub set: usize,
    pub activate: usize,
}

impl Asked {
    /// "set 2 terminalIds and activate 3 requests"
    pub(super) fn what(self) -> String {
        let set = format!("set {} terminalId{}", self.set, plural(self.set));
        let activate = format!(
            "activate {} request{}",
            self.activate,
            plural(self.activate)
        );
        match (self.set, self.activate) {
            (_, 0) => set,
            (0, _) => activate,
            _ => format!("{set} and {activate}"),
        }
    }
}

/// Whether the operator said yes; without a terminal only `--yes` does.
pub(super) async fn confirm(
    args: &ImportArgs,
    settings: &Settings,
    asked: Asked,
) -> Result<bool, Failure> {
    if args.yes {
        return Ok(true);
    }
    if !io::stdin().is_terminal() {
        return Ok(false);
    }
    let typed = settings.production && asked.activate > settings.confirm_typed_over;
    let question = match typed {
        true => format!(
            "Profile `{}` is production. Type {} to {}: ",
            settings.profile,
            asked.activate,
            asked.what()
        ),
        false => format!("{}? [y/N] ", crate::text::capitalised(&asked.what())),
    };
    let answer = tokio::task::spawn_blocking(move || -> io::Result<String> {
        let mut err = io::stderr().lock();
        write!(err, "{question}")?;
        err.flush()?;
        let mut line = String::new();
        io::stdin().read_line(&mut line)?;
        Ok(line)
    })
    .await
    .map_err(|e| Failure::Reported(format!("Could not read the answer: {e}.")))?
    .map_err(|e| Failure::Reported(format!("Could not read the answer: {e}.")))?;
    let answer = answer.trim().to_ascii_lowercase();
    Ok(match typed {
        true => answer == asked.activate.to_string(),
        false => matches!(answer.as_str(), "y" | "yes"),
    })
}
