//! `--jq EXPRESSION`: the JSON output filtered by a jq program, as `gh` does it.
//!
//! The program runs in [jaq](https://github.com/01mf02/jaq), a jq in Rust (jaq-core, with
//! jaq-std's standard library and jaq-json's values), so no `jq` binary is needed. It is
//! compiled once, before any request ([`Jq::compile`]): a bad expression is a usage error
//! (exit 2) that names the problem and where it is. Each result is one line: a string
//! raw, without quotes (`--jq '.[].user_id'`), anything else as compact JSON. jq's `@csv`
//! and `@tsv`, which jaq's libraries leave to its binary, are defined here ([`FORMATS`]).

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{Compiler, Ctx, Vars, data};
use jaq_json::Val;
use serde_json::Value;

use crate::exit::CliError;

type Filter = jaq_core::Filter<data::JustLut<Val>>;

/// jq's `@csv` and `@tsv` (as jq 1.7 writes them): an array of scalars as one CSV or TSV
/// row; `null` is an empty field.
pub const FORMATS: &str = r#"
def @csv: map(
    if type == "string" then "\"" + gsub("\""; "\"\"") + "\""
    elif type == "array" or type == "object" then error("\(type) (\(tojson)) is not valid in a csv row")
    elif . == null then ""
    else tojson end
  ) | join(",");
def @tsv: map(
    if type == "string" then gsub("\\\\"; "\\\\") | gsub("\t"; "\\t") | gsub("\n"; "\\n") | gsub("\r"; "\\r")
    elif type == "array" or type == "object" then error("\(type) (\(tojson)) is not valid in a tsv row")
    elif . == null then ""
    else tojson end
  ) | join("\t");
"#;

/// A compiled `--jq` program.
pub struct Jq {
    filter: Filter,
}

impl std::fmt::Debug for Jq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Jq(..)")
    }
}

/// One result of a program: what `--jq` prints on a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// A string, printed raw.
    Raw(String),
    /// Anything else, as compact JSON.
    Json(String),
}

impl Jq {
    /// Compiles `expression`; a usage error naming the problem when it is not a valid jq
    /// program.
    pub fn compile(expression: &str) -> Result<Self, CliError> {
        let formats = jaq_core::load::parse(FORMATS, |p| p.defs())
            .expect("the @csv and @tsv definitions parse");
        let defs = jaq_core::defs()
            .chain(jaq_std::defs())
            .chain(jaq_json::defs())
            .chain(formats);
        let funs = jaq_core::funs()
            .chain(jaq_std::funs())
            .chain(jaq_json::funs());
        let arena = Arena::default();
        let program = File {
            code: expression,
            path: (),
        };
        let bad = |problem: String| {
            CliError::usage(format!(
                "--jq: `{expression}` is not a jq program: {problem}"
            ))
        };
        let modules = Loader::new(defs)
            .load(&arena, program)
            .map_err(|errors| bad(load_problems(expression, errors)))?;
        let filter = Compiler::default()
            .with_funs(funs)
            .compile(modules)
            .map_err(|errors| {
                let undefined: Vec<String> = errors
                    .into_iter()
                    .flat_map(|(_file, undefined)| undefined)
                    .map(|(name, what)| match what {
                        jaq_core::compile::Undefined::Filter(arity) => {
                            format!("undefined filter `{name}/{arity}`")
                        }
                        other => format!("undefined {} `{name}`", other.as_str()),
                    })
                    .collect();
                bad(undefined.join("; "))
            })?;
        Ok(Self { filter })
    }

    /// Runs the program on `input`; its results in order, or the first runtime error
    /// (exit 1).
    pub fn run(&self, input: &Value) -> Result<Vec<Output>, CliError> {
        let input = jaq_json::read::parse_single(input.to_string().as_bytes())
            .map_err(|e| CliError::Other(anyhow::anyhow!("--jq: cannot read the JSON: {e}")))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut outputs = Vec::new();
        for result in self.filter.id.run((ctx, input)) {
            let value = match result {
                Ok(value) => value,
                Err(exn) => match exn.get_err() {
                    Ok(err) => {
                        return Err(CliError::Other(anyhow::anyhow!("--jq: {err}")));
                    }
                    // `halt` (and `halt_error`) end the output.
                    Err(exn) => match exn.get_halt() {
                        Ok(0) => break,
                        Ok(code) => {
                            return Err(CliError::Other(anyhow::anyhow!(
                                "--jq: the program halted with exit code {code}"
                            )));
                        }
                        Err(_) => break,
                    },
                },
            };
            outputs.push(match value {
                Val::TStr(bytes) | Val::BStr(bytes) => {
                    Output::Raw(String::from_utf8_lossy(&bytes).into_owned())
                }
                other => Output::Json(other.to_string()),
            });
        }
        Ok(outputs)
    }
}

/// The lex and parse errors of a program, each with the character it was found at.
fn load_problems(code: &str, errors: jaq_core::load::Errors<&str, ()>) -> String {
    use jaq_core::load::Error;
    let at = |found: &str| {
        // What the parser points at lies inside `code`: its offset is where it starts.
        let offset = (found.as_ptr() as usize).saturating_sub(code.as_ptr() as usize);
        let column = code
            .get(..offset)
            .map_or(0, |before| before.chars().count())
            + 1;
        let token: String = found.chars().take(10).collect();
        if token.trim().is_empty() {
            format!("at character {column} (the end)")
        } else {
            format!("at character {column} (`{token}`)")
        }
    };
    let mut problems = Vec::new();
    for (_file, error) in errors {
        match error {
            Error::Io(io) => {
                problems.extend(io.into_iter().map(|(path, e)| format!("{path}: {e}")))
            }
            Error::Lex(lex) => {
                problems.extend(lex.into_iter().map(|(expected, found)| {
                    format!("expected {} {}", expected.as_str(), at(found))
                }))
            }
            Error::Parse(parse) => {
                problems.extend(parse.into_iter().map(|(expected, found)| {
                    format!("expected {} {}", expected.as_str(), at(found))
                }))
            }
        }
    }
    problems.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(expression: &str, input: Value) -> Vec<Output> {
        Jq::compile(expression).unwrap().run(&input).unwrap()
    }

    #[test]
    fn strings_are_raw_and_the_rest_compact_json_one_per_result() {
        let sessions = json!([
            {"user_id": "u1", "duration": 60, "vm": {"name": "a"}},
            {"user_id": "u2", "duration": 90, "vm": {"name": "b"}}
        ]);
        assert_eq!(
            run(".[].user_id", sessions.clone()),
            [Output::Raw("u1".into()), Output::Raw("u2".into())]
        );
        assert_eq!(
            run(".[0]", sessions.clone()),
            [Output::Json(
                r#"{"user_id":"u1","duration":60,"vm":{"name":"a"}}"#.into()
            )]
        );
        assert_eq!(
            run("map(.duration) | add, length", sessions.clone()),
            [Output::Json("150".into()), Output::Json("2".into())]
        );
        assert_eq!(
            run(
                r#".[] | select(.duration > 60) | "\(.user_id) \(.vm.name)""#,
                sessions
            ),
            [Output::Raw("u2 b".into())]
        );
        assert_eq!(run("empty", json!(null)), []);
        // jq's @csv and @tsv.
        let row = json!(["a,b", "say \"hi\"", 3, null, true, "tab\there\\"]);
        assert_eq!(
            run("@csv", row.clone()),
            [Output::Raw(
                "\"a,b\",\"say \"\"hi\"\"\",3,,true,\"tab\there\\\"".into()
            )]
        );
        assert_eq!(
            run("@tsv", row),
            [Output::Raw(
                "a,b\tsay \"hi\"\t3\t\ttrue\ttab\\there\\\\".into()
            )]
        );
        assert!(Jq::compile("@csv").unwrap().run(&json!([[1]])).is_err());
        // The standard library is there: regexes, dates.
        assert_eq!(
            run(r#"test("^lab_[0-9a-f]+$")"#, json!("lab_3f9a")),
            [Output::Json("true".into())]
        );
        assert_eq!(
            run(r#"fromdate"#, json!("2026-11-20T10:00:00Z")),
            [Output::Json("1795168800".into())]
        );
    }

    #[test]
    fn a_bad_expression_is_a_usage_error_naming_the_problem() {
        for (expression, problem) in [
            (".[", "expected"),
            (".foo |", "expected term"),
            ("{a: }", "expected"),
            ("nosuchfilter", "undefined filter `nosuchfilter/0`"),
            ("$x", "undefined variable"),
            ("", "expected term"),
        ] {
            let err = Jq::compile(expression).unwrap_err();
            assert_eq!(
                err.exit_status(),
                crate::exit::ExitStatus::Usage,
                "{expression}"
            );
            let text = err.to_string();
            assert!(
                text.starts_with(&format!("--jq: `{expression}` is not a jq program: ")),
                "{text}"
            );
            assert!(text.contains(problem), "{expression}: {text}");
        }
        let at = Jq::compile(".a | (.b").unwrap_err().to_string();
        assert!(at.contains("at character"), "{at}");
    }

    #[test]
    fn a_runtime_error_is_a_failure() {
        let err = Jq::compile(".foo")
            .unwrap()
            .run(&json!([1, 2]))
            .unwrap_err();
        assert_eq!(err.exit_status(), crate::exit::ExitStatus::Failure);
        assert!(err.to_string().starts_with("--jq: "), "{err}");
        assert!(
            Jq::compile("error(\"boom\")")
                .unwrap()
                .run(&json!(1))
                .unwrap_err()
                .to_string()
                .contains("boom")
        );
    }
}
