"""The offline guard: no outbound connection unless the user named an endpoint.

rdflib reaches the network on its own in several places (SPARQL ``SERVICE``, JSON-LD
``@context`` URLs, ``owl:imports`` when followed). We refuse those up front where they
can be recognised (see ``querying`` and ``loading``), and keep a second wall here: a
Python audit hook that raises :class:`~copro_kg.errors.NetworkRefusedError` on any
socket connection or URL request made while the guard is on.

The guard is on by default inside :func:`offline`; code that was asked to talk to an
endpoint (``publish``, ``query --endpoint``) runs inside :func:`allow_network`.

Two separate switches, on purpose:

* :func:`permit_network` records the *user's* decision (the CLI's ``--allow-network``).
  Library code asks :func:`network_permitted` before it fetches anything (a JSON-LD
  ``@context``, a ``SERVICE`` clause) and refuses with a hint when it is off.
* :func:`allow_network` lifts the audit-hook guard around the one request the code has
  decided to make. Nothing else inside an :func:`offline` block can reach the network,
  whatever the user permitted.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from copro_kg.errors import NetworkRefusedError

__all__ = [
    "allow_network",
    "network_allowed",
    "network_permitted",
    "offline",
    "permit_network",
]

_guard_on: ContextVar[bool] = ContextVar("copro_kg_offline", default=False)
_permitted: ContextVar[bool] = ContextVar("copro_kg_network_permitted", default=False)
_hook_installed = False

# Audit events that mean "about to reach another host". Loopback counts too: a
# SERVICE <http://127.0.0.1/...> is still a request the user did not ask for.
_NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "urllib.Request"})


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event in _NETWORK_EVENTS and _guard_on.get():
        target = args[1] if event == "socket.connect" and len(args) > 1 else args[0]
        # Only the host and port: never echo a URL's query string (it may carry data).
        if event == "socket.connect" and isinstance(target, tuple):
            target = ":".join(str(part) for part in target[:2])
        elif isinstance(target, str) and "?" in target:
            target = target.split("?", 1)[0] + "?..."
        raise NetworkRefusedError(
            f"refused a network request to {target!r}: copro-kg works offline",
            hint="name an endpoint explicitly (--endpoint) or pass --allow-network",
        )


def _install() -> None:
    global _hook_installed
    if not _hook_installed:
        sys.addaudithook(_audit)
        _hook_installed = True


@contextlib.contextmanager
def offline() -> Iterator[None]:
    """Refuse every network request made inside this block (in this context).

    >>> import urllib.request
    >>> with offline():
    ...     try:
    ...         urllib.request.urlopen("http://127.0.0.1:9/")
    ...     except NetworkRefusedError as err:
    ...         print("refused")
    refused
    """
    _install()
    token = _guard_on.set(True)
    try:
        yield
    finally:
        _guard_on.reset(token)


@contextlib.contextmanager
def allow_network() -> Iterator[None]:
    """Lift the guard inside this block: the user named an endpoint or said so."""
    token = _guard_on.set(False)
    try:
        yield
    finally:
        _guard_on.reset(token)


def network_allowed() -> bool:
    """True unless an :func:`offline` block is active in this context."""
    return not _guard_on.get()


@contextlib.contextmanager
def permit_network(permitted: bool = True) -> Iterator[None]:
    """Record that the user allowed network access (``--allow-network``) in this block.

    This does not lift the :func:`offline` guard; it tells library code that it may
    decide to fetch (and then do so inside :func:`allow_network`).

    >>> network_permitted()
    False
    >>> with permit_network():
    ...     network_permitted()
    True
    """
    token = _permitted.set(permitted)
    try:
        yield
    finally:
        _permitted.reset(token)


def network_permitted() -> bool:
    """True inside :func:`permit_network`: the user said the tool may reach the network."""
    return _permitted.get()
