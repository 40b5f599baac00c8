//! The command line, as clap sees it.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, ValueEnum};

/// Where `--help` lists the options every command takes, apart from the
/// command's own.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "intake",
    version = crate::VERSION,
    about = "Triage and activate Centrapay Integration Requests",
    long_about = "intake opens a console for the pending Integration Requests of the configured profile. \
                  With a subcommand it runs headless for scripts. `intake --demo` uses a built-in simulator instead of Centrapay. \
                  `intake man` prints the manual page.",
    after_help = super::manual::exit_codes_help()
)]
pub struct Cli {
    /// Run against a built-in simulator with demo data (no credentials needed).
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub demo: bool,
    /// Configuration profile (overrides INTAKE_PROFILE and default_profile).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "NAME")]
    pub profile: Option<String>,
    /// Configuration file (overrides INTAKE_CONFIG and the OS config dir).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// API base URL (overrides CENTRAPAY_BASE_URL and the profile).
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "URL")]
    pub base_url: Option<String>,
    /// Account id (overrides CENTRAPAY_ACCOUNT_ID and the profile).
    #[arg(long = "account", global = true, help_heading = GLOBAL, value_name = "ID")]
    pub account_id: Option<String>,
    /// Make no changes: update, activate, create and import are refused before anything is sent.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub read_only: bool,
    /// Log detail written to the log file: error, warn, info, debug or trace.
    #[arg(long, global = true, help_heading = GLOBAL, value_name = "LEVEL", default_value = "info")]
    pub log_level: String,
    /// Look every merchant name up again, ignoring (and replacing) the names kept on disk.
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub refresh_names: bool,
    /// Print only results, warnings and errors: no progress on stderr and no notes.
    #[arg(long, short = 'q', global = true, help_heading = GLOBAL)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Option<Subcommand>,
}

impl Cli {
    /// The global options that choose and connect a session.
    pub fn session_options(&self) -> crate::session::SessionOptions {
        crate::session::SessionOptions {
            overrides: crate::config::Overrides {
                config_path: self.config.clone(),
                profile: self.profile.clone(),
                base_url: self.base_url.clone(),
                account_id: self.account_id.clone(),
                read_only: self.read_only,
            },
            demo: self.demo,
            refresh_names: self.refresh_names,
        }
    }
}

#[derive(Debug, clap::Subcommand)]
pub enum Subcommand {
    /// List integration requests (all pages).
    List(ListArgs),
    /// Show one integration request.
    Show {
        /// The integration request's id.
        #[arg(value_name = "ID")]
        id: String,
        /// Print the request as JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Set the terminalId of an integration request.
    Update {
        /// The integration request's id.
        #[arg(value_name = "ID")]
        id: String,
        /// The terminalId to set (digits only for ePay).
        #[arg(long = "terminal-id", value_name = "TERMINAL_ID")]
        terminal_id: String,
        /// Replace a different terminalId the request already has.
        #[arg(long)]
        force: bool,
        /// Print the updated request as JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Activate one or more integration requests (one line of outcome each).
    Activate(ActivateArgs),
    /// Create an integration request.
    Create {
        /// The merchant the request is for (the account comes from
        /// `--account`, CENTRAPAY_ACCOUNT_ID or the profile).
        #[arg(long, value_name = "MERCHANT_ID")]
        merchant: String,
        /// verifone, windcave or epay (or a later type); any other is sent
        /// too, with a warning, and the server decides.
        #[arg(long = "type", value_name = "TYPE")]
        kind: String,
        /// Print the created request as JSON for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print the audit log of changes made with intake (newest last).
    Log(LogArgs),
    /// Set terminalIds from a CSV file (preview first, then confirm).
    Import(ImportArgs),
    /// Print a shell completion script to stdout.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) to stdout: `intake man | man -l -`.
    Man,
    /// Run the Centrapay API simulator standalone.
    Sim(SimArgs),
    /// Inspect or create the configuration file.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this type: verifone, windcave, epay, smartpay, invenco, skyzer,
    /// vista; any other is searched for too, with a warning.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Only pending requests.
    #[arg(long)]
    pub pending: bool,
    /// How to print: a table, JSON (as `--json`) or CSV (as `--csv`).
    #[arg(long, value_enum, default_value = "table", conflicts_with_all = ["json", "csv"])]
    pub format: Format,
    /// Print JSON for scripts.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV with a header row.
    #[arg(long)]
    pub csv: bool,
}

#[derive(Debug, Args)]
pub struct ActivateArgs {
    /// Request ids; `-` reads more ids from stdin, one per line.
    #[arg(value_name = "ID", required_unless_present = "resume")]
    pub ids: Vec<String>,
    /// Requests in flight at once, 1 to 64 (default: `concurrency` in the config, 8).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=i64::from(crate::config::MAX_CONCURRENCY)))]
    pub concurrency: Option<u16>,
    /// Finish the last bulk activation that was interrupted, from the audit log.
    #[arg(long, conflicts_with = "ids")]
    pub resume: bool,
    /// Print JSON Lines for scripts: one object per id as it finishes, then a summary line (docs/json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Print JSON Lines for scripts: the audit log's lines exactly as the file holds them (docs/json.md).
    #[arg(long)]
    pub json: bool,
    /// Only entries newer than this: a duration (`30m`, `2h`, `7d`) or an RFC 3339 time.
    #[arg(long, value_name = "DURATION|TIME")]
    pub since: Option<String>,
    /// Only the last N entries.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// CSV with a header row: `id` (or `merchantId` and `type`) and `terminalId`.
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    /// Send without asking (required when stdin is not a terminal).
    #[arg(long)]
    pub yes: bool,
    /// Then activate every pending request that holds the file's terminalId (set now or earlier).
    #[arg(long)]
    pub activate: bool,
    /// Print JSON Lines for scripts: the plan, one object per row as it finishes, then a summary line (docs/json.md).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Columns for people, fitted to the terminal.
    Table,
    /// One JSON array.
    Json,
    /// CSV with a header row.
    Csv,
}

impl ListArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.csv {
            Format::Csv
        } else {
            self.format
        }
    }
}

#[derive(Debug, Args)]
pub struct SimArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
    pub listen: SocketAddr,
    /// The API key clients must send.
    #[arg(long, default_value = "demo-key", value_name = "KEY")]
    pub api_key: String,
    /// Generate N requests instead of the built-in demo set.
    #[arg(long, value_name = "N")]
    pub seed_count: Option<usize>,
    /// Seed of the deterministic generator.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Items per search page.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub page_size: usize,
    /// Which API revision to serve: `reference` (only the documented
    /// operations), `later` (GET/DELETE by id, PUT …/configs) or `both`.
    #[arg(long, default_value = "both", value_name = "REVISION")]
    pub revision: crate::sim::Revision,
    /// Serve the merchants of this JSON file (an array shaped like
    /// assets/merchants.json) in place of the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub merchants: Option<std::path::PathBuf>,
    /// Count the seeded requests' ages back from the time it starts (as
    /// `--demo` does) instead of from the fixed 2026-11-20, which serves the
    /// same data on every run.
    #[arg(long)]
    pub now: bool,
    /// Also serve records whose merchant names, terminalIds and CRNs hold
    /// terminal escapes, bidi overrides, invisible characters and
    /// spreadsheet formulas, to see how intake shows them.
    #[arg(long)]
    pub hostile: bool,
    /// Latency per call: `50` or a range `20..80` (milliseconds).
    #[arg(long, value_name = "MS")]
    pub latency_ms: Option<String>,
    /// Share of calls answered 500 (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0, value_name = "SHARE")]
    pub error_rate: f64,
    /// Share of calls whose connection is dropped.
    #[arg(long, default_value_t = 0.0, value_name = "SHARE")]
    pub drop_rate: f64,
    /// Share of calls answered 429 with Retry-After.
    #[arg(long, default_value_t = 0.0, value_name = "SHARE")]
    pub rate_limit_rate: f64,
    /// A real rate limit: at most N calls per second (a token bucket, burst
    /// N); calls over it are answered 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub rate_limit: u32,
    /// Seconds sent in Retry-After with each 429.
    #[arg(long, value_name = "SECS", default_value_t = 1)]
    pub retry_after: u64,
    /// Share of calls answered 200 with an undecodable JSON body (applied first).
    #[arg(long, default_value_t = 0.0, value_name = "SHARE")]
    pub garbage_rate: f64,
    /// Share of calls answered 200 with an empty body (applied first).
    #[arg(long, default_value_t = 0.0, value_name = "SHARE")]
    pub empty_body_rate: f64,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConfigAction {
    /// Print the configuration file's path.
    Path,
    /// Write a commented starter configuration (mode 0600).
    Init,
    /// Print the resolved profile, each value with where it came from.
    Show {
        /// Print JSON for scripts.
        #[arg(long)]
        json: bool,
    },
}
