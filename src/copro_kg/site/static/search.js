/* Offline search over the prebuilt index in search-index.js (window.COPRO_SEARCH_INDEX).
 * No network: the index is a script file beside this one, so it also works from file://.
 * Results are built with textContent only, so a label can never become markup.
 *
 * An entry matches when every word typed is found in one of its fields (name, other
 * names, examples, quotes, definition, the glossary's other text on the page), in that
 * order of weight. Words are folded (case, accents), split at hyphens and spaces, and
 * plurals reduced to singulars ("surveys" finds "survey", "citizens assembly" finds
 * "Citizens assemblies"); "co production", "co-production" and "coproduction" are one.
 * Each result says which field matched, and shows it. */
(function () {
  "use strict";
  var index = window.COPRO_SEARCH_INDEX || [];
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) { return; }

  /* Weight of each field, most telling first (site/search.py FIELDS). */
  var FIELDS = [
    ["label", 100], ["alt", 90], ["cy", 90], ["ex", 70], ["q", 50], ["def", 40], ["notes", 20]
  ];
  var FIELD_NAME = { label: "label", alt: "alt", cy: "alt", ex: "example", q: "quote",
                     def: "definition", notes: "note" };

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function compact(text) { return fold(text).replace(/[^a-z0-9]+/g, ""); }
  /* Plural to singular, the simple English rules: assemblies -> assembly,
   * approaches -> approach, surveys -> survey; "focus", "process", "analysis" stay. */
  function stem(word) {
    if (word.length > 4 && /ies$/.test(word)) { return word.slice(0, -3) + "y"; }
    if (word.length > 4 && /(sses|shes|ches|xes|zes)$/.test(word)) { return word.slice(0, -2); }
    if (word.length > 3 && /s$/.test(word) && !/(ss|us|is)$/.test(word)) { return word.slice(0, -1); }
    return word;
  }
  function words(text) {
    return fold(text).split(/[^a-z0-9]+/).filter(Boolean).map(stem);
  }
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function values(entry, key) {
    var v = entry[key];
    if (v === undefined || v === null || v === "") { return []; }
    return Array.isArray(v) ? v : [v];
  }

  /* How well one text matches the query words: 0 (not every word is in it), else more
   * for whole words than for beginnings of words, and most for the whole text. */
  function matchText(text, qwords, qc, isName) {
    var tw = words(text);
    var exact = 0;
    for (var i = 0; i < qwords.length; i++) {
      var q = qwords[i], found = 0;
      for (var j = 0; j < tw.length; j++) {
        if (tw[j] === q) { found = 2; break; }
        if (q.length >= 3 && tw[j].indexOf(q) === 0) { found = 1; }
      }
      if (!found) {
        /* "coproduction" against "co-production": compare without separators. */
        if (isName && qc.length >= 3 && compact(text).indexOf(qc) !== -1) { return 0.6; }
        return 0;
      }
      if (found === 2) { exact += 1; }
    }
    if (tw.join(" ") === qwords.join(" ")) { return 1.3; }
    return 0.7 + 0.3 * exact / qwords.length;
  }

  function score(entry, qwords, qc) {
    var best = { score: 0 };
    FIELDS.forEach(function (pair) {
      var key = pair[0], weight = pair[1];
      var texts = key === "label" ? [entry.label] : values(entry, key);
      texts.forEach(function (text) {
        var m = matchText(text, qwords, qc, key === "label" || key === "alt" || key === "cy");
        var s = m * weight;
        if (s > best.score) { best = { score: s, field: key, text: text }; }
      });
    });
    return best;
  }

  function snippet(text, qwords) {
    var plain = String(text);
    if (plain.length <= 160) { return plain; }
    var lower = fold(plain), at = -1;
    for (var i = 0; i < qwords.length && at === -1; i++) { at = lower.indexOf(qwords[i]); }
    var start = Math.max(0, at - 60);
    var cut = plain.slice(start, start + 160);
    return (start > 0 ? "…" : "") + cut + (start + 160 < plain.length ? "…" : "");
  }

  function run(query) {
    list.textContent = "";
    var qwords = words(query);
    var qc = compact(query);
    if (!qwords.length) { status.textContent = status.getAttribute("data-empty"); return; }
    var hits = [];
    index.forEach(function (entry) {
      var found = score(entry, qwords, qc);
      if (found.score > 0) { hits.push({ entry: entry, found: found }); }
    });
    hits.sort(function (a, b) {
      return b.found.score - a.found.score || a.entry.label.localeCompare(b.entry.label);
    });
    var shown = query.trim();
    if (!hits.length) {
      status.textContent = say(status.getAttribute("data-none"), { query: shown });
      return;
    }
    status.textContent = hits.length === 1
      ? say(status.getAttribute("data-one"), { query: shown })
      : say(status.getAttribute("data-many"), { count: hits.length, query: shown });
    hits.forEach(function (hit) {
      var e = hit.entry, f = hit.found;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "terms/" + encodeURIComponent(e.slug) + ".html";
      a.textContent = e.label;
      li.appendChild(a);
      if (e.scheme) {
        var scheme = document.createElement("span");
        scheme.className = "search-alt";
        scheme.textContent = " (" + e.scheme + ")";
        li.appendChild(scheme);
      }
      if (e.cy) {
        var cy = document.createElement("span");
        cy.className = "cy";
        cy.lang = "cy";
        cy.textContent = " " + e.cy;
        li.appendChild(cy);
      }
      if (f.field === "alt" && f.text !== e.cy) {
        var also = document.createElement("span");
        also.className = "search-alt";
        also.textContent = " (" + status.getAttribute("data-also") + ": " + f.text + ")";
        li.appendChild(also);
      }
      if (f.field !== "label" && f.field !== "alt" && f.field !== "cy") {
        var why = document.createElement("p");
        why.className = "search-why";
        var field = status.getAttribute("data-field-" + FIELD_NAME[f.field]) || f.field;
        why.textContent = say(status.getAttribute("data-matched"), { field: field }) +
          ": “" + snippet(f.text, qwords) + "”";
        li.appendChild(why);
      }
      if (e.summary) {
        var p = document.createElement("p");
        p.className = "search-summary";
        p.textContent = e.summary;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q") || "";
  input.value = initial;
  run(initial);
  input.addEventListener("input", function () { run(input.value); });
}());
