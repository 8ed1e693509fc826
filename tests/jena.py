"""Apache Jena from Debian's ``libapache-jena-java`` for the tests: riot and ARQ.

Debian ships Jena's jars in ``/usr/share/java`` without the ``riot``/``sparql`` scripts, so
this module builds the classpath and runs the command classes itself, in as few JVMs as
it can: one ``riotcmd.riot`` call takes many files, and ``tests/JenaQueries.java`` runs
every query over one loaded graph (Java's single-file source launcher compiles it in
memory; Debian's ``openjdk-17-jre-headless`` carries the ``jdk.compiler`` module it needs).

Two problems with the Debian package (4.5.0-2, bookworm) need working around; both were
found by running them and reading the jars:

* ``java -cp '/usr/share/java/*'`` stops at start: slf4j finds both log4j-over-slf4j
  and the slf4j-log4j12 binding, a delegation loop it refuses ("Detected both
  log4j-over-slf4j.jar AND bound slf4j-log4j12.jar", slf4j.org/codes.html). The folder
  holds six bindings; with ``slf4j-nop`` every warning riot reports would be dropped
  silently. So the classpath is named jar by jar (:data:`JARS`), with ``slf4j-simple``
  as the one binding (it logs to stderr, where riot also prints its counts).
* JenaSystem.init fails with ``XSSimpleTypeDecl.applyFacets1`` "internal error": the
  message bundles of Jena's embedded Xerces are missing under the package its classes
  were moved to (see :func:`xerces_messages`).

Jena's JSON-LD 1.1 reader (Titanium) cannot run on Debian bookworm either: it needs a
Jakarta JSON-P 2.1 provider (Eclipse Parsson), and Debian packages only the API
(``libjsonp2-java``): every ``.jsonld`` fails with "The document could not be loaded or
parsed [code=LOADING_DOCUMENT_FAILED]" (underneath: "Provider
org.eclipse.parsson.JsonProviderImpl not found"). JSON-LD is therefore read with Jena's
JSON-LD 1.0 reader (jsonld-java, ``--syntax=JSONLD10``), which the package does support.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["JARS", "JAVA_DIR", "Jena", "RiotResult", "xerces_messages"]

JAVA_DIR = Path("/usr/share/java")
"""Where Debian's Java library packages put their jars."""

JARS = [
    # libapache-jena-java itself (the unversioned names Debian links to the current jar)
    *("jena-arq", "jena-base", "jena-cmds", "jena-core", "jena-iri", "jena-rdfconnection"),
    *("jena-shacl", "jena-shex", "jena-tdb", "jena-tdb2", "jena-dboe-base", "jena-dboe-index"),
    *("jena-dboe-storage", "jena-dboe-trans-data", "jena-dboe-transaction"),
    # its Depends: (apt-cache show libapache-jena-java)
    *("commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io"),
    *("commons-lang3", "dexx.collection", "gson", "guava", "httpclient", "httpcore"),
    *("jackson-core", "jackson-databind", "jackson-annotations", "jsonld-java", "protobuf"),
    *("jakarta.json-api", "titanium-json-ld", "thrift", "slf4j-api"),
    # jsonld-java (the JSON-LD 1.0 reader) needs httpclient's cache classes (from
    # libhttpclient-java, a dependency of libjsonld-java); and exactly one slf4j binding.
    *("httpclient-cache", "slf4j-simple"),
]
"""The jars riot and ARQ need, by their name in ``/usr/share/java`` without ``.jar``."""

_XERCES_FROM = "org/apache/jena/ext/xerces/"
_XERCES_TO = "xerces/"
_DRIVER = Path(__file__).with_name("JenaQueries.java")
_JVM_OPTIONS = [
    # riot logs "File: NAME" at INFO before each file: the problems after it are its own.
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
    "-Dorg.slf4j.simpleLogger.showThreadName=false",
    # Runs of a few seconds: the C1 compiler alone starts faster, and the C2 threads
    # would compete with the tests for a 2-core CI machine (measured: riot over the
    # exports 5.4 s -> 1.6 s, JSON-LD 3.9 s -> 2.1 s).
    "-XX:TieredStopAtLevel=1",
]


def xerces_messages(jena_core: Path, folder: Path) -> Path | None:
    """Put the message bundles of Jena's embedded Xerces where its classes look for them.

    Upstream Jena keeps a copy of Xerces' datatype code under ``org.apache.jena.ext.xerces``
    with its ``.properties`` message bundles beside it. Debian's jena-core jar has the
    classes under ``xerces.*`` but the bundles still under ``org/apache/jena/ext/xerces/``,
    so ``xerces.impl.xpath.regex.RegexParser`` asks for the bundle
    ``xerces.impl.xpath.regex.message`` (``strings`` on the class shows it) and gets a
    MissingResourceException. XSSimpleTypeDecl catches any exception while it compiles
    the ``pattern`` facets of the built-in XSD types and turns it into
    ``RuntimeException("internal error")``, which JenaSystem.init reports.

    Copies the bundles to the path the classes use, under ``folder`` (to be put on the
    classpath), and returns ``folder``; returns None when the jar needs no help (a fixed
    package, or upstream's layout).
    """
    with zipfile.ZipFile(jena_core) as jar:
        names = set(jar.namelist())
        moved = f"{_XERCES_TO}impl/xpath/regex/RegexParser.class" in names
        if not moved or f"{_XERCES_TO}impl/xpath/regex/message.properties" in names:
            return None
        for name in sorted(names):
            if name.startswith(_XERCES_FROM) and name.endswith(".properties"):
                target = folder / (_XERCES_TO + name[len(_XERCES_FROM) :])
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return folder


@dataclass
class RiotResult:
    """What riot said about one file: its triple count and every warning or error."""

    path: Path
    triples: int | None = None
    """None when riot stopped before counting (a fatal error)."""
    problems: list[str] = field(default_factory=list)


class Jena:
    """Debian's Jena, run through ``java`` with a classpath built from ``/usr/share/java``.

    Args:
        java: the ``java`` executable.
        workdir: a scratch folder (the Xerces bundles, query files and answers go there).
    """

    def __init__(self, java: str, workdir: Path, java_dir: Path = JAVA_DIR) -> None:
        self.java = java
        self.workdir = workdir
        entries = [str(java_dir / f"{name}.jar") for name in JARS]
        missing = [e for e in entries if not Path(e).exists()]
        if missing:
            raise FileNotFoundError(f"Jena's jars are missing: {', '.join(missing)}")
        fix = xerces_messages(java_dir / "jena-core.jar", workdir / "xerces-messages")
        self.classpath = ":".join(entries + ([str(fix)] if fix else []))

    def _java(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.java, *_JVM_OPTIONS, "-cp", self.classpath, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def riot(self, files: Sequence[Path], syntax: str | None = None) -> dict[Path, RiotResult]:
        """Parse every file with ``riot --strict --check --count`` in one JVM.

        ``--validate`` is ``--sink --check --strict`` (riot --help); ``--count`` is a sink
        too and prints each file's triple count, so this validates and counts at once.
        The syntax comes from each file's extension unless ``syntax`` is given (it then
        applies to all files). Problems are riot's WARN and ERROR lines and anything
        else it printed that is not a count (a stack trace).
        """
        args = ["--strict", "--check", "--count"]
        if syntax:
            args.append(f"--syntax={syntax}")
        done = self._java("riotcmd.riot", *args, *[str(f) for f in files])
        results = {str(f): RiotResult(f) for f in files}
        by_uri = {f.resolve().as_uri(): results[str(f)] for f in files}
        # Everything comes on stderr, in order: with several files riot logs
        # "File: NAME" (INFO) before each, then its WARN/ERROR lines, then
        # "<file URI> : Triples = N" (just the URI when a fatal error stopped it), and a
        # "Total" line at the end.
        current = results[str(files[0])] if len(files) == 1 else None
        for line in done.stderr.splitlines():
            opened = re.match(r"INFO org\.apache\.jena\.riot - File: (.*)$", line)
            uri, _, count = line.partition(" : Triples = ")
            if opened:
                current = results[opened.group(1)]
            elif uri.strip() in by_uri:
                if count:
                    by_uri[uri.strip()].triples = int(re.sub(r"\D", "", count))
                current = None
            elif line.startswith("Total ") or not line.strip():
                continue
            elif current is not None:
                current.problems.append(line.strip())
            else:
                raise AssertionError(f"riot printed {line!r} outside any file")
        return {r.path: r for r in results.values()}

    def select(self, data: Path, queries: Mapping[str, str]) -> dict[str, Path]:
        """Run every query over ``data`` (N-Triples) with ARQ in one JVM.

        Returns, per query name, the answer file: ``.srj`` (SPARQL 1.1 Query Results
        JSON) for SELECT/ASK, ``.nt`` for CONSTRUCT/DESCRIBE, ``.error`` with ARQ's
        message when it refused or failed.
        """
        folder = self.workdir / "queries"
        answers = self.workdir / "answers"
        for path in (folder, answers):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        files = []
        for name, text in queries.items():
            files.append(folder / f"{name}.rq")
            files[-1].write_text(text, encoding="utf-8")
        done = self._java(str(_DRIVER), str(data), str(answers), *map(str, files))
        if done.returncode != 0:
            raise RuntimeError(f"ARQ driver failed ({done.returncode}): {done.stderr[-2000:]}")
        found = {}
        for name in queries:
            hits = [answers / f"{name}{ext}" for ext in (".srj", ".nt", ".error")]
            found[name] = next((h for h in hits if h.exists()), hits[-1])
        return found
