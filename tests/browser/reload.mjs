// What only a browser shows about `handbook serve`: an edit reloads the tab at the
// same scroll position, a CSS edit swaps the stylesheet without a reload, a broken
// file shows the overlay and fixing it clears it.
//
// Needs a built binary and Chromium:
//   cargo build && (cd tests/browser && npm ci && node reload.mjs)
// HANDBOOK_BIN and CHROMIUM override where they are looked for.

import { chromium } from "playwright-core";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { once } from "node:events";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.HANDBOOK_BIN ?? join(process.env.CARGO_TARGET_DIR ?? join(repo, "target"), "debug", "handbook");
const timeout = 20000;

const site = mkdtempSync(join(tmpdir(), "handbook-browser-"));
cpSync(join(repo, "tests", "fixtures", "serve-site"), site, { recursive: true });
if (existsSync(join(repo, "themes", "default"))) {
  cpSync(join(repo, "themes", "default"), join(site, "themes", "default"), { recursive: true });
}
const chapter = join(site, "content", "fi", "ohje.md");
const long = Array.from({ length: 150 }, (_, i) => `Kappale ${i}.`).join("\n\n");
writeFileSync(chapter, readFileSync(chapter, "utf8") + "\n" + long + "\n");

const server = spawn(bin, ["serve", "--port", "0", "--root", site], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("serve printed no URL")), timeout);
  let out = "";
  server.stdout.on("data", (chunk) => {
    out += chunk;
    const m = out.match(/Serving the handbook on (http:\/\/\S+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
});

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
let failed = false;
const check = (ok, what) => { console.log(`${ok ? "ok" : "FAILED"}: ${what}`); if (!ok) failed = true; };
try {
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  page.setDefaultTimeout(timeout);
  await page.goto(base + "fi/ohje.html");
  await page.waitForFunction(() => document.readyState === "complete");
  await page.evaluate(() => { window.scrollTo(0, 700); window.__handbookMarker = "before"; });
  // Let the event stream connect before editing.
  await page.waitForTimeout(300);

  writeFileSync(chapter, readFileSync(chapter, "utf8").replace("Kappale 3.", "Kappale kolme."));
  await page.waitForFunction(() => document.body.innerText.includes("Kappale kolme."));
  await page.waitForFunction(() => window.scrollY > 0);
  check(await page.evaluate(() => window.__handbookMarker === undefined), "a body edit reloads the page");
  check(Math.abs((await page.evaluate(() => window.scrollY)) - 700) < 5, "the reload keeps the scroll position");

  const href = await page.evaluate(() => document.querySelector('link[rel~="stylesheet"]')?.getAttribute("href"));
  const css = href && findThemeFile(new URL(href, page.url()).pathname.replace(/^\//, ""));
  check(Boolean(css), `the page's stylesheet (${href}) comes from the theme`);
  if (css) {
    await page.evaluate(() => { window.__handbookMarker = "css"; });
    writeFileSync(css, readFileSync(css, "utf8") + "\nbody { background-color: rgb(1, 2, 3) !important; }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === "rgb(1, 2, 3)");
    check(await page.evaluate(() => window.__handbookMarker === "css"), "a CSS edit applies without a reload");
  }

  const good = readFileSync(chapter, "utf8");
  writeFileSync(chapter, good.replace("title: Ohje", "title: [Ohje"));
  await page.waitForSelector("#handbook-overlay");
  const overlay = await page.textContent("#handbook-overlay");
  check(/content\/fi\/ohje\.md:\d+/.test(overlay), "a broken file shows the overlay with path:line");
  check(await page.evaluate(() => document.body.innerText.includes("Kappale kolme.")), "the last good page is still shown");
  writeFileSync(chapter, good);
  await page.waitForSelector("#handbook-overlay", { state: "detached" });
  check(true, "fixing the file clears the overlay");
} catch (e) {
  check(false, String(e));
} finally {
  await browser.close();
  server.kill("SIGINT");
  await Promise.race([once(server, "exit"), new Promise((r) => setTimeout(r, 5000))]);
  rmSync(site, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// The theme file an output key comes from: the one whose path the key ends with.
function findThemeFile(key) {
  const walk = (dir) => readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  const themes = join(site, "themes");
  if (!existsSync(themes)) return null;
  return walk(themes).find((p) => key.endsWith(p.slice(p.indexOf("/static/") + "/static/".length))) ?? null;
}
