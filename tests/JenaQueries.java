// Runs many SPARQL queries with Apache Jena ARQ in one JVM, for tests/jena.py.
//
// Usage (Java's single-file source launcher, JEP 330: no javac, no build step):
//   java -cp JENA_CLASSPATH tests/JenaQueries.java DATA.nt OUT_DIR Q1.rq Q2.rq ...
//
// Jena's own `sparql` command answers one query per JVM (~1 s each); the query library
// has ~30 queries, so this loads the data once and writes each answer next to its name:
// OUT_DIR/NAME.srj (SPARQL 1.1 Query Results JSON) for SELECT and ASK, OUT_DIR/NAME.nt
// for CONSTRUCT and DESCRIBE. Queries are parsed as strict SPARQL 1.1 (not ARQ's
// extended syntax), so a library query that leans on an ARQ extension fails here.
// A query that fails writes OUT_DIR/NAME.error with the message and the run goes on.

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;

public class JenaQueries {
    public static void main(String[] args) throws Exception {
        Model data = RDFDataMgr.loadModel(args[0], Lang.NTRIPLES);
        Path out = Paths.get(args[1]);
        for (int i = 2; i < args.length; i++) {
            Path file = Paths.get(args[i]);
            String name = file.getFileName().toString().replaceFirst("\\.rq$", "");
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Query query = QueryFactory.create(text, Syntax.syntaxSPARQL_11);
                try (QueryExecution exec = QueryExecutionFactory.create(query, data)) {
                    if (query.isSelectType()) {
                        try (OutputStream os = Files.newOutputStream(out.resolve(name + ".srj"))) {
                            ResultSetFormatter.outputAsJSON(os, exec.execSelect());
                        }
                    } else if (query.isAskType()) {
                        try (OutputStream os = Files.newOutputStream(out.resolve(name + ".srj"))) {
                            ResultSetFormatter.outputAsJSON(os, exec.execAsk());
                        }
                    } else {
                        Model graph = query.isConstructType() ? exec.execConstruct() : exec.execDescribe();
                        try (OutputStream os = Files.newOutputStream(out.resolve(name + ".nt"))) {
                            RDFDataMgr.write(os, graph, Lang.NTRIPLES);
                        }
                    }
                }
            } catch (Exception err) {
                Files.writeString(out.resolve(name + ".error"), String.valueOf(err), StandardCharsets.UTF_8);
            }
        }
    }
}
