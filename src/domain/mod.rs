//! The model's rules, apart from how they are fetched or shown: what "ready
//! to activate" means (`readiness`) and what a typed, imported or served id
//! or terminalId must look like (`validate`). The console, the CLI and
//! `ops` all read them here, so app and ui never reach into `ops` for a rule.

pub mod readiness;
pub mod validate;
