//! The Cloudflare Queue behind [`labs_engine::queue::Queue`], and the consumer's side of a
//! delivered batch.
//!
//! Bodies travel as text (the engine's JSON), so a message reads the same in the dashboard
//! and in the consumer. A platform error is reported without its details beyond the
//! message the runtime gives, which names the queue operation, never a secret.

use labs_engine::queue::{Fate, Queue};
use wasm_bindgen::JsValue;
use worker::{MessageBatch, MessageExt, QueueContentType, RawMessageBuilder};

/// The `CLEANUP_QUEUE` producer binding.
pub struct CleanupQueue(pub worker::Queue);

impl Queue for CleanupQueue {
    async fn send(&self, bodies: &[String]) -> Result<(), String> {
        let messages: Vec<_> = bodies
            .iter()
            .map(|body| {
                RawMessageBuilder::new(JsValue::from_str(body))
                    .build_with_content_type(QueueContentType::Text)
            })
            .collect();
        self.0
            .send_raw_batch(messages)
            .await
            .map_err(|e| format!("queue send failed: {e}"))
    }
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
