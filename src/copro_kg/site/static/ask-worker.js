/* copro-kg "Ask a question": the Web Worker that runs SPARQL with Oxigraph.
 *
 * The site build appends this file to Oxigraph's web.js (made a classic script), so
 * Store, namedNode and __wbg_init are in scope. The page (ask.js) starts the worker from
 * a blob: URL, sends {type: "init"} with the compiled engine and the glossary as N-Quads,
 * then one {type: "query"} at a time. A query that runs too long is not stopped here:
 * the page terminates this worker and starts a new one, so it never freezes.
 *
 * Messages back: {type: "ready", size}, {type: "failed", message},
 * {type: "answer", id, ms, form, json | triples + ntriples},
 * {type: "error", id, message, line, column}.
 */
/* global Store, namedNode, __wbg_init */

let store = null;
let graphs = null;
let prefixes = {};

// The prefixes a query may use undeclared: copro_kg.namespace.PREFIXES, as
// copro_kg.sparql.prepare.prefix_declarations writes them (a prefix the query declares
// itself is left to the query). All on one line, so an error's line number is the
// user's line number plus one.
function declarations(text) {
  const declared = new Set();
  const re = /^\s*PREFIX\s+([\w.-]*):/gim;
  let match;
  while ((match = re.exec(text)) !== null) declared.add(match[1]);
  const lines = Object.keys(prefixes).sort()
    .filter((p) => !declared.has(p))
    .map((p) => `PREFIX ${p}: <${prefixes[p]}>`);
  return lines.length ? lines.join(" ") + "\n" : "";
}

// What the query is, read past comments and the prologue (for clear refusals).
function firstKeyword(text) {
  const body = text.replace(/#[^\n]*/g, " ")
    .replace(/^\s*((PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*/i, "");
  const match = /^\s*([A-Za-z]+)/.exec(body);
  return match ? match[1].toUpperCase() : "";
}

const UPDATES = new Set(["INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"]);

function located(message, shift, text) {
  const at = /error at (\d+):(\d+): ?([\s\S]*)/.exec(message);
  if (!at) return { message: message.split("\n")[0] };
  const line = Number(at[1]) - shift;
  let column = Number(at[2]);
  let detail = at[3].replace(/\s+/g, " ").trim();
  if (/Prefix not found/.test(detail)) {
    // Oxigraph points at or just after the prefixed name: find it, point at its start.
    const source = text.split("\n")[line - 1] || "";
    const upto = source.slice(0, Math.max(0, column - 1)) + /^[^\s]*/.exec(source.slice(Math.max(0, column - 1)))[0];
    const found = /([A-Za-z][\w.-]*)?:[^\s:]*$/.exec(upto.replace(/\s+$/, ""));
    const name = found ? found[1] || "" : "";
    if (found) column = found.index + 1;
    // The wording of copro_kg.sparql.prepare._unknown_prefix: the same in every face.
    detail = `unknown prefix ${name}: -- declare it, or use one of ` +
      Object.keys(prefixes).sort().join(", ");
    return line < 1 ? { message: detail } : { message: detail, line, column };
  } else if (detail.length > 160) {
    detail = detail.slice(0, 157) + "...";
  }
  if (line < 1) return { message: detail };
  return { message: `SPARQL syntax error: ${detail}`, line, column };
}

function run(msg) {
  const started = performance.now();
  const options = msg.inferred
    ? { default_graph: [namedNode(graphs.asserted), namedNode(graphs.inferred)] }
    : { default_graph: namedNode(graphs.asserted) };
  const prologue = declarations(msg.query);
  const text = prologue + msg.query;
  const shift = prologue ? 1 : 0;
  const done = (answer) => Object.assign(answer, { type: "answer", id: msg.id, ms: Math.round(performance.now() - started) });
  if (UPDATES.has(firstKeyword(msg.query))) {
    return { type: "error", id: msg.id, message: "SPARQL Update is refused: this page only reads the glossary." };
  }
  try {
    try {
      const json = store.query(text, Object.assign({ results_format: "application/sparql-results+json" }, options));
      const parsed = JSON.parse(json);
      return done({ form: "boolean" in parsed ? "ASK" : "SELECT", json });
    } catch (err) {
      // CONSTRUCT and DESCRIBE answer a graph, which has no SPARQL results format.
      if (!/Not supported RDF format media type/.test(String(err && err.message))) throw err;
    }
    const quads = store.query(text, options);
    const term = (t) => t.termType === "NamedNode" ? { type: "uri", value: t.value }
      : t.termType === "BlankNode" ? { type: "bnode", value: t.value }
        : Object.assign({ type: "literal", value: t.value },
          t.language ? { "xml:lang": t.language } : { datatype: t.datatype.value });
    const triples = quads.map((q) => [term(q.subject), term(q.predicate), term(q.object)]);
    const ntriples = quads.map((q) => q.toString() + " .\n").sort().join("");
    return done({ form: "GRAPH", triples, ntriples });
  } catch (err) {
    return Object.assign({ type: "error", id: msg.id }, located(String(err && err.message || err), shift, msg.query));
  }
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    try {
      await __wbg_init({ module_or_path: msg.module });
      graphs = msg.graphs;
      prefixes = msg.prefixes;
      store = new Store();
      // A fresh store and data written by our own canonical writer: no transaction
      // needed (three times faster: 0.2 s instead of 0.6 s for the shipped glossary).
      store.load(msg.nquads, { format: "application/n-quads", no_transaction: true });
      self.postMessage({ type: "ready", size: store.size });
    } catch (err) {
      self.postMessage({ type: "failed", message: String(err && err.message || err) });
    }
  } else if (msg.type === "query") {
    self.postMessage(run(msg));
  }
};
