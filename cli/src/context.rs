//! What a command runs with: the IO object, the parsed global flags, the environment
//! snapshot, the profile and its config, and a way to build an API client.
//!
//! Settings and the token are resolved on demand: `completions` and `config` never reach
//! for the keyring, and `health` never needs a token.

use std::path::PathBuf;

use crate::cli::GlobalArgs;
use crate::client::{Client, ClientConfig};
use crate::config::{self, ConfigFile, Env, Settings};
use crate::credentials::{Backend, Store, Token};
use crate::exit::CliError;
use crate::output::Io;

/// Where the token of this run comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// `LABCTL_TOKEN`.
    Env,
    /// The profile's stored token.
    Stored(Backend),
}

/// Everything a command needs besides its own arguments.
pub struct Context {
    /// Output and terminal state.
    pub io: Io,
    /// The global flags.
    pub flags: GlobalArgs,
    /// The environment snapshot.
    pub env: Env,
    /// The profile in use.
    pub profile: String,
}

impl Context {
    /// A context for one run.
    pub fn new(io: Io, flags: GlobalArgs, env: Env) -> Self {
        let profile = config::profile_name(&flags, &env);
        Self {
            io,
            flags,
            env,
            profile,
        }
    }

    /// The config directory.
    pub fn config_dir(&self) -> Result<PathBuf, CliError> {
        self.env.config_dir()
    }

    /// The config file (empty if missing).
    pub fn config_file(&self) -> Result<ConfigFile, CliError> {
        ConfigFile::load(&self.config_dir()?)
    }

    /// The token store.
    pub fn store(&self) -> Result<Store, CliError> {
        Ok(Store::new(self.config_dir()?, !self.env.keyring_off))
    }

    /// Resolves URL, timeout and retries for the profile.
    pub fn settings(&self) -> Result<Settings, CliError> {
        let config = self.config_file()?;
        config::resolve(
            &self.flags,
            &self.env,
            &self.profile,
            &config.profile(&self.profile),
        )
    }

    /// [`Context::settings`] as if `--timeout` had not been given, for a command where the
    /// flag sets another limit (`session delete --wait`: how long to wait), so that each of
    /// its requests keeps the ordinary one (`LABCTL_TIMEOUT`, the profile's, the default).
    pub fn settings_without_timeout_flag(&self) -> Result<Settings, CliError> {
        let config = self.config_file()?;
        let mut flags = self.flags.clone();
        flags.timeout = None;
        config::resolve(
            &flags,
            &self.env,
            &self.profile,
            &config.profile(&self.profile),
        )
    }

    /// The token: `LABCTL_TOKEN`, else the profile's stored token.
    pub fn token(&self) -> Result<Option<(Token, TokenSource)>, CliError> {
        if let Some(token) = &self.env.token {
            return Ok(Some((token.clone(), TokenSource::Env)));
        }
        Ok(self
            .store()?
            .load(&self.profile)?
            .map(|stored| (stored.token, TokenSource::Stored(stored.backend))))
    }

    /// A client with a token; fails with [`CliError::NoToken`] when there is none.
    pub fn client(&self) -> Result<Client, CliError> {
        self.client_for(&self.settings()?)
    }

    /// [`Context::client`] with settings already resolved.
    pub fn client_for(&self, settings: &Settings) -> Result<Client, CliError> {
        let token = self
            .token()?
            .ok_or_else(|| CliError::NoToken {
                profile: self.profile.clone(),
            })?
            .0;
        self.client_with(settings, Some(token))
    }

    /// A client with the token if there is one (for `api`).
    pub fn client_optional_token(&self) -> Result<Client, CliError> {
        let settings = self.settings()?;
        let token = self.token()?.map(|(token, _)| token);
        self.client_with(&settings, token)
    }

    /// A client with the given token (or none, for `health`). A token is only ever sent
    /// over `https://`, or over `http://` to this machine, unless `LABCTL_INSECURE_HTTP=1`
    /// ([`config::check_token_transport`]): checked here, before any request.
    pub fn client_with(
        &self,
        settings: &Settings,
        token: Option<Token>,
    ) -> Result<Client, CliError> {
        if token.is_some() {
            config::check_token_transport(&settings.url.value, self.env.insecure_http)?;
        }
        Client::new(ClientConfig {
            base_url: settings.url.value.clone(),
            token,
            timeout: settings.timeout.value,
            retries: settings.retries.value,
            spinner: self.io.show_progress(),
        })
    }
}
