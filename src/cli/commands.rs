//! What each subcommand does.

use std::io::Write;

use super::args::{Cli, ConfigAction, Format, ListArgs, SimArgs, Subcommand};
use super::json::{Changed, Shown};
use super::stdout::{not_in_audit, quiet_broken_pipe};
use super::{output, type_arg};
use crate::api::NewIntegrationRequest;
use crate::api::retry::{self, RetryPolicy};
use crate::audit::Outcome;
use crate::config;
use crate::domain::validate::check_id;
pub use crate::failure::Failure;
use crate::names_cache::NameLookup;
use crate::ops::MerchantLookups;
pub use crate::session::Session;
use crate::sim;

/// Run a headless subcommand.
pub async fn run(cli: &Cli, command: &Subcommand) -> Result<(), Failure> {
    super::progress::set_quiet(cli.quiet);
    match command {
        Subcommand::Sim(args) => return run_sim(args).await,
        Subcommand::Log(args) => return super::log::run(args, cli.profile.as_deref()),
        Subcommand::Config { action } => return run_config(cli, action),
        Subcommand::Completions { shell } => return completions(*shell),
        Subcommand::Man => return man(),
        _ => {}
    }
    let session = Session::open(&cli.session_options()).await?;
    for w in &session.settings.warnings {
        eprintln!("{w}");
    }
    let result = match read_only_refusal(&session, command) {
        Some(refused) => Err(refused),
        None => run_api(&session, command).await,
    };
    let result = result.map_err(|f| named_source(f, &session));
    session.close().await;
    result
}

/// An API error that blames the key or the base URL, followed by where
/// that value came from (flag, variable or file line). Its exit code stays.
fn named_source(failure: Failure, session: &Session) -> Failure {
    match failure {
        Failure::Api(e) => match session.settings.source_of(&e) {
            Some(source) => Failure::Reported(format!("{e} {source}")),
            None => Failure::Api(e),
        },
        other => other,
    }
}

async fn run_api(session: &Session, command: &Subcommand) -> Result<(), Failure> {
    let client = &session.client;
    let policy = RetryPolicy::default();
    let now = chrono::Utc::now();
    let stdout = super::stdout::stdout();
    match command {
        Subcommand::List(args) => list(session, args, &now).await,
        Subcommand::Show { id, json } => {
            check_id("request id", id).map_err(Failure::Usage)?;
            let r = retry::read(policy, || client.get(id)).await?;
            // Looked up before stdout is taken: no lock is held across a call.
            let merchant = NameLookup::new(session.name_cache())
                .one(client, policy, &r.merchant_id)
                .await;
            let mut out = stdout.lock();
            match json {
                true => output::json(&mut out, &Shown::new(&r, merchant.as_ref()))?,
                false => output::detail(&mut out, &r, merchant.as_ref(), &now)?,
            }
            Ok(())
        }
        Subcommand::Update {
            id,
            terminal_id,
            force,
            json,
        } => super::update::run(session, id, terminal_id, *force, *json).await,
        Subcommand::Activate(args) => super::activate::run(session, args).await,
        Subcommand::Import(args) => super::import::run(session, args).await,
        Subcommand::Create {
            merchant,
            kind,
            json,
        } => {
            check_id("merchant id", merchant).map_err(Failure::Usage)?;
            let kind = type_arg::warn_and_parse(kind, "sending it anyway")?;
            let account_id = session.settings.account_id.clone().ok_or_else(|| {
                Failure::Usage(
                    "Creating a request needs an account: pass --account ID, set CENTRAPAY_ACCOUNT_ID or account_id in the profile."
                        .into(),
                )
            })?;
            let new = NewIntegrationRequest {
                account_id,
                merchant_id: merchant.clone(),
                kind,
            };
            let done = session.ops()?.create(&new).await?;
            let confirmed = matches!(done.value, crate::ops::Created::Confirmed(_));
            let r = done.value.request();
            let mut out = stdout.lock();
            let how = match confirmed {
                true => ": confirmed by searching for it, since the server's answer was lost",
                false => "",
            };
            if *json {
                let outcome = match confirmed {
                    true => Outcome::ConfirmedCreated,
                    false => Outcome::Created,
                };
                let message = format!("{} created{how}.", r.id);
                output::json(&mut out, &Changed::new(r, outcome, message))?;
            } else {
                writeln!(
                    out,
                    "{} created ({}, merchant {}, {}){how}",
                    r.id, r.kind, r.merchant_id, r.status
                )?;
            }
            done.unrecorded.map_or(Ok(()), not_in_audit)
        }
        Subcommand::Sim(_)
        | Subcommand::Config { .. }
        | Subcommand::Completions { .. }
        | Subcommand::Man
        | Subcommand::Log(_) => Ok(()),
    }
}

/// A change command in read-only mode, refused before anything is sent.
fn read_only_refusal(session: &Session, command: &Subcommand) -> Option<Failure> {
    let what = match command {
        Subcommand::Update { .. } => "set terminalIds",
        Subcommand::Activate(_) => "activate requests",
        Subcommand::Create { .. } => "create requests",
        Subcommand::Import(_) => "import terminalIds",
        _ => return None,
    };
    session.guard().may_change(what).err().map(Failure::from)
}

async fn list(
    session: &Session,
    args: &ListArgs,
    now: &chrono::DateTime<chrono::Utc>,
) -> Result<(), Failure> {
    let mut query = session.query();
    query.pending = args.pending;
    if let Some(k) = &args.kind {
        query.kind = Some(type_arg::warn_and_parse(k, "searching for it anyway")?);
    }
    let (client, policy) = (&session.client, RetryPolicy::default());
    let paging = super::progress::Progress::paging("Listing");
    let seen = |so_far, pages| paging.page(so_far, pages);
    let items = crate::ops::fetch_all_pages_seen(client, policy, query, seen).await?;
    // Only once the listing is whole: one that fails looks no name up.
    let mut names = NameLookup::new(session.name_cache());
    let lookups = MerchantLookups::new(session.settings.read_concurrency);
    let ids = items.iter().map(|r| r.merchant_id.clone());
    let merchants = names
        .many(&lookups, client, policy, ids.filter(|id| !id.is_empty()))
        .await;
    names.save();
    drop(paging);
    let stdout = super::stdout::stdout();
    let mut out = stdout.lock();
    let written = match args.format() {
        Format::Table => output::table(&mut out, &items, &merchants, now),
        Format::Json => crate::export::json(&mut out, &items, &merchants),
        Format::Csv => crate::export::csv(&mut out, &items, &merchants),
    };
    quiet_broken_pipe(written)
}

async fn run_sim(args: &SimArgs) -> Result<(), Failure> {
    let mut faults = sim::Faults {
        error_rate: args.error_rate,
        drop_rate: args.drop_rate,
        rate_limit_rate: args.rate_limit_rate,
        retry_after_secs: args.retry_after,
        rate_limit: args.rate_limit,
        garbage_rate: args.garbage_rate,
        empty_body_rate: args.empty_body_rate,
        ..sim::Faults::default()
    };
    if let Some((field, v)) = faults.rate_out_of_range() {
        let flag = field.replace('_', "-");
        return Err(Failure::Usage(format!(
            "--{flag} must be between 0.0 and 1.0; got {v}."
        )));
    }
    if let Some(l) = &args.latency_ms {
        let (min, max) = sim::Faults::parse_latency(l).map_err(Failure::Usage)?;
        faults.latency_min_ms = min;
        faults.latency_max_ms = max;
    }
    if args.page_size == 0 {
        return Err(Failure::Usage("--page-size must be at least 1.".into()));
    }
    let merchants = match &args.merchants {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                Failure::Usage(format!(
                    "--merchants: {} could not be read: {e}.",
                    path.display()
                ))
            })?;
            let list: Vec<crate::api::Merchant> = serde_json::from_str(&text).map_err(|e| {
                Failure::Usage(format!(
                    "--merchants: {} is not a JSON array of merchants like assets/merchants.json: {e}.",
                    path.display()
                ))
            })?;
            if list.is_empty() {
                return Err(Failure::Usage(format!(
                    "--merchants: {} has no merchants; give at least one.",
                    path.display()
                )));
            }
            Some(list)
        }
        None => None,
    };
    let config = sim::SimConfig {
        merchants,
        api_key: args.api_key.clone(),
        seed_count: args.seed_count,
        seed: args.seed,
        page_size: args.page_size,
        faults,
        revision: args.revision,
        base: args.now.then(chrono::Utc::now),
        hostile: args.hostile,
    };
    sim::run_standalone(args.listen, config).await.map_err(|e| {
        Failure::Reported(format!(
            "The simulator could not listen on {}: {e}.",
            args.listen
        ))
    })
}

fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "intake", &mut script);
    quiet_broken_pipe(super::stdout::stdout().lock().write_all(&script))
}

fn man() -> Result<(), Failure> {
    use clap::CommandFactory;
    let page = super::manual::page(Cli::command())
        .map_err(|e| Failure::Reported(format!("Could not render the manual page: {e}.")))?;
    quiet_broken_pipe(super::stdout::stdout().lock().write_all(page.as_bytes()))
}

fn run_config(cli: &Cli, action: &ConfigAction) -> Result<(), Failure> {
    if let ConfigAction::Show { json } = action {
        return super::config_show::run(cli, *json);
    }
    let path = config::config_path(cli.config.as_deref())?;
    match action {
        ConfigAction::Path => Ok(writeln!(super::stdout::stdout(), "{}", path.display())?),
        ConfigAction::Init => {
            config::write_starter(&path)?;
            Ok(writeln!(
                super::stdout::stdout(),
                "Wrote {} (mode 0600). Fill in api_key and account_id for your profiles.",
                path.display()
            )?)
        }
        ConfigAction::Show { .. } => Ok(()),
    }
}
