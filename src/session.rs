//! A session: the resolved profile, its client, its audit log and, in demo
//! mode, the in-process simulator. Both the CLI and the console open one.

use std::sync::OnceLock;

use crate::api::retry::RetryPolicy;
use crate::api::{Client, ClientOptions, SearchQuery};
use crate::audit::{AuditError, AuditLog};
use crate::config::{self, LoadedConfig, Overrides, Settings};
use crate::failure::Failure;
use crate::ops::{ChangeGuard, Ops};
use crate::server_memory::ServerMemory;
use crate::sim;

/// What the command line asked for, before configuration is resolved.
#[derive(Debug, Clone, Default)]
pub struct SessionOptions {
    /// `--config`, `--profile`, `--base-url`, `--account`, `--read-only`.
    pub overrides: Overrides,
    /// `--demo`: the built-in simulator instead of a profile.
    pub demo: bool,
    /// `--refresh-names`: merchant names kept on disk are looked up again.
    pub refresh_names: bool,
}

/// A connected client with the settings it came from. In demo mode it also
/// owns the in-process simulator, stopped by [`Session::close`].
pub struct Session {
    pub client: Client,
    pub settings: Settings,
    pub demo: bool,
    /// `--refresh-names`.
    pub refresh_names: bool,
    sim: Option<sim::SimHandle>,
    audit: OnceLock<AuditLog>,
}

impl Session {
    /// Resolve configuration (or start the demo simulator, which needs no
    /// config file) and build the client.
    pub async fn open(opts: &SessionOptions) -> Result<Session, Failure> {
        if opts.demo {
            return Session::demo(opts).await;
        }
        let config = LoadedConfig::read(opts.overrides.config_path.as_deref())?;
        Session::open_with(opts, &config).await
    }

    /// As [`Session::open`], with the config file already read: the console
    /// reads it once for its preferences and this.
    pub async fn open_with(
        opts: &SessionOptions,
        config: &LoadedConfig,
    ) -> Result<Session, Failure> {
        if opts.demo {
            return Session::demo(opts).await;
        }
        let settings = config.settings(&opts.overrides)?;
        // Shown by the caller: the CLI on stderr, the console as toasts.
        for w in &settings.warnings {
            tracing::warn!("{w}");
        }
        let options = ClientOptions {
            ca_file: settings.ca_file.clone(),
            ..ClientOptions::default()
        };
        let mut client = Client::with_options(&settings.base_url, &settings.api_key, options)?
            .with_account_id(settings.account_id.clone());
        // Not for the demo: its simulator is on a new port every time.
        if let Some(memory) = ServerMemory::open(&settings.base_url, &settings.api_key) {
            client = client.with_memory(memory);
        }
        Ok(Session {
            client,
            settings,
            demo: false,
            refresh_names: opts.refresh_names,
            sim: None,
            audit: OnceLock::new(),
        })
    }

    async fn demo(opts: &SessionOptions) -> Result<Session, Failure> {
        // Counted back from now, so the ages (and the SLA marker) read as a
        // live queue's would.
        let config = sim::SimConfig {
            base: Some(chrono::Utc::now()),
            ..sim::SimConfig::default()
        };
        let handle = sim::start_local(config)
            .await
            .map_err(|e| Failure::Reported(format!("Could not start the demo simulator: {e}.")))?;
        let settings = Settings {
            profile: "demo".into(),
            base_url: handle.base_url(),
            api_key: crate::api::Secret::new(handle.api_key()),
            account_id: opts.overrides.account_id.clone(),
            concurrency: config::DEFAULT_CONCURRENCY,
            auto_refresh: None,
            production: false,
            read_only: crate::safety::ReadOnly {
                flag: opts.overrides.read_only,
                profile: false,
            },
            confirm_typed_over: crate::safety::DEFAULT_CONFIRM_TYPED_OVER,
            ca_file: None,
            sla_days: config::DEFAULT_SLA_DAYS,
            // Each demo runs on a new port with names in memory: nothing to keep.
            merchant_cache_days: 0,
            read_concurrency: config::DEFAULT_READ_CONCURRENCY,
            // The demo's own simulator: nothing of the operator's to name.
            blame: config::Blame::default(),
            warnings: Vec::new(),
        };
        let client = Client::new(&settings.base_url, &settings.api_key)?
            .with_account_id(settings.account_id.clone());
        Ok(Session {
            client,
            settings,
            demo: true,
            refresh_names: opts.refresh_names,
            sim: Some(handle),
            audit: OnceLock::new(),
        })
    }

    /// The merchant names kept on disk for this session's host.
    pub fn name_cache(&self) -> crate::names_cache::NameCache {
        crate::names_cache::NameCache::open(
            &self.settings.base_url,
            self.settings.merchant_cache_days,
            self.refresh_names,
        )
    }

    /// The search this profile's account makes by default.
    pub fn query(&self) -> SearchQuery {
        SearchQuery {
            account_id: self.settings.account_id.clone(),
            ..SearchQuery::default()
        }
    }

    /// The audit log for this profile and host, opened on first use. The
    /// demo gets a temporary log of its own, deleted when the session and
    /// every clone are gone, so its fake changes never reach the operator's log.
    pub fn audit(&self) -> Result<AuditLog, AuditError> {
        if let Some(log) = self.audit.get() {
            return Ok(log.clone());
        }
        let (profile, url) = (&self.settings.profile, &self.settings.base_url);
        let log = if self.demo {
            AuditLog::open_temporary(profile, url)?
        } else {
            AuditLog::open(profile, url)?
        };
        Ok(self.audit.get_or_init(|| log).clone())
    }

    /// The audited core on this session's client and log. Fails when the
    /// log cannot be opened: nothing is changed that cannot be recorded.
    pub fn ops(&self) -> Result<Ops, AuditError> {
        Ok(Ops::new(
            self.client.clone(),
            RetryPolicy::default(),
            self.audit()?,
            self.guard(),
        ))
    }

    /// Whether this session may change anything.
    pub fn guard(&self) -> ChangeGuard {
        ChangeGuard {
            read_only: self.settings.read_only,
            profile: self.settings.profile.clone(),
        }
    }

    /// Stop the demo simulator, if any.
    pub async fn close(self) {
        if let Some(sim) = self.sim {
            sim.shutdown().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(config_path: std::path::PathBuf, demo: bool) -> SessionOptions {
        SessionOptions {
            overrides: Overrides {
                config_path: Some(config_path),
                ..Overrides::default()
            },
            demo,
            ..SessionOptions::default()
        }
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_command_reads_the_config_file_once_and_the_demo_none() {
        let dir = std::env::temp_dir().join(format!("intake-session-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temp dir");
        let path = dir.join("config.toml");
        let text = "[profiles.p]\nbase_url = \"http://127.0.0.1:9\"\napi_key = \"k\"\n";
        std::fs::write(&path, text).expect("write the config");
        let before = config::reads_on_this_thread();
        let session = Session::open(&options(path.clone(), false))
            .await
            .expect("opens");
        assert_eq!(config::reads_on_this_thread() - before, 1);
        assert_eq!(session.settings.profile, "p");
        session.close().await;
        // The demo needs no profile, so a command under it reads nothing.
        let before = config::reads_on_this_thread();
        let demo = Session::open(&options(path, true)).await.expect("demo");
        assert_eq!(config::reads_on_this_thread() - before, 0);
        demo.close().await;
        let _ = std::fs::remove_dir_all(&dir);
    }
}
