/* Offline search over the prebuilt index in search-index.js (window.COPRO_SEARCH_INDEX).
 * No network: the index is a script file beside this one, so it also works from file://.
 * Results are built with textContent only, so a label can never become markup. */
(function () {
  "use strict";
  var index = window.COPRO_SEARCH_INDEX || [];
  var input = document.getElementById("search-page-input");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !status || !list) { return; }

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  /* "co production", "co-production" and "coproduction" all find co-production. */
  function compact(text) { return fold(text).replace(/[^a-z0-9]+/g, ""); }
  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  function score(entry, q, qc) {
    var best = 0;
    var names = [entry.label].concat(entry.cy ? [entry.cy] : [], entry.alt || []);
    names.forEach(function (name, i) {
      var n = fold(name), nc = compact(name);
      var s = 0;
      if (nc === qc) { s = 100; }
      else if (nc.indexOf(qc) === 0) { s = 80; }
      else if (n.indexOf(q) !== -1 || nc.indexOf(qc) !== -1) { s = 60; }
      if (i > 0) { s -= 5; }  /* an alternative name ranks just below the term's own */
      if (s > best) { best = s; }
    });
    if (!best && entry.text && fold(entry.text).indexOf(q) !== -1) { best = 20; }
    return best;
  }

  function matchedAlt(entry, qc) {
    var alts = (entry.cy ? [entry.cy] : []).concat(entry.alt || []);
    for (var i = 0; i < alts.length; i++) {
      if (compact(alts[i]).indexOf(qc) !== -1) { return alts[i]; }
    }
    return null;
  }

  function run(query) {
    list.textContent = "";
    var q = fold(query).trim();
    var qc = compact(query);
    if (!qc) { status.textContent = status.getAttribute("data-empty"); return; }
    var hits = [];
    index.forEach(function (entry) {
      var s = score(entry, q, qc);
      if (s > 0) { hits.push({ entry: entry, score: s }); }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.entry.label.localeCompare(b.entry.label);
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
      var e = hit.entry;
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
      var alt = matchedAlt(e, qc);
      if (alt && alt !== e.cy) {
        var also = document.createElement("span");
        also.className = "search-alt";
        also.textContent = " (" + status.getAttribute("data-also") + ": " + alt + ")";
        li.appendChild(also);
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
