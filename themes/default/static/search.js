/*! handbook search: the engine behind every page's search box (search-ui.js). Loads
 * a language's index (script files written by src/search/write.rs) when asked
 * (H.open), and ranks pages as src/search/query.rs does (H.search). Works from
 * file:// and offline: no fetch, no WebAssembly, no other host.
 *
 * The index ships stemmed keys; this file never stems. A query is split, lowercased
 * and folded exactly like the indexed text (tokens, normalize), then each word is
 * matched to keys by prefix (matchWeight). Keep every function below marked "mirror"
 * in step with its Rust twin: the browser tests compare the two.
 */
(function () {
  "use strict";

  var G = globalThis;
  var H = G.__handbookSearch || {};
  G.__handbookSearch = H;
  var queued = H.q || [];
  var langs = Object.create(null);
  var FORMAT = 1;
  var MIN_PREFIX = 3, MAX_ENDING = 8, SHORT_STEM_ENDING = 5, FORM_ENDING = 5, MIN_SIBLING = 4;
  var MAX_WORD_LEN = 40, MAX_CANDIDATES = 24, SHORTER_STEM = 0.7;
  var SYNONYM_MATCH = 0.9, PHRASE_MATCH = 0.5, EXACT_MATCH = 0.5, OTHER_TARGETS = 0.35;
  var MAX_RESULTS = 10;

  // ---- Registration: every index file calls H.add(lang, part, data). ----

  function state(lang) {
    return langs[lang] || (langs[lang] = { lang: lang, parts: Object.create(null), loads: Object.create(null) });
  }

  H.add = function (lang, part, data) {
    var L = state(lang);
    L.parts[part] = data;
    if (part === "entry") initEntry(L, data);
  };
  H.q = [];
  for (var qi = 0; qi < queued.length; qi++) H.add.apply(H, queued[qi]);

  function initEntry(L, e) {
    L.entry = e;
    L.fold = Object.create(null);
    e.fold.split(" ").forEach(function (pair) { L.fold[pair.charAt(0)] = pair.slice(1); });
    L.stop = Object.create(null);
    e.stop.forEach(function (w) { L.stop[w] = true; });
    var total = 0;
    for (var i = 0; i < e.tp.length; i++) total += e.tp[i];
    L.targetPage = new Uint32Array(total);
    L.firstTarget = new Uint32Array(e.tp.length);
    for (var p = 0, t = 0; p < e.tp.length; p++) {
      L.firstTarget[p] = t;
      for (var j = 0; j < e.tp[p]; j++) L.targetPage[t++] = p;
    }
  }

  // ---- Analysis (mirror of src/search/analyze.rs) ----

  var WORD = /[\p{Alphabetic}\p{N}\u0300-\u036f]/u;

  function isWordChar(s, i) {
    var c = s.charCodeAt(i);
    if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    return WORD.test(s.charAt(i));
  }

  function isJoiner(ch) { return ch === ":" || ch === "'" || ch === "\u2019"; }

  /** The words of a text as [start, end) UTF-16 ranges (mirror of `tokens`). */
  function tokens(text) {
    var out = [], i = 0, n = text.length;
    while (i < n) {
      while (i < n && !isWordChar(text, i)) i++;
      if (i >= n) break;
      var start = i;
      while (i < n && isWordChar(text, i)) i++;
      var end = i;
      if (i + 1 < n && isJoiner(text.charAt(i)) && isWordChar(text, i + 1)) {
        i++;
        while (i < n && isWordChar(text, i)) i++;
      }
      out.push([start, end]);
    }
    return out;
  }

  /** Lowercase and fold a word (mirror of `normalize`). */
  function normalize(L, word) {
    var lower = word.toLowerCase(), out = "";
    for (var i = 0; i < lower.length; i++) {
      var c = lower.charCodeAt(i);
      if (c < 128) out += lower.charAt(i);
      else if (c >= 0x300 && c <= 0x36f) continue;
      else {
        var f = L.fold[lower.charAt(i)];
        out += f === undefined ? lower.charAt(i) : f;
      }
    }
    return out;
  }

  // ---- Matching (mirror of src/search/matching.rs) ----

  function isVowel(c) { return c.length === 1 && "aeiouy".indexOf(c) >= 0; }

  function alternates(a, b) {
    return (isVowel(a) && isVowel(b)) || (a === "n" && b === "s") || (a === "s" && b === "n");
  }

  /** How strongly typed word q matches key k, or -1. */
  function matchWeight(q, k) {
    if (q === k) return 1;
    var n = q.length;
    if (n < MIN_PREFIX) return -1;
    var m = k.length, lim = Math.min(n, m), l = 0;
    while (l < lim && q.charCodeAt(l) === k.charCodeAt(l)) l++;
    var maxEnding = m <= MIN_PREFIX ? SHORT_STEM_ENDING : MAX_ENDING;
    if (l === m && m >= MIN_PREFIX && n - m <= maxEnding) return 0.9 - 0.03 * (n - m);
    if (l === n) return 0.3 + 0.5 * n / m;
    if (l + 1 === m && l >= MIN_SIBLING - 1) {
      var a = q.charAt(l), b = k.charAt(l);
      if ((l >= MIN_SIBLING && alternates(a, b)) || (a === "i" && b === "e")) return 0.7;
    }
    return -1;
  }

  /** A word is a form of a synonym's key (mirror of `is_form_of`). */
  function isFormOf(word, key) {
    if (word.length < key.length && key.indexOf(word) === 0) return false;
    if (word.length > key.length && word.indexOf(key) === 0 && word.length - key.length > FORM_ENDING) return false;
    return matchWeight(word, key) >= 0;
  }

  // ---- Index parts ----

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = function () { resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + url)); };
      document.head.appendChild(s);
    });
  }

  function loadPart(L, name, file) {
    if (L.parts[name]) return Promise.resolve();
    if (!file) return Promise.reject(new Error("index part " + name + " missing"));
    if (!L.loads[name]) {
      L.loads[name] = loadScript(new URL(file, L.url).href).then(function () {
        if (!L.parts[name]) throw new Error("index part " + name + " missing");
      }, function (err) { delete L.loads[name]; throw err; });
    }
    return L.loads[name];
  }

  /** Loads a language's index from its entry script URL(s); resolves to its state. */
  H.open = function (lang, urls) {
    var L = state(lang);
    if (L.entry && !L.url) L.url = urls[0];
    if (L.entry) return Promise.resolve(L);
    if (!L.opening) {
      L.url = urls[0];
      L.opening = urls.reduce(function (p, u) {
        return p.then(function () { return loadScript(u); });
      }, Promise.resolve()).then(function () {
        if (!L.entry || L.entry.v !== FORMAT) throw new Error("no usable search index for " + lang);
        return L;
      }, function (err) { L.opening = null; throw err; });
    }
    return L.opening;
  };

  function shardOf(L, key) {
    var shards = L.entry.keys, lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid][0] <= key) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function keyShard(L, i) { return L.parts[L.entry.keys[i][1]]; }

  /** Key shards a query needs: each word's range of keys, and its synonym groups. */
  function neededShards(L, words, groups) {
    var need = Object.create(null);
    function range(lo, hi) {
      for (var i = shardOf(L, lo), j = shardOf(L, hi); i <= j; i++) need[i] = true;
    }
    words.forEach(function (w) {
      if (w.length < MIN_PREFIX) { range(w, w + " \uffff"); range("=" + w, "=" + w); }
      else { range(w.slice(0, MIN_PREFIX), w.slice(0, MIN_PREFIX) + "\uffff"); range("=" + w, "=" + w + "\uffff"); }
    });
    groups.forEach(function (g) { range("~" + g, "~" + g); });
    return Object.keys(need).map(function (i) {
      var s = L.entry.keys[i];
      return loadPart(L, s[1], s[2]);
    });
  }

  function lowerBound(keys, key) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < key) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** A key's location {key, shard, i}, or null. */
  function findKey(L, key) {
    var s = shardOf(L, key), part = keyShard(L, s);
    if (!part) return null;
    var i = lowerBound(part.k, key);
    return part.k[i] === key ? { key: key, shard: s, i: i } : null;
  }

  var DIGITS = (function () {
    var d = new Int8Array(128).fill(-1), a = "";
    for (var c = 0x23; c < 0x7e; c++) if (c !== 0x5c) a += String.fromCharCode(c);
    for (var i = 0; i < a.length; i++) d[a.charCodeAt(i)] = i;
    return d;
  })();

  /** Decoded postings of a key: [target, level, target, level, ...] (see write.rs). */
  function postings(L, loc) {
    var part = keyShard(L, loc.shard);
    part.d = part.d || [];
    var cached = part.d[loc.i];
    if (cached) return cached;
    // At most one posting per character: decode into a typed array, then trim.
    var s = part.p[loc.i], out = new Uint32Array(2 * s.length), n = 0;
    var value = 0, mult = 1, target = 0, levels = L.entry.impact.length;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS[s.charCodeAt(i)];
      if (d >= 45) { value += (d - 45) * mult; mult *= 45; continue; }
      value += d * mult;
      target += (value / levels) | 0;
      out[n++] = target;
      out[n++] = value % levels;
      value = 0;
      mult = 1;
    }
    out = out.subarray(0, n);
    part.d[loc.i] = out;
    return out;
  }

  // ---- Query (mirror of src/search/query.rs) ----

  function queryWords(L, text) {
    var all = [];
    tokens(text).forEach(function (r) {
      var w = normalize(L, text.slice(r[0], r[1]));
      if (w.length <= MAX_WORD_LEN && all.indexOf(w) < 0) all.push(w);
    });
    var kept = all.filter(function (w) { return !L.stop[w]; });
    return kept.length ? kept : all;
  }

  function candidates(L, word) {
    var out = [];
    if (word.length < MIN_PREFIX) {
      var loc = findKey(L, word);
      if (loc) { loc.w = 1; out.push(loc); }
      return out;
    }
    var prefix = word.slice(0, MIN_PREFIX), shards = L.entry.keys.length;
    var first = shardOf(L, prefix);
    for (var s = first; s < shards; s++) {
      var part = keyShard(L, s);
      if (!part) break;
      var k = part.k, i = s === first ? lowerBound(k, prefix) : 0;
      for (; i < k.length; i++) {
        var key = k[i];
        if (key.lastIndexOf(prefix, 0) !== 0) break;
        if (key.indexOf(" ") >= 0) continue;
        var w = matchWeight(word, key);
        if (w >= 0) out.push({ key: key, shard: s, i: i, w: w });
      }
      if (i < k.length) break;
    }
    var stemLen = function (k) { return word.lastIndexOf(k, 0) === 0 ? k.length : 0; };
    var longest = 0;
    out.forEach(function (c) { longest = Math.max(longest, stemLen(c.key)); });
    out.forEach(function (c) { var m = stemLen(c.key); if (m > 0 && m < longest) c.w *= SHORTER_STEM; });
    out.sort(function (a, b) { return b.w - a.w || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0); });
    return out.slice(0, MAX_CANDIDATES);
  }

  /** Synonym groups a query's words spell: [{group, start, len, w}]. */
  function synonymSpans(L, words) {
    var spans = [];
    L.entry.syn.forEach(function (group, g) {
      group.forEach(function (member) {
        for (var start = 0; start + member.length <= words.length; start++) {
          var w = 1, ok = true;
          for (var j = 0; j < member.length && ok; j++) {
            if (isFormOf(words[start + j], member[j])) w = Math.min(w, matchWeight(words[start + j], member[j]));
            else ok = false;
          }
          if (ok) spans.push({ group: g, start: start, len: member.length, w: SYNONYM_MATCH * w });
        }
      });
    });
    return spans;
  }

  function addSynonyms(L, spans, cands) {
    spans.forEach(function (sp) {
      var loc = findKey(L, "~" + sp.group);
      if (!loc) return;
      for (var j = sp.start; j < sp.start + sp.len; j++) {
        var c = cands[j], found = null;
        for (var x = 0; x < c.length; x++) if (c[x].key === loc.key) found = c[x];
        if (found) found.w = Math.max(found.w, sp.w);
        else c.push({ key: loc.key, shard: loc.shard, i: loc.i, w: sp.w });
      }
    });
  }

  /** Exact-word keys a word is or begins (mirror of `exact_words`). */
  function exactWords(L, word) {
    var prefix = "=" + word, n = word.length, out = [], shards = L.entry.keys.length;
    var first = shardOf(L, prefix);
    outer: for (var s = first; s < shards; s++) {
      var part = keyShard(L, s);
      if (!part) break;
      for (var i = s === first ? lowerBound(part.k, prefix) : 0; i < part.k.length; i++) {
        var key = part.k[i];
        if (out.length >= MAX_CANDIDATES || key.lastIndexOf(prefix, 0) !== 0 || (n < MIN_PREFIX && key !== prefix)) break outer;
        out.push({ key: key, shard: s, i: i, w: EXACT_MATCH * n / (key.length - 1) });
      }
    }
    return out;
  }

  /** Adds each word's best `w * impact` per target over `lists` of keys. */
  function addBest(L, lists, score, matched) {
    var impact = L.entry.impact, n = score.length, best = new Float64Array(n), touched = [];
    lists.forEach(function (list) {
      list.forEach(function (c) {
        var p = postings(L, c);
        for (var i = 0; i < p.length; i += 2) {
          var t = p[i], v = c.w * impact[p[i + 1]];
          if (v > best[t]) {
            if (best[t] === 0) touched.push(t);
            best[t] = v;
          }
        }
      });
      for (var i = 0; i < touched.length; i++) {
        var t = touched[i];
        score[t] += best[t];
        if (matched) matched[t] += 1;
        best[t] = 0;
      }
      touched.length = 0;
    });
  }

  function firstWordKey(cands) {
    var best = null;
    cands.forEach(function (c) {
      if (c.key.charAt(0) === "~") return;
      if (!best || c.w > best.w) best = c;
    });
    return best;
  }

  /** Ranks pages for already analyzed words; every needed shard is loaded. */
  function rank(L, words, spans, limit) {
    var cands = words.map(function (w) { return candidates(L, w); });
    addSynonyms(L, spans, cands);
    var impact = L.entry.impact, n = L.targetPage.length;
    var score = new Float64Array(n), matched = new Uint32Array(n);
    addBest(L, cands, score, matched);
    for (var w = 0; w + 1 < cands.length; w++) {
      var a = firstWordKey(cands[w]), b = firstWordKey(cands[w + 1]);
      if (!a || !b) continue;
      var loc = findKey(L, a.key + " " + b.key);
      if (!loc) continue;
      var pw = PHRASE_MATCH * Math.min(a.w, b.w), p = postings(L, loc);
      for (var i = 0; i < p.length; i += 2) score[p[i]] += pw * impact[p[i + 1]];
    }
    addBest(L, words.map(function (word) { return exactWords(L, word); }), score, null);
    return rankPages(L, score, matched, words.length, limit, cands);
  }

  function rankPages(L, score, matched, words, limit, cands) {
    var hits = [], others = [];
    for (var t = 0; t < score.length; t++) {
      if (score[t] <= 0) continue;
      var c = matched[t] / words, s = score[t] * c * c, page = L.targetPage[t];
      var h = hits[hits.length - 1];
      if (h && h.page === page) {
        var other = s;
        if (s > h.score) { other = h.score; h.score = s; h.target = t; }
        others[others.length - 1] += other;
      } else {
        hits.push({ page: page, target: t, score: s });
        others.push(0);
      }
    }
    for (var i = 0; i < hits.length; i++) {
      var o = others[i], h = hits[i];
      if (o > 0) h.score += OTHER_TARGETS * o * h.score / (o + h.score);
    }
    hits.sort(function (x, y) { return y.score - x.score || x.page - y.page; });
    return { hits: hits.slice(0, limit), cands: cands };
  }

  function pageShardOf(L, page) {
    var shards = L.entry.pages, lo = 0, hi = shards.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (shards[mid][0] <= page) lo = mid; else hi = mid - 1;
    }
    return shards[lo];
  }

  /** Fills hits with their pages' data: href, title, heading, crumb, text. */
  function describe(L, hits) {
    var loads = hits.map(function (h) { var s = pageShardOf(L, h.page); return loadPart(L, s[1], s[2]); });
    return Promise.all(loads).then(function () {
      return hits.map(function (h) {
        var part = L.parts[pageShardOf(L, h.page)[1]];
        var page = part.pages[h.page - part.first];
        var target = page[3][h.target - L.firstTarget[h.page]];
        var href = L.entry.base + page[0] + (target[0] ? "#" + target[0] : "");
        return {
          page: h.page, target: h.target, score: h.score, path: page[0] + (target[0] ? "#" + target[0] : ""),
          href: new URL(href, L.url).href, title: page[1], heading: target[1], crumb: page[2], text: target[2]
        };
      });
    });
  }

  /**
   * Searches a loaded language: resolves to {results, words, keys, ms}, where ms is
   * the ranking time once the needed shards are in memory.
   */
  H.search = function (lang, text, limit) {
    var L = langs[lang];
    if (!L || !L.entry) return Promise.reject(new Error("search index for " + lang + " is not loaded"));
    var words = queryWords(L, text);
    if (!words.length) return Promise.resolve({ results: [], words: [], keys: [], ms: 0 });
    var spans = synonymSpans(L, words);
    var groups = spans.map(function (s) { return s.group; });
    return Promise.all(neededShards(L, words, groups)).then(function () {
      var t0 = performance.now();
      var ranked = rank(L, words, spans, limit || MAX_RESULTS);
      var ms = performance.now() - t0;
      // Words to mark: each query word's keys that weigh at least 60% of its best.
      var keys = [];
      ranked.cands.forEach(function (c) {
        var top = 0;
        c.forEach(function (x) { top = Math.max(top, x.w); });
        c.forEach(function (x) { if (x.key.charAt(0) !== "~" && x.w >= 0.6 * top) keys.push(x.key); });
      });
      spans.forEach(function (sp) { L.entry.syn[sp.group].forEach(function (m) { keys.push.apply(keys, m); }); });
      return describe(L, ranked.hits).then(function (results) {
        return { results: results, words: words, keys: keys, ms: ms };
      });
    });
  };

  // For search-ui.js (snippets), tests and benchmarks.
  H.analysis = {
    tokens: tokens,
    normalize: function (lang, w) { return normalize(state(lang), w); },
    matchWeight: matchWeight,
    isFormOf: isFormOf,
    MIN_PREFIX: MIN_PREFIX
  };
  H.MAX_RESULTS = MAX_RESULTS;
})();
