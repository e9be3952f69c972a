//! The service's configuration, read from the platform's vars and secrets through one
//! getter, so the engine never touches an environment itself. See the contract's
//! "Configuration the Worker reads" and ARCHITECTURE.md for each name.
//!
//! The backend's URL and token are not here: they belong to the [`crate::backend::Backend`]
//! the adapter builds, so no engine code can copy them into an error or a log line.

use labs_core::auth::TokenSet;
use labs_core::cleanup::CleanupSettings;
use labs_core::cors::CorsPolicy;
use labs_core::log::Level;

/// Whether `PUT /api/v1/dev/clock` and the stored clock offset are in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DevClock {
    /// Not asked for.
    Off,
    /// `LABS_DEV_CLOCK=enabled` with `ENVIRONMENT` `development` or `test`.
    On,
    /// Asked for in any other environment: refused (the route is 404, the offset unread).
    Refused,
}

/// The environments in which the dev clock may be turned on.
pub const DEV_CLOCK_ENVIRONMENTS: &[&str] = &["development", "test"];

/// Everything the engine reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// `CF_WORKER_TOKEN`: one or several comma-separated root tokens.
    pub tokens: TokenSet,
    /// `ALLOWED_ORIGINS`.
    pub cors: CorsPolicy,
    /// `LOG_LEVEL`.
    pub log_level: Level,
    /// `ENVIRONMENT` (default `production`).
    pub environment: String,
    /// `CLEANUP_*`, each bad value replaced by its default.
    pub cleanup: CleanupSettings,
    /// What was wrong with the `CLEANUP_*` values (each names the var and the default used).
    pub config_problems: Vec<String>,
    /// `LABS_DEV_CLOCK`.
    pub dev_clock: DevClock,
}

impl Config {
    /// Reads the configuration through `get` (name → value; `None` when unset or empty).
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Config {
        let environment = get("ENVIRONMENT").unwrap_or_else(|| "production".to_owned());
        let asked = get("LABS_DEV_CLOCK").is_some_and(|v| v.trim() == "enabled");
        let dev_clock = match (
            asked,
            DEV_CLOCK_ENVIRONMENTS.contains(&environment.as_str()),
        ) {
            (false, _) => DevClock::Off,
            (true, true) => DevClock::On,
            (true, false) => DevClock::Refused,
        };
        let (cleanup, config_problems) = CleanupSettings::from_vars(&get);
        Config {
            tokens: TokenSet::parse(&get("CF_WORKER_TOKEN").unwrap_or_default()),
            cors: CorsPolicy::parse(get("ALLOWED_ORIGINS").as_deref()),
            log_level: Level::parse(get("LOG_LEVEL").as_deref()),
            environment,
            cleanup,
            config_problems,
            dev_clock,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Config {
        Config::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn dev_clock_only_in_development_and_test() {
        let on = [("LABS_DEV_CLOCK", "enabled")];
        assert_eq!(
            config(&on).dev_clock,
            DevClock::Refused,
            "default is production"
        );
        for env in ["development", "test"] {
            let c = config(&[on[0], ("ENVIRONMENT", env)]);
            assert_eq!(c.dev_clock, DevClock::On, "{env}");
        }
        for env in [
            "production",
            "Production",
            "prod",
            "staging",
            "development ",
        ] {
            let c = config(&[on[0], ("ENVIRONMENT", env)]);
            assert_eq!(c.dev_clock, DevClock::Refused, "{env}");
        }
        assert_eq!(config(&[("ENVIRONMENT", "test")]).dev_clock, DevClock::Off);
    }

    #[test]
    fn a_bad_cleanup_value_falls_back_to_its_default_and_is_named() {
        let c = config(&[("CLEANUP_TIMEOUT_MS", "ten"), ("CLEANUP_CONCURRENCY", "3")]);
        assert_eq!(c.cleanup.timeout_ms, CleanupSettings::default().timeout_ms);
        assert_eq!(c.cleanup.concurrency, 3);
        assert_eq!(c.config_problems.len(), 1);
        assert!(
            c.config_problems[0].contains("CLEANUP_TIMEOUT_MS"),
            "{:?}",
            c.config_problems
        );
        assert!(config(&[]).config_problems.is_empty());
    }
}
