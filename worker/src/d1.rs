//! The D1 executor: [`labs_engine::db::Db`] over the `DB` binding.
//!
//! Parameters are checked as the engine's contract says (integers within ±2^53, finite
//! doubles). Each statement (or batch) is one call into JavaScript, which binds the
//! parameters, runs it and hands the rows back as one JSON text that serde_json decodes
//! here (issue 11): reading rows value by value through serde-wasm-bindgen took several
//! crossings between wasm and JavaScript per column, and a copy of its decoder per row type.
//! Numbers keep the rule the native executor copies: a safe integral number reads as an
//! integer, any other number as a double (see the JavaScript below).

use std::fmt::Write as _;

use labs_engine::db::{self, Db, DbError, Outcome, Param, Row, Statement};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use worker::D1Database;
use worker::js_sys::Promise;
use worker::wasm_bindgen_futures::JsFuture;

/// The `DB` binding.
pub struct D1(pub D1Database);

// The JavaScript half: `d1_all` and `d1_batch` resolve to JSON text, `[changes, rows]` per
// statement. JSON.stringify writes an integral double past 2^53 without a fraction, which
// serde_json would read as an integer; the replacer writes it with `.0` (JSON.rawJSON), so it
// reads back as the double D1 returned, as it did through serde-wasm-bindgen.
#[wasm_bindgen(inline_js = r#"
function number(key, v) {
  return typeof v === "number" && Number.isInteger(v) && !Number.isSafeInteger(v)
    && Math.abs(v) < 1e21 && typeof JSON.rawJSON === "function" ? JSON.rawJSON(v + ".0") : v;
}
function answer(r) {
  return [r.meta?.changes ?? 0, r.results ?? []];
}
export async function d1_all(db, sql, params) {
  const r = await db.prepare(sql).bind(...JSON.parse(params)).all();
  return JSON.stringify(answer(r), number);
}
export async function d1_batch(db, statements) {
  const rs = await db.batch(JSON.parse(statements).map(([sql, p]) => db.prepare(sql).bind(...p)));
  return JSON.stringify(rs.map(answer), number);
}
"#)]
extern "C" {
    fn d1_all(db: &JsValue, sql: &str, params: &str) -> Promise;
    fn d1_batch(db: &JsValue, statements: &str) -> Promise;
}

fn refuse_transaction_control(statement: &Statement) -> Result<(), DbError> {
    if db::is_transaction_control(&statement.sql) {
        return Err(DbError(
            "D1 has no interactive transactions; use a batch".into(),
        ));
    }
    Ok(())
}

/// Appends the statement's parameters as a JSON array (checked first).
fn write_params(out: &mut String, statement: &Statement) -> Result<(), DbError> {
    out.push('[');
    for (i, param) in statement.params.iter().enumerate() {
        db::check_param(i + 1, param)?;
        if i > 0 {
            out.push(',');
        }
        match param {
            Param::Null => out.push_str("null"),
            Param::Int(v) => {
                let _ = write!(out, "{v}");
            }
            // Finite (checked): the shortest text that reads back as the same double.
            Param::Real(v) => out.push_str(
                &serde_json::Number::from_f64(*v)
                    .map_or_else(|| "null".to_owned(), |n| n.to_string()),
            ),
            Param::Text(v) => write_json_string(out, v),
        }
    }
    out.push(']');
    Ok(())
}

fn write_json_string(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).expect("a string always serializes"));
}

async fn text(promise: Promise) -> Result<String, DbError> {
    let value = JsFuture::from(promise)
        .await
        .map_err(|e| DbError(worker::Error::from(e).to_string()))?;
    value
        .dyn_into::<worker::js_sys::JsString>()
        .map(String::from)
        .map_err(|_| DbError("D1 answered something other than text".into()))
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, DbError> {
    serde_json::from_str(text).map_err(|e| DbError(format!("row does not decode: {e}")))
}

impl Db for D1 {
    // Typed reads (`all`, `first`) use the trait's own: rows as JSON values, then
    // `decode_row`. Decoding the text straight into each row type would save that step but
    // cost 14 KB of wasm (a serde_json text parser per row type).
    async fn execute(&self, statement: Statement) -> Result<Outcome, DbError> {
        refuse_transaction_control(&statement)?;
        let mut params = String::new();
        write_params(&mut params, &statement)?;
        let (changes, rows): (u64, Vec<Row>) =
            decode(&text(d1_all(self.0.as_ref(), &statement.sql, &params)).await?)?;
        Ok(Outcome { rows, changes })
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<Outcome>, DbError> {
        let mut list = String::from("[");
        for (i, statement) in statements.iter().enumerate() {
            refuse_transaction_control(statement)?;
            if i > 0 {
                list.push(',');
            }
            list.push('[');
            write_json_string(&mut list, &statement.sql);
            list.push(',');
            write_params(&mut list, statement)?;
            list.push(']');
        }
        list.push(']');
        let answers: Vec<(u64, Vec<Row>)> = decode(&text(d1_batch(self.0.as_ref(), &list)).await?)?;
        Ok(answers
            .into_iter()
            .map(|(changes, rows)| Outcome { rows, changes })
            .collect())
    }
}
