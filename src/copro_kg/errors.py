"""The exceptions copro_kg raises, and the exit code each maps to on the command line.

Every error a user can cause derives from :class:`CoproError`. The CLI turns them into
one ``error: ...`` line and the exit code on the class (in one place: ``cli.main``);
library callers catch them like any exception.

Exit codes follow the convention written in CONTRIBUTING.md:

* 0 -- success;
* 1 -- the command ran and found problems (:class:`FindingsError`);
* 2 -- bad usage or bad input (every other :class:`CoproError`).
"""

from __future__ import annotations

# The name alone tells mypy (and readers) this block is for type checkers; not importing
# typing keeps it off the warm query path (copro_kg.cli.warm), which pays for every import.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import ClassVar

__all__ = [
    "CheckFailedError",
    "CoproError",
    "DoubtfulInputWarning",
    "FindingsError",
    "InconsistencyError",
    "InputError",
    "LimitError",
    "MissingDependencyError",
    "NetworkRefusedError",
    "OutputWarning",
    "QueryError",
    "UnknownTermError",
]


class CoproError(Exception):
    """Base class for every error copro_kg raises on purpose.

    Args:
        message: what went wrong, in words the user can act on.
        location: where, as ``file:line:column`` (or as much of it as is known).
        hint: an optional next step ("use --input-format turtle").
    """

    exit_code: ClassVar[int] = 2

    def __init__(
        self, message: str, *, location: str | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.location})" if self.location else self.message


class InputError(CoproError):
    """A file or value given by the user cannot be read, parsed or used."""


# A warning category first (warnings.warn), an error only under --strict: hence the name.
class DoubtfulInputWarning(InputError, UserWarning):  # noqa: N818
    """Input that was read but may not say what its author meant (issue 18).

    An ill-typed literal (``"abc"^^xsd:integer``), a language tag that is not well-formed
    BCP 47, an ``owl:imports`` copro-kg does not follow offline. It is issued with
    :func:`warnings.warn` and the input is kept as written; the CLI prints one
    ``warning: file:line: ...`` line each, and ``--strict`` turns it into an error (it is
    an :class:`InputError`, so ``warnings.simplefilter("error", DoubtfulInputWarning)``
    raises it as one, exit code 2).

    Args:
        message: what is doubtful (``"abc" is not a valid xsd:integer``).
        location: ``file:line``.
        action: what was done with it (``kept as written``).

    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("error", DoubtfulInputWarning)
    ...     try:
    ...         warnings.warn(DoubtfulInputWarning("odd", location="a.ttl:3"))
    ...     except InputError as err:
    ...         print(err)
    odd (a.ttl:3)
    """

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        action: str = "kept as written",
        hint: str | None = None,
    ) -> None:
        super().__init__(message, location=location, hint=hint)
        self.action = action


class OutputWarning(UserWarning):
    """What a file written does not hold as asked (issue 29): triples its syntax cannot
    carry, left out; or blank node labels past the canonicalisation bound.

    ``reason --all`` keeps the generalised triples of the OWL 2 RL closure (a literal
    subject, a blank-node predicate); RDF 1.1 and every syntax copro-kg writes have no
    form for them, so a file holding them would be read by no tool. They are left out,
    and the CLI prints one ``warning:`` line saying how many and why (not an error under
    ``--strict``: the input was fine).

    Args:
        message: what was left out and why.
        location: the file written.
        action: what was done.
    """

    def __init__(
        self,
        message: str,
        *,
        location: str | None = None,
        action: str = "left out of the file",
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.action = action
        self.hint = hint


class UnknownTermError(InputError):
    """A term named by label, CURIE or IRI is not in the graph (or is ambiguous).

    ``suggestions`` holds close labels for a "did you mean" hint.
    """

    def __init__(self, message: str, *, suggestions: list[str] | None = None) -> None:
        self.suggestions = list(suggestions or [])
        hint = "did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message, hint=hint if self.suggestions else None)


class QueryError(CoproError):
    """A SPARQL query is malformed, refused (SERVICE, LOAD, updates) or failed to run."""


class NetworkRefusedError(CoproError):
    """Something tried to reach the network although the user did not allow it."""


class LimitError(CoproError):
    """An input or a query went past a configured limit (size, time, memory)."""


class MissingDependencyError(CoproError, ImportError):
    """An optional extra is needed and not installed (pandas for a DataFrame); the hint
    says what to install. An :class:`ImportError` too, so ``except ImportError`` works."""


class FindingsError(CoproError):
    """The command ran to the end and found problems (exit code 1)."""

    exit_code: ClassVar[int] = 1


class InconsistencyError(FindingsError):
    """The reasoner found the graph inconsistent; ``findings`` holds the reasons."""

    def __init__(self, message: str, *, findings: list[object] | None = None) -> None:
        super().__init__(message)
        self.findings = list(findings or [])


class CheckFailedError(FindingsError):
    """``copro-kg check`` found violations of the glossary's or SKOS's rules."""
