//! A small Chrome DevTools Protocol client for the browser tests (search box, live
//! reload), speaking to headless Chromium over `--remote-debugging-pipe`: JSON
//! messages separated by NUL bytes on file descriptors 3 (to the browser) and 4
//! (from it).
//!
//! Without Chromium the browser tests print why and pass, except on CI
//! (`CI=true`), where a missing browser is a failure: see [`browser`].
//!
//! Why not a crate: `headless_chrome` generates the whole protocol at build time and
//! brings a WebSocket stack; the pipe needs no port and no network, and the handful
//! of commands the tests use fit in this file. `sh` hands our stdin/stdout pipes to
//! Chromium as fds 3 and 4, so no unsafe code is needed either.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one protocol command may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A running headless Chromium with one page attached.
pub struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: Receiver<Value>,
    next_id: u64,
    session: String,
    profile: PathBuf,
}

/// A browser for the test `name`, or `None` (after saying why) when Chromium is
/// missing off CI.
pub fn browser(name: &str) -> Option<Browser> {
    let Some(binary) = chromium() else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is missing: apt-get install chromium (or set CHROMIUM)"
        );
        eprintln!("skipping browser test {name}: Chromium is not installed");
        return None;
    };
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-{name}"));
    let _ = std::fs::create_dir_all(&scratch);
    Some(Browser::launch(&binary, &scratch).unwrap_or_else(|e| panic!("{e}")))
}

/// The Chromium binary, if installed.
pub fn chromium() -> Option<PathBuf> {
    let from_env = std::env::var_os("CHROMIUM").map(PathBuf::from);
    let candidates = [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ];
    from_env
        .into_iter()
        .chain(candidates.iter().map(PathBuf::from))
        .find(|p| p.is_file())
}

impl Browser {
    /// Starts Chromium with a fresh profile in `scratch` and opens a blank page.
    pub fn launch(binary: &Path, scratch: &Path) -> Result<Browser, String> {
        let profile = scratch.join("chromium-profile");
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).map_err(|e| format!("{}: {e}", profile.display()))?;
        let log = std::fs::File::create(scratch.join("chromium.log")).map_err(|e| e.to_string())?;
        let mut child = Command::new("sh")
            .arg("-c")
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 0</dev/null 1>&2")
            .arg(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--remote-debugging-pipe",
                "--window-size=1200,900",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let (Some(to_browser), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("no pipes to Chromium".to_owned());
        };
        let (tx, from_browser) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                buf.pop_if(|b| *b == 0);
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    break;
                }
                buf.clear();
            }
        });
        let mut browser = Browser {
            child,
            to_browser,
            from_browser,
            next_id: 0,
            session: String::new(),
            profile,
        };
        let target = browser.browser_call("Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"].as_str().unwrap_or_default().to_owned();
        let attached = browser.browser_call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        browser.call("Page.enable", json!({}))?;
        Ok(browser)
    }

    fn send(
        &mut self,
        method: &str,
        params: Value,
        session: Option<&str>,
    ) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).map_err(|e| e.to_string())?;
        bytes.push(0);
        self.to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
            .map_err(|e| format!("{method}: cannot write to Chromium: {e}"))?;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from_browser.recv_timeout(left) {
                Ok(v) if v["id"] == json!(id) => {
                    if let Some(err) = v.get("error") {
                        return Err(format!("{method}: {err}"));
                    }
                    return Ok(v["result"].clone());
                }
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => return Err(format!("{method}: no answer")),
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(format!("{method}: Chromium is gone"));
                }
            }
        }
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(method, params, None)
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    /// Evaluates a JavaScript expression in the page, awaiting a promise, and
    /// returns its value.
    pub fn eval(&mut self, expression: &str) -> Result<Value, String> {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            return Err(format!("{expression}: {ex}"));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Opens a URL and waits until the page has loaded.
    pub fn goto(&mut self, url: &str) -> Result<(), String> {
        self.call("Page.navigate", json!({"url": url}))?;
        self.wait_for(&format!(
            "document.readyState === 'complete' && location.href.split('#')[0] === {}",
            json!(url.split('#').next().unwrap_or(url))
        ))
    }

    /// Waits until a JavaScript condition holds, for up to 10 s.
    pub fn wait_for(&mut self, condition: &str) -> Result<(), String> {
        self.wait_until(condition, Duration::from_secs(10))
    }

    /// Waits until a JavaScript condition holds, for up to `limit`. A page that is
    /// reloading meanwhile counts as not yet.
    pub fn wait_until(&mut self, condition: &str, limit: Duration) -> Result<(), String> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if self.eval(&format!("!!({condition})")).ok() == Some(json!(true)) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        Err(format!("timed out after {limit:?} waiting for {condition}"))
    }

    /// Clicks the middle of the first element matching a CSS selector.
    pub fn click(&mut self, selector: &str) -> Result<(), String> {
        let rect = self.eval(&format!(
            "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            json!(selector)
        ))?;
        let (x, y) = (
            rect[0].as_f64().unwrap_or(0.0),
            rect[1].as_f64().unwrap_or(0.0),
        );
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            )?;
        }
        Ok(())
    }

    /// Types text character by character, as a person would.
    pub fn type_text(&mut self, text: &str) -> Result<(), String> {
        for c in text.chars() {
            self.call("Input.insertText", json!({"text": c.to_string()}))?;
        }
        Ok(())
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&mut self, path: &Path) -> Result<(), String> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        let data = shot["data"].as_str().unwrap_or_default();
        let bytes = decode_base64(data).ok_or("bad screenshot data")?;
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Presses a named key: ArrowDown, ArrowUp, Enter, Escape.
    pub fn press(&mut self, key: &str) -> Result<(), String> {
        let code = match key {
            "ArrowDown" => 40,
            "ArrowUp" => 38,
            "Enter" => 13,
            "Escape" => 27,
            other => return Err(format!("unknown key {other}")),
        };
        let text = if key == "Enter" { "\r" } else { "" };
        let down = json!({"type": if text.is_empty() { "rawKeyDown" } else { "keyDown" },
            "key": key, "code": key, "windowsVirtualKeyCode": code, "text": text});
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": key, "windowsVirtualKeyCode": code}),
        )?;
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.browser_call("Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Standard base64 without line breaks, as CDP sends binary data.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | u32::from(value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}
