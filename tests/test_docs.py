"""Every command shown in README.md and docs/*.md works, and docs/cli.md is current.

The docs are run as tests so they cannot rot (issue 9: "every command in README and docs is
exercised by a test"). From each fenced code block tagged ``sh``/``bash``/``shell``, a line
starting with ``copro-kg `` or ``make `` (or ``echo TEXT | copro-kg ...``) is a command; in a
``console`` block it is such a line after a ``$ `` prompt, and the lines below it, up to the
next prompt, are the output the docs promise. Lines that end in ``\\`` continue on the next.

How each command is exercised:

* ``copro-kg ...`` runs in-process through ``cli.main`` (``tests.conftest.run_cli``) in one
  shared temporary folder, so relative outputs (``build/...``) land there. It must exit 0 --
  unless the docs show an ``error:`` line below it, in which case it must exit 1 (findings) or 2
  (bad input) and print that line first on stderr -- or the status a trailing ``# exit N``
  comment names (e.g. ``check`` finding a problem). Every line of output the docs show
  (except ``...``) must appear in what it printed.
  A ``-o``/``--output``/``--all-formats``/``--run-all`` target must exist afterwards.
* ``copro-kg serve ...`` starts a real server (``python -m copro_kg``) on a free loopback port
  instead of the one shown, and must answer a SPARQL ``ASK`` at ``/sparql``; then it is stopped.
* ``copro-kg publish`` and ``--endpoint`` commands naming ``127.0.0.1:7878`` (Oxigraph's port)
  run against a real Oxigraph server started on a free loopback port from the ``oxigraph``
  package's binary; any other endpoint fails this test (docs examples must be runnable).
* ``make TARGET`` must be a target of the Makefile that ``make -n`` (dry run) accepts.

Files the commands read (``my-activities.ttl`` ...) come from the docs themselves: a block
preceded by ``<!-- file: NAME -->`` is written to NAME in the folder. Placeholders the docs
use for "your own file" and have no block for are listed in :data:`FALLBACK_FILES` and
:data:`PLACEHOLDERS` below, each with a reason; paths into the repo (``tests/data/...``) work
because :data:`REPO_FOLDERS` are linked into the folder.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from copro_kg import pipeline
from copro_kg.sparql import publish as publishing

from .conftest import REPO_ROOT, RunCli, load_script, require_tool

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
SHELL_TAGS = {"sh", "bash", "shell"}
CONSOLE_TAGS = {"console", "shell-session"}
FILE_MARKER = re.compile(r"<!--\s*file:\s*(\S+)\s*-->")
OXIGRAPH_SHOWN = "127.0.0.1:7878"  # the port the docs show for Oxigraph

# Files the docs name as "your own file" without showing one. Each is the smallest file of
# the kind the sentence around it describes.
FALLBACK_FILES: dict[str, str] = {
    # docs/taxonomy-tools.md: "your own terms too" -- a local extension of the vocabulary.
    "my-extension.ttl": """\
@prefix copro: <https://w3id.org/copro-kg/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix iso-thes: <http://purl.org/iso25964/skos-thes#> .
<https://example.org/ours/peer-mentoring> a skos:Concept ;
    skos:prefLabel "Peer mentoring"@en ;
    skos:definition "Our local term: people with lived experience supporting each other."@en ;
    skos:inScheme copro:glossary ;
    iso-thes:broaderGeneric copro:co-productive-approaches .
""",
    # docs/querying.md: `copro-kg query FILE.rq` -- "a query file".
    "FILE.rq": "SELECT ?term WHERE { ?term skos:broader copro:involvement }\n",
}

# Repo folders a docs command may read from, by their path from the repo root.
REPO_FOLDERS = ("tests", "ontology", "queries", "notebooks")

# Placeholders in commands, and what the test puts in their place.
PLACEHOLDERS: dict[str, str] = {
    # docs/querying.md: `copro-kg query NAME  # a library query` -- any library query name.
    "NAME": "levels-doing-for",
}


@dataclass(frozen=True)
class DocCommand:
    """One command shown in the docs."""

    doc: str
    line: int
    text: str
    argv: tuple[str, ...]
    expected_exit: int | None
    stdin: str | None
    shown_output: tuple[str, ...]

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}: {self.text[:70]}"


def _strip_comment(text: str) -> str:
    """``text`` without a trailing shell comment (a ``#`` that starts a word, unquoted)."""
    quote = ""
    for i, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i].rstrip()
    return text.rstrip()


EXIT_COMMENT = re.compile(r"#\s*exit(?: status)? (\d)\b")


def _command(doc: str, line: int, text: str, output: list[str]) -> DocCommand | None:
    command_text = _strip_comment(text)
    said = EXIT_COMMENT.search(text, len(command_text))  # only in the trailing comment
    expected_exit = int(said.group(1)) if said else None
    text = command_text
    tokens = shlex.split(text)
    stdin = None
    if "|" in tokens:  # only `echo TEXT | copro-kg ...` is supported: say so if it changes
        left, right = tokens[: tokens.index("|")], tokens[tokens.index("|") + 1 :]
        if not right or right[0] != "copro-kg":
            return None
        assert left[0] == "echo" and len(left) == 2, f"{doc}:{line}: unsupported pipe: {text}"
        stdin, tokens = left[1] + "\n", right
    if not tokens or tokens[0] not in {"copro-kg", "make"}:
        return None
    return DocCommand(doc, line, text, tuple(tokens), expected_exit, stdin, tuple(output))


def extract(path: Path) -> tuple[list[DocCommand], dict[str, str]]:
    """The commands shown in ``path`` and the files it defines (name -> content)."""
    doc = path.relative_to(REPO_ROOT).as_posix()
    lines = path.read_text(encoding="utf-8").splitlines()
    commands: list[DocCommand] = []
    files: dict[str, str] = {}
    i = 0
    while i < len(lines):
        fence = re.match(r"^(\s*)(```+)\s*([\w-]*)", lines[i])
        if not fence:
            i += 1
            continue
        marker = FILE_MARKER.search(lines[i - 1]) if i else None
        tag, ticks = fence.group(3).lower(), fence.group(2)
        start = i + 1
        i = start
        while i < len(lines) and not lines[i].strip().startswith(ticks):
            i += 1
        block = lines[start:i]
        i += 1
        if marker:
            files[marker.group(1)] = "\n".join(block) + "\n"
        if tag in SHELL_TAGS | CONSOLE_TAGS:
            commands.extend(_block_commands(doc, start + 1, block, console=tag in CONSOLE_TAGS))
    return commands, files


def _block_commands(doc: str, first: int, block: list[str], *, console: bool) -> list[DocCommand]:
    found: list[DocCommand] = []
    j = 0
    while j < len(block):
        raw, number = block[j], first + j
        j += 1
        if console:
            if not raw.startswith("$ "):
                continue
            raw = raw[2:]
        text = raw.strip()
        while text.endswith("\\") and j < len(block):  # continuation lines
            text = text[:-1] + " " + block[j].strip()
            j += 1
        output: list[str] = []
        if console:
            while j < len(block) and not block[j].startswith("$ "):
                output.append(block[j])
                j += 1
        command = _command(doc, number, text, output)
        if command:
            found.append(command)
    return found


def _all() -> tuple[list[DocCommand], dict[str, str]]:
    commands: list[DocCommand] = []
    files = dict(FALLBACK_FILES)
    for path in DOCS:
        found, defined = extract(path)
        commands.extend(found)
        files.update(defined)
    return commands, files


def _distinct(commands: list[DocCommand]) -> list[DocCommand]:
    """Each distinct command once (the README and a guide may show the same line)."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for command in commands:
        key = (command.argv, command.stdin, command.shown_output, command.expected_exit)
        if key not in seen:
            seen.add(key)
            kept.append(command)
    return kept


COMMANDS, FILES = _all()
KG = _distinct([c for c in COMMANDS if c.argv[0] == "copro-kg"])
MAKE = [c for c in COMMANDS if c.argv[0] == "make"]


def _is_server(command: DocCommand) -> bool:
    return len(command.argv) > 1 and command.argv[1] == "serve"


def _uses_endpoint(command: DocCommand) -> bool:
    return any(arg == "--endpoint" or arg.startswith("--endpoint=") for arg in command.argv)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bytes(response.read())
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"server exited with {process.returncode}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process this test started, and its own children (its process group)."""
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One folder for every docs command, holding the files the docs define."""
    folder = tmp_path_factory.mktemp("docs-commands")
    # Docs may name files of the repo by their path from its root (`--data tests/data/...`),
    # as a reader running them from a clone would: those folders are linked in, read-only use.
    for name in REPO_FOLDERS:
        (folder / name).symlink_to(REPO_ROOT / name, target_is_directory=True)
    for name, content in FILES.items():
        (folder / name).write_text(content, encoding="utf-8")
    cache = tmp_path_factory.mktemp("docs-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COPRO_KG_CACHE_DIR", str(cache))
        yield folder


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory, workdir: Path) -> Iterator[str]:
    """``host:port`` of a real Oxigraph on loopback, holding the published glossary."""
    binary = require_tool("oxigraph", str(Path(sys.executable).parent / "oxigraph"))
    port = _free_port()
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(tmp_path_factory.mktemp("store")),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", process, 30)
        # Queries shown without a publish before them in the same doc still find a graph.
        graph = pipeline.graph_for_queries()
        publishing.publish(graph, f"http://127.0.0.1:{port}/store")
        publishing.publish(
            graph, f"http://127.0.0.1:{port}/store", "https://w3id.org/copro-kg/graph"
        )
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)


def _argv(command: DocCommand, oxigraph: str | None = None) -> list[str]:
    args = [PLACEHOLDERS.get(arg, arg) for arg in command.argv[1:]]
    if oxigraph:
        args = [arg.replace(OXIGRAPH_SHOWN, oxigraph) for arg in args]
    return args


def _outputs(args: list[str]) -> list[str]:
    targets = []
    for flag in ("-o", "--output", "--all-formats", "--run-all"):
        if flag in args and args.index(flag) + 1 < len(args):
            targets.append(args[args.index(flag) + 1])
    return targets


def _normal(text: str) -> str:
    return " ".join(text.split())


# --- the tests -----------------------------------------------------------------------------


def test_the_docs_show_commands() -> None:
    """The extraction finds what the README's CLI tour shows (so this file tests something)."""
    readme = [c.text for c in KG if c.doc == "README.md"]
    assert any(text.startswith("copro-kg reason") for text in readme), readme
    assert {"demo", "test"} <= {c.argv[1] for c in MAKE if c.doc == "README.md"}


@pytest.mark.parametrize("command", [c for c in KG if not _is_server(c)], ids=lambda c: c.id)
def test_docs_command_runs(
    command: DocCommand,
    workdir: Path,
    run_cli: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.chdir(workdir)
    shown_error = next((line for line in command.shown_output if line.startswith("error:")), None)
    oxigraph = None
    if _uses_endpoint(command):
        assert OXIGRAPH_SHOWN in command.text, (
            f"{command.id}: an endpoint example must use Oxigraph at {OXIGRAPH_SHOWN} so it can run"
        )
        oxigraph = request.getfixturevalue("oxigraph")
    args = _argv(command, oxigraph)
    result = run_cli(*args, input=command.stdin)
    printed = _normal(result.stdout + "\n" + result.stderr)
    if shown_error:  # 1: findings (a failed check), 2: bad usage or input -- both say error:
        expected = {command.expected_exit} if command.expected_exit is not None else {1, 2}
        assert result.exit_code in expected, (command.id, result.exit_code, result.stderr)
        assert result.stderr.splitlines()[0] == shown_error, (command.id, result.stderr)
    elif command.expected_exit is not None:  # the docs say which status to expect
        assert result.exit_code == command.expected_exit, (command.id, result.stderr[-2000:])
    else:
        assert result.exit_code == 0, (command.id, result.exit_code, result.stderr[-2000:])
        for target in _outputs(args):
            assert (workdir / target).exists(), f"{command.id}: {target} was not written"
    for line in command.shown_output:
        if line.strip() and line.strip() != "...":
            assert _normal(line) in printed, f"{command.id}: the docs show {line!r}"
    if command.shown_output:
        assert_whole_output(command, result.stdout, result.stderr)


def _lines(text: str) -> list[str]:
    lines = [_normal(line) for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _interleaves(shown: list[str], out: list[str], err: list[str]) -> bool:
    """Whether ``shown`` is ``out`` and ``err`` interleaved, each in its own order (a
    terminal shows both streams, and the docs cannot know how they were mixed)."""
    reach = {(0, 0)}  # (lines of out, lines of err) that the shown lines so far can be
    for line in shown:
        reach = {(i + 1, j) for i, j in reach if i < len(out) and out[i] == line} | {
            (i, j + 1) for i, j in reach if j < len(err) and err[j] == line
        }
        if not reach:
            return False
    return (len(out), len(err)) in reach


def assert_whole_output(command: DocCommand, stdout: str, stderr: str) -> None:
    """Issue 18: a sample output in the docs is the command's WHOLE output -- every line
    it prints, in order, nothing elided (no ``...``) and nothing added."""
    shown = _lines("\n".join(command.shown_output))
    assert not any(line in {"...", "…"} for line in shown), f"{command.id}: elided output"
    out, err = _lines(stdout), _lines(stderr)
    assert _interleaves(shown, out, err), (
        f"{command.id}: the docs show part of the output; the whole of it is:\n"
        + "\n".join([*out, *err])
    )


def test_a_cut_sample_output_is_refused() -> None:
    """The README's ``classify`` sample once ended at "INCONSISTENT:" (issue 18)."""
    cut = DocCommand("README.md", 1, "copro-kg x", ("copro-kg", "x"), None, None, ("a", "b"))
    with pytest.raises(AssertionError, match="part of the output"):
        assert_whole_output(cut, "a\nb\nc\n", "")
    elided = DocCommand("README.md", 1, "copro-kg x", ("copro-kg", "x"), None, None, ("a", "..."))
    with pytest.raises(AssertionError, match="elided"):
        assert_whole_output(elided, "a\nb\n", "")
    assert_whole_output(cut, "a\n", "b\n")  # stdout and stderr, in either order
    assert_whole_output(cut, "b\n", "a\n")


@pytest.mark.parametrize("command", [c for c in KG if _is_server(c)], ids=lambda c: c.id)
def test_docs_serve_command_answers_sparql(command: DocCommand, workdir: Path) -> None:
    """`serve` blocks, so it runs as a real server on a free loopback port, then stops."""
    args = _argv(command)
    port = str(_free_port())
    if "--port" in args:
        args[args.index("--port") + 1] = port
    else:
        args += ["--port", port]
    assert "--host" not in args or args[args.index("--host") + 1] == "127.0.0.1"
    process = subprocess.Popen(
        [sys.executable, "-m", "copro_kg", *args],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        query = urllib.parse.quote("ASK { copro:co-production skos:broader copro:involvement }")
        answer = _wait_for(f"http://127.0.0.1:{port}/sparql?query={query}", process)
        # Glossary: "all co-production is involvement" -- true in the served reasoned graph.
        assert b'"boolean": true' in answer or b'"boolean":true' in answer, answer
    finally:
        _stop(process)


@pytest.mark.parametrize("command", MAKE, ids=lambda c: c.id)
def test_docs_make_target_exists(command: DocCommand) -> None:
    """`make demo` / `make test` are not run here (they install; CI runs them): they must be
    real Makefile targets that make accepts in a dry run."""
    targets = [arg for arg in command.argv[1:] if not arg.startswith("-") and "=" not in arg]
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    for target in targets:
        assert re.search(rf"^{re.escape(target)}\s*:", makefile, re.M), f"no make target {target}"
    dry = subprocess.run(
        ["make", "-n", "-C", str(REPO_ROOT), *targets],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert dry.returncode == 0, dry.stderr


def _generator() -> object:
    return load_script("scripts/generate_cli_reference.py")


def test_cli_reference_is_generated_from_the_cli() -> None:
    """docs/cli.md is exactly what scripts/generate_cli_reference.py writes (`make docs-cli`)."""
    generated = _generator().generate()  # type: ignore[attr-defined]
    current = (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == generated, "docs/cli.md is out of date: run `make docs-cli`"


def test_cli_reference_covers_every_command_and_option() -> None:
    """Each command's section holds every option click knows for it -- checked against the
    click objects, not against the generated text."""
    import click

    from copro_kg.cli import COMMANDS as CLI_COMMANDS
    from copro_kg.cli import cli

    text = (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    root = click.Context(cli, info_name="copro-kg")
    for name in CLI_COMMANDS:
        section = text.split(f"\n## copro-kg {name}\n", 1)[1].split("\n## ", 1)[0]
        command = cli.get_command(root, name)
        assert command is not None
        for param in command.params:
            for opt in param.opts if isinstance(param, click.Option) else []:
                assert opt in section, f"docs/cli.md: copro-kg {name} lacks {opt}"


LINK = re.compile(r"\[[^\]]*\]\((?!https?://|mailto:|#)([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_relative_links_point_at_files(path: Path) -> None:
    """A link from README/docs to a file in the repo leads somewhere."""
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        assert (path.parent / target).exists(), f"{path.name}: broken link to {target}"
