"""``lexgap gaps``, ``matrix``, ``compare``, ``query`` and ``load-endpoint``: gap analysis from the shell.

Every command reads the bundled knowledge base into the embedded store (or the files given with
``--data``), or asks a SPARQL 1.1 endpoint (``--endpoint URL``, data already loaded there, for example
with ``lexgap load-endpoint``). Exit codes: 0 fine; 1 gaps found with ``--fail-on``, or rows returned by
a ``check-*`` query; 2 bad input.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rdflib import BNode, URIRef

from .. import gaps as api
from ..load import LoadError
from ..store import QueryError, Store, Table, load_endpoint as put_knowledge_base, load_graph, open_store, read_query
from ..vocab import PREFIXES
from . import app
from .common import EXIT_FINDINGS, fail, parse_list, write_csv, write_json, write_markdown, write_table

GAP_COLUMNS = (
    "jurisdiction",
    "instrument",
    "article",
    "requirement",
    "concept",
    "status",
    "provisions",
    "failed_constraints",
    "reason",
)
# A terminal has room for fewer columns; json, csv and md carry them all.
GAP_TABLE_COLUMNS = ("instrument", "ref", "concept", "status", "provisions", "failed_constraints", "reason")
COMPARE_COLUMNS = ("jurisdiction", "coverage", "provision", "implements")


class GapFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


class MatrixFormat(str, Enum):
    csv = "csv"
    json = "json"
    table = "table"
    md = "md"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


DATA_OPTION = typer.Option(
    None, "--data", metavar="PATH", help="Statute files or folders to read instead of the bundled statutes/."
)
ENDPOINT_OPTION = typer.Option(
    None, "--endpoint", metavar="URL", help="Ask this SPARQL 1.1 query endpoint instead of the embedded store."
)
AS_OF_OPTION = typer.Option(None, "--as-of", metavar="YYYY-MM-DD", help="Read the law as it stood on this date (default: today).")


def _source(data: Optional[list[Path]], endpoint: Optional[str]) -> Store:
    if endpoint and data:
        raise fail("error: give either --endpoint or --data, not both")
    try:
        return open_store(endpoint) if endpoint else open_store(load_graph(data or None))
    except (LoadError, QueryError) as exc:
        raise fail(f"error: {exc}") from None


def _as_of(value: Optional[str]) -> date:
    try:
        return api.parse_as_of(value)
    except api.GapInputError as exc:
        raise fail(f"error: --as-of: {exc}") from None


def _emit_results(results: list[api.GapResult], fmt: str, title: str) -> None:
    rows = [r.to_dict() for r in results]
    if fmt == "json":
        write_json(rows)
    elif fmt == "csv":
        write_csv(rows, GAP_COLUMNS)
    elif fmt == "md":
        write_markdown(rows, GAP_COLUMNS)
    else:
        write_table(rows, GAP_TABLE_COLUMNS, title)


@app.command()
def gaps(
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="ISO 3166-1 alpha-3 code(s), e.g. DEU or DEU,FRA."),
    instrument: Optional[str] = typer.Option(
        None, "--instrument", "-i", help="Instrument id(s), e.g. budapest (default: every instrument)."
    ),
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: GapFormat = typer.Option(GapFormat.table, "--format", "-f", help="table, json, csv or md."),
    endpoint: Optional[str] = ENDPOINT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
    fail_on: Optional[str] = typer.Option(
        None, "--fail-on", metavar="STATUS,…", help="Exit 1 if any result has one of these statuses (e.g. missing,partial)."
    ),
) -> None:
    """The gap status of every requirement for a jurisdiction, with evidence and a reason.

    JSON: a list of objects with jurisdiction, instrument, article, requirement, concept, status,
    provisions (citations), failed_constraints, reason, and more (notes, provision_ids, ref, as_of…).
    """
    statuses = parse_list(fail_on)
    unknown = [s for s in statuses if s not in api.STATUSES]
    if unknown:
        raise fail(f"error: --fail-on: unknown status {unknown[0]!r} (one of {', '.join(api.STATUSES)})")
    day = _as_of(as_of)
    store = _source(data, endpoint)
    try:
        results = api.compute_gaps(
            store, jurisdictions=parse_list(jurisdiction), instruments=parse_list(instrument) or None, as_of=day
        )
    except (api.GapInputError, QueryError) as exc:
        raise fail(f"error: {exc}") from None
    _emit_results(results, fmt.value, f"Gaps for {jurisdiction} as of {day.isoformat()}")
    found = sorted({r.status for r in results if r.status in statuses})
    if found:
        print(f"{sum(r.status in statuses for r in results)} result(s) with status {', '.join(found)}", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)


@app.command()
def matrix(
    instrument: Optional[str] = typer.Option(
        None, "--instrument", "-i", help="Instrument id(s), e.g. budapest (default: every instrument)."
    ),
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: MatrixFormat = typer.Option(MatrixFormat.csv, "--format", "-f", help="csv, json, table or md."),
    endpoint: Optional[str] = ENDPOINT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """The full gap matrix: every jurisdiction × every requirement (the same rows as ``lexgap gaps``)."""
    day = _as_of(as_of)
    store = _source(data, endpoint)
    try:
        results = api.compute_gaps(store, instruments=parse_list(instrument) or None, as_of=day)
    except (api.GapInputError, QueryError) as exc:
        raise fail(f"error: {exc}") from None
    _emit_results(results, fmt.value, f"Gap matrix as of {day.isoformat()}")


@app.command()
def compare(
    concept: str = typer.Option(..., "--concept", "-c", help="Concept id, e.g. csam-possession (a group includes its members)."),
    jurisdictions: Optional[str] = typer.Option(
        None, "--jurisdictions", "-j", help="Comma-separated ISO codes (default: every jurisdiction)."
    ),
    as_of: Optional[str] = AS_OF_OPTION,
    fmt: CompareFormat = typer.Option(CompareFormat.table, "--format", "-f", help="table or json."),
    endpoint: Optional[str] = ENDPOINT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """Compare jurisdictions on one concept: provisions in force and their element values."""
    day = _as_of(as_of)
    store = _source(data, endpoint)
    try:
        rows = api.compare(store, concept, jurisdictions=parse_list(jurisdictions) or None, as_of=day)
    except (api.GapInputError, QueryError) as exc:
        raise fail(f"error: {exc}") from None
    if fmt == CompareFormat.json:
        write_json([r.to_dict() for r in rows])
        return
    elements = sorted({element for r in rows for element, _ in r.values})
    flat = [{**r.to_dict(), **dict(r.values)} for r in rows]
    write_table(flat, COMPARE_COLUMNS + tuple(elements), f"{concept} as of {day.isoformat()}")


# --------------------------------------------------------------------------------------------------
# lexgap query
# --------------------------------------------------------------------------------------------------

_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):([\w.\-/@%]*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_param(text: str) -> tuple[str, Any]:
    """``name=value`` → (name, value): ``<iri>``, ``http(s)://…`` and ``prefix:name`` (lexgap's prefixes)
    are IRIs; ``YYYY-MM-DD`` a date; integers, decimals, ``true``/``false`` typed literals; else a string."""
    name, sep, raw = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name:
        raise ValueError(f"--param {text!r}: expected name=value")
    value = raw.strip()
    if value.startswith("<") and value.endswith(">"):
        return name, URIRef(value[1:-1])
    if value.startswith(("http://", "https://")):
        return name, URIRef(value)
    match = _PREFIXED.match(value)
    if match and match.group(1) in PREFIXES:
        return name, URIRef(str(PREFIXES[match.group(1)]) + match.group(2))
    if _DATE.match(value):
        try:
            return name, date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"--param {text!r}: not a valid date") from None
    if value in ("true", "false"):
        return name, value == "true"
    if re.fullmatch(r"[+-]?\d+", value):
        return name, int(value)
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        try:
            return name, Decimal(value)
        except InvalidOperation:
            pass
    return name, value


def _cell(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (URIRef, BNode)):
        return str(value)
    return str(value)


def _compact(value: Any) -> Any:
    if isinstance(value, URIRef):
        for prefix, namespace in PREFIXES.items():
            ns = str(namespace)
            if str(value).startswith(ns) and "/" not in str(value)[len(ns):]:
                return f"{prefix}:{str(value)[len(ns):]}"
    return _cell(value)


@app.command()
def query(
    file: Path = typer.Argument(..., metavar="FILE.rq", help="A SPARQL SELECT query (e.g. analysis/gap-matrix.rq)."),
    param: Optional[list[str]] = typer.Option(
        None, "--param", "-p", metavar="NAME=VALUE", help="Bind ?NAME (repeat a name to bind several values)."
    ),
    fmt: QueryFormat = typer.Option(QueryFormat.table, "--format", "-f", help="table, json or csv."),
    endpoint: Optional[str] = ENDPOINT_OPTION,
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """Run one query file; parameters are bound as values, never pasted into the text.

    A query that uses ?asOf gets today's date unless --param asOf=YYYY-MM-DD is given. A check-*.rq
    query that returns rows exits 1.
    """
    if not file.is_file():
        raise fail(f"error: {file}: no such query file")
    try:
        text = read_query(file)
    except QueryError as exc:
        raise fail(f"error: {exc}") from None
    params: dict[str, list[Any]] = {}
    for item in param or []:
        try:
            name, value = parse_param(item)
        except ValueError as exc:
            raise fail(f"error: {exc}") from None
        params.setdefault(name, []).append(value)
    if "asOf" not in params and re.search(r"[?$]asOf\b", text):
        params["asOf"] = [date.today()]
    store = _source(data, endpoint)
    try:
        table: Table = store.select(text, params)
    except QueryError as exc:
        raise fail(f"error: {file}: {exc}") from None
    if fmt == QueryFormat.json:
        write_json([{k: _cell(v) for k, v in row.items()} for row in table.dicts()])
    elif fmt == QueryFormat.csv:
        write_csv([{k: _cell(v) for k, v in row.items()} for row in table.dicts()], table.variables)
    else:
        write_table([{k: _compact(v) for k, v in row.items()} for row in table.dicts()], table.variables, file.name)
    if file.name.startswith("check-") and table.rows:
        print(f"{file.name}: {len(table.rows)} row(s): the data fails this check", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)


@app.command("load-endpoint")
def load_endpoint(
    url: str = typer.Argument(..., metavar="URL", help="SPARQL 1.1 Graph Store address, e.g. http://127.0.0.1:7878/store."),
    data: Optional[list[Path]] = DATA_OPTION,
) -> None:
    """Replace the default graph of a SPARQL 1.1 Graph Store with the knowledge base (HTTP PUT)."""
    try:
        graph = load_graph(data or None)
        sent = put_knowledge_base(url, graph)
    except (LoadError, QueryError) as exc:
        raise fail(f"error: {exc}") from None
    print(f"loaded {sent} triples into {url}")
