//! Human durations: `30m`, `2h`, `1h30m`, `10s`, `500ms`, or a plain number in a default unit.
//!
//! Two callers with different units share one parser: `session extend --by` counts whole
//! minutes (a plain number is minutes), `--timeout` counts time (a plain number is seconds).
//! `session history --since/--until` take an instant: a timestamp, or such a duration ago
//! ([`When`]).

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};

/// The unit a bare number is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BareUnit {
    /// `90` means 90 seconds.
    Seconds,
    /// `90` means 90 minutes.
    Minutes,
}

/// Parses a duration such as `1h30m`, `45s`, `250ms`; a bare number is read in `bare`.
///
/// Units: `d`, `h`, `m`, `s`, `ms` (and the long forms `day(s)`, `hour(s)`, `min(s)`,
/// `sec(s)`). Parts may repeat in any order and are added up; whitespace between parts is
/// allowed.
pub fn parse(input: &str, bare: BareUnit) -> Result<Duration, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("empty duration".to_owned());
    }
    if let Ok(n) = text.parse::<u64>() {
        let secs = match bare {
            BareUnit::Seconds => n,
            BareUnit::Minutes => n
                .checked_mul(60)
                .ok_or_else(|| format!("duration `{input}` is too large"))?,
        };
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad(input));
        }
        let number: u64 = rest[..digits]
            .parse()
            .map_err(|_| format!("duration `{input}` is too large"))?;
        rest = rest[digits..].trim_start();
        let unit_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let part = match unit.to_ascii_lowercase().as_str() {
            "d" | "day" | "days" => number.checked_mul(86_400).map(Duration::from_secs),
            "h" | "hr" | "hrs" | "hour" | "hours" => {
                number.checked_mul(3600).map(Duration::from_secs)
            }
            "m" | "min" | "mins" | "minute" | "minutes" => {
                number.checked_mul(60).map(Duration::from_secs)
            }
            "s" | "sec" | "secs" | "second" | "seconds" => Some(Duration::from_secs(number)),
            "ms" => Some(Duration::from_millis(number)),
            _ => return Err(bad(input)),
        };
        total = part
            .and_then(|p| total.checked_add(p))
            .ok_or_else(|| format!("duration `{input}` is too large"))?;
    }
    Ok(total)
}

fn bad(input: &str) -> String {
    format!("invalid duration `{input}`: use e.g. 30m, 2h, 1h30m, 45s or a plain number")
}

/// Parses an amount of whole, positive minutes (`session extend --by`).
pub fn parse_minutes(input: &str) -> Result<u32, String> {
    let trimmed = input.trim();
    if trimmed.starts_with('-') {
        return Err(format!(
            "`{input}` is negative: a session can only be extended by a positive amount"
        ));
    }
    let duration = parse(trimmed, BareUnit::Minutes)?;
    if duration.is_zero() {
        return Err("the extension must be longer than zero".to_owned());
    }
    if !duration.as_millis().is_multiple_of(60_000) {
        return Err(format!(
            "`{input}` is not a whole number of minutes (the API counts minutes)"
        ));
    }
    u32::try_from(duration.as_secs() / 60).map_err(|_| format!("duration `{input}` is too large"))
}

/// Parses a timeout (`--timeout`, `LABCTL_TIMEOUT`, the `timeout` setting): positive; a bare
/// number is seconds.
pub fn parse_timeout(input: &str) -> Result<Duration, String> {
    let duration = parse(input, BareUnit::Seconds)?;
    if duration.is_zero() {
        return Err("the timeout must be longer than zero".to_owned());
    }
    Ok(duration)
}

/// An instant given on the command line (`session history --since/--until`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// An RFC 3339 timestamp, sent as it was given.
    At(String),
    /// This long before now (this machine's clock).
    Ago(Duration),
}

impl When {
    /// The instant as the API takes it: the timestamp as given, or `now` minus the duration
    /// in the fixed-width ISO 8601 form (`2026-11-20T10:00:00.000Z`).
    pub fn resolve(&self, now: DateTime<Utc>) -> String {
        match self {
            When::At(timestamp) => timestamp.clone(),
            When::Ago(ago) => {
                let at = chrono::Duration::from_std(*ago)
                    .ok()
                    .and_then(|ago| now.checked_sub_signed(ago))
                    .unwrap_or(DateTime::<Utc>::MIN_UTC);
                at.to_rfc3339_opts(SecondsFormat::Millis, true)
            }
        }
    }
}

/// Parses an instant: an RFC 3339 timestamp (`2026-11-20T10:00:00Z`, as `session list
/// --created-after` takes), or a duration ago with its unit (`30m`, `2h`, `7d`, `1h30m`). A
/// plain number is refused: minutes or days?
pub fn parse_when(input: &str) -> Result<When, String> {
    let text = input.trim();
    if DateTime::parse_from_rfc3339(text).is_ok() {
        return Ok(When::At(text.to_owned()));
    }
    let advice = "use a duration ago such as 30m, 2h or 7d, or an ISO 8601 timestamp such as \
                  2026-11-20T10:00:00Z";
    if text.starts_with(|c: char| c.is_ascii_digit()) && text.contains(['-', ':', 'T']) {
        return Err(format!("`{input}` is not an ISO 8601 timestamp: {advice}"));
    }
    if text.parse::<u64>().is_ok() {
        return Err(format!("`{input}` needs a unit: {advice}"));
    }
    match parse(text, BareUnit::Seconds) {
        Ok(ago) => Ok(When::Ago(ago)),
        Err(_) => Err(format!("`{input}` is not a time: {advice}")),
    }
}

/// Formats a duration compactly: `1h30m`, `45s`, `250ms`.
pub fn format(duration: Duration) -> String {
    let millis = duration.as_millis();
    if millis == 0 {
        return "0s".to_owned();
    }
    if !millis.is_multiple_of(1000) {
        return format!("{millis}ms");
    }
    let secs = duration.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// Formats a number of minutes as the API counts them: `90 min (1h30m)`.
pub fn format_minutes(minutes: i64) -> String {
    if minutes >= 60 {
        let pretty = format(Duration::from_secs(minutes.unsigned_abs() * 60));
        format!("{minutes} min ({pretty})")
    } else {
        format!("{minutes} min")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms_of_an_extension() {
        let table = [
            ("30m", 30),
            ("2h", 120),
            ("1h30m", 90),
            ("1h 30m", 90),
            ("45", 45),
            ("90 min", 90),
            ("120s", 2),
            ("1H", 60),
            ("30m30m", 60),
        ];
        for (input, minutes) in table {
            assert_eq!(parse_minutes(input), Ok(minutes), "{input}");
        }
    }

    #[test]
    fn rejects_zero_negative_fractional_and_garbage_extensions() {
        for input in [
            "0", "0m", "-5m", "-5", "", "abc", "30x", "m", "90s", "1.5h", "h30",
        ] {
            assert!(parse_minutes(input).is_err(), "{input} should be rejected");
        }
    }

    #[test]
    fn rejects_absurdly_large_values() {
        assert!(parse_minutes("99999999999999999999h").is_err());
        assert!(parse_minutes("9999999999h").is_err());
    }

    #[test]
    fn timeouts_default_to_seconds() {
        assert_eq!(parse_timeout("10"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_timeout("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_timeout("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_timeout("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("soon").is_err());
    }

    #[test]
    fn days_are_a_unit_too() {
        assert_eq!(
            parse("7d", BareUnit::Seconds),
            Ok(Duration::from_secs(7 * 86_400))
        );
        assert_eq!(parse_minutes("1d"), Ok(1440));
        assert_eq!(
            parse_timeout("1 day 2h"),
            Ok(Duration::from_secs(26 * 3600))
        );
    }

    #[test]
    fn an_instant_is_a_timestamp_or_a_duration_ago() {
        let now = DateTime::parse_from_rfc3339("2026-11-20T11:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let at = |input: &str| parse_when(input).map(|w| w.resolve(now));
        assert_eq!(at("30m").as_deref(), Ok("2026-11-20T10:30:00.000Z"));
        assert_eq!(at("1h30m").as_deref(), Ok("2026-11-20T09:30:00.000Z"));
        assert_eq!(at("7d").as_deref(), Ok("2026-11-13T11:00:00.000Z"));
        // A timestamp goes to the Worker as given (the Worker reads every RFC 3339 form).
        assert_eq!(
            at("2026-11-20T10:00:00+01:00").as_deref(),
            Ok("2026-11-20T10:00:00+01:00")
        );
        assert_eq!(
            at(" 2026-11-20T10:00:00.123Z ").as_deref(),
            Ok("2026-11-20T10:00:00.123Z")
        );
        for bad in [
            "",
            "30",
            "soon",
            "2026-11-20",
            "2026-13-01T00:00:00Z",
            "-5m",
            "5x",
        ] {
            let err = parse_when(bad).unwrap_err();
            assert!(err.contains("30m, 2h or 7d"), "{bad:?}: {err}");
        }
        assert!(parse_when("30").unwrap_err().contains("needs a unit"));
        assert!(
            parse_when("2026-11-20")
                .unwrap_err()
                .contains("not an ISO 8601 timestamp")
        );
    }

    #[test]
    fn formats_round_trip() {
        for text in ["1h30m", "45s", "250ms", "2h", "1m5s"] {
            assert_eq!(format(parse(text, BareUnit::Seconds).unwrap()), text);
        }
        assert_eq!(format_minutes(90), "90 min (1h30m)");
        assert_eq!(format_minutes(30), "30 min");
    }
}
