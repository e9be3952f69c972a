//! `labctl config list|get|set|unset|path`: the settings of profiles in `config.toml`.
//! Tokens are never shown here (they are not settings).

use serde_json::{Map, Value, json};

use crate::cli::ConfigCommand;
use crate::commands::session::display::io_error;
use crate::config::{ConfigFile, KEYS};
use crate::context::Context;
use crate::exit::CliError;
use crate::table::Column;

/// Runs a `config` subcommand.
pub fn run(command: ConfigCommand, ctx: &mut Context) -> Result<(), CliError> {
    let dir = ctx.config_dir()?;
    match command {
        ConfigCommand::Path => {
            let path = ConfigFile::path(&dir);
            if ctx.io.json {
                ctx.io.print_json(&json!({ "path": path }))
            } else {
                ctx.io
                    .print(&format!("{}\n", path.display()))
                    .map_err(io_error)
            }
        }
        ConfigCommand::List => {
            let config = ConfigFile::load(&dir)?;
            if ctx.io.json {
                let value = serde_json::to_value(&config.profiles)
                    .map_err(|e| CliError::from(anyhow::Error::new(e)))?;
                return ctx.io.print_json(&value);
            }
            let mut rows = Vec::new();
            for (name, profile) in &config.profiles {
                for key in KEYS {
                    if let Some(value) = profile.get(key)? {
                        rows.push(vec![name.clone(), key.to_owned(), value]);
                    }
                }
            }
            if rows.is_empty() && ctx.io.stdout_tty {
                return ctx
                    .io
                    .note("No settings yet. Set one with `labctl config set url URL`.")
                    .map_err(io_error);
            }
            ctx.io
                .print_table(
                    &[
                        Column::id("PROFILE"),
                        Column::new("KEY"),
                        Column::text("VALUE"),
                    ],
                    &rows,
                    None,
                )
                .map_err(io_error)
        }
        ConfigCommand::Get(args) => {
            let config = ConfigFile::load(&dir)?;
            let value = config.profile(&ctx.profile).get(&args.key)?;
            if ctx.io.json {
                let mut map = Map::new();
                map.insert(
                    args.key.clone(),
                    value.map(Value::String).unwrap_or(Value::Null),
                );
                return ctx.io.print_json(&Value::Object(map));
            }
            match value {
                Some(value) => ctx.io.print(&format!("{value}\n")).map_err(io_error),
                // Unset prints nothing and succeeds, like `git config --get` minus the exit 1:
                // the default then applies.
                None => Ok(()),
            }
        }
        ConfigCommand::Set(args) => {
            let mut config = ConfigFile::load(&dir)?;
            let profile = config.profiles.entry(ctx.profile.clone()).or_default();
            profile.set(&args.key, &args.value)?;
            let stored = profile.get(&args.key)?.unwrap_or_default();
            config.save(&dir)?;
            ctx.io
                .success(&format!(
                    "Set {} = {stored} for profile {}",
                    args.key, ctx.profile
                ))
                .map_err(io_error)
        }
        ConfigCommand::Unset(args) => {
            let mut config = ConfigFile::load(&dir)?;
            let removed = match config.profiles.get_mut(&ctx.profile) {
                Some(profile) => {
                    let removed = profile.unset(&args.key)?;
                    if profile.is_empty() {
                        config.profiles.remove(&ctx.profile);
                    }
                    removed
                }
                None => {
                    crate::config::ProfileConfig::default().unset(&args.key)?;
                    false
                }
            };
            if removed {
                config.save(&dir)?;
                ctx.io
                    .success(&format!(
                        "Removed {} from profile {}",
                        args.key, ctx.profile
                    ))
                    .map_err(io_error)
            } else {
                ctx.io
                    .note(&format!(
                        "{} is not set for profile {}",
                        args.key, ctx.profile
                    ))
                    .map_err(io_error)
            }
        }
    }
}
