//! Profiles, the config file, and the resolution of settings.
//!
//! Settings come from, first match wins: flags > environment (`LABCTL_URL`, `LABCTL_TOKEN`,
//! `LABCTL_TIMEOUT`, `LABCTL_RETRIES`) > the profile (its table in `config.toml`; its token in
//! the keyring or `credentials.toml`, see [`crate::credentials`]) > defaults. [`resolve`] is a
//! pure function of those inputs, so the order is tested without touching the process.
//!
//! The environment is read once, into [`Env`], at startup: no other module reads it.
//!
//! ```toml
//! # <config dir>/config.toml
//! [profiles.default]
//! url = "http://127.0.0.1:8787"
//!
//! [profiles.production]
//! url = "https://labs.example.com"
//! timeout = "20s"
//! retries = 3
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::cli::GlobalArgs;
use crate::credentials::Token;
use crate::duration;
use crate::exit::CliError;

/// The URL used when nothing else names one: the local `wrangler dev` Worker.
pub const DEFAULT_URL: &str = "http://127.0.0.1:8787";
/// The request timeout used when nothing else sets one.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// Retries of idempotent requests when nothing else sets them.
pub const DEFAULT_RETRIES: u32 = 2;
/// The profile used when neither `--profile` nor `LABCTL_PROFILE` names one.
pub const DEFAULT_PROFILE: &str = "default";
/// The keys `labctl config` knows.
pub const KEYS: [&str; 3] = ["url", "timeout", "retries"];

/// The environment variables `labctl` reads, captured once at startup. Empty values count
/// as unset.
#[derive(Debug, Clone, Default)]
pub struct Env {
    /// `LABCTL_URL`
    pub url: Option<String>,
    /// `LABCTL_TOKEN`
    pub token: Option<Token>,
    /// `LABCTL_PROFILE`
    pub profile: Option<String>,
    /// `LABCTL_TIMEOUT`, unparsed
    pub timeout: Option<String>,
    /// `LABCTL_RETRIES`, unparsed
    pub retries: Option<String>,
    /// `LABCTL_CONFIG_DIR`
    pub config_dir: Option<PathBuf>,
    /// `LABCTL_KEYRING` is `off` (or `0`, `false`, `no`, `file`): use the file store only.
    pub keyring_off: bool,
    /// `NO_COLOR` is set to something.
    pub no_color: bool,
    /// `TERM=dumb`
    pub dumb_term: bool,
    /// `LABCTL_INSECURE_HTTP=1`: send the token over plain `http://` to any host, not only to
    /// loopback addresses and `localhost`.
    pub insecure_http: bool,
}

impl Env {
    /// Reads the process environment. The only place `labctl` calls `std::env::var`.
    pub fn from_process() -> Self {
        fn var(name: &str) -> Option<String> {
            std::env::var(name).ok().filter(|v| !v.trim().is_empty())
        }
        Self {
            url: var("LABCTL_URL"),
            token: var("LABCTL_TOKEN").and_then(|t| Token::new(t).ok()),
            profile: var("LABCTL_PROFILE"),
            timeout: var("LABCTL_TIMEOUT"),
            retries: var("LABCTL_RETRIES"),
            config_dir: var("LABCTL_CONFIG_DIR").map(PathBuf::from),
            keyring_off: var("LABCTL_KEYRING").is_some_and(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "off" | "0" | "false" | "no" | "file"
                )
            }),
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            dumb_term: var("TERM").is_some_and(|t| t == "dumb"),
            insecure_http: var("LABCTL_INSECURE_HTTP").is_some_and(|v| v.trim() == "1"),
        }
    }

    /// The directory of `config.toml` and `credentials.toml`: `LABCTL_CONFIG_DIR`, else the
    /// platform's config dir (`~/.config/labctl` on Linux).
    pub fn config_dir(&self) -> Result<PathBuf, CliError> {
        if let Some(dir) = &self.config_dir {
            return Ok(dir.clone());
        }
        directories::ProjectDirs::from("", "", "labctl")
            .map(|dirs| dirs.config_dir().to_path_buf())
            .ok_or_else(|| {
                CliError::Other(anyhow::anyhow!(
                    "cannot find a home directory for the config: set LABCTL_CONFIG_DIR"
                ))
            })
    }
}

/// Where a setting's value came from (shown by `auth status` and `config get`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag(&'static str),
    /// An environment variable.
    Env(&'static str),
    /// The named profile in `config.toml`.
    Profile(String),
    /// The built-in default.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Flag(flag) => write!(f, "flag {flag}"),
            Self::Env(var) => write!(f, "env {var}"),
            Self::Profile(name) => write!(f, "profile {name}"),
            Self::Default => f.write_str("default"),
        }
    }
}

/// A resolved value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Its origin.
    pub source: Source,
}

/// The settings of one profile as stored in `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileConfig {
    /// Base URL of the Worker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Request timeout, e.g. `10s`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<String>,
    /// Retries of idempotent requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retries: Option<u32>,
}

impl ProfileConfig {
    /// The value of `key` as text, if set.
    pub fn get(&self, key: &str) -> Result<Option<String>, CliError> {
        Ok(match check_key(key)? {
            "url" => self.url.clone(),
            "timeout" => self.timeout.clone(),
            _ => self.retries.map(|r| r.to_string()),
        })
    }

    /// Sets `key` after validating `value`.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), CliError> {
        match check_key(key)? {
            "url" => self.url = Some(validate_url(value)?),
            "timeout" => {
                duration::parse_timeout(value).map_err(CliError::Usage)?;
                self.timeout = Some(value.trim().to_owned());
            }
            _ => {
                self.retries = Some(value.trim().parse().map_err(|_| {
                    CliError::usage(format!("retries must be a whole number, not `{value}`"))
                })?)
            }
        }
        Ok(())
    }

    /// Removes `key`; returns whether it was set.
    pub fn unset(&mut self, key: &str) -> Result<bool, CliError> {
        Ok(match check_key(key)? {
            "url" => self.url.take().is_some(),
            "timeout" => self.timeout.take().is_some(),
            _ => self.retries.take().is_some(),
        })
    }

    /// Whether no key is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

fn check_key(key: &str) -> Result<&'static str, CliError> {
    if let Some(known) = KEYS.iter().find(|k| **k == key) {
        return Ok(known);
    }
    if key == "token" {
        return Err(CliError::usage(
            "tokens are not stored in the config: use `labctl auth login`",
        ));
    }
    Err(CliError::usage(format!(
        "unknown key `{key}`: the keys are {}",
        KEYS.join(", ")
    )))
}

/// Checks that `url` is an http(s) URL and drops a trailing `/`.
pub fn validate_url(url: &str) -> Result<String, CliError> {
    let url = url.trim();
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') => {
            Ok(url.trim_end_matches('/').to_owned())
        }
        _ => Err(CliError::usage(format!(
            "`{url}` is not an http:// or https:// URL"
        ))),
    }
}

/// Refuses to send a token over plain `http://` unless the host is this machine (a loopback
/// address, 127.0.0.0/8 or `::1`, or `localhost`) or `insecure_ok` (`LABCTL_INSECURE_HTTP=1`)
/// says so: anyone on the path would read the token. `https://` is always fine.
pub fn check_token_transport(url: &str, insecure_ok: bool) -> Result<(), CliError> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| CliError::usage(format!("`{url}` is not a valid URL: {e}")))?;
    if parsed.scheme() != "http" || insecure_ok {
        return Ok(());
    }
    // The URL parser has already normalised the host (`127.1` is `127.0.0.1`, an IPv6
    // address is in brackets).
    let host = parsed.host_str().unwrap_or_default();
    let local = if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        v6.parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| ip.is_loopback())
    } else if let Ok(v4) = host.parse::<std::net::Ipv4Addr>() {
        v4.is_loopback()
    } else {
        host.eq_ignore_ascii_case("localhost") || host.eq_ignore_ascii_case("localhost.")
    };
    if local {
        return Ok(());
    }
    Err(CliError::usage(format!(
        "refusing to send the token over plain http:// to {}: use an https:// URL, or set \
         LABCTL_INSECURE_HTTP=1 to allow it (only loopback addresses and localhost are \
         trusted without it)",
        parsed.host_str().unwrap_or(url)
    )))
}

/// `config.toml`: one table per profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigFile {
    /// Profiles by name.
    #[serde(default)]
    pub profiles: BTreeMap<String, ProfileConfig>,
}

impl ConfigFile {
    /// The path of `config.toml` in `dir`.
    pub fn path(dir: &Path) -> PathBuf {
        dir.join("config.toml")
    }

    /// Loads `config.toml` from `dir`; a missing file is an empty config.
    pub fn load(dir: &Path) -> Result<Self, CliError> {
        let path = Self::path(dir);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(err) => {
                return Err(anyhow::Error::new(err)
                    .context(format!("cannot read {}", path.display()))
                    .into());
            }
        };
        toml::from_str(&text)
            .with_context(|| format!("{} is not a valid labctl config", path.display()))
            .map_err(CliError::from)
    }

    /// Writes `config.toml` into `dir` (atomically: a temporary file renamed over it).
    pub fn save(&self, dir: &Path) -> Result<(), CliError> {
        let text = toml::to_string_pretty(self)
            .context("cannot serialize the config")
            .map_err(CliError::from)?;
        let header = "# labctl settings, one table per profile. See `labctl config --help`.\n";
        crate::credentials::write_atomically(
            &Self::path(dir),
            format!("{header}{text}").as_bytes(),
            0o644,
        )
    }

    /// The settings of `profile` (empty when it has none).
    pub fn profile(&self, profile: &str) -> ProfileConfig {
        self.profiles.get(profile).cloned().unwrap_or_default()
    }
}

/// The profile to use: `--profile`, else `LABCTL_PROFILE`, else `default`.
pub fn profile_name(flags: &GlobalArgs, env: &Env) -> String {
    flags
        .profile
        .clone()
        .or_else(|| env.profile.clone())
        .unwrap_or_else(|| DEFAULT_PROFILE.to_owned())
}

/// The connection settings of a run, resolved from flags, environment, profile and
/// defaults (the token is resolved separately, lazily, because it may need the keyring).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The profile in use.
    pub profile: String,
    /// Base URL of the Worker, without a trailing `/`.
    pub url: Sourced<String>,
    /// Request timeout.
    pub timeout: Sourced<Duration>,
    /// Retries of idempotent requests.
    pub retries: Sourced<u32>,
}

/// Resolves the settings: flags > environment > profile config > defaults.
pub fn resolve(
    flags: &GlobalArgs,
    env: &Env,
    profile: &str,
    config: &ProfileConfig,
) -> Result<Settings, CliError> {
    let from_profile = || Source::Profile(profile.to_owned());

    let url = if let Some(url) = &flags.url {
        Sourced {
            value: validate_url(url)?,
            source: Source::Flag("--url"),
        }
    } else if let Some(url) = &env.url {
        Sourced {
            value: validate_url(url)?,
            source: Source::Env("LABCTL_URL"),
        }
    } else if let Some(url) = &config.url {
        Sourced {
            value: validate_url(url)?,
            source: from_profile(),
        }
    } else {
        Sourced {
            value: DEFAULT_URL.to_owned(),
            source: Source::Default,
        }
    };

    let timeout = if let Some(timeout) = flags.timeout {
        Sourced {
            value: timeout,
            source: Source::Flag("--timeout"),
        }
    } else if let Some(text) = &env.timeout {
        let value = duration::parse_timeout(text)
            .map_err(|e| CliError::usage(format!("LABCTL_TIMEOUT: {e}")))?;
        Sourced {
            value,
            source: Source::Env("LABCTL_TIMEOUT"),
        }
    } else if let Some(text) = &config.timeout {
        let value = duration::parse_timeout(text)
            .map_err(|e| CliError::usage(format!("timeout of profile `{profile}`: {e}")))?;
        Sourced {
            value,
            source: from_profile(),
        }
    } else {
        Sourced {
            value: DEFAULT_TIMEOUT,
            source: Source::Default,
        }
    };

    let retries = if let Some(retries) = flags.retries {
        Sourced {
            value: retries,
            source: Source::Flag("--retries"),
        }
    } else if let Some(text) = &env.retries {
        let value = text.trim().parse().map_err(|_| {
            CliError::usage(format!(
                "LABCTL_RETRIES must be a whole number, not `{text}`"
            ))
        })?;
        Sourced {
            value,
            source: Source::Env("LABCTL_RETRIES"),
        }
    } else if let Some(retries) = config.retries {
        Sourced {
            value: retries,
            source: from_profile(),
        }
    } else {
        Sourced {
            value: DEFAULT_RETRIES,
            source: Source::Default,
        }
    };

    Ok(Settings {
        profile: profile.to_owned(),
        url,
        timeout,
        retries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ColorChoice;

    fn flags() -> GlobalArgs {
        GlobalArgs {
            profile: None,
            url: None,
            json: false,
            jq: None,
            color: ColorChoice::Auto,
            no_input: false,
            verbose: 0,
            timeout: None,
            retries: None,
        }
    }

    fn profile_config() -> ProfileConfig {
        ProfileConfig {
            url: Some("http://profile.example/".into()),
            timeout: Some("30s".into()),
            retries: Some(5),
        }
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s = resolve(
            &flags(),
            &Env::default(),
            "default",
            &ProfileConfig::default(),
        )
        .unwrap();
        assert_eq!(
            s.url,
            Sourced {
                value: DEFAULT_URL.into(),
                source: Source::Default
            }
        );
        assert_eq!(s.timeout.value, DEFAULT_TIMEOUT);
        assert_eq!(s.retries.value, DEFAULT_RETRIES);
    }

    #[test]
    fn the_profile_beats_defaults() {
        let s = resolve(&flags(), &Env::default(), "staging", &profile_config()).unwrap();
        assert_eq!(s.url.value, "http://profile.example");
        assert_eq!(s.url.source, Source::Profile("staging".into()));
        assert_eq!(s.timeout.value, Duration::from_secs(30));
        assert_eq!(s.retries.value, 5);
    }

    #[test]
    fn the_environment_beats_the_profile() {
        let env = Env {
            url: Some("http://env.example".into()),
            timeout: Some("3s".into()),
            retries: Some("1".into()),
            ..Env::default()
        };
        let s = resolve(&flags(), &env, "staging", &profile_config()).unwrap();
        assert_eq!(s.url.value, "http://env.example");
        assert_eq!(s.url.source, Source::Env("LABCTL_URL"));
        assert_eq!(s.timeout.value, Duration::from_secs(3));
        assert_eq!(s.retries.value, 1);
    }

    #[test]
    fn flags_beat_everything() {
        let env = Env {
            url: Some("http://env.example".into()),
            timeout: Some("3s".into()),
            retries: Some("1".into()),
            ..Env::default()
        };
        let flags = GlobalArgs {
            url: Some("https://flag.example".into()),
            timeout: Some(Duration::from_millis(500)),
            retries: Some(0),
            ..flags()
        };
        let s = resolve(&flags, &env, "staging", &profile_config()).unwrap();
        assert_eq!(s.url.value, "https://flag.example");
        assert_eq!(s.url.source, Source::Flag("--url"));
        assert_eq!(s.timeout.value, Duration::from_millis(500));
        assert_eq!(s.retries.value, 0);
    }

    #[test]
    fn the_profile_name_comes_from_the_flag_then_the_environment() {
        let env = Env {
            profile: Some("staging".into()),
            ..Env::default()
        };
        assert_eq!(profile_name(&flags(), &Env::default()), "default");
        assert_eq!(profile_name(&flags(), &env), "staging");
        let flags = GlobalArgs {
            profile: Some("production".into()),
            ..flags()
        };
        assert_eq!(profile_name(&flags, &env), "production");
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let env = Env {
            timeout: Some("soon".into()),
            ..Env::default()
        };
        let err = resolve(&flags(), &env, "default", &ProfileConfig::default()).unwrap_err();
        assert!(err.to_string().contains("LABCTL_TIMEOUT"), "{err}");
        assert_eq!(err.exit_status(), crate::exit::ExitStatus::Usage);
        assert!(validate_url("ftp://x").is_err());
        assert!(validate_url("http://").is_err());
        assert_eq!(
            validate_url("https://x.example/").unwrap(),
            "https://x.example"
        );
    }

    #[test]
    fn a_token_goes_over_plain_http_only_to_this_machine() {
        for url in [
            "http://127.0.0.1:8787",
            "http://127.12.0.9",
            "http://[::1]:8787",
            "http://localhost:8787",
            "http://LocalHost",
            "http://localhost./x",
            "http://127.1:8787",
            "https://labs.example.com",
            "https://10.0.0.8:443",
        ] {
            assert!(check_token_transport(url, false).is_ok(), "{url}");
        }
        for url in [
            "http://labs.example.com",
            "http://10.0.0.8:8787",
            "http://128.0.0.1",
            "http://[::ffff:127.0.0.1]",
            "http://[::2]",
            "http://localhost.example.com",
            "http://127.0.0.1.nip.io",
            "http://user@labs.example.com",
        ] {
            let err = check_token_transport(url, false).unwrap_err();
            assert_eq!(err.exit_status(), crate::exit::ExitStatus::Usage, "{url}");
            let text = err.to_string();
            assert!(
                text.contains("https://") && text.contains("LABCTL_INSECURE_HTTP=1"),
                "{url}: {text}"
            );
            assert!(
                check_token_transport(url, true).is_ok(),
                "{url} with the opt-in"
            );
        }
        assert!(
            check_token_transport("http://labs.example.com:8080/x", false)
                .unwrap_err()
                .to_string()
                .contains("to labs.example.com:")
        );
    }

    #[test]
    fn config_keys_are_validated_and_tokens_refused() {
        let mut p = ProfileConfig::default();
        p.set("url", "https://labs.example/").unwrap();
        p.set("timeout", "20s").unwrap();
        p.set("retries", "3").unwrap();
        assert_eq!(
            p.get("url").unwrap().as_deref(),
            Some("https://labs.example")
        );
        assert!(p.set("timeout", "never").is_err());
        assert!(p.set("retries", "-1").is_err());
        let err = p.set("token", "secret").unwrap_err();
        assert!(err.to_string().contains("auth login"));
        assert!(p.get("colour").is_err());
        assert!(p.unset("retries").unwrap());
        assert!(!p.unset("retries").unwrap());
    }

    #[test]
    fn the_config_file_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(ConfigFile::load(dir.path()).unwrap(), ConfigFile::default());
        let mut config = ConfigFile::default();
        config.profiles.insert("staging".into(), profile_config());
        config.save(dir.path()).unwrap();
        assert_eq!(ConfigFile::load(dir.path()).unwrap(), config);
        let text = std::fs::read_to_string(ConfigFile::path(dir.path())).unwrap();
        assert!(text.contains("[profiles.staging]"), "{text}");
    }
}
