//! `--open`: hands the served URL to the desktop's browser.

use std::process::{Command, Stdio};

/// Opens `url` in the default browser; a failure is only a note, serving goes on.
pub fn open(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = Command::new("cmd");
        // `start` treats its first quoted argument as a window title.
        c.args(["/C", "start", "", url]);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = Command::new("open");
        c.arg(url);
        c
    } else {
        let mut c = Command::new("xdg-open");
        c.arg(url);
        c
    };
    let spawned = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    match spawned {
        // Reap the opener when it exits, so it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => eprintln!("note: could not open a browser ({e}); open {url} yourself."),
    }
}
