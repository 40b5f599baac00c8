//! The built binary as a CLI: output, exit codes, settings, names, imports and the audit log, against in-process simulators and fake servers.

#[path = "../common/mod.rs"]
mod common;

mod cli;
mod cli_config_show;
mod cli_edges;
mod cli_guards;
mod cli_log_secrets;
mod cli_messages;
mod cli_names;
mod cli_names_cache;
mod cli_precedence;
mod cli_runs;
mod cli_safety;
mod cli_types;
mod decode;
mod exit_codes;
mod import;
mod json_contract;
mod learnt;
mod man_page;
mod progress;
mod revisions;
mod same_audit;
