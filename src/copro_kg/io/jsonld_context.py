"""JSON-LD ``@context`` / ``@import`` references resolved by our policy, then inlined.

rdflib would fetch contexts itself -- over HTTP, or from any local path, nested, with no
timeout. Here remote contexts are fetched only with ``allow_network``
(``--allow-network``), local ones only from the data file's own folder (or below) and
never from a remote context; they are inlined so rdflib never fetches anything.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.parser import PythonInputSource

from copro_kg.errors import InputError, LimitError, NetworkRefusedError
from copro_kg.io.netguard import allow_network as _lift_guard

__all__ = ["ContextResolver", "Reader", "parse_jsonld"]

Reader = Callable[[Path, int], tuple[bytes, str]]
"""``read(path, max_bytes) -> (content, where)``: how a local context file is read."""

# JSON-LD context resolution bounds.
_MAX_CONTEXT_DEPTH = 10
_MAX_CONTEXTS = 100
_FETCH_TIMEOUT = 10.0


def parse_jsonld(
    graph: Graph,
    text: str,
    where: str,
    base: str | None,
    network: bool,
    limit: int,
    read: Reader,
) -> None:
    """Parse JSON-LD ``text`` into ``graph`` with every context inlined by our policy.

    ``read(path, limit) -> (bytes, where)`` reads a local context file (the loader's own
    guarded reader: size limit, regular files only).

    Raises:
        json.JSONDecodeError: not JSON (the caller locates it).
        InputError: a refused or broken context.
        LimitError: contexts too many, too deep or too large.
        NetworkRefusedError: a remote context while the network is not allowed.
    """
    document = json.loads(text)
    resolver = ContextResolver(where, base, network, limit, read)
    document = resolver.inline(document, base, remote=False, depth=0)
    graph.parse(source=PythonInputSource(document, base), format="json-ld", publicID=base)


class ContextResolver:
    """Inline every ``@context`` / ``@import`` reference of a JSON-LD document.

    rdflib would fetch them itself -- over HTTP, or from any local path, nested, with no
    timeout. We apply the policy instead: ``http(s)`` only when the network is allowed,
    local files only under the data file's folder and only from local documents, at most
    100 contexts 10 deep, no cycles. A remote context's ``@base`` is dropped, as JSON-LD
    1.1 (Context Processing, step 5.7) ignores it.
    """

    def __init__(
        self, where: str, base: str | None, network: bool, limit: int, read: Reader
    ) -> None:
        self.where = where
        self.read = read
        self.network = network
        self.limit = limit
        self.root = Path(urllib.parse.urlparse(base).path).parent if base else None
        self.cache: dict[str, Any] = {}
        self.active: set[str] = set()

    def inline(self, node: Any, base: str | None, *, remote: bool, depth: int) -> Any:
        """Return ``node`` with every context reference replaced by its content."""
        if isinstance(node, list):
            return [self.inline(item, base, remote=remote, depth=depth) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "@value":  # literal data, including @json values: never contexts
                out[key] = value
            elif key == "@context":
                out[key] = self.context(value, base, remote=remote, depth=depth)
            else:
                out[key] = self.inline(value, base, remote=remote, depth=depth)
        return out

    def context(self, value: Any, base: str | None, *, remote: bool, depth: int) -> Any:
        """Resolve one ``@context`` value (string, object or array of them)."""
        if isinstance(value, str):
            url, loaded, is_remote = self.fetch(value, base, remote=remote, depth=depth)
            self.active.add(url)
            try:
                inner = loaded.get("@context") if isinstance(loaded, dict) else None
                if inner is None:
                    raise InputError(
                        f"the JSON-LD context {url} has no @context", location=self.where
                    )
                resolved = self.context(inner, url, remote=is_remote, depth=depth + 1)
            finally:
                self.active.discard(url)
            return _drop_base(resolved)
        if isinstance(value, list):
            flat: list[Any] = []
            for item in value:
                resolved = self.context(item, base, remote=remote, depth=depth)
                flat.extend(resolved if isinstance(resolved, list) else [resolved])
            return flat
        if not isinstance(value, dict):
            return value
        ctx = dict(value)
        imported = ctx.pop("@import", None)
        for term, definition in list(ctx.items()):
            if isinstance(definition, dict) and "@context" in definition:  # scoped context
                ctx[term] = self.inline(definition, base, remote=remote, depth=depth)
        if isinstance(imported, str):
            url, loaded, is_remote = self.fetch(imported, base, remote=remote, depth=depth)
            inner = loaded.get("@context") if isinstance(loaded, dict) else None
            if not isinstance(inner, dict):
                raise InputError(
                    f"the JSON-LD @import {url} is not a single context object",
                    location=self.where,
                )
            # JSON-LD 1.1: the importing context's own definitions win.
            merged = _drop_base(self.context(inner, url, remote=is_remote, depth=depth + 1))
            ctx = {**merged, **ctx}
        elif imported is not None:
            ctx["@import"] = imported  # not a string: let rdflib report it
        return ctx

    def fetch(
        self, ref: str, base: str | None, *, remote: bool, depth: int
    ) -> tuple[str, Any, bool]:
        """Load the document a context reference names, if the policy allows it."""
        url = urllib.parse.urljoin(base, ref) if base else ref
        scheme = urllib.parse.urlparse(url).scheme.lower()
        if depth >= _MAX_CONTEXT_DEPTH or len(self.cache) >= _MAX_CONTEXTS:
            raise LimitError(f"{self.where}: JSON-LD contexts nest too deeply or are too many")
        if url in self.active:
            raise InputError(f"the JSON-LD context {url} includes itself", location=self.where)
        if url in self.cache:
            return url, self.cache[url], scheme in {"http", "https"}
        if scheme in {"http", "https"}:
            loaded = self._fetch_remote(url)
            remote_doc = True
        elif scheme in {"file", ""} and not remote:
            loaded = self._read_local(url, ref)
            remote_doc = False
        else:
            raise InputError(
                f"refused the JSON-LD context {ref!r}: only http(s) contexts and local files "
                "next to the data file can be used",
                location=self.where,
            )
        self.cache[url] = loaded
        return url, loaded, remote_doc

    def _fetch_remote(self, url: str) -> Any:
        if not self.network:
            raise NetworkRefusedError(
                f"refused to fetch the JSON-LD context {url} ({self.where}): copro-kg works "
                "offline",
                hint="pass --allow-network to fetch it, or inline the context in the file",
            )
        request = urllib.request.Request(
            url, headers={"Accept": "application/ld+json, application/json"}
        )
        try:
            with _lift_guard(), urllib.request.urlopen(request, timeout=_FETCH_TIMEOUT) as resp:
                body = resp.read(self.limit + 1)
        except OSError as err:
            raise InputError(
                f"cannot fetch the JSON-LD context {url}: {err}", location=self.where
            ) from err
        if len(body) > self.limit:
            raise LimitError(f"the JSON-LD context {url} is larger than {self.limit:,} bytes")
        try:
            return json.loads(body)
        except ValueError as err:
            raise InputError(
                f"the JSON-LD context {url} is not JSON: {err}", location=self.where
            ) from err

    def _read_local(self, url: str, ref: str) -> Any:
        path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).resolve()
        if self.root is None or not path.is_relative_to(self.root.resolve()):
            raise InputError(
                f"refused the local JSON-LD context {ref!r}: only files in the data file's "
                "own folder (or below) are read",
                location=self.where,
                hint="copy the context next to the data file, or inline it",
            )
        raw, where = self.read(path, self.limit)
        try:
            return json.loads(raw)
        except ValueError as err:
            raise InputError(f"the JSON-LD context is not JSON: {err}", location=where) from err


def _drop_base(context: Any) -> Any:
    if isinstance(context, dict) and "@base" in context:
        return {k: v for k, v in context.items() if k != "@base"}
    if isinstance(context, list):
        return [_drop_base(item) for item in context]
    return context
