//! Timestamps as the API stores and shows them.
//!
//! Every instant the service records (`created_at`, `updated_at`, `expires_at`, cleanup times)
//! is a count of milliseconds since the Unix epoch, shown as fixed-width ISO 8601 in UTC with
//! millisecond precision (`2026-11-20T10:00:00.000Z`). Fixed width matters: D1 stores these as
//! TEXT, and only a fixed-width form compares and sorts as the instants do, which the
//! `expires_at` index relies on.

use chrono::{DateTime, SecondsFormat, Utc};

/// Milliseconds in a minute.
pub const MS_PER_MINUTE: i64 = 60_000;

/// The earliest instant the service stores (year 1970).
const MIN_MS: i64 = 0;
/// The latest instant the service stores: the end of year 9999, the last one four digits hold.
const MAX_MS: i64 = 253_402_300_799_999;

/// An instant, in whole milliseconds since the Unix epoch, within years 1970..=9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The latest instant the service stores: the end of year 9999.
    pub const MAX: Timestamp = Timestamp(MAX_MS);

    /// The instant `ms` milliseconds after the epoch, if it lies within years 1970..=9999.
    pub fn from_millis(ms: i64) -> Option<Timestamp> {
        (MIN_MS..=MAX_MS).contains(&ms).then_some(Timestamp(ms))
    }

    /// Milliseconds since the epoch.
    pub fn as_millis(self) -> i64 {
        self.0
    }

    /// This instant plus `minutes`, or `None` past year 9999.
    pub fn plus_minutes(self, minutes: i64) -> Option<Timestamp> {
        self.plus_millis(minutes.checked_mul(MS_PER_MINUTE)?)
    }

    /// This instant plus `ms` (which may be negative), or `None` outside the stored range.
    pub fn plus_millis(self, ms: i64) -> Option<Timestamp> {
        Timestamp::from_millis(self.0.checked_add(ms)?)
    }

    /// Parses the fixed-width form this module writes, or any RFC 3339 timestamp with an
    /// offset (converted to UTC, sub-millisecond digits dropped).
    pub fn parse(text: &str) -> Option<Timestamp> {
        let parsed = DateTime::parse_from_rfc3339(text).ok()?;
        Timestamp::from_millis(parsed.timestamp_millis())
    }

    /// The fixed-width ISO 8601 form, e.g. `2026-11-20T10:00:00.000Z`.
    pub fn to_iso(self) -> String {
        let at = DateTime::<Utc>::from_timestamp_millis(self.0)
            .expect("a Timestamp is always within chrono's range");
        at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }
}

impl std::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// The body and the `data` of `PUT /api/v1/dev/clock`: how far the Worker's clock is moved
/// (local testing only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClockOffset {
    /// Milliseconds added to the Worker's clock (negative moves it back), at most
    /// [`ClockOffset::MAX_MS`] either way.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = -3_162_240_000_000_i64, maximum = 3_162_240_000_000_i64)
    )]
    pub offset_ms: i64,
}

impl ClockOffset {
    /// The largest shift: 100 years either way (what a test needs, well inside the 2^53 that
    /// D1 binds exactly). The OpenAPI schema states the same bounds.
    pub const MAX_MS: i64 = 100 * 366 * 86_400_000;
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_clock_offset_bound_is_the_documented_one() {
        assert_eq!(super::ClockOffset::MAX_MS, 3_162_240_000_000);
    }

    use super::*;

    #[test]
    fn iso_form_is_fixed_width_utc_with_millis() {
        let t = Timestamp::from_millis(1_795_168_800_000).unwrap();
        assert_eq!(t.to_iso(), "2026-11-20T10:00:00.000Z");
        assert_eq!(
            Timestamp::from_millis(0).unwrap().to_iso(),
            "1970-01-01T00:00:00.000Z"
        );
        assert_eq!(
            Timestamp::from_millis(MAX_MS).unwrap().to_iso(),
            "9999-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn iso_text_sorts_like_the_instants() {
        let instants = [
            0,
            999,
            1_000,
            59_999,
            1_795_168_800_000,
            1_795_168_800_001,
            MAX_MS,
        ];
        for pair in instants.windows(2) {
            let (a, b) = (Timestamp(pair[0]), Timestamp(pair[1]));
            assert!(a.to_iso() < b.to_iso(), "{a} should sort before {b}");
        }
    }

    #[test]
    fn parse_round_trips_and_normalises_offsets() {
        let t = Timestamp::parse("2026-11-20T10:00:00.000Z").unwrap();
        assert_eq!(t.as_millis(), 1_795_168_800_000);
        assert_eq!(Timestamp::parse(&t.to_iso()), Some(t));
        assert_eq!(Timestamp::parse("2026-11-20T11:00:00+01:00"), Some(t));
        assert_eq!(Timestamp::parse("2026-11-20T10:00:00.000123456Z"), Some(t));
    }

    #[test]
    fn parse_refuses_non_timestamps() {
        for bad in [
            "",
            "yesterday",
            "2026-11-20",
            "2026-13-01T00:00:00Z",
            "2026-11-20T10:00:00",
            "1763632800000",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?} should not parse");
        }
    }

    #[test]
    fn minutes_arithmetic_and_range() {
        let t = Timestamp::from_millis(1_795_168_800_000).unwrap();
        assert_eq!(
            t.plus_minutes(60).unwrap().to_iso(),
            "2026-11-20T11:00:00.000Z"
        );
        assert_eq!(
            t.plus_minutes(-1).unwrap().to_iso(),
            "2026-11-20T09:59:00.000Z"
        );
        assert_eq!(Timestamp(MAX_MS).plus_minutes(1), None);
        assert_eq!(t.plus_minutes(i64::MAX), None);
        assert_eq!(Timestamp::from_millis(-1), None);
    }
}
