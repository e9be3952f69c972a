//! `GET /metrics`: the Prometheus text exposition format, version 0.0.4.
//!
//! Gauges are read from the tables at scrape time; counters live in `metrics_counters`,
//! written in the same batch as the work they count, so pruning the run history never makes
//! one go down.

use std::fmt::Write;

/// The `Content-Type` of the exposition.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// A counter's name and help text. Names are stored without the `labs_` prefix and `_total`
/// suffix in `metrics_counters.name`.
pub const COUNTERS: &[(&str, &str)] = &[
    ("cleanup_runs", "Cleanup sweeps run, by trigger."),
    (
        "cleanup_calls",
        "Backend calls made by sweeps, by kind and outcome.",
    ),
    (
        "cleanup_messages",
        "Cleanup queue messages, by event: sent, send_failed, delivered, retried (handed back), malformed.",
    ),
    ("sessions_created", "Lab sessions created."),
    ("sessions_ended", "Lab sessions ended, by reason."),
];

/// One sample: a metric's labels (`name="value"` pairs) and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// Labels, already in `k="v"` form (values from a closed set: never escaped input).
    pub labels: Vec<(String, String)>,
    /// The value (every labs metric is a whole number).
    pub value: u64,
}

impl Sample {
    /// A sample without labels.
    pub fn plain(value: u64) -> Sample {
        Sample {
            labels: Vec::new(),
            value,
        }
    }
}

/// A metric family ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    /// Full name, e.g. `labs_sessions_live`.
    pub name: String,
    /// `gauge` or `counter`.
    pub kind: &'static str,
    /// HELP text.
    pub help: String,
    /// Samples.
    pub samples: Vec<Sample>,
}

fn escape_label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Renders families in the text format.
pub fn render(families: &[Family]) -> String {
    let mut out = String::new();
    for f in families {
        let _ = writeln!(out, "# HELP {} {}", f.name, f.help);
        let _ = writeln!(out, "# TYPE {} {}", f.name, f.kind);
        for s in &f.samples {
            out.push_str(&f.name);
            if !s.labels.is_empty() {
                let labels: Vec<String> = s
                    .labels
                    .iter()
                    .map(|(k, v)| format!("{k}=\"{}\"", escape_label(v)))
                    .collect();
                let _ = write!(out, "{{{}}}", labels.join(","));
            }
            let _ = writeln!(out, " {}", s.value);
        }
    }
    out
}

/// Parses the labels stored in `metrics_counters.labels` (`k=v,k=v`).
pub fn stored_labels(text: &str) -> Vec<(String, String)> {
    text.split(',')
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_help_type_and_labelled_samples() {
        let text = render(&[Family {
            name: "labs_cleanup_items".into(),
            kind: "gauge",
            help: "Queue items.".into(),
            samples: vec![
                Sample {
                    labels: stored_labels("state=pending,kind=vm"),
                    value: 3,
                },
                Sample::plain(15),
            ],
        }]);
        assert_eq!(
            text,
            "# HELP labs_cleanup_items Queue items.\n# TYPE labs_cleanup_items gauge\n\
             labs_cleanup_items{state=\"pending\",kind=\"vm\"} 3\nlabs_cleanup_items 15\n"
        );
        assert_eq!(escape_label("a\"b\\"), "a\\\"b\\\\");
    }
}
