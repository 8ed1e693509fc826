// Run SPARQL queries with Comunica against one SPARQL endpoint, all in one Node process.
//
// Used by tests/test_serve_comunica.py: starting Node and Comunica costs about a second, so
// the test sends every query at once instead of running `comunica-sparql` once per query.
//
// stdin:  {"endpoint": "http://127.0.0.1:PORT/sparql", "queries": {"name": "SPARQL text", ...}}
// stdout: {"name": {"type": "bindings"|"boolean"|"quads", "media": "...", "data": "..."}
//          or {"error": "message"}, ...}
//
// Answers are serialized by Comunica itself in W3C formats (SPARQL 1.1 Query Results JSON
// for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE), so the Python side compares
// result sets, never Comunica's or our bytes.
import { QueryEngine } from '@comunica/query-sparql';

const SOURCE_TYPE = 'sparql'; // the endpoint is a SPARQL endpoint, not a file to download

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function answer(engine, endpoint, text) {
  const result = await engine.query(text, { sources: [{ type: SOURCE_TYPE, value: endpoint }] });
  const media =
    result.resultType === 'quads' ? 'application/n-triples' : 'application/sparql-results+json';
  const { data } = await engine.resultToString(result, media);
  let body = '';
  for await (const chunk of data) body += chunk;
  return { type: result.resultType, media, data: body };
}

const request = await readStdin();
const engine = new QueryEngine();
const answers = {};
for (const [name, text] of Object.entries(request.queries)) {
  try {
    answers[name] = await answer(engine, request.endpoint, text);
  } catch (error) {
    answers[name] = { error: String(error && error.message ? error.message : error) };
  }
}
process.stdout.write(JSON.stringify(answers));
