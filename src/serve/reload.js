// handbook serve: live reload. Injected only while serving, never into built files.
(() => {
  "use strict";
  const scrollKey = "handbook-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved !== null) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = saved.split(",").map(Number);
    // Instantly: a theme's `scroll-behavior: smooth` would replay the scroll from
    // the top on every save.
    const restore = () => window.scrollTo({ left: x, top: y, behavior: "instant" });
    if (document.readyState === "complete") restore();
    else addEventListener("load", restore);
  }

  // The output key of a URL on this server: "/fi/" -> "fi/index.html".
  const keyOf = (href) => {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return null;
    let path = decodeURIComponent(url.pathname).replace(/^\//, "");
    if (path === "" || path.endsWith("/")) path += "index.html";
    return path;
  };
  const reload = () => {
    sessionStorage.setItem(scrollKey, window.scrollX + "," + window.scrollY);
    location.reload();
  };
  const showsOverlay = () => document.getElementById("handbook-overlay") !== null;
  const stylesheets = () =>
    Array.from(document.querySelectorAll('link[rel~="stylesheet"][href]'));
  const resources = () =>
    Array.from(document.querySelectorAll("script[src], img[src], link[href]:not([rel~='stylesheet'])"))
      .map((el) => keyOf(el.getAttribute("src") || el.getAttribute("href")));

  // Swaps a changed stylesheet in place: the new one loads before the old one goes,
  // so the page never shows unstyled.
  const swapStylesheets = (changed) => {
    for (const link of stylesheets()) {
      if (!changed.has(keyOf(link.href))) continue;
      const fresh = link.cloneNode();
      const url = new URL(link.href);
      url.searchParams.set("handbook-reload", Date.now().toString());
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => fresh.remove());
      link.after(fresh);
    }
  };

  const apply = (msg) => {
    if (msg.errors !== showsOverlay()) return reload();
    const changed = new Set(msg.changed);
    if (changed.size === 0) return;
    if (changed.has(keyOf(location.href))) return reload();
    if (resources().some((key) => changed.has(key))) return reload();
    swapStylesheets(changed);
  };

  let build = null;
  let retry = 250;
  const connect = () => {
    const events = new EventSource("/__handbook/events");
    events.addEventListener("hello", (e) => {
      retry = 250;
      const msg = JSON.parse(e.data);
      const restarted = build !== null && msg.build !== build;
      build = msg.build;
      if (restarted || msg.errors !== showsOverlay()) reload();
    });
    events.addEventListener("change", (e) => {
      const msg = JSON.parse(e.data);
      build = msg.build;
      apply(msg);
    });
    // Browsers give up on a stream whose server is gone; try again, slower each time,
    // so a restarted `handbook serve` picks the tab up again.
    events.addEventListener("error", () => {
      if (events.readyState !== EventSource.CLOSED) return;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    });
  };
  connect();
})();
