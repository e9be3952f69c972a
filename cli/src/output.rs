//! The IO object: where output goes and how it looks.
//!
//! [`Io`] knows whether stdin, stdout and stderr are terminals, whether colour is on,
//! whether prompting is allowed, and whether `--json` was asked for. Commands print through
//! it and never decide those things themselves:
//!
//! - data goes to stdout: a [comfy-table](comfy_table) table on a terminal, made to fit its
//!   width ([`crate::table`]: long ids shortened with `…`, the least important columns left
//!   out when that is not enough), plain tab-separated lines without borders or colour and
//!   with whole values when piped, pretty JSON with `--json`;
//! - status, warnings and errors go to stderr;
//! - prompts happen only when stdin and stderr are terminals and `--no-input` is absent;
//! - a spinner is shown only when stderr is a terminal;
//! - every value of human output (tables, piped lines, status lines, error reports) goes
//!   through [`escape_controls`], so data holding terminal control sequences or
//!   bidirectional overrides (a `labTitle` of `ESC [2J`, a `U+202E`) is shown, not obeyed;
//!   `--json` prints the data exactly.
//!
//! Tests build an `Io` on in-memory buffers with [`Io::for_test`].

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::io::{self, IsTerminal as _, Write};
use std::rc::Rc;

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::Value;

use crate::cli::ColorChoice;
use crate::exit::CliError;
use crate::jq::{self, Jq};
use crate::table::{self, Column};

/// A terminal narrower than this is taken as one that did not say its width (a
/// pseudo-terminal without a window size, as `script` or some `ssh -t` make, reports 0).
const MIN_TABLE_WIDTH: usize = 20;
/// The width tables fit when the terminal does not say: the classic 80 columns.
pub const DEFAULT_TABLE_WIDTH: usize = 80;

/// Terminal state and output sinks for one run of `labctl`.
pub struct Io {
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    /// stdin is a terminal.
    pub stdin_tty: bool,
    /// stdout is a terminal.
    pub stdout_tty: bool,
    /// stderr is a terminal.
    pub stderr_tty: bool,
    /// Colour on stdout.
    pub color: bool,
    /// Colour on stderr.
    pub err_color: bool,
    /// `--no-input` was given.
    pub no_input: bool,
    /// `--json` (or `--jq`) was given.
    pub json: bool,
    /// The `--jq` program JSON output goes through.
    pub jq: Option<Jq>,
    /// The `-v` count (the spinner stays off while requests are traced).
    pub verbose: u8,
    /// The width of the terminal on stdout, when it says (tables fit it; else
    /// [`DEFAULT_TABLE_WIDTH`]).
    pub width: Option<usize>,
}

impl Io {
    /// The process's own streams, with colour decided from `choice`, `NO_COLOR` and
    /// `TERM=dumb`.
    pub fn system(choice: ColorChoice, no_color_env: bool, dumb_term: bool) -> Self {
        let stdout_tty = io::stdout().is_terminal();
        let stderr_tty = io::stderr().is_terminal();
        // comfy-table asks the terminal on stdout for its size.
        let width = stdout_tty
            .then(|| Table::new().width())
            .flatten()
            .map(usize::from);
        let decide = |tty: bool| color_enabled(choice, tty, no_color_env, dumb_term);
        Self {
            out: Box::new(io::stdout()),
            err: Box::new(io::stderr()),
            stdin_tty: io::stdin().is_terminal(),
            stdout_tty,
            stderr_tty,
            color: decide(stdout_tty),
            err_color: decide(stderr_tty),
            no_input: false,
            json: false,
            jq: None,
            verbose: 0,
            width,
        }
    }

    /// An `Io` writing to in-memory buffers, with the given terminal state on all three
    /// streams (colour off; a terminal of unknown width, so [`DEFAULT_TABLE_WIDTH`]).
    /// Returns the buffers for stdout and stderr.
    pub fn for_test(tty: bool) -> (Self, Buffer, Buffer) {
        let out = Buffer::default();
        let err = Buffer::default();
        let io = Self {
            out: Box::new(out.clone()),
            err: Box::new(err.clone()),
            stdin_tty: tty,
            stdout_tty: tty,
            stderr_tty: tty,
            color: false,
            err_color: false,
            no_input: false,
            json: false,
            jq: None,
            verbose: 0,
            width: None,
        };
        (io, out, err)
    }

    /// Whether a question may be asked: stdin and stderr are terminals and `--no-input` is
    /// absent.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty && !self.no_input
    }

    /// Whether to show a spinner: stderr is a terminal and no request tracing is going on.
    pub fn show_progress(&self) -> bool {
        self.stderr_tty && self.verbose == 0
    }

    /// Whether stdout gets the human (table) form.
    pub fn is_human(&self) -> bool {
        self.stdout_tty && !self.json
    }

    /// Writes text to stdout.
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())?;
        self.out.flush()
    }

    /// Writes `value` as pretty JSON (keys in the API's order) and a newline to stdout; with
    /// `--jq`, what the program makes of it instead, one result per line (a string raw,
    /// with its control characters escaped on a terminal; anything else compact JSON). A
    /// program that fails on the value is an error (exit 1).
    pub fn print_json(&mut self, value: &Value) -> Result<(), CliError> {
        let Some(program) = &self.jq else {
            let text =
                serde_json::to_string_pretty(value).map_err(|e| io_error(io::Error::other(e)))?;
            return self.print(&format!("{text}\n")).map_err(io_error);
        };
        let mut text = String::new();
        for output in program.run(value)? {
            match output {
                jq::Output::Raw(raw) if self.stdout_tty => text.push_str(&escape_controls(&raw)),
                jq::Output::Raw(raw) => text.push_str(&raw),
                jq::Output::Json(json) => text.push_str(&json),
            }
            text.push('\n');
        }
        self.print(&text).map_err(io_error)
    }

    /// Prints key/value pairs: a two-column table on a terminal, `key<TAB>value` lines when
    /// piped. Empty values are skipped on a terminal and printed empty when piped, so the
    /// piped form always has the same lines.
    pub fn print_record(&mut self, rows: &[(&str, String)]) -> io::Result<()> {
        if self.stdout_tty {
            let mut table = self.table();
            for (key, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                let key_cell = if self.color {
                    Cell::new(key).add_attribute(Attribute::Bold)
                } else {
                    Cell::new(key)
                };
                table.add_row(vec![key_cell, Cell::new(escape_controls(value))]);
            }
            self.print(&format!("{table}\n"))
        } else {
            let mut text = String::new();
            for (key, value) in rows {
                text.push_str(&format!("{key}\t{}\n", plain(value)));
            }
            self.print(&text)
        }
    }

    /// What every list printer does first: with `--json`, prints the items as the API gave
    /// them; with no items, a note on a terminal (nothing when piped). Returns `true` when that
    /// was all there was to print, so the caller only builds rows otherwise.
    pub fn print_json_or_empty(
        &mut self,
        items: &[Value],
        empty_note: &str,
    ) -> Result<bool, CliError> {
        if self.json {
            self.print_json(&Value::Array(items.to_vec()))?;
            return Ok(true);
        }
        if items.is_empty() {
            if self.stdout_tty {
                self.note(empty_note).map_err(io_error)?;
            }
            return Ok(true);
        }
        Ok(false)
    }

    /// Prints rows under column headers: on a terminal, a bordered table that fits its
    /// width ([`table::fit`]: values shortened as each [`Column`] allows, optional columns
    /// left out when that is not enough); piped, tab-separated lines of whole values without
    /// a header (`prefix`, when given, starts every piped line, so several lists in one
    /// output stay apart). Every value has its control characters escaped.
    pub fn print_table(
        &mut self,
        columns: &[Column<'_>],
        rows: &[Vec<String>],
        prefix: Option<&str>,
    ) -> io::Result<()> {
        if !self.stdout_tty {
            let mut text = String::new();
            for row in rows {
                if let Some(prefix) = prefix {
                    text.push_str(prefix);
                    text.push('\t');
                }
                let cells: Vec<String> = row.iter().map(|c| plain(c)).collect();
                text.push_str(&cells.join("\t"));
                text.push('\n');
            }
            return self.print(&text);
        }
        let rows: Vec<Vec<Cow<'_, str>>> = rows
            .iter()
            .map(|row| row.iter().map(|cell| escape_controls(cell)).collect())
            .collect();
        let natural: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                rows.iter()
                    .filter_map(|row| row.get(i))
                    .map(|cell| table::width(cell))
                    .chain([table::width(column.header)])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let widths = table::fit(columns, &natural, self.table_width());
        let mut table = self.table();
        table.set_header(
            columns
                .iter()
                .zip(&widths)
                .filter(|(_, w)| w.is_some())
                .map(|(column, _)| {
                    if self.color {
                        Cell::new(column.header).add_attribute(Attribute::Bold)
                    } else {
                        Cell::new(column.header)
                    }
                }),
        );
        for row in &rows {
            table.add_row(columns.iter().zip(&widths).zip(row).filter_map(
                |((column, width), cell)| width.map(|w| table::shorten(cell, w, column.shorten)),
            ));
        }
        self.print(&format!("{table}\n"))
    }

    /// A heading line on a terminal (nothing when piped). `text` is labctl's own, never data.
    pub fn heading(&mut self, text: &str) -> io::Result<()> {
        if !self.stdout_tty {
            return Ok(());
        }
        let line = if self.color {
            format!("\x1b[1m{text}\x1b[0m\n")
        } else {
            format!("{text}\n")
        };
        self.print(&line)
    }

    /// A status line on stderr: `✓ text` on a terminal, `text` when piped (control
    /// characters escaped).
    pub fn success(&mut self, text: &str) -> io::Result<()> {
        let mark = match (self.stderr_tty, self.err_color) {
            (true, true) => "\x1b[32m✓\x1b[0m ",
            (true, false) => "✓ ",
            _ => "",
        };
        writeln!(self.err, "{mark}{}", escape_controls(text))
    }

    /// A neutral note on stderr (control characters escaped).
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.err, "{}", escape_controls(text))
    }

    /// A warning on stderr: `warning: text` (control characters escaped).
    pub fn warn(&mut self, text: &str) -> io::Result<()> {
        let label = if self.err_color {
            "\x1b[33;1mwarning\x1b[0m"
        } else {
            "warning"
        };
        writeln!(self.err, "{label}: {}", escape_controls(text))
    }

    /// Raw access to stderr (error reports, prompts).
    pub fn err(&mut self) -> &mut dyn Write {
        &mut *self.err
    }

    /// The width tables fit on this terminal.
    pub fn table_width(&self) -> usize {
        self.width
            .filter(|w| *w >= MIN_TABLE_WIDTH)
            .unwrap_or(DEFAULT_TABLE_WIDTH)
    }

    /// A bordered table that wraps what still does not fit [`Io::table_width`] (a record's
    /// long values; [`Io::print_table`] shortens first).
    fn table(&self) -> Table {
        let mut table = Table::new();
        table
            .load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(self.table_width()).unwrap_or(u16::MAX));
        if self.color {
            table.enforce_styling();
        } else {
            table.force_no_tty();
        }
        table
    }
}

/// A spinner line on stderr showing `message` (the one look of every progress line, drawn
/// only where the caller checked [`Io::show_progress`]).
pub fn spinner(message: impl Into<Cow<'static, str>>) -> ProgressBar {
    progress_line(None, "{spinner} {msg}", message)
}

/// A progress line on stderr drawn from `template` (indicatif's), counting up to `len` when
/// given; it ticks on its own.
pub fn progress_line(
    len: Option<u64>,
    template: &str,
    message: impl Into<Cow<'static, str>>,
) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message);
    bar.enable_steady_tick(std::time::Duration::from_millis(100));
    bar
}

/// Wraps a failure to write output.
pub fn io_error(err: io::Error) -> CliError {
    CliError::from(anyhow::Error::new(err).context("cannot write the output"))
}

/// Whether to colour a stream: `--color always|never` decide; `auto` colours a terminal
/// unless `NO_COLOR` is set or `TERM=dumb`.
pub fn color_enabled(choice: ColorChoice, tty: bool, no_color_env: bool, dumb_term: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => tty && !no_color_env && !dumb_term,
    }
}

/// Replaces tabs and newlines so that one value stays one field of one line, then escapes
/// the other control characters.
fn plain(value: &str) -> String {
    escape_controls(&value.replace(['\t', '\n', '\r'], " ")).into_owned()
}

/// Whether `c` would steer the terminal rather than show: C0 controls, DEL, C1 controls, and
/// the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A to U+202E, U+2066 to U+2069), which reorder the text around them.
fn is_steering(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// `text` made safe to print to a terminal: every control character, DEL and bidirectional
/// control is written as an escape (`\n`, `\t`, `\r`, else `\u{1b}`, `\u{202e}`, ...), so
/// what came from the Worker is shown and never obeyed. Text without any is returned as is.
/// The one function every human output goes through; `--json` never does.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_steering) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_steering(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A clonable in-memory sink for tests.
#[derive(Clone, Default)]
pub struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Buffer {
    /// Everything written so far, as text.
    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_tab_separated_when_piped() {
        let (mut io, out, _) = Io::for_test(false);
        io.print_record(&[
            ("user_id", "u1".into()),
            ("puku_domain", String::new()),
            ("title", "a\tb".into()),
        ])
        .unwrap();
        assert_eq!(out.contents(), "user_id\tu1\npuku_domain\t\ntitle\ta b\n");
    }

    #[test]
    fn a_record_is_a_table_on_a_terminal() {
        let (mut io, out, _) = Io::for_test(true);
        io.print_record(&[("user_id", "u1".into()), ("puku_domain", String::new())])
            .unwrap();
        let text = out.contents();
        assert!(
            text.contains('│') && text.contains("user_id") && text.contains("u1"),
            "{text}"
        );
        assert!(
            !text.contains("puku_domain"),
            "empty values are skipped: {text}"
        );
        assert!(!text.contains('\x1b'), "no colour without colour: {text}");
    }

    #[test]
    fn a_table_has_no_header_or_borders_when_piped() {
        let (mut io, out, _) = Io::for_test(false);
        io.print_table(
            &[Column::id("ID"), Column::new("PORT")],
            &[vec!["lb-1".into(), "80".into()]],
            Some("load_balancer"),
        )
        .unwrap();
        assert_eq!(out.contents(), "load_balancer\tlb-1\t80\n");
    }

    #[test]
    fn a_table_has_a_header_on_a_terminal() {
        let (mut io, out, _) = Io::for_test(true);
        io.print_table(
            &[Column::id("ID"), Column::new("PORT")],
            &[vec!["lb-1".into(), "80".into()]],
            None,
        )
        .unwrap();
        let text = out.contents();
        assert!(
            text.contains("ID") && text.contains("lb-1") && text.contains('│'),
            "{text}"
        );
    }

    #[test]
    fn control_characters_and_bidi_controls_are_escaped() {
        let table = [
            (
                "plain text, ünïcødé ✓ and 中文",
                "plain text, ünïcødé ✓ and 中文",
            ),
            ("\x1b[2Jgone", "\\u{1b}[2Jgone"),
            ("bell\x07 nul\0 del\x7f", "bell\\u{7} nul\\u{0} del\\u{7f}"),
            ("c1 \u{9b}31m csi", "c1 \\u{9b}31m csi"),
            ("a\nb\tc\rd", "a\\nb\\tc\\rd"),
            ("\u{202e}txet", "\\u{202e}txet"),
            (
                "\u{202a}\u{202b}\u{202c}\u{202d}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}",
                "\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200e}\\u{200f}\\u{61c}",
            ),
            // Neighbours of the ranges are ordinary characters.
            (
                "\u{a0}\u{2029}\u{2065}\u{206a}\u{200d}",
                "\u{a0}\u{2029}\u{2065}\u{206a}\u{200d}",
            ),
            ("", ""),
        ];
        for (input, shown) in table {
            assert_eq!(escape_controls(input), shown, "{input:?}");
        }
        assert!(matches!(escape_controls("nothing to do"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_human_output_escapes_what_it_prints() {
        let evil = "\x1b[2J\u{202e}x";
        let shown = "\\u{1b}[2J\\u{202e}x";
        for tty in [false, true] {
            let (mut io, out, err) = Io::for_test(tty);
            io.print_record(&[("labTitle", evil.into())]).unwrap();
            io.print_table(&[Column::text("TITLE")], &[vec![evil.into()]], None)
                .unwrap();
            io.success(evil).unwrap();
            io.note(evil).unwrap();
            io.warn(evil).unwrap();
            for text in [out.contents(), err.contents()] {
                assert!(
                    !text.contains('\x1b') && !text.contains('\u{202e}'),
                    "{text:?}"
                );
                assert!(text.contains(shown), "{text:?}");
            }
            assert_eq!(err.contents().matches(shown).count(), 3);
        }
        // --json prints the data exactly.
        let (mut io, out, _) = Io::for_test(true);
        io.json = true;
        io.print_json(&serde_json::json!({"labTitle": evil}))
            .unwrap();
        let printed: Value = serde_json::from_str(&out.contents()).unwrap();
        assert_eq!(printed["labTitle"], evil);
    }

    /// The widest line of `text`, in terminal columns.
    fn widest_line(text: &str) -> usize {
        text.lines().map(table::width).max().unwrap_or(0)
    }

    #[test]
    fn tables_fit_the_terminal_and_piped_lines_keep_whole_values() {
        let long_id = "1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed";
        let title = "An introduction to Kubernetes operators, with a long title on purpose";
        let columns = [
            Column::id("ID"),
            Column::text("TITLE"),
            Column::id("GROUP").optional(1),
            Column::new("STATE"),
        ];
        let rows = vec![vec![
            long_id.to_owned(),
            title.to_owned(),
            long_id.to_owned(),
            "pending".to_owned(),
        ]];
        for width in [80, 60, 40] {
            let (mut io, out, _) = Io::for_test(true);
            io.width = Some(width);
            io.print_table(&columns, &rows, None).unwrap();
            let text = out.contents();
            assert!(widest_line(&text) <= width, "{width}:\n{text}");
            assert!(text.contains("pending") && text.contains('…'), "{text}");
            assert!(text.contains("1b9d") && text.contains("4bed"), "{text}");
        }
        // 40 columns: the optional GROUP column gave way.
        let (mut io, out, _) = Io::for_test(true);
        io.width = Some(40);
        io.print_table(&columns, &rows, None).unwrap();
        assert!(!out.contents().contains("GROUP"), "{}", out.contents());
        // Unknown width: 80.
        let (mut io, out, _) = Io::for_test(true);
        io.width = Some(0);
        io.print_table(&columns, &rows, None).unwrap();
        assert!(widest_line(&out.contents()) <= 80, "{}", out.contents());
        // A wide terminal shows everything whole.
        let (mut io, out, _) = Io::for_test(true);
        io.width = Some(200);
        io.print_table(&columns, &rows, None).unwrap();
        assert!(out.contents().contains(title) && !out.contents().contains('…'));
        // Piped: whole values, every column.
        let (mut io, out, _) = Io::for_test(false);
        io.print_table(&columns, &rows, None).unwrap();
        assert_eq!(
            out.contents(),
            format!("{long_id}\t{title}\t{long_id}\tpending\n")
        );
    }

    #[test]
    fn a_record_wraps_long_values_to_fit() {
        let url = format!("https://terminal.example.com/{}", "x".repeat(120));
        let (mut io, out, _) = Io::for_test(true);
        io.print_record(&[("terminal_url", url.clone())]).unwrap();
        let text = out.contents();
        assert!(widest_line(&text) <= 80, "{text}");
        let shown: String = text
            .lines()
            .filter_map(|l| l.split('┆').nth(1))
            .map(|value| value.trim_end_matches('│').trim())
            .collect();
        assert_eq!(shown, url, "nothing is lost: {text}");
    }

    #[test]
    fn jq_results_print_one_per_line_raw_strings_escaped_only_on_a_terminal() {
        let value = serde_json::json!({"title": "a\x1b[2Jb", "n": [1, 2]});
        for (tty, title) in [(false, "a\x1b[2Jb"), (true, "a\\u{1b}[2Jb")] {
            let (mut io, out, _) = Io::for_test(tty);
            io.json = true;
            io.jq = Some(Jq::compile(".title, .n").unwrap());
            io.print_json(&value).unwrap();
            assert_eq!(out.contents(), format!("{title}\n[1,2]\n"), "tty {tty}");
        }
    }

    #[test]
    fn colour_follows_the_flag_then_no_color_then_the_terminal() {
        use ColorChoice::*;
        let table = [
            (Auto, true, false, false, true),
            (Auto, false, false, false, false),
            (Auto, true, true, false, false),
            (Auto, true, false, true, false),
            (Never, true, false, false, false),
            (Always, false, true, false, true),
        ];
        for (choice, tty, no_color, dumb, expected) in table {
            assert_eq!(
                color_enabled(choice, tty, no_color, dumb),
                expected,
                "{choice:?} {tty} {no_color} {dumb}"
            );
        }
    }

    #[test]
    fn prompting_needs_terminals_and_no_no_input() {
        let (mut io, _, _) = Io::for_test(true);
        assert!(io.can_prompt());
        io.no_input = true;
        assert!(!io.can_prompt());
        let (mut io, _, _) = Io::for_test(true);
        io.stdin_tty = false;
        assert!(!io.can_prompt());
        let (io, _, _) = Io::for_test(false);
        assert!(!io.can_prompt());
    }

    #[test]
    fn status_lines_go_to_stderr_with_a_mark_only_on_a_terminal() {
        let (mut io, out, err) = Io::for_test(false);
        io.success("Deleted").unwrap();
        io.warn("careful").unwrap();
        assert_eq!(out.contents(), "");
        assert_eq!(err.contents(), "Deleted\nwarning: careful\n");
        let (mut io, _, err) = Io::for_test(true);
        io.success("Deleted").unwrap();
        assert_eq!(err.contents(), "✓ Deleted\n");
    }
}
