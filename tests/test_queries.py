"""The analysis queries as a contract: headers, names, ORDER BY, binding, checks, and the plain-SPARQL
gap matrix agreeing with the Python engine wherever it claims to (on Oxigraph and on rdflib's engine)."""

from __future__ import annotations

import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

sys.path.insert(0, str(Path(__file__).parent / "gaps"))

from gapcases import CASES, COMMON, HERE, load_all, load_case  # noqa: E402

from lexgap.gaps import compute_gaps  # noqa: E402
from lexgap.load import ANALYSIS_DIR, ONTOLOGY_DIR, load  # noqa: E402
from lexgap.store import QueryError, bind, load_graph, open_store, read_query  # noqa: E402

# analysis/report-crosswalk.rq belongs to the instruments module and is tested there.
OWN = sorted(p for p in ANALYSIS_DIR.glob("*.rq") if p.name != "report-crosswalk.rq")
CHECKS = sorted(p for p in ANALYSIS_DIR.glob("check-*.rq"))
BROKEN = sorted((HERE / "checks").glob("*.ttl"))
PLAIN = [c for c in CASES if c.plain_sparql]


def strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@pytest.fixture(scope="module")
def ontology_only():
    return open_store(load_graph([ONTOLOGY_DIR / "lexgap.ttl"], include_ontology=False))


@pytest.fixture(scope="module")
def fixtures_store():
    return open_store(load_all())


@pytest.fixture(scope="module")
def bundled_store():
    return open_store(load_graph())


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_query_file_contract(path: Path, ontology_only):
    text = path.read_text(encoding="utf-8")
    assert re.match(r"(check|report|gap|extract)-[a-z0-9-]+\.rq$", path.name)
    header = text.split("PREFIX", 1)[0]
    for field in ("# Question:", "# Parameters:", "# Columns:"):
        assert field in header, f"{path.name}: header lacks {field}"
    body = strip_comments(text).strip()
    assert re.search(r"\bSELECT\b", body)
    if path.name.startswith("extract-"):
        # The engine's reads are unordered on purpose (it sorts what it uses); they must say so.
        assert "Unordered on purpose" in header and "ORDER BY" not in body
    else:
        assert re.search(r"\bORDER BY\b[^{}]*$", body), f"{path.name}: must end with ORDER BY"
    # Runs unchanged on both engines (syntax at least; semantics are compared elsewhere).
    ontology_only.select(text, {"asOf": date(2026, 1, 1)} if "?asOf" in text else None)


def test_every_check_has_a_broken_fixture():
    assert [p.stem for p in BROKEN] == [p.stem for p in CHECKS]
    assert len(BROKEN) == len(CHECKS) > 0


@pytest.mark.parametrize("check", CHECKS, ids=[p.stem for p in CHECKS])
def test_check_catches_its_broken_fixture(check: Path):
    graph = load_graph([ONTOLOGY_DIR / "lexgap.ttl", COMMON, HERE / "checks" / f"{check.stem}.ttl"], include_ontology=False)
    assert len(open_store(graph).select(check)) >= 1


@pytest.mark.parametrize("check", CHECKS, ids=[p.stem for p in CHECKS])
def test_check_passes_on_valid_data(check: Path, fixtures_store):
    assert fixtures_store.select(check).rows == []


@pytest.mark.parametrize("check", CHECKS, ids=[p.stem for p in CHECKS])
def test_check_passes_on_the_bundled_knowledge_base(check: Path, bundled_store):
    table = bundled_store.select(check)
    assert table.rows == [], f"{check.name}: {table.dicts()[:5]}"


PORTABLE_PARAMS = {
    "asOf": date(2026, 11, 28),
    "concept": URIRef("https://w3id.org/lexgap/concept/csam-possession"),
    "requirement": URIRef("https://w3id.org/lexgap/instrument/tst/req/1-1-b"),
    "jurisdiction": URIRef("https://w3id.org/lexgap/jurisdiction/XAD"),
}


@pytest.fixture(scope="module")
def two_engines():
    from gapcases import kb_paths

    cases = [c for c in CASES if c.name in ("met", "dated-versions", "reservation", "definitions", "age-union")]
    paths = kb_paths(*cases)
    return open_store(load(paths, include_ontology=False)), open_store(load(paths, include_ontology=False, store="default"))


@pytest.mark.parametrize("path", OWN, ids=[p.name for p in OWN])
def test_query_gives_the_same_rows_on_rdflib_and_oxigraph(two_engines, path):
    text = path.read_text(encoding="utf-8")
    params = {k: v for k, v in PORTABLE_PARAMS.items() if f"?{k}" in text and (k != "jurisdiction" or "evidence" in path.name)}
    oxigraph, rdflib_engine = (engine.select(text, params) for engine in two_engines)

    def same(value):
        # Engines may write a decimal's lexical form differently ("2.0", "2"); the value is what counts.
        return value.normalize() if isinstance(value, Decimal) else value

    def rows(table):
        joined = {i for i, name in enumerate(table.variables) if name in ("provisions", "failedConstraints")}
        return sorted(
            (tuple(tuple(sorted(v.split(" | "))) if i in joined and isinstance(v, str) else same(v) for i, v in enumerate(r))
             for r in table.rows),
            key=repr,
        )

    assert rdflib_engine.variables == oxigraph.variables
    assert rows(rdflib_engine) == rows(oxigraph)


# --------------------------------------------------------------------------------------------------
# The plain-SPARQL gap matrix
# --------------------------------------------------------------------------------------------------


def sparql_matrix(graph, as_of: str) -> dict[tuple[str, str], tuple]:
    table = open_store(graph).select("gap-matrix", {"asOf": date.fromisoformat(as_of)})
    out = {}
    for row in table.dicts():
        key = (str(row["jurisdiction"]).rsplit("/", 1)[1], str(row["requirement"]))
        split = lambda v: sorted(x for x in (v or "").split(" | ") if x)  # noqa: E731
        out[key] = (row["status"], split(row["provisions"]), split(row["failedConstraints"]))
    return out


def python_matrix(graph, as_of: str) -> dict[tuple[str, str], tuple]:
    return {
        (r.jurisdiction, r.requirement_iri): (r.status, sorted(r.provisions), sorted(r.failed_constraints))
        for r in compute_gaps(graph, as_of=as_of)
    }


def test_plain_cases_exist():
    assert 0 < len(PLAIN) < len(CASES)


@pytest.mark.parametrize("case", PLAIN, ids=[c.name for c in PLAIN])
def test_plain_sparql_matches_python_on_oxigraph(case):
    graph = load_case(case)
    for run in case.runs:
        assert sparql_matrix(graph, run.as_of) == python_matrix(graph, run.as_of), run.as_of


@pytest.mark.parametrize("name", ["met", "reservation", "undetermined", "booleans-and-life"])
def test_plain_sparql_matches_python_on_rdflib(name):
    case = next(c for c in CASES if c.name == name)
    assert case.plain_sparql
    from gapcases import kb_paths

    graph = load(kb_paths(case), include_ontology=False, store="default")
    run = case.runs[-1]
    assert sparql_matrix(graph, run.as_of) == python_matrix(graph, run.as_of)


def test_plain_sparql_differs_where_documented():
    # Age ranges united across provisions are the Python engine's addition: the plain query reads each
    # provision on its own and finds no single one protecting persons under 18.
    case = next(c for c in CASES if c.name == "age-union")
    assert not case.plain_sparql
    graph = load_case(case)
    key = ("XAD", "https://w3id.org/lexgap/instrument/tst/req/1-1-b")
    assert python_matrix(graph, "2026-11-28")[key][0] == "met"
    assert sparql_matrix(graph, "2026-11-28")[key][0] == "partial"


def test_failed_constraints_report_agrees_with_the_plain_matrix():
    graph = load_all()
    table = open_store(graph).select("report-failed-constraints", {"asOf": date(2026, 11, 28)})
    from_report = {(str(r["jurisdiction"])[-3:], str(r["constraint"]).rsplit("/", 1)[1]) for r in table.dicts()}
    matrix = sparql_matrix(graph, "2026-11-28")
    from_matrix = {(j, c) for (j, _), (_, _, failed) in matrix.items() for c in failed}
    assert from_report == from_matrix


# --------------------------------------------------------------------------------------------------
# Binding
# --------------------------------------------------------------------------------------------------


def test_bind_puts_values_first_in_the_outermost_group():
    # A "{" in a comment or a string, or a "#" in an IRI, is not where the group starts.
    text = '# a { brace in a comment\nPREFIX x: <http://e/#>\nSELECT ?a WHERE { ?a ?b "}{" . } ORDER BY ?a'
    bound = bind(text, {"a": [URIRef("http://e/1"), URIRef("http://e/2")], "b": Literal("x")})
    assert 'WHERE {\n  VALUES ?a { <http://e/1> <http://e/2> }\n  VALUES ?b { "x" }\n ?a ?b "}{"' in bound
    assert bound.startswith(text[: text.index("WHERE")])


@pytest.mark.parametrize(
    "value, text",
    [
        ('say "hi"\n', '"say \\"hi\\"\\n"'),
        (date(2020, 1, 2), '"2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date>'),
        (18, "18"),
        (True, "true"),
        (Literal("Recht", lang="de"), '"Recht"@de'),
    ],
)
def test_bind_serialises_values(value, text):
    assert f"VALUES ?v {{ {text} }}" in bind("SELECT ?v WHERE { ?s ?p ?v } ORDER BY ?v", {"v": value})


@pytest.mark.parametrize(
    "params, message",
    [
        ({"v": URIRef("http://e/a b")}, "not a valid absolute IRI"),
        ({"v": URIRef("http://e/>{}")}, "not a valid absolute IRI"),
        ({"nope": 1}, "the query has no variable ?nope"),
        ({"v w": 1}, "not a valid variable name"),
        ({"v": object()}, "cannot bind a value"),
    ],
)
def test_bind_rejects_bad_values(params, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        bind("SELECT ?v WHERE { ?s ?p ?v } ORDER BY ?v", params)


def test_read_query_by_name_and_missing():
    assert read_query("gap-matrix") == read_query("gap-matrix.rq") == (ANALYSIS_DIR / "gap-matrix.rq").read_text()
    with pytest.raises(QueryError, match="no such query file"):
        read_query("no-such-query")
