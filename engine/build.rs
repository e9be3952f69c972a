//! Embeds the OpenAPI document (generated into `worker/openapi.json` by labs-core's tests)
//! minified: whitespace is a third of the pretty file, and the Worker's size is paid at every
//! cold start.

fn main() {
    let source = std::path::Path::new("../worker/openapi.json");
    println!("cargo::rerun-if-changed={}", source.display());
    let text = std::fs::read_to_string(source).expect("worker/openapi.json is readable");
    let value: serde_json::Value =
        serde_json::from_str(&text).expect("worker/openapi.json is JSON");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("openapi.min.json"), value.to_string()).expect("OUT_DIR is writable");
}
