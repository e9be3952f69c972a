//! The D1 executor: [`labs_engine::db::Db`] over the `DB` binding.
//!
//! Parameters are checked as the engine's contract says (integers within ±2^53, finite
//! doubles) and bound as JavaScript values; rows come back through serde-wasm-bindgen,
//! which reads safe integers as integers and other numbers as doubles — the rule the
//! native executor copies.

use labs_engine::db::{self, Db, DbError, Outcome, Param, Row, Statement};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, D1Result};

/// The `DB` binding.
pub struct D1(pub D1Database);

fn js(index: usize, param: &Param) -> Result<JsValue, DbError> {
    db::check_param(index, param)?;
    Ok(match param {
        Param::Null => JsValue::NULL,
        Param::Int(v) => JsValue::from_f64(*v as f64),
        Param::Real(v) => JsValue::from_f64(*v),
        Param::Text(v) => JsValue::from_str(v),
    })
}

fn error(e: worker::Error) -> DbError {
    DbError(e.to_string())
}

impl D1 {
    fn prepare(&self, statement: &Statement) -> Result<D1PreparedStatement, DbError> {
        if db::is_transaction_control(&statement.sql) {
            return Err(DbError(
                "D1 has no interactive transactions; use a batch".into(),
            ));
        }
        let params = statement
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| js(i + 1, p))
            .collect::<Result<Vec<_>, _>>()?;
        self.0
            .prepare(statement.sql.as_str())
            .bind(&params)
            .map_err(error)
    }
}

fn outcome(result: &D1Result) -> Result<Outcome, DbError> {
    let rows: Vec<Row> = result.results().map_err(error)?;
    let changes = result
        .meta()
        .map_err(error)?
        .and_then(|m| m.changes)
        .unwrap_or(0) as u64;
    Ok(Outcome { rows, changes })
}

impl Db for D1 {
    async fn execute(&self, statement: Statement) -> Result<Outcome, DbError> {
        let result = self.prepare(&statement)?.all().await.map_err(error)?;
        outcome(&result)
    }

    // Typed reads decode D1's rows straight into `T`, without a JSON value between: less
    // work per row and less code in the wasm. The rules are serde-wasm-bindgen's either way.
    async fn all<T: DeserializeOwned>(&self, statement: Statement) -> Result<Vec<T>, DbError> {
        let result = self.prepare(&statement)?.all().await.map_err(error)?;
        result.results().map_err(error)
    }

    async fn first<T: DeserializeOwned>(&self, statement: Statement) -> Result<Option<T>, DbError> {
        let result = self.prepare(&statement)?.all().await.map_err(error)?;
        Ok(result.results().map_err(error)?.into_iter().next())
    }

    async fn batch(&self, statements: Vec<Statement>) -> Result<Vec<Outcome>, DbError> {
        let prepared = statements
            .iter()
            .map(|s| self.prepare(s))
            .collect::<Result<Vec<_>, _>>()?;
        let results = self.0.batch(prepared).await.map_err(error)?;
        results.iter().map(outcome).collect()
    }
}
