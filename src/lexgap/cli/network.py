"""``lexgap cooperation``, ``lexgap dual-criminality`` and ``lexgap peers``: the cross-border picture.

A thin layer over :mod:`lexgap.network`; how states, thresholds and peers are decided is written down in
docs/methodology-network.md.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .. import network as api
from ..load import LoadError, load
from . import app
from .common import emit, fail, write_json


class Format(str, Enum):
    table = "table"
    json = "json"


DATA_OPTION = typer.Option(
    None, "--data", metavar="PATH", help="Statute files or folders to read instead of the bundled statutes/."
)
AS_OF_OPTION = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="Read the law as it stood on this date (default: today).")
THRESHOLD_OPTION = typer.Option(
    None,
    "--threshold-years",
    metavar="N",
    help=(
        "Least maximum penalty, in years of imprisonment, for cooperation (default "
        f"{api.DEFAULT_THRESHOLD_YEARS}: the extradition threshold of the Budapest Convention, art 24(1), "
        "whose text is not among the project's sources, so it is a default here rather than data)."
    ),
)
FORMAT_OPTION = typer.Option(Format.table, "--format", "-f", help="table or json.")

NODE_COLUMNS = ("jurisdiction", "state", "threshold", "max_penalty", "provisions")
PAIR_COLUMNS = ("concept", "a_state", "b_state", "a_max_penalty", "b_max_penalty", "cooperate", "reason")
SIMILAR_COLUMNS = ("jurisdiction", "score", "agreeing", "compared", "same_legal_family", "same_region", "same_language")
GAP_COLUMNS = ("requirement", "ref", "concept", "status", "peers")


def _analysis(data: Optional[list[Path]], as_of: Optional[str]) -> api.Analysis:
    try:
        return api.Analysis(load(data or None), as_of=as_of)
    except (LoadError, api.NetworkInputError) as exc:
        raise fail(f"error: {exc}") from None


def _threshold(value: Optional[str]) -> Decimal:
    try:
        return api.check_threshold(api.DEFAULT_THRESHOLD_YEARS if value is None else value)
    except api.NetworkInputError as exc:
        raise fail(f"error: --threshold-years: {exc}") from None


def _list(values) -> str:
    return ", ".join(values) if values else "none"


@app.command()
def cooperation(
    concept: str = typer.Option(..., "--concept", "-c", help="Offence concept id, e.g. csam-possession."),
    threshold_years: Optional[str] = THRESHOLD_OPTION,
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: Format = FORMAT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """Who can cooperate on one offence: edges where both criminalise it at or above the threshold,
    safe havens (no offence, or only narrower conduct) and jurisdictions whose law is unknown."""
    threshold = _threshold(threshold_years)
    analysis = _analysis(data, as_of)
    try:
        result = analysis.cooperation(concept, threshold)
    except api.NetworkInputError as exc:
        raise fail(f"error: {exc}") from None
    if fmt is Format.json:
        write_json(result.to_dict())
        return
    rows = [{**n.to_dict(), "provisions": list(n.provisions)} for n in result.nodes]
    emit(rows, NODE_COLUMNS, "table", title=f"Cooperation on {result.label} (threshold {api.years_text(threshold)} years, {result.as_of})")
    print(f"edges: {len(result.edges)}")
    print(f"safe havens: {_list(result.safe_havens)}")
    print(f"unknown: {_list(result.unknown)}")
    print(f"below threshold: {_list(result.below_threshold)}")
    print(f"penalty unknown: {_list(result.penalty_unknown)}")
    print(f"components: {'; '.join(' '.join(c) for c in result.components) or 'none'}")


@app.command("dual-criminality")
def dual_criminality(
    a: str = typer.Argument(..., help="ISO 3166-1 alpha-3 code of one jurisdiction, e.g. DEU."),
    b: str = typer.Argument(..., help="ISO 3166-1 alpha-3 code of the other, e.g. FRA."),
    concept: Optional[list[str]] = typer.Option(None, "--concept", "-c", help="Only this concept (repeatable; default: every offence)."),
    threshold_years: Optional[str] = THRESHOLD_OPTION,
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: Format = FORMAT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """For two jurisdictions, each offence concept with both states and whether they can cooperate on it."""
    threshold = _threshold(threshold_years)
    analysis = _analysis(data, as_of)
    try:
        result = analysis.dual_criminality(a, b, threshold, concepts=concept or None)
    except api.NetworkInputError as exc:
        raise fail(f"error: {exc}") from None
    if fmt is Format.json:
        write_json(result.to_dict())
        return
    emit(
        [r.to_dict() for r in result.rows],
        PAIR_COLUMNS,
        "table",
        title=f"Dual criminality {result.a}-{result.b} (threshold {api.years_text(threshold)} years, {result.as_of})",
    )
    counts = {v: sum(1 for r in result.rows if r.cooperate == v) for v in api.VERDICTS}
    print(", ".join(f"{v}: {counts[v]}" for v in api.VERDICTS))


@app.command()
def peers(
    iso3: str = typer.Argument(..., help="ISO 3166-1 alpha-3 code, e.g. DEU."),
    instrument: Optional[str] = typer.Option(None, "--instrument", "-i", help="Only the gaps under this instrument id, e.g. budapest."),
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: Format = FORMAT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """The jurisdictions most like ISO3, and for each of its gaps the peers that meet the requirement, with
    the words of their provisions as model language."""
    analysis = _analysis(data, as_of)
    try:
        report = analysis.peers(iso3, instrument)
    except api.NetworkInputError as exc:
        raise fail(f"error: {exc}") from None
    if fmt is Format.json:
        write_json(report.to_dict())
        return
    emit([s.to_dict() for s in report.similar], SIMILAR_COLUMNS, "table", title=f"Jurisdictions like {report.jurisdiction}")
    rows = [
        {**g.to_dict(), "peers": [f"{p.similarity.jurisdiction} ({', '.join(m.citation for m in p.provisions)})" for p in g.peers]}
        for g in report.gaps
    ]
    emit(rows, GAP_COLUMNS, "table", title=f"Gaps of {report.jurisdiction} and peers that meet them")
    if not report.gaps:
        sys.stdout.write("no gaps (missing or partial mandatory requirements)\n")
