/* copro-kg "Ask a question": SPARQL over the reasoned glossary, in the browser, offline.
 *
 * ask-data.js sets COPRO_ASK_DATA (the glossary as gzipped N-Quads, labels, prefixes,
 * examples); ask-engine.js sets COPRO_ASK_ENGINE (Oxigraph's gzipped wasm and the worker's
 * source). Both are scripts, not fetched files, so the page works from file://.
 *
 * The engine runs in a Web Worker started from a blob: URL. A query gets a time limit;
 * past it (or on "Stop") the worker is terminated and a new one started, so the page
 * never freezes. Everything shown is built with textContent: a label is always text.
 */
(function () {
  "use strict";
  const DATA = window.COPRO_ASK_DATA;
  const ENGINE = window.COPRO_ASK_ENGINE;
  const $ = (id) => document.getElementById(id);
  const form = $("ask-form");
  const editor = $("ask-query");
  const highlight = $("ask-highlight");
  const inferred = $("ask-inferred");
  const limit = $("ask-limit");
  const runButton = $("ask-run");
  const stopButton = $("ask-stop");
  const status = $("ask-status");
  const errorBox = $("ask-error");
  const result = $("ask-result");
  const MESSAGES = JSON.parse($("ask-messages").textContent);
  const MAX_ROWS = 1000;
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

  const say = (key, values) => (MESSAGES[key] || key).replace(/\{(\w+)\}/g, (_, k) => String(values && k in values ? values[k] : ""));
  const el = (tag, text, cls) => {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  };

  // ------------------------------------------------------------------ the editor
  // A textarea over a <pre> that shows the same text in colour (aria-hidden: the
  // textarea is the control). Tokens are spans made with textContent.
  const KEYWORDS = new Set(("select distinct reduced as where from named prefix base ask construct describe " +
    "optional union minus filter bind values graph service silent order by asc desc limit offset group having " +
    "not exists in a true false undef count sum min max avg sample group_concat separator str lang langmatches " +
    "datatype bound iri uri bnode rand abs ceil floor round concat strlen ucase lcase encode_for_uri contains " +
    "strstarts strends strbefore strafter year month day hours minutes seconds timezone tz now uuid struuid md5 " +
    "sha1 sha256 sha384 sha512 coalesce if strlang strdt sameterm isiri isuri isblank isliteral isnumeric regex " +
    "substr replace").split(" "));
  const TOKEN = new RegExp([
    "(#[^\\n]*)",                                                   // 1 comment
    "(<[^<>\"{}|^`\\\\\\s]*>)",                                     // 2 IRI
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 3 string
    "([?$][\\w\\u00b7\\u00c0-\\uffff]+)",                           // 4 variable
    "([A-Za-z\\u00c0-\\uffff][\\w.\\u00c0-\\uffff-]*)?(:[\\w.:%\\u00c0-\\uffff-]*)", // 5,6 prefixed name
    "(@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",                               // 7 language tag
    "([A-Za-z_][\\w]*)",                                            // 8 word
    "([0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)",                   // 9 number
  ].join("|"), "gy");

  let errorAt = null;  // {line, column} of the last syntax error, marked in the colours

  function offsetOf(text, line, column) {
    let offset = 0;
    for (let i = 1; i < line; i++) {
      const next = text.indexOf("\n", offset);
      if (next < 0) return text.length;
      offset = next + 1;
    }
    return Math.min(text.length, offset + Math.max(0, column - 1));
  }

  function paint() {
    const text = editor.value;
    const out = document.createDocumentFragment();
    const mark = errorAt ? offsetOf(text, errorAt.line, errorAt.column) : -1;
    let plain = "";
    const flush = () => { if (plain) { out.appendChild(document.createTextNode(plain)); plain = ""; } };
    let i = 0;
    while (i < text.length) {
      if (i === mark) {
        flush();
        out.appendChild(el("span", text[i] === "\n" ? " \n" : text[i], "tok-error"));
        i += 1;
        continue;
      }
      TOKEN.lastIndex = i;
      const m = TOKEN.exec(text);
      if (!m || (mark > i && mark < i + m[0].length)) {
        plain += text[i];
        i += 1;
        continue;
      }
      let cls = "";
      if (m[1]) cls = "tok-comment";
      else if (m[2]) cls = "tok-iri";
      else if (m[3]) cls = "tok-string";
      else if (m[4]) cls = "tok-var";
      else if (m[6] !== undefined) cls = "tok-name";
      else if (m[7]) cls = "tok-lang";
      else if (m[8]) cls = KEYWORDS.has(m[8].toLowerCase()) ? "tok-keyword" : "";
      else if (m[9]) cls = "tok-number";
      if (cls) { flush(); out.appendChild(el("span", m[0], cls)); } else { plain += m[0]; }
      i += m[0].length;
    }
    plain += "\n";  // keeps the last line's height when the text ends with a newline
    flush();
    highlight.replaceChildren(out);
    syncScroll();
  }

  function syncScroll() {
    highlight.scrollTop = editor.scrollTop;
    highlight.scrollLeft = editor.scrollLeft;
  }

  editor.addEventListener("input", () => { errorAt = null; paint(); });
  editor.addEventListener("scroll", syncScroll);
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });

  // ------------------------------------------------------------------ the engine
  let compiled = null;
  let nquads = null;
  let workerUrl = null;
  let worker = null;
  let ready = false;
  let running = null;  // {id, timer}
  let pending = false;  // a run asked for before the engine was ready
  let counter = 0;
  let focusAnswer = false;  // an example was clicked: take the reader to its answer

  // The site's base85 (copro_kg.site.ask.base85): 5 characters per 4 bytes, big-endian
  // digits of ENGINE.alphabet; a last group of n characters holds n - 1 bytes and is
  // padded with the highest digit, as Python's base64.b85decode does.
  function fromBase85(text) {
    const digits = new Uint8Array(128);
    for (let i = 0; i < ENGINE.alphabet.length; i++) digits[ENGINE.alphabet.charCodeAt(i)] = i;
    const full = Math.floor(text.length / 5);
    const rest = text.length % 5;
    const out = new Uint8Array(full * 4 + (rest ? rest - 1 : 0));
    const group = (at, n) => {
      let value = 0;
      for (let k = 0; k < 5; k++) value = value * 85 + (k < n ? digits[text.charCodeAt(at + k)] : 84);
      return value;
    };
    let o = 0;
    for (let g = 0; g < full; g++) {
      const value = group(g * 5, 5);
      out[o++] = value >>> 24; out[o++] = (value >>> 16) & 255; out[o++] = (value >>> 8) & 255; out[o++] = value & 255;
    }
    if (rest) {
      const value = group(full * 5, rest);
      for (let k = 0; k < rest - 1; k++) out[o++] = (value >>> (24 - 8 * k)) & 255;
    }
    return out;
  }

  async function unpack(packed) {
    const bytes = fromBase85(packed);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).arrayBuffer();
  }

  function setStatus(text) { status.textContent = text; }

  function startWorker() {
    ready = false;
    worker = new Worker(workerUrl);
    worker.onmessage = (event) => receive(event.data);
    worker.onerror = (event) => { event.preventDefault(); failed(event.message || "worker error"); };
    worker.postMessage({ type: "init", module: compiled, nquads, graphs: DATA.graphs, prefixes: DATA.prefixes });
  }

  function failed(message) {
    ready = false;
    setStatus(say("failed", { message }));
    runButton.disabled = false;
  }

  async function boot() {
    setStatus(say("loading"));
    try {
      const [wasm, data] = await Promise.all([unpack(ENGINE.wasm), unpack(DATA.nquads)]);
      compiled = await WebAssembly.compile(wasm);
      nquads = new TextDecoder().decode(data);
      workerUrl = URL.createObjectURL(new Blob([ENGINE.worker], { type: "text/javascript" }));
      startWorker();
    } catch (err) {
      failed(String(err && err.message || err));
    }
  }

  function restart(message) {
    if (running) clearTimeout(running.timer);
    running = null;
    worker.terminate();
    stopButton.disabled = true;
    showError({ message });
    if (focusAnswer) { focusAnswer = false; errorBox.focus(); }
    startWorker();
  }

  function receive(msg) {
    if (msg.type === "ready") {
      ready = true;
      setStatus(say("ready", { count: msg.size.toLocaleString("en-GB") }));
      if (pending) { pending = false; run(); }
      return;
    }
    if (msg.type === "failed") { failed(msg.message); return; }
    if (!running || msg.id !== running.id) return;
    clearTimeout(running.timer);
    running = null;
    stopButton.disabled = true;
    if (msg.type === "error") showError(msg);
    else show(msg);
    if (focusAnswer) {
      focusAnswer = false;
      (msg.type === "error" ? errorBox : result).focus();
    }
  }

  function run() {
    if (!ready) { pending = true; setStatus(say("loading")); return; }
    if (running) return;
    counter += 1;
    const seconds = Number(limit.value) || DATA.timeLimit;
    running = {
      id: counter,
      timer: setTimeout(() => restart(say("stopped", { seconds })), seconds * 1000),
    };
    stopButton.disabled = false;
    errorAt = null;
    paint();
    setStatus(say("running"));
    worker.postMessage({ type: "query", id: counter, query: editor.value, inferred: inferred.checked });
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  stopButton.addEventListener("click", () => {
    if (running) { restart(say("cancelled")); runButton.focus(); }
  });

  // ------------------------------------------------------------------ answers
  function showError(msg) {
    errorBox.replaceChildren();
    errorBox.appendChild(el("h2", say("error")));
    errorBox.appendChild(el("p", msg.message, "ask-error-message"));
    if (msg.line) {
      errorAt = { line: msg.line, column: msg.column };
      paint();
      errorBox.appendChild(el("p", say("error_at", msg), "ask-error-at"));
      const source = editor.value.split("\n")[msg.line - 1] || "";
      const pre = el("pre", null, "ask-error-line");
      pre.appendChild(el("code", source + "\n" + " ".repeat(Math.max(0, msg.column - 1)) + "^"));
      errorBox.appendChild(pre);
      const go = el("button", say("goto", msg));
      go.type = "button";
      go.addEventListener("click", () => {
        const at = offsetOf(editor.value, msg.line, msg.column);
        editor.focus();
        editor.setSelectionRange(at, Math.min(editor.value.length, at + 1));
      });
      errorBox.appendChild(go);
    }
    errorBox.hidden = false;
    result.hidden = true;
    setStatus(msg.message);
  }

  function curie(iri) {
    for (const prefix of Object.keys(DATA.prefixes)) {
      const ns = DATA.prefixes[prefix];
      if (iri.startsWith(ns) && /^[\w.-]*$/.test(iri.slice(ns.length))) return prefix + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  // One RDF term (SPARQL JSON form) as a table cell: its label, linked to its page.
  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const known = DATA.labels[term.value];
      if (known && known[1]) {
        const a = el("a", known[0]);
        a.href = "terms/" + encodeURIComponent(known[1]) + ".html";
        td.appendChild(a);
      } else if (known) {
        td.appendChild(el("span", known[0]));
      }
      td.appendChild(el("code", curie(term.value), known ? "ask-iri" : ""));
    } else if (term.type === "bnode") {
      td.appendChild(el("span", say("blank"), "ask-blank"));
    } else {
      const value = el("span", term.value, "ask-literal");
      const lang = term["xml:lang"];
      if (lang) {
        value.lang = lang;
        td.appendChild(value);
        td.appendChild(el("span", "@" + lang, "ask-tag"));
      } else {
        td.appendChild(value);
        const dt = term.datatype;
        // Numbers and booleans read as themselves; other datatypes are named.
        const plain = ["string", "integer", "decimal", "boolean"].map((t) => XSD + t);
        if (dt && !plain.includes(dt) && dt !== RDF + "langString") td.appendChild(el("span", curie(dt), "ask-tag"));
      }
    }
    return td;
  }

  function table(head, rows) {
    const t = el("table");
    t.appendChild(el("caption", say("caption"), "visually-hidden"));
    const tr = el("tr");
    for (const h of head) {
      const th = el("th", h);
      th.scope = "col";
      tr.appendChild(th);
    }
    t.appendChild(el("thead")).appendChild(tr);
    const body = el("tbody");
    for (const row of rows.slice(0, MAX_ROWS)) {
      const line = el("tr");
      for (const term of row) line.appendChild(cell(term));
      body.appendChild(line);
    }
    t.appendChild(body);
    return t;
  }

  // SPARQL 1.1 Query Results CSV: IRIs and literals as their text, blank nodes _:label.
  function csvValue(term) {
    if (!term) return "";
    const text = term.type === "bnode" ? "_:" + term.value : term.value;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  const csv = (head, rows) => [head, ...rows.map((r) => r.map(csvValue))].map((r) => r.join(",")).join("\r\n") + "\r\n";

  function download(label, name, type, text) {
    const button = el("button", label, "ask-download");
    button.type = "button";
    button.addEventListener("click", () => {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type }));
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    });
    return button;
  }

  function show(msg) {
    errorBox.hidden = true;
    const summary = $("ask-summary");
    const downloads = $("ask-downloads");
    const holder = $("ask-table");
    downloads.replaceChildren();
    holder.replaceChildren();
    let text;
    if (msg.form === "GRAPH") {
      const head = [say("subject"), say("predicate"), say("object")];
      text = say("triples", { n: msg.triples.length, ms: msg.ms });
      holder.appendChild(table(head, msg.triples));
      downloads.append(
        download(say("nt"), "answer.nt", "application/n-triples", msg.ntriples),
        download(say("csv"), "answer.csv", "text/csv", csv(["subject", "predicate", "object"], msg.triples)));
      if (msg.triples.length > MAX_ROWS) text += " " + say("truncated", { shown: MAX_ROWS, n: msg.triples.length });
    } else {
      const answer = JSON.parse(msg.json);
      if (msg.form === "ASK") {
        text = answer.boolean ? say("yes") : say("no");
        holder.appendChild(el("p", text, "ask-boolean"));
        downloads.append(
          download(say("csv"), "answer.csv", "text/csv", "boolean\r\n" + answer.boolean + "\r\n"),
          download(say("json"), "answer.json", "application/sparql-results+json", msg.json));
      } else {
        const vars = answer.head.vars || [];
        const rows = answer.results.bindings.map((b) => vars.map((v) => b[v]));
        const n = rows.length;
        text = say(n === 0 ? "rows_none" : n === 1 ? "rows_one" : "rows_many", { n, ms: msg.ms });
        if (n > MAX_ROWS) text += " " + say("truncated", { shown: MAX_ROWS, n });
        if (n) holder.appendChild(table(vars, rows));
        downloads.append(
          download(say("csv"), "answer.csv", "text/csv", csv(vars, rows)),
          download(say("json"), "answer.json", "application/sparql-results+json", msg.json));
      }
    }
    summary.textContent = text;
    setStatus(text);
    result.hidden = false;
  }

  // ------------------------------------------------------------------ examples
  for (const button of document.querySelectorAll("button.ask-example")) {
    button.addEventListener("click", () => {
      const text = DATA.examples[button.dataset.example];
      if (text === undefined) return;
      if (running) restart(say("cancelled"));
      editor.value = text;
      inferred.checked = true;  // the library's answers are over the reasoned graph
      errorAt = null;
      paint();
      editor.scrollTop = 0;
      focusAnswer = true;
      run();
    });
  }

  paint();
  boot();
}());
