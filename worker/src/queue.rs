//! The Cloudflare Queue behind [`labs_engine::queue::Queue`], and the consumer's side of a
//! delivered batch.
//!
//! Bodies travel as text (the engine's JSON), so a message reads the same in the dashboard
//! and in the consumer. A platform error is reported without its details beyond the
//! message the runtime gives, which names the queue operation, never a secret.

use labs_engine::queue::{Fate, Queue};
use wasm_bindgen::{JsCast, JsValue};
use worker::{MessageBatch, MessageExt};

/// The `CLEANUP_QUEUE` producer binding.
pub struct CleanupQueue(pub worker::Queue);

impl Queue for CleanupQueue {
    async fn send(&self, bodies: &[String]) -> Result<(), String> {
        // `sendBatch([{body, contentType: "text"}, ...])`, built directly: the worker
        // crate's builders go through serde-wasm-bindgen, which costs wasm size.
        let messages = js_sys::Array::new();
        for body in bodies {
            let message = js_sys::Object::new();
            let set =
                |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &key.into(), value);
            set("body", &JsValue::from_str(body))
                .and_then(|_| set("contentType", &JsValue::from_str("text")))
                .map_err(|_| "queue send failed: a message could not be built".to_owned())?;
            messages.push(&message);
        }
        let queue: &worker::worker_sys::Queue = self.0.as_ref().unchecked_ref();
        let sent = queue
            .send_batch(messages, JsValue::UNDEFINED)
            .map_err(|e| format!("queue send failed: {}", describe(&e)))?;
        js_sys::futures::JsFuture::from(sent)
            .await
            .map(|_| ())
            .map_err(|e| format!("queue send failed: {}", describe(&e)))
    }
}

/// A JavaScript error's message (the runtime's words about the queue operation).
fn describe(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "the runtime refused it".into())
}

/// A delivered batch's bodies as the engine reads them: as text (a body someone sent as JSON
/// is read as its JSON text).
pub fn bodies(batch: &MessageBatch<JsValue>) -> Vec<String> {
    batch
        .raw_iter()
        .map(|m| {
            let body = m.body();
            body.as_string().unwrap_or_else(|| {
                js_sys::JSON::stringify(&body)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_default()
            })
        })
        .collect()
}

/// Acknowledges or retries each message of `batch` as the engine decided.
pub fn settle(batch: &MessageBatch<JsValue>, fates: &[Fate]) {
    for (message, fate) in batch.raw_iter().zip(fates) {
        match fate {
            Fate::Ack => message.ack(),
            Fate::Retry => message.retry(),
        }
    }
}
