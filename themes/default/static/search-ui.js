/*! handbook search box: every page's search form as an ARIA combobox (the WAI-ARIA
 * APG pattern: a combobox with a listbox popup of result links), on top of
 * search.js, which loads and ranks the index (globalThis.__handbookSearch).
 * Arrows move through the results, Enter follows one, Escape closes the list or
 * clears the box; a live region says how many results there are. Results are built
 * as DOM (no innerHTML of content), matched words in <mark>.
 */
(function () {
  "use strict";

  var G = globalThis;
  var H = G.__handbookSearch;
  if (!H || !H.search || typeof document === "undefined") return;
  var A = H.analysis;
  // Words of a snippet shown around its best-matching stretch.
  var SNIPPET_WORDS = 28;

  // ---- Snippets: the best window of a text, matched words marked ----

  /** Whether a word of a result is one the query found (a query word or a key). */
  function isMatch(lang, word, found) {
    var w = A.normalize(lang, word);
    for (var i = 0; i < found.words.length; i++) {
      var q = found.words[i];
      if (w === q || (q.length >= A.MIN_PREFIX && w.indexOf(q) === 0)) return true;
    }
    for (var j = 0; j < found.keys.length; j++) {
      var k = found.keys[j];
      if (A.isFormOf(w, k) || (k.length >= 4 && w.indexOf(k) > 0)) return true;
    }
    return false;
  }

  /** The [from, to) token window of `span` tokens with the most hits. */
  function bestWindow(hits, span) {
    var n = hits.length;
    if (!span || n <= span) return [0, n];
    var bestAt = 0, bestCount = -1, count = 0;
    for (var i = 0; i < n; i++) {
      count += hits[i] ? 1 : 0;
      if (i >= span) count -= hits[i - span] ? 1 : 0;
      if (i >= span - 1 && count > bestCount) { bestCount = count; bestAt = i - span + 1; }
    }
    var from = Math.max(0, Math.min(bestAt - 2, n - span));
    return [from, Math.min(n, from + span)];
  }

  /** Appends text to el with matched words in <mark>; at most `span` words when cut. */
  function marked(lang, el, text, found, span) {
    var toks = A.tokens(text);
    if (!toks.length) { el.appendChild(document.createTextNode(text)); return; }
    var hits = toks.map(function (r) { return isMatch(lang, text.slice(r[0], r[1]), found); });
    var win = bestWindow(hits, span), from = win[0], to = win[1];
    var start = from > 0 ? toks[from][0] : 0, end = to < toks.length ? toks[to - 1][1] : text.length;
    var add = function (s) { el.appendChild(document.createTextNode(s)); };
    if (from > 0) add("… ");
    var pos = start;
    for (var t = from; t < to; t++) {
      if (!hits[t]) continue;
      if (toks[t][0] > pos) add(text.slice(pos, toks[t][0]));
      var m = document.createElement("mark");
      m.textContent = text.slice(toks[t][0], toks[t][1]);
      el.appendChild(m);
      pos = toks[t][1];
    }
    if (end > pos) add(text.slice(pos, end));
    if (to < toks.length) add(" …");
  }

  function span(cls) { var s = document.createElement("span"); s.className = cls; return s; }

  /** One result as an option of the listbox: a link with title, heading, crumb, snippet. */
  function resultLink(lang, r, i, found) {
    var a = document.createElement("a");
    a.id = "search-result-" + i;
    a.className = "search-result";
    a.href = r.href;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    var title = span("search-result__title");
    marked(lang, title, r.title, found, 0);
    if (r.heading) {
      var h = span("search-result__heading");
      h.appendChild(document.createTextNode(" › "));
      marked(lang, h, r.heading, found, 0);
      title.appendChild(h);
    }
    a.appendChild(title);
    if (r.crumb) { var c = span("search-result__crumb"); c.textContent = r.crumb; a.appendChild(c); }
    if (r.text) { var s = span("search-result__snippet"); marked(lang, s, r.text, found, SNIPPET_WORDS); a.appendChild(s); }
    return a;
  }

  // ---- The combobox ----

  /** The state of one search form: its elements, results and the active option. */
  function Box(form, input, list) {
    this.form = form;
    this.input = input;
    this.list = list;
    this.status = form.querySelector("[data-search-status]");
    this.lang = form.getAttribute("data-lang") || document.documentElement.lang;
    this.urls = (form.getAttribute("data-index") || "").split(/\s+/).filter(Boolean).map(function (u) {
      return new URL(u, document.baseURI).href;
    });
    this.seq = 0;
    this.active = -1;
    this.options = [];
    this.announceTimer = 0;
    // "No results" is shown beside the listbox, which may hold options only.
    this.empty = document.createElement("p");
    this.empty.className = "search-results__empty";
    this.empty.hidden = true;
    list.parentNode.insertBefore(this.empty, list.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    list.setAttribute("role", "listbox");
    list.hidden = true;
  }

  /** A UI string of the page's language, from the form's data-text-* attributes. */
  Box.prototype.text = function (name, n) {
    return (this.form.getAttribute("data-text-" + name) || "").replace("{n}", String(n));
  };

  /** Says msg in the live region, after a pause while the user types unless now. */
  Box.prototype.announce = function (msg, now) {
    var status = this.status;
    if (!status) return;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(function () { status.textContent = msg; }, now ? 0 : 400);
  };

  Box.prototype.open = function (on) {
    this.list.hidden = !on;
    if (!on) this.empty.hidden = true;
    this.input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) this.setActive(-1);
  };

  Box.prototype.clear = function () {
    this.list.textContent = "";
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
  };

  Box.prototype.setActive = function (i) {
    var old = this.options[this.active];
    if (old) { old.setAttribute("aria-selected", "false"); old.classList.remove("is-active"); }
    this.active = i;
    var o = this.options[i];
    if (o) {
      o.setAttribute("aria-selected", "true");
      o.classList.add("is-active");
      this.input.setAttribute("aria-activedescendant", o.id);
      if (o.scrollIntoView) o.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  Box.prototype.render = function (out) {
    var self = this, found = { words: out.words, keys: out.keys };
    this.clear();
    out.results.forEach(function (r, i) {
      var a = resultLink(self.lang, r, i, found);
      self.list.appendChild(a);
      self.options.push(a);
    });
    var n = out.results.length;
    this.open(n > 0);
    this.empty.textContent = this.text("no-results", 0);
    this.empty.hidden = n > 0;
    this.announce(n === 0 ? this.text("no-results", 0) : n === 1 ? this.text("one-result", 1) : this.text("results", n));
  };

  /** Loads the index (once; later calls share the first load). */
  Box.prototype.load = function () {
    if (!this.urls.length || !this.lang) return Promise.reject(new Error("no search index"));
    return H.open(this.lang, this.urls);
  };

  /** Searches for the box's text; only the latest search's results are shown. */
  Box.prototype.run = function () {
    var self = this, my = ++this.seq, q = this.input.value;
    if (!q.trim()) { this.clear(); this.open(false); this.announce(""); return; }
    this.load().then(function () { return H.search(self.lang, q, H.MAX_RESULTS); }).then(function (out) {
      if (my === self.seq) self.render(out);
    }, function () {
      if (my === self.seq) { self.clear(); self.open(false); self.announce(self.text("unavailable", 0), true); }
    });
  };

  Box.prototype.key = function (ev) {
    var n = this.options.length, shown = !this.list.hidden;
    if (ev.key === "ArrowDown" || ev.key === "Down") {
      ev.preventDefault();
      if (!shown && this.input.value.trim()) { this.run(); return; }
      if (n) this.setActive(this.active < n - 1 ? this.active + 1 : 0);
    } else if (ev.key === "ArrowUp" || ev.key === "Up") {
      ev.preventDefault();
      if (n && shown) this.setActive(this.active > 0 ? this.active - 1 : n - 1);
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      var o = this.options[this.active] || (shown ? this.options[0] : null);
      if (o) G.location.href = o.href;
    } else if (ev.key === "Escape" || ev.key === "Esc") {
      ev.preventDefault();
      if (shown) this.open(false);
      else { this.input.value = ""; this.clear(); this.announce(""); }
    }
  };

  function setup(form) {
    var input = form.querySelector('input[type="search"]');
    var list = form.querySelector("#search-results") || document.getElementById("search-results");
    if (!input || !list) return;
    var box = new Box(form, input, list);
    var preload = function () { box.load().catch(function () {}); };
    input.addEventListener("focus", preload);
    input.addEventListener("input", function () { box.run(); });
    input.addEventListener("keydown", function (ev) { box.key(ev); });
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("focusout", function (ev) {
      if (!ev.relatedTarget || !form.contains(ev.relatedTarget)) box.open(false);
    });
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    if (document.activeElement === input) { preload(); if (input.value) box.run(); }
  }

  function start() {
    var forms = document.querySelectorAll("form[data-search]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
