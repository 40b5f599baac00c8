#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use intake::cli::{self, Cli};

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
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match &cli.command {
            Some(command) => cli::run(&cli, command).await,
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
