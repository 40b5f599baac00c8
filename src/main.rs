#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;
use intake::cli::{self, Cli, Subcommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _log_guard = intake::logging::init(&cli.log_level);
    let runtime = match runtime_for(cli.command.as_ref()).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: could not start the async runtime: {e}");
            return ExitCode::from(intake::failure::FAILED);
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

/// A command's calls are one chain of short steps (an answer, its audit
/// line, the next call), so it runs on one thread: each step follows the
/// last there directly, while across a pool's threads every hop waits for a
/// core on a busy machine (400 activations at 200 ms: 6.1–6.5 s on the pool
/// against 5.3–5.6 s on one thread at load 4–6; a plain client 5.3 s).
/// Audit syncs go to the blocking pool either way. The console (input, draw
/// and worker side by side) and the simulator (serving many clients) keep
/// the pool.
fn runtime_for(command: Option<&Subcommand>) -> tokio::runtime::Builder {
    match command {
        None | Some(Subcommand::Sim(_)) => tokio::runtime::Builder::new_multi_thread(),
        Some(_) => tokio::runtime::Builder::new_current_thread(),
    }
}
