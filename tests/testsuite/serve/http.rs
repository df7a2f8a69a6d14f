//! The server over raw HTTP: an edit is announced, then served; a broken file
//! shows the overlay over the last good build; nothing outside the output is
//! served, however the path is spelled.

use super::preview::Preview;
use std::time::Duration;

#[test]
fn an_edit_is_announced_then_served() {
    let preview = Preview::start("serve-site");
    let (status, page) = preview.get("/fi/ohje.html");
    assert_eq!(status, 200);
    assert!(page.contains("Alkuperäinen teksti."), "{page}");
    assert!(
        page.contains("/__handbook/reload.js"),
        "reload script injected"
    );

    let events = preview.events();
    let text = preview.read("content/fi/ohje.md");
    preview.write(
        "content/fi/ohje.md",
        &text.replace("Alkuperäinen", "Muokattu"),
    );
    let change = events.next("change");
    assert!(change.contains("\"fi/ohje.html\""), "{change}");
    assert!(change.contains("\"errors\":false"), "{change}");

    let (status, page) = preview.get("/fi/ohje.html");
    assert_eq!(status, 200);
    assert!(page.contains("Muokattu teksti."), "{page}");
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_build() {
    let preview = Preview::start("serve-site");
    let events = preview.events();
    let good = preview.read("content/fi/ohje.md");
    preview.write(
        "content/fi/ohje.md",
        &good.replace("title: Ohje", "title: [Ohje\nweight: <b>"),
    );
    let change = events.next("change");
    assert!(change.contains("\"errors\":true"), "{change}");

    for path in ["/fi/ohje.html", "/en/ohje.html", "/fi/"] {
        let (status, page) = preview.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("id=\"handbook-overlay\""), "{path}: {page}");
        assert!(page.contains("content/fi/ohje.md:"), "{path}: {page}");
    }
    let (_, page) = preview.get("/fi/ohje.html");
    assert!(
        page.contains("Alkuperäinen teksti."),
        "old page still served"
    );

    preview.write("content/fi/ohje.md", &good);
    let change = events.next("change");
    assert!(change.contains("\"errors\":false"), "{change}");
    let (_, page) = preview.get("/fi/ohje.html");
    assert!(!page.contains("handbook-overlay"), "fixed: no overlay");
}

#[test]
fn nothing_outside_the_output_is_served() {
    let preview = Preview::start("serve-site");
    let outside = preview.site.root.join("secret.txt");
    std::fs::write(&outside, "SECRET").expect("write");
    let events = preview.events();
    #[cfg(unix)]
    {
        let link = preview.site.root.join("content/fi/secret.txt");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        // Whether the build refuses the link or leaves it out, it has seen it once a
        // later edit is through.
        let text = preview.read("content/fi/ohje.md");
        preview.write("content/fi/ohje.md", &text.replace("Alkuperäinen", "Uusi"));
        loop {
            let change = events.next("change");
            if change.contains("fi/ohje.html") || change.contains("\"errors\":true") {
                break;
            }
        }
    }
    for path in [
        "/../secret.txt",
        "/fi/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/fi/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/fi%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/fi\\..\\..\\secret.txt",
        "//secret.txt",
        "/fi/secret.txt",
        "/content/site.yaml",
        "/../content/site.yaml",
        "/etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
    ] {
        let (status, body) = preview.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("SECRET"), "{path}");
        assert!(!body.contains("languages:"), "{path}");
    }
    drop(events);
}

#[test]
fn folders_serve_their_index_and_unknown_pages_the_404_page() {
    let preview = Preview::start("serve-site");
    let (status, root) = preview.get("/");
    assert_eq!(status, 200);
    let (status, front) = preview.get("/fi/");
    assert_eq!(status, 200);
    assert!(front.contains("Tervetuloa"), "{front}");
    assert_ne!(root, "");
    let (status, _) = preview.get("/fi");
    assert_eq!(status, 301);
    let (status, page) = preview.get("/fi/ei-ole.html");
    assert_eq!(status, 404);
    assert!(page.contains("/__handbook/reload.js"), "{page}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let mut preview = Preview::start("serve-site");
    let _events = preview.events();
    let status = preview.interrupt();
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(50));
    assert!(preview.printed().iter().any(|l| l == "Stopped."));
}
