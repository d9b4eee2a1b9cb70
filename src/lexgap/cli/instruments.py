"""``lexgap instruments`` and ``lexgap crosswalk``: the international instruments as encoded."""

from __future__ import annotations

from enum import Enum
from typing import Optional

import typer

from .. import instruments as api
from ..load import LoadError, load
from . import app
from .common import UserError, emit, fail


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class CrosswalkFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


INSTRUMENT_COLUMNS = ("id", "short_title", "type", "articles", "articles_with_text", "requirements", "draft_requirements")
CROSSWALK_COLUMNS = (
    "concept",
    "instrument",
    "article",
    "ref",
    "requirement",
    "mandatory",
    "reservable",
    "reservable_under",
    "review_status",
    "constraints",
)
# A terminal has room for fewer columns; the constraints are in the csv and json output.
CROSSWALK_TABLE_COLUMNS = ("concept", "instrument", "ref", "requirement", "mandatory", "reservable_under", "review_status")


@app.command()
def instruments(
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """List the international instruments with counts of articles, texts and requirements."""
    try:
        rows = api.list_instruments(load())
    except (UserError, LoadError) as exc:
        raise fail(f"error: {exc}") from None
    emit(rows, INSTRUMENT_COLUMNS, fmt.value, title="Instruments")


@app.command()
def crosswalk(
    concept: Optional[str] = typer.Option(
        None, "--concept", "-c", help="Concept id, e.g. csam-possession; a group also lists its narrower concepts."
    ),
    fmt: CrosswalkFormat = typer.Option(CrosswalkFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Which articles of different instruments require the same concept (analysis/report-crosswalk.rq)."""
    try:
        iri = api.concept_iri(concept) if concept is not None else None  # a bad id fails before loading
        rows = api.crosswalk(load(), iri)
    except (UserError, LoadError) as exc:
        raise fail(f"error: {exc}") from None
    title = f"Crosswalk: {concept}" if concept else "Crosswalk"
    columns = CROSSWALK_TABLE_COLUMNS if fmt is CrosswalkFormat.table else CROSSWALK_COLUMNS
    emit(rows, columns, fmt.value, title=title)
