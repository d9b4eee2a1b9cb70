"""Query safety: user values are bound as values, never pasted into SPARQL text.

Every hostile value either is refused with one line (exit 2) or reaches the query as one harmless
literal; in every case the store holds exactly the triples it held before.
"""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import URIRef

from conftest import FIXTURE_CONCEPTS, VALID_KB
from lexgap.gaps import GapInputError, compare, compute_gaps
from lexgap.load import ANALYSIS_DIR
from lexgap.store import QueryError, bind, dump_ntriples, load_graph, open_store

INJECTIONS = [
    'GBR" } ; DROP ALL ; #',
    "GBR' } ; DROP ALL ; #",
    'GBR"""} DELETE WHERE { ?s ?p ?o } #',
    "GBR> } ; CLEAR DEFAULT ; #",
    "GBR\n} ; DROP ALL ; #",
    "GBR\\\" } ; DROP ALL ; #",
    "https://w3id.org/lexgap/jurisdiction/GBR> } ; DROP ALL ; #",
    "http://x/ <y>",
]
QUERY = ANALYSIS_DIR / "extract-coverage.rq"


@pytest.fixture
def kb():
    graph = load_graph([VALID_KB, FIXTURE_CONCEPTS])
    before = dump_ntriples(graph)
    assert before.count(b"\n") > 150
    yield graph, open_store(graph)
    # The whole point: nothing a user typed changed the store.
    assert dump_ntriples(graph) == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_gap_api_refuses_hostile_jurisdiction(kb, value):
    _, store = kb
    with pytest.raises((GapInputError, QueryError)):
        compute_gaps(store, jurisdictions=[value], as_of=date(2026, 1, 1))


@pytest.mark.parametrize("value", INJECTIONS)
def test_compare_refuses_hostile_concept(kb, value):
    _, store = kb
    with pytest.raises((GapInputError, QueryError)):
        compare(store, value, as_of=date(2026, 1, 1))


@pytest.mark.parametrize("value", INJECTIONS)
def test_string_param_is_one_bound_literal(kb, value):
    _, store = kb
    # A string reaches the query as one literal: the query still runs and simply matches nothing.
    table = store.select(QUERY, {"jurisdiction": [value]})
    assert table.rows == []
    text = bind(QUERY.read_text(encoding="utf-8"), {"jurisdiction": [value]})
    assert text.count("DROP ALL") <= 1 and "VALUES ?jurisdiction" in text


@pytest.mark.parametrize("value", [v for v in INJECTIONS if " " in v or ">" in v or "\n" in v])
def test_hostile_iri_is_refused_before_querying(kb, value):
    _, store = kb
    with pytest.raises(QueryError, match="not a valid absolute IRI"):
        store.select(QUERY, {"jurisdiction": [URIRef("https://w3id.org/lexgap/jurisdiction/" + value)]})


@pytest.mark.parametrize("name", ["jurisdiction } DROP ALL #", "x y", "", "1abc"])
def test_hostile_parameter_names_are_refused(kb, name):
    _, store = kb
    with pytest.raises(QueryError):
        store.select(QUERY, {name: ["GBR"]})


def _files():
    return {p: p.read_bytes() for p in sorted(VALID_KB.rglob("*")) + [FIXTURE_CONCEPTS] if p.is_file()}


def _run_and_check_unchanged(invoke, *args):
    # The CLI store lives only for one command; what must survive it unchanged are the data files.
    before = _files()
    result = invoke(*args)
    assert "Traceback" not in result.output
    assert _files() == before
    return result


@pytest.mark.parametrize("value", INJECTIONS)
def test_cli_gaps_rejects_hostile_jurisdiction(invoke, value):
    result = _run_and_check_unchanged(
        invoke, "gaps", "-j", value, "--data", VALID_KB, "--data", FIXTURE_CONCEPTS, "--as-of", "2026-01-01"
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: ")


@pytest.mark.parametrize("value", INJECTIONS)
def test_cli_compare_rejects_hostile_concept(invoke, value):
    result = invoke("compare", "-c", value, "--data", VALID_KB, "--data", FIXTURE_CONCEPTS)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value", ['2026-01-01" } ; DROP ALL ; #', "2026-02-30", "tomorrow", "2026-01-01T00:00"])
def test_cli_as_of_rejects_hostile_date(invoke, value):
    result = invoke("gaps", "-j", "ATA", "--as-of", value, "--data", VALID_KB, "--data", FIXTURE_CONCEPTS)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: --as-of: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("value", INJECTIONS)
def test_cli_query_param_is_bound_harmlessly(invoke, value):
    result = _run_and_check_unchanged(
        invoke, "query", QUERY, "--param", f"jurisdiction={value}", "--format", "json",
        "--data", VALID_KB, "--data", FIXTURE_CONCEPTS,
    )
    # Either refused in one line (an IRI-looking value that is no IRI) or run as a literal: no rows.
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1
    else:
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == "[]"


def test_cli_query_param_date_injection_is_refused(invoke):
    result = invoke(
        "query", QUERY, "--param", 'jurisdiction=lgj:ATA" } ; DROP ALL ; #', "--data", VALID_KB
    )
    # lgj:… with hostile characters is not a prefixed name, so it is bound as a plain string.
    assert result.exit_code == 0, result.output


def test_legit_param_still_finds_rows(invoke):
    # The control: the same query with an honest value returns rows, so "no rows" above means something.
    result = invoke(
        "query", QUERY, "--param", "jurisdiction=lgj:ATA", "--format", "json", "--data", VALID_KB,
        "--data", FIXTURE_CONCEPTS,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() not in ("", "[]")
