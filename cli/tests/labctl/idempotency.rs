//! `labctl session create` and its `Idempotency-Key`: 20 concurrent creates with one key
//! make one session and get one answer; a key reused with another body is a conflict
//! (exit 5) and a rerun with the same body gets the first answer; a create whose answer was
//! lost (a proxy forwards it, then drops the connection) is retried with the same key and
//! prints the first create's answer.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::Stdio;
use std::sync::{Arc, Mutex};

use labs_e2e::{session_body, unique_user};
use serde_json::{Value, json};

use crate::util::{Sandbox, json, stderr, stdout, worker};

/// `labctl session create --file - --json` with `body` on stdin and `extra` arguments,
/// against the shared Worker.
fn create(sb: &Sandbox, body: &Value, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["session", "create", "--file", "-", "--json"];
    args.extend_from_slice(extra);
    sb.on_worker(&args)
        .write_stdin(body.to_string())
        .output()
        .unwrap()
}

#[test]
fn twenty_concurrent_creates_with_one_key_make_one_session_and_one_answer() {
    let sb = Sandbox::new();
    let w = worker();
    // 20 labctl processes at once, one key, one body.
    let user = unique_user("cli-idem-20");
    let key = format!("key-{user}");
    let file = sb.write("create.json", &session_body(&user).to_string());
    let bin = assert_cmd::cargo::cargo_bin("labctl");
    let children: Vec<_> = (0..20)
        .map(|_| {
            sb.program(bin.as_os_str())
                .args(["session", "create", "--file", file.to_str().unwrap()])
                .args(["--idempotency-key", &key, "--json"])
                .env("LABCTL_URL", w.url())
                .env("LABCTL_TOKEN", w.token())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outputs: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect();
    for out in &outputs {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(out));
        assert_eq!(stdout(out), stdout(&outputs[0]), "one answer for all");
    }
    let session = json(&outputs[0]);
    assert_eq!(session["user_id"], json!(user));
    let stored = w.session(&user).expect("the session exists");
    assert_eq!(
        stored["id"], session["id"],
        "exactly the session they all got"
    );
    assert_eq!(stored["created_at"], session["created_at"]);

    // 20 raw requests at once: the same status and the same body, byte for byte.
    let user = unique_user("cli-idem-raw");
    let key = format!("key-{user}");
    let body = session_body(&user);
    let answers: Vec<(u16, String)> = std::thread::scope(|s| {
        let threads: Vec<_> = (0..20)
            .map(|_| {
                s.spawn(|| {
                    let resp = w
                        .request("POST", "/api/v1/labs/sessions")
                        .header("Idempotency-Key", &key)
                        .json(&body)
                        .send();
                    (resp.status, resp.text)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });
    for answer in &answers {
        assert_eq!(answer, &answers[0]);
    }
    assert_eq!(answers[0].0, 201, "{}", answers[0].1);
    let data: Value = serde_json::from_str(&answers[0].1).unwrap();
    assert_eq!(
        w.session(&user).expect("the session exists")["id"],
        data["data"]["id"]
    );
}

#[test]
fn a_key_reused_with_another_body_is_a_conflict_and_a_rerun_gets_the_first_answer() {
    let sb = Sandbox::new();
    let user = unique_user("cli-idem-reuse");
    let key = format!("key-{user}");
    let body = session_body(&user);
    let first = create(&sb, &body, &["--idempotency-key", &key]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));

    // The whole command run again: the same key, the same body, the first answer.
    let again = create(&sb, &body, &["--idempotency-key", &key]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));
    // Without the key, a second create is the ordinary conflict.
    assert_eq!(create(&sb, &body, &[]).status.code(), Some(5));

    // Another body with the key: 422 from the Worker, exit 5 (conflict), a clear report.
    let mut other = body.clone();
    other["duration"] = json!(15);
    let reused = create(&sb, &other, &["--idempotency-key", &key]);
    assert_eq!(reused.status.code(), Some(5), "{}", stderr(&reused));
    assert_eq!(stdout(&reused), "");
    let report = stderr(&reused);
    assert!(
        report.starts_with(
            "error: This Idempotency-Key was used with a different request body; use a new key\n\
             hint: an idempotency key answers one request only"
        ),
        "{report}"
    );
    assert!(
        report.contains("--activated-at and --validation"),
        "{report}"
    );

    // A key the Worker would refuse is refused here, before any request.
    let empty = create(&sb, &body, &["--idempotency-key", ""]);
    assert_eq!(empty.status.code(), Some(2), "{}", stderr(&empty));
    let long = "k".repeat(256);
    let too_long = create(&sb, &body, &["--idempotency-key", &long]);
    assert_eq!(too_long.status.code(), Some(2));
    assert!(
        stderr(&too_long).contains("at most 255"),
        "{}",
        stderr(&too_long)
    );
}

/// A proxy in front of the Worker that forwards the first request and reads its answer, but
/// closes the client's connection instead of passing the answer on; then forwards
/// everything. It records every request it saw and the answer it withheld.
struct LosesFirstAnswer {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
    withheld: Arc<Mutex<Option<String>>>,
}

impl LosesFirstAnswer {
    fn start(upstream: &str) -> Self {
        let upstream: SocketAddr = upstream
            .trim_start_matches("http://")
            .parse()
            .expect("the Worker's address");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let withheld = Arc::new(Mutex::new(None));
        let (seen, kept) = (Arc::clone(&requests), Arc::clone(&withheld));
        std::thread::spawn(move || {
            for client in listener.incoming().map_while(Result::ok) {
                let (seen, kept) = (Arc::clone(&seen), Arc::clone(&kept));
                std::thread::spawn(move || {
                    let _ = relay(client, upstream, &seen, &kept);
                });
            }
        });
        Self {
            addr,
            requests,
            withheld,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Relays one client connection, request by request.
fn relay(
    client: TcpStream,
    upstream: SocketAddr,
    seen: &Mutex<Vec<String>>,
    withheld: &Mutex<Option<String>>,
) -> std::io::Result<()> {
    let server = TcpStream::connect(upstream)?;
    let mut from_client = BufReader::new(client.try_clone()?);
    let mut from_server = BufReader::new(server.try_clone()?);
    let (mut to_client, mut to_server) = (client, server);
    while let Some(request) = read_message(&mut from_client)? {
        let first = {
            let mut seen = seen.lock().unwrap();
            seen.push(String::from_utf8_lossy(&request).into_owned());
            seen.len() == 1
        };
        to_server.write_all(&request)?;
        let Some(answer) = read_message(&mut from_server)? else {
            break;
        };
        if first {
            *withheld.lock().unwrap() = Some(String::from_utf8_lossy(&answer).into_owned());
            // The answer is lost on its way back.
            to_client.shutdown(Shutdown::Both)?;
            return Ok(());
        }
        to_client.write_all(&answer)?;
    }
    Ok(())
}

/// Reads one HTTP/1.1 message (head and body, by `Content-Length` or chunked); `None` at
/// the end of the stream.
fn read_message(reader: &mut BufReader<TcpStream>) -> std::io::Result<Option<Vec<u8>>> {
    let mut message = Vec::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        message.extend_from_slice(&line);
        if line == b"\r\n" {
            break;
        }
    }
    let head = String::from_utf8_lossy(&message).to_ascii_lowercase();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            l.strip_prefix(&format!("{name}:"))
                .map(|v| v.trim().to_owned())
        })
    };
    if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        loop {
            let mut size_line = Vec::new();
            reader.read_until(b'\n', &mut size_line)?;
            message.extend_from_slice(&size_line);
            let size_text = String::from_utf8_lossy(&size_line);
            let size = usize::from_str_radix(size_text.trim().split(';').next().unwrap_or(""), 16)
                .map_err(std::io::Error::other)?;
            if size == 0 {
                // Trailers, then the empty line.
                loop {
                    let mut line = Vec::new();
                    reader.read_until(b'\n', &mut line)?;
                    message.extend_from_slice(&line);
                    if line == b"\r\n" || line.is_empty() {
                        break;
                    }
                }
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            message.extend_from_slice(&chunk);
        }
    } else if let Some(length) = header("content-length").and_then(|v| v.parse::<usize>().ok()) {
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        message.extend_from_slice(&body);
    }
    Ok(Some(message))
}

/// The value of header `name` in a raw request.
fn header_of(request: &str, name: &str) -> Option<String> {
    request.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
    })
}

/// The JSON body of a raw HTTP message (after its head), decoding a chunked one.
fn body_of(message: &str) -> Value {
    let (head, body) = message.split_once("\r\n\r\n").expect("a head");
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut text = String::new();
        let mut rest = body;
        while let Some((size, after)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16).unwrap();
            if size == 0 {
                break;
            }
            text.push_str(&after[..size]);
            rest = &after[size + 2..];
        }
        text
    } else {
        body.to_owned()
    };
    serde_json::from_str(&body).expect("a JSON body")
}

#[test]
fn a_create_whose_answer_was_lost_is_retried_with_the_same_key() {
    let w = worker();
    let proxy = LosesFirstAnswer::start(w.url());
    let sb = Sandbox::new();
    let user = unique_user("cli-idem-lost");
    let out = sb
        .labctl(&["session", "create", "--file", "-", "--json", "-v"])
        .env("LABCTL_URL", proxy.url())
        .env("LABCTL_TOKEN", w.token())
        .write_stdin(session_body(&user).to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // The Worker saw the create twice, with one key and one body.
    let requests = proxy.requests();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let keys: Vec<Option<String>> = requests
        .iter()
        .map(|r| header_of(r, "Idempotency-Key"))
        .collect();
    let key = keys[0].clone().expect("an Idempotency-Key header");
    assert_eq!(
        keys[1].as_deref(),
        Some(&*key),
        "the same key: {requests:?}"
    );
    assert!(
        requests
            .iter()
            .all(|r| r.starts_with("POST /api/v1/labs/sessions "))
    );
    assert_eq!(
        body_of(&requests[0]),
        body_of(&requests[1]),
        "the same body"
    );
    assert!(
        stderr(&out).contains(&format!("the same Idempotency-Key {key}")),
        "{}",
        stderr(&out)
    );

    // labctl printed the first create's answer, which the proxy had withheld; one session.
    let withheld = proxy
        .withheld
        .lock()
        .unwrap()
        .clone()
        .expect("an answer withheld");
    assert!(withheld.starts_with("HTTP/1.1 201"), "{withheld}");
    let first = body_of(&withheld)["data"].clone();
    assert_eq!(json(&out), first);
    assert_eq!(w.session(&user).expect("one session")["id"], first["id"]);
    // Through the proxy, now relaying, a second create is the ordinary conflict (no second
    // lab), and it sent a key of its own: fresh for each run.
    let again = sb
        .labctl(&["session", "create", "--file", "-"])
        .env("LABCTL_URL", proxy.url())
        .env("LABCTL_TOKEN", w.token())
        .write_stdin(session_body(&user).to_string())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(5), "{}", stderr(&again));
    let requests = proxy.requests();
    let third = header_of(&requests[2], "Idempotency-Key").expect("a key");
    assert_ne!(third, key, "a fresh key per run");
    assert_eq!(third.len(), 36, "UUID-like: {third}");
}
