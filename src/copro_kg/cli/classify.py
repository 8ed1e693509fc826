"""``copro-kg classify``: place engagement activities on the spectrum, and say why.

The feature flags (``--who-decides``, ``--communication`` ...) and their allowed values
are generated from the shipped ontology's feature properties the first time the command
parses its arguments or shows its help (never when the module is imported), so they
follow the ontology without code changes.
"""

from __future__ import annotations

import functools
from typing import Any

import click

from copro_kg import classification as classifying
from copro_kg import pipeline
from copro_kg.checks import CheckContext
from copro_kg.cli._options import data_options, output_option, report_format_option
from copro_kg.cli._progress import progress
from copro_kg.errors import InconsistencyError, InputError
from copro_kg.io import sources as loading
from copro_kg.io.atomic import write_atomic


@functools.cache
def _shipped_features() -> tuple[classifying.Feature, ...]:
    """The shipped ontology's features, read once per process (from the saved state when
    there is one): the flags and every run of the command share them."""
    return tuple(classifying.features(loading.merge(pipeline.shipped_base().sources)))


def _feature_option(feature: classifying.Feature) -> click.Option:
    values = ", ".join(f"{v.key} ({v.label})" for v in feature.values)
    return click.Option(
        [f"--{feature.option}", feature.option.replace("-", "_")],
        type=click.Choice(list(feature.choices), case_sensitive=False),
        help=f"{feature.question or feature.label} One of: {values}.",
    )


class _FeatureCommand(click.Command):
    """Adds one option per feature of the shipped ontology when first asked for its
    parameters (parsing or help), after the data options."""

    _flags_added = False

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not self._flags_added:
            self._flags_added = True
            at = next(i for i, p in enumerate(self.params) if p.name == "activity_label")
            self.params[at:at] = [_feature_option(f) for f in _shipped_features()]
        return super().get_params(ctx)


def _check_values(sources: list[Any], feature_list: list[classifying.Feature]) -> None:
    """Unknown feature values in the user's files: an error at the file and line."""
    for source in sources:
        if source.shipped:
            continue
        bad = classifying.unknown_values(source.graph, feature_list)
        if not bad:
            continue
        _, feature, value = bad[0]
        name = str(value).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        where = source.name
        if source.path is not None:
            try:
                lines = source.path.read_text("utf-8", errors="replace").splitlines()
                line = next((n for n, text in enumerate(lines, 1) if name in text), None)
                where = f"{source.path}:{line}" if line else str(source.path)
            except OSError:
                pass
        raise InputError(
            f"{value} is not a value of {feature.label}",
            location=where,
            hint=feature.hint_for(name),
        )


@click.command(cls=_FeatureCommand, context_settings={"max_content_width": 100})
@data_options
@click.option(
    "--label",
    "activity_label",
    default="your activity",
    show_default=True,
    help="A name for the activity described with the feature flags.",
)
@output_option
@report_format_option()
def classify(
    data: tuple[str, ...],
    input_format: str | None,
    activity_label: str,
    output: str | None,
    fmt: str,
    **chosen: str | None,
) -> None:
    """Place engagement activities on the spectrum (doing to / for / with and the
    level), say why (the glossary criteria they meet), and what is missing when the
    description does not decide it.

    Describe one activity with the feature flags, or many in a Turtle file (--data, "-"
    for stdin) using the ontology's feature properties; flags given with --data describe
    one more activity. With neither, the glossary's own examples are classified. The
    answer is a level; or the candidates and the one question that decides between
    them; or the answers that conflict, with the glossary's sentences (exit status 1).

    \b
    Example:
      copro-kg classify --who-decides by-organisation --who-acts enacted-by-organisation \\
          --communication two-way
      copro-kg classify --data my-activities.ttl --format json
    """
    given = {k.replace("_", "-"): v for k, v in chosen.items() if v is not None}
    workspace = pipeline.Workspace(data, input_format=input_format)
    sources = workspace.sources
    graph = workspace.graph
    activities: list[Any] | None = None
    context = CheckContext(graph, reasoner=lambda _graph: workspace.reasoning())
    features = list(_shipped_features())
    _check_values(sources, features)
    user = [s.graph for s in sources if not s.shipped]
    if data:
        activities = classifying.activities_in(user, features)
        if not activities and not given:
            raise InputError(
                "no engagement activity in the --data files",
                hint="type them copro:EngagementActivity or give them a feature such as "
                "copro:whoDecides (see ontology/README.md)",
            )
    if given:
        # the flags describe one more activity; it joins a copy: the workspace's graph
        # stays as read
        graph = graph + classifying.activity_graph(given, features, activity_label)
        context = CheckContext(graph, reasoner=workspace.reason_over)
        activities = [*(activities or []), classifying.ACTIVITY]
    with progress("reasoning"):
        placements = classifying.classify(graph, activities=activities, context=context)
    text = (
        classifying.render_json(placements)
        if fmt == "json"
        else classifying.render_text(placements)
    )
    if output:
        write_atomic(output, text + "\n")
        click.echo(f"wrote {len(placements)} placements to {output}", err=True)
    else:
        click.echo(text)
    bad = [p for p in placements if not p.consistent]
    if bad:
        raise InconsistencyError(
            f"{len(bad)} of {len(placements)} activities are inconsistent",
            findings=[f for p in bad for f in p.inconsistencies],
        )
