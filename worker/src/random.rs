//! Randomness from the Web Crypto API (`crypto.randomUUID`, `crypto.getRandomValues`).
//!
//! Called through wasm-bindgen rather than `getrandom` so the Worker needs no extra crate
//! and no build flags for randomness.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = randomUUID)]
    fn random_uuid() -> String;

    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// A random (v4) UUID.
pub fn uuid() -> String {
    random_uuid()
}

/// A random number in `[0, 1)`, for backoff jitter.
pub fn unit() -> f64 {
    let mut bytes = [0u8; 8];
    get_random_values(&mut bytes);
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

/// 32 random bytes, for API tokens.
pub fn bytes32() -> [u8; 32] {
    let mut bytes = [0u8; 32];
    get_random_values(&mut bytes);
    bytes
}
