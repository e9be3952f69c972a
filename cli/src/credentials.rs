//! Token storage: the OS keyring, or a `0600` file where no keyring works.
//!
//! `auth login` stores a profile's token in the OS keyring (service `labctl`, account = the
//! profile name): the Secret Service over D-Bus on Linux, the Keychain on macOS, the
//! Credential Manager on Windows. Headless Linux and CI have no Secret Service; there the
//! token goes to `<config dir>/credentials.toml`, created with mode `0600`, and `labctl`
//! warns that it did so. `LABCTL_KEYRING=off` forces the file (tests use it so that they
//! never touch a real keyring).
//!
//! The keyring crate's Secret Service backend runs its own tokio runtime and deadlocks when
//! called from a runtime thread, so every keyring call runs on a plain thread of its own,
//! with a time limit in case D-Bus hangs.
//!
//! [`Token`] wraps the secret so that it cannot leak through `Debug`, logs or panics.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::exit::CliError;

/// The keyring service name under which tokens are stored.
pub const KEYRING_SERVICE: &str = "labctl";
/// How long a keyring call may take before the keyring counts as unavailable.
const KEYRING_TIMEOUT: Duration = Duration::from_secs(5);

/// A bearer token. Its `Debug` is redacted and it has no `Display`: the only way to the
/// secret is [`Token::expose`], called where the header is built and by `auth token`.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Checks and wraps a token: surrounding whitespace is dropped; it must be non-empty and
    /// fit in an HTTP header.
    pub fn new(token: impl Into<String>) -> Result<Self, CliError> {
        let token = token.into();
        let trimmed = token.trim();
        if trimmed.is_empty() {
            return Err(CliError::usage("the token is empty"));
        }
        if trimmed.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err(CliError::usage(
                "the token contains whitespace or control characters",
            ));
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Where a profile's token is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    /// The OS keyring.
    Keyring,
    /// `credentials.toml` at this path.
    File(PathBuf),
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Keyring => f.write_str("the OS keyring"),
            Self::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// The outcome of [`Store::save`].
#[derive(Debug)]
pub struct Saved {
    /// Where the token went.
    pub backend: Backend,
    /// Why the keyring was not used, when it was wanted but failed.
    pub keyring_error: Option<String>,
}

/// The outcome of [`Store::delete`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Removed {
    /// Where a token was found and removed.
    pub from: Vec<Backend>,
    /// Why the keyring could not be asked, when it was wanted: a token may still be there.
    pub keyring_error: Option<String>,
}

/// A profile's stored token and where it was found.
#[derive(Debug)]
pub struct Stored {
    /// The token.
    pub token: Token,
    /// Where it was found.
    pub backend: Backend,
}

/// The token store of one config directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
    keyring: bool,
}

impl Store {
    /// A store in `dir`; `keyring` says whether to try the OS keyring first.
    pub fn new(dir: impl Into<PathBuf>, keyring: bool) -> Self {
        Self {
            dir: dir.into(),
            keyring,
        }
    }

    /// The path of the fallback file.
    pub fn file_path(&self) -> PathBuf {
        self.dir.join("credentials.toml")
    }

    /// Whether the keyring is tried at all (`LABCTL_KEYRING` is not `off`).
    pub fn keyring_enabled(&self) -> bool {
        self.keyring
    }

    /// Finds the token of `profile`: the keyring first, then the file.
    pub fn load(&self, profile: &str) -> Result<Option<Stored>, CliError> {
        if self.keyring {
            let account = profile.to_owned();
            // Any keyring failure other than "no entry" means there is no usable keyring:
            // fall through to the file, where `save` put the token in that case.
            if let Ok(Some(secret)) = keyring_call(
                move |entry| match entry.get_password() {
                    Ok(secret) => Ok(Some(secret)),
                    Err(keyring::Error::NoEntry) => Ok(None),
                    Err(err) => Err(err),
                },
                &account,
            ) {
                return Ok(Some(Stored {
                    token: Token::new(secret)?,
                    backend: Backend::Keyring,
                }));
            }
        }
        let file = CredentialsFile::load(&self.file_path())?;
        match file.profiles.get(profile) {
            Some(entry) => Ok(Some(Stored {
                token: Token::new(entry.token.clone())?,
                backend: Backend::File(self.file_path()),
            })),
            None => Ok(None),
        }
    }

    /// Stores `token` for `profile`: in the keyring when it works, else in the `0600` file.
    pub fn save(&self, profile: &str, token: &Token) -> Result<Saved, CliError> {
        let mut keyring_error = None;
        if self.keyring {
            let secret = token.expose().to_owned();
            match keyring_call(move |entry| entry.set_password(&secret), profile) {
                Ok(()) => {
                    // A token left in the file from a keyring-less day would shadow nothing
                    // but would linger in plain text: remove it.
                    self.remove_from_file(profile)?;
                    return Ok(Saved {
                        backend: Backend::Keyring,
                        keyring_error: None,
                    });
                }
                Err(err) => keyring_error = Some(err),
            }
        }
        let path = self.file_path();
        let mut file = CredentialsFile::load(&path)?;
        file.profiles.insert(
            profile.to_owned(),
            FileEntry {
                token: token.expose().to_owned(),
            },
        );
        file.save(&path)?;
        Ok(Saved {
            backend: Backend::File(path),
            keyring_error,
        })
    }

    /// Removes the token of `profile` from the keyring and the file; returns where one was,
    /// and why the keyring failed if it did (the file is cleaned either way).
    pub fn delete(&self, profile: &str) -> Result<Removed, CliError> {
        let mut removed = Removed::default();
        if self.keyring {
            let deleted = keyring_call(
                |entry| match entry.delete_credential() {
                    Ok(()) => Ok(true),
                    Err(keyring::Error::NoEntry) => Ok(false),
                    Err(err) => Err(err),
                },
                profile,
            );
            match deleted {
                Ok(true) => removed.from.push(Backend::Keyring),
                Ok(false) => {}
                Err(err) => removed.keyring_error = Some(err),
            }
        }
        if self.remove_from_file(profile)? {
            removed.from.push(Backend::File(self.file_path()));
        }
        Ok(removed)
    }

    fn remove_from_file(&self, profile: &str) -> Result<bool, CliError> {
        let path = self.file_path();
        let mut file = CredentialsFile::load(&path)?;
        if file.profiles.remove(profile).is_none() {
            return Ok(false);
        }
        if file.profiles.is_empty() {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        } else {
            file.save(&path)?;
        }
        Ok(true)
    }
}

/// Runs `op` on the keyring entry of `account` on a thread of its own, with a time limit.
/// Errors come back as text: the keyring's error types are not `Clone` and we only show them.
fn keyring_call<T, F>(op: F, account: &str) -> Result<T, String>
where
    T: Send + 'static,
    F: FnOnce(&keyring::Entry) -> keyring::Result<T> + Send + 'static,
{
    let account = account.to_owned();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = keyring::Entry::new(KEYRING_SERVICE, &account).and_then(|entry| op(&entry));
        let _ = tx.send(result.map_err(|e| e.to_string()));
    });
    match rx.recv_timeout(KEYRING_TIMEOUT) {
        Ok(result) => result,
        Err(_) => Err("the OS keyring did not answer in time".to_owned()),
    }
}

/// `credentials.toml`: tokens by profile, for machines without a keyring.
#[derive(Debug, Default, Serialize, Deserialize)]
struct CredentialsFile {
    #[serde(default)]
    profiles: BTreeMap<String, FileEntry>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FileEntry {
    token: String,
}

impl CredentialsFile {
    fn load(path: &Path) -> Result<Self, CliError> {
        match std::fs::read_to_string(path) {
            Ok(text) => toml::from_str(&text)
                .with_context(|| format!("{} is not a valid credentials file", path.display()))
                .map_err(CliError::from),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(err) => Err(anyhow::Error::new(err)
                .context(format!("cannot read {}", path.display()))
                .into()),
        }
    }

    fn save(&self, path: &Path) -> Result<(), CliError> {
        let text = toml::to_string_pretty(self).context("cannot serialize the credentials")?;
        let header = "# labctl tokens, by profile. Written by `labctl auth login` because no OS \
                      keyring was available.\n# Keep this file private (mode 0600).\n";
        write_atomically(path, format!("{header}{text}").as_bytes(), 0o600)
    }
}

/// Writes `bytes` to `path` atomically: a new temporary file beside it, created with `mode`
/// (on Unix) so the content is never readable by others, then renamed over `path`. Creates
/// the parent directory (mode `0700`) when missing.
pub fn write_atomically(path: &Path, bytes: &[u8], mode: u32) -> Result<(), CliError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("labctl");
    let tmp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(mode);
        }
        #[cfg(not(unix))]
        let _ = mode;
        let mut file = options.open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|err| {
        let _ = std::fs::remove_file(&tmp);
        CliError::from(anyhow::Error::new(err).context(format!("cannot write {}", path.display())))
    })
}

fn create_private_dir(dir: &Path) -> Result<(), CliError> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create {}", dir.display()))
        .map_err(CliError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let token = Token::new("s3cr3t-value").unwrap();
        let shown = format!("{token:?} {:?}", Some(&token));
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert_eq!(format!("{token:?}"), "Token(<redacted>)");
        let stored = Stored {
            token,
            backend: Backend::Keyring,
        };
        assert!(!format!("{stored:?}").contains("s3cr3t"));
    }

    #[test]
    fn tokens_are_trimmed_and_checked() {
        assert_eq!(Token::new("  abc\n").unwrap().expose(), "abc");
        assert!(Token::new("   ").is_err());
        assert!(Token::new("a b").is_err());
        assert!(Token::new("a\u{7}b").is_err());
    }

    #[test]
    fn the_file_store_round_trips_per_profile() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("cfg"), false);
        assert!(store.load("default").unwrap().is_none());
        let saved = store.save("default", &Token::new("t1").unwrap()).unwrap();
        assert_eq!(saved.backend, Backend::File(store.file_path()));
        store.save("staging", &Token::new("t2").unwrap()).unwrap();
        assert_eq!(store.load("default").unwrap().unwrap().token.expose(), "t1");
        assert_eq!(store.load("staging").unwrap().unwrap().token.expose(), "t2");
        assert_eq!(
            store.delete("default").unwrap(),
            Removed {
                from: vec![Backend::File(store.file_path())],
                keyring_error: None
            }
        );
        assert!(store.load("default").unwrap().is_none());
        assert_eq!(store.delete("default").unwrap(), Removed::default());
        store.delete("staging").unwrap();
        assert!(
            !store.file_path().exists(),
            "an empty credentials file is removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_created_with_mode_0600_in_a_0700_dir() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("new-dir"), false);
        store.save("default", &Token::new("t1").unwrap()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&store.file_path()), 0o600);
        assert_eq!(mode(&dir.path().join("new-dir")), 0o700);
        // Rewriting keeps the mode.
        store.save("other", &Token::new("t2").unwrap()).unwrap();
        assert_eq!(mode(&store.file_path()), 0o600);
    }
}
