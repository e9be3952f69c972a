//! The Worker's configuration, read from its vars and secrets once per invocation.
//!
//! This is the only module that reads the environment; see the contract's "Configuration
//! the Worker reads" and ARCHITECTURE.md for each name.

use labs_core::auth::TokenSet;
use labs_core::cleanup::CleanupSettings;
use labs_core::cors::CorsPolicy;
use labs_core::log::Level;
use worker::Env;

/// Where the VM backend is and how to authenticate to it.
#[derive(Clone)]
pub struct BackendConfig {
    /// `BACKEND_API_URL`, without a trailing slash.
    pub url: String,
    /// `BACKEND_API_TOKEN` (never logged).
    pub token: String,
}

impl std::fmt::Debug for BackendConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackendConfig")
            .field("url", &self.url)
            .field("token", &"<redacted>")
            .finish()
    }
}

/// Everything the Worker reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `CF_WORKER_TOKEN`: one or several comma-separated root tokens.
    pub tokens: TokenSet,
    /// `ALLOWED_ORIGINS`.
    pub cors: CorsPolicy,
    /// `LOG_LEVEL`.
    pub log_level: Level,
    /// `ENVIRONMENT`.
    pub environment: String,
    /// `BACKEND_API_URL` + `BACKEND_API_TOKEN`, when both are set.
    pub backend: Option<BackendConfig>,
    /// `CLEANUP_*`, or the error naming a bad one (sweeps refuse to run on a bad setting).
    pub cleanup: Result<CleanupSettings, String>,
    /// `LABS_DEV_CLOCK=enabled` outside production: tests may shift the clock.
    pub dev_clock: bool,
    /// Set when `LABS_DEV_CLOCK` was asked for in production, which refuses it.
    pub dev_clock_refused: bool,
}

impl Config {
    /// Reads the configuration from `env`.
    pub fn from_env(env: &Env) -> Config {
        let get = |name: &str| read(env, name);
        let environment = get("ENVIRONMENT").unwrap_or_else(|| "production".to_owned());
        let backend = match (get("BACKEND_API_URL"), get("BACKEND_API_TOKEN")) {
            (Some(url), Some(token)) if !url.trim().is_empty() => Some(BackendConfig {
                url: url.trim().trim_end_matches('/').to_owned(),
                token,
            }),
            _ => None,
        };
        let clock_asked = get("LABS_DEV_CLOCK").is_some_and(|v| v.trim() == "enabled");
        let production = environment.trim().eq_ignore_ascii_case("production");
        Config {
            tokens: TokenSet::parse(&get("CF_WORKER_TOKEN").unwrap_or_default()),
            cors: CorsPolicy::parse(get("ALLOWED_ORIGINS").as_deref()),
            log_level: Level::parse(get("LOG_LEVEL").as_deref()),
            environment,
            backend,
            cleanup: CleanupSettings::from_vars(get),
            dev_clock: clock_asked && !production,
            dev_clock_refused: clock_asked && production,
        }
    }
}

/// A var or secret by name; `None` when unset or empty.
fn read(env: &Env, name: &str) -> Option<String> {
    let value = env
        .secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .ok()?;
    (!value.is_empty()).then_some(value)
}
