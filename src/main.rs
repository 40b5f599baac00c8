#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use intake::cli::{self, Cli};
use intake::failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = intake::logging::init(&cli.log_level);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::from(intake::failure::FAILED);
        }
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Some(_) => on_a_worker(cli).await,
            None => intake::tui::run_console(&cli.session_options())
                .await
                .map(|note| {
                    // The terminal is restored by now, so this stays on screen.
                    if let Some(note) = note {
                        eprintln!("{}", intake::text::clean_lines(&note));
                    }
                }),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            // A failure may quote the server: shown as every other text is.
            let text = intake::text::clean_lines(&failure.to_string());
            if !text.is_empty() {
                eprintln!("error: {text}");
            }
            tracing::error!(code = failure.exit_code(), "{text}");
            ExitCode::from(failure.exit_code())
        }
    }
}

/// A command runs on the runtime's worker threads rather than on this one,
/// so on a busy machine a bulk run and its printing are not all driven by
/// the one thread that waits for them.
async fn on_a_worker(cli: Cli) -> Result<(), Failure> {
    let task = tokio::spawn(async move {
        match &cli.command {
            Some(command) => cli::run(&cli, command).await,
            None => Ok(()),
        }
    });
    task.await.unwrap_or_else(|e| {
        Err(Failure::Reported(format!(
            "The command stopped unexpectedly ({e}); see the log file."
        )))
    })
}
