"""``lexgap jurisdictions`` and ``lexgap show ISO3``: national law as encoded, with its sources."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Any

import typer

from .. import national as api
from ..load import LoadError, load
from . import app
from .common import UserError, emit, fail, write_json


class ListFormat(str, Enum):
    table = "table"
    json = "json"


class ShowFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"


JURISDICTION_COLUMNS = ("code", "name", "provisions", "reviewed_areas")
PROVISION_COLUMNS = ("id", "citation", "concepts", "elements", "in_force", "review_status", "source_type")


@app.command()
def jurisdictions(
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """List the jurisdictions in the knowledge base, with provision counts and reviewed concept areas."""
    try:
        rows = api.list_jurisdictions(load())
    except (UserError, LoadError) as exc:
        raise fail(f"error: {exc}") from None
    emit(rows, JURISDICTION_COLUMNS, fmt.value, title="Jurisdictions")


@app.command()
def show(
    iso3: str = typer.Argument(..., help="ISO 3166-1 alpha-3 code, e.g. DEU."),
    fmt: ShowFormat = typer.Option(ShowFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Show one jurisdiction's provisions: citation, concepts, element values, excerpt and source."""
    try:
        graph = load()
        rows = api.provisions(graph, iso3)
    except (UserError, LoadError) as exc:
        raise fail(f"error: {exc}") from None
    if fmt is ShowFormat.json:
        write_json(rows)
    elif fmt is ShowFormat.md:
        sys.stdout.write(render_markdown(iso3.strip().upper(), rows))
    else:
        emit(rows, PROVISION_COLUMNS, "table", title=iso3.strip().upper())


def render_markdown(code: str, rows: list[dict[str, Any]]) -> str:
    """A readable list: one item per provision, its facts, cautions and the excerpt as a blockquote."""
    out = [f"# {code}: provisions", ""]
    if not rows:
        out.append("No provisions encoded.")
    for row in rows:
        out.append(f"- **{row['citation']}** (`{row['id']}`)")
        facts = [
            ("concepts", ", ".join(row["concepts"]) or "none"),
            ("elements", _values(row["elements"])),
            ("inherited elements", _inherited(row)),
            ("in force", _in_force(row)),
            ("review status", row["review_status"]),
            ("source", _source(row)),
        ]
        out.extend(f"  - {label}: {value}" for label, value in facts if value)
        out.extend(f"  - caution: {c}" for c in row["cautions"])
        out.extend(f"  - note: {n}" for n in row["notes"])
        out.append("")
        out.extend(f"  > {line}".rstrip() for line in (row["excerpt"] or "").splitlines())
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _values(values: dict[str, Any]) -> str:
    return "; ".join(f"{k} = {_shown(v)}" for k, v in values.items())


def _inherited(row: dict[str, Any]) -> str:
    parts = []
    for key, value in row["inherited_elements"].items():
        shown = _shown(value)
        sources = ", ".join(f"`{d}`" for d in row["inherited_from"].get(key, []))
        parts.append(f"{key} = {shown} (from {sources})")
    return "; ".join(parts)


def _in_force(row: dict[str, Any]) -> str:
    parts = []
    if row["in_force"]:
        parts.append(f"from {row['in_force']}")
    if row["in_force_until"]:
        parts.append(f"until {row['in_force_until']}")
    if row["in_force_note"]:
        parts.append(row["in_force_note"])
    return "; ".join(parts)


def _source(row: dict[str, Any]) -> str:
    bits = [row["source_type"] or "?"]
    if row["partial"]:
        bits.append("partial text")
    if row["text_version"]:
        bits.append(row["text_version"])
    where = f"`{row['source_file']}`" if row["source_file"] else ""
    url = f"<{row['source_url']}>" if row["source_url"] else ""
    return " ".join(x for x in (", ".join(bits), where, url) if x)
