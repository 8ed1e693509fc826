"""``copro-kg classify``: place engagement activities on the spectrum, and say why.

The feature flags (``--who-decides``, ``--communication`` ...) and their allowed values
are generated from the shipped ontology's feature properties when this module is
imported (only when the command runs), so they follow the ontology without code changes.
"""

from __future__ import annotations

from typing import Any

import click

from copro_kg import classification as classifying
from copro_kg.checks.core import CheckContext
from copro_kg.cli._options import data_options, output_option, report_format_option
from copro_kg.cli._progress import progress
from copro_kg.errors import InconsistencyError, InputError
from copro_kg.io import sources as loading
from copro_kg.io.atomic import write_atomic
from copro_kg.io.sources import load_sources


def _shipped_features() -> list[classifying.Feature]:
    return classifying.features(loading.load())


FEATURES = _shipped_features()


def _feature_options(func: Any) -> Any:
    for feature in reversed(FEATURES):
        values = ", ".join(
            f"{name} ({feature.value_labels[iri]})" for name, iri in feature.choices.items()
        )
        func = click.option(
            f"--{feature.option}",
            feature.option.replace("-", "_"),
            type=click.Choice(list(feature.choices), case_sensitive=False),
            help=f"{feature.question or feature.label} One of: {values}.",
        )(func)
    return func


@click.command(context_settings={"max_content_width": 100})
@data_options
@_feature_options
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

    Describe one activity with the feature flags, or many in a Turtle file (--data)
    using the ontology's feature properties. With neither, the glossary's own examples
    are classified. The OWL 2 RL reasoner does the classification; an inconsistent
    description is reported in plain language (exit status 1).

    \b
    Example:
      copro-kg classify --who-decides organisation --who-acts enacted-by-organisation \\
          --communication two-way
      copro-kg classify --data my-activities.ttl --format json
    """
    given = {k.replace("_", "-"): v for k, v in chosen.items() if v is not None}
    sources = load_sources(data, input_format=input_format)
    graph = loading.load(data, input_format=input_format)
    activities: list[Any] | None = None
    if given:
        graph += classifying.activity_graph(given, FEATURES, activity_label)
        activities = [classifying.ACTIVITY]
    elif data:
        user = [s.graph for s in sources if not s.shipped]
        activities = classifying.activities_in(user, FEATURES)
        if not activities:
            raise InputError(
                "no engagement activity in the --data files",
                hint="type them copro:EngagementActivity or give them a feature such as "
                "copro:whoDecides (see ontology/README.md)",
            )
    with progress("reasoning"):
        placements = classifying.classify(graph, activities=activities, context=CheckContext(graph))
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
    bad = [p for p in placements if p.inconsistencies]
    if bad:
        raise InconsistencyError(
            f"{len(bad)} of {len(placements)} activities are inconsistent",
            findings=[f for p in bad for f in p.inconsistencies],
        )
