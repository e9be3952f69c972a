//! Reading JSON input from a file or stdin (`-`).

use std::io::Read as _;
use std::path::Path;

use serde_json::Value;

use crate::exit::CliError;

/// Reads text from `path`, or from stdin when `path` is `-`.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| CliError::from(anyhow::Error::new(e).context("cannot read stdin")))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| {
        // A missing or unreadable input file is the caller's mistake: a usage error.
        CliError::usage(format!("cannot read {}: {e}", path.display()))
    })
}

/// The name to use for `path` in messages.
pub fn name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "stdin".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Parses `text` (read from `origin`) as JSON.
pub fn parse_json(text: &str, origin: &str) -> Result<Value, CliError> {
    serde_json::from_str(text)
        .map_err(|e| CliError::usage(format!("{origin} is not valid JSON: {e}")))
}

/// Reads a JSON object from `path` (or stdin).
pub fn read_object(path: &Path) -> Result<serde_json::Map<String, Value>, CliError> {
    let origin = name(path);
    match parse_json(&read_text(path)?, &origin)? {
        Value::Object(map) => Ok(map),
        _ => Err(CliError::usage(format!("{origin} must hold a JSON object"))),
    }
}

/// Reads a JSON array from `path` (or stdin); an object holding the array under `key` (as
/// in the contract's example bodies) is accepted too.
pub fn read_array(path: &Path, key: &str) -> Result<Vec<Value>, CliError> {
    let origin = name(path);
    match parse_json(&read_text(path)?, &origin)? {
        Value::Array(items) => Ok(items),
        Value::Object(mut map) => match map.remove(key) {
            Some(Value::Array(items)) => Ok(items),
            _ => Err(CliError::usage(format!(
                "{origin} must hold a JSON array (or an object with `{key}`)"
            ))),
        },
        _ => Err(CliError::usage(format!("{origin} must hold a JSON array"))),
    }
}
