"""The same queries and gap results on the embedded store and on a real SPARQL 1.1 server (Oxigraph).

The server runs on loopback on a free port, is loaded over the SPARQL 1.1 Graph Store Protocol, and is
always terminated. These tests run in CI (the ``oxigraph`` server ships with the test dependencies).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "gaps"))

from gapcases import CASES, COMMON, KB_FILES, load_all  # noqa: E402

from lexgap.cli import app  # noqa: E402
from lexgap.gaps import compare, compute_gaps, evidence  # noqa: E402
from lexgap.load import ANALYSIS_DIR, load  # noqa: E402
from lexgap.store import EndpointStore, QueryError, load_endpoint, open_store  # noqa: E402

pytestmark = pytest.mark.server

DATES = sorted({run.as_of for case in CASES for run in case.runs})
# Values for the parameters the analysis queries use (those left out stay unbound: every row).
PARAMS = {
    "asOf": date(2026, 11, 28),
    "concept": "https://w3id.org/lexgap/concept/csam-possession",
    "requirement": "https://w3id.org/lexgap/instrument/tst/req/1-1-b",
    "jurisdiction": "https://w3id.org/lexgap/jurisdiction/XAD",
}


def oxigraph_binary() -> str:
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server (PyPI package oxigraph, a test dependency) is not installed"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                raise AssertionError(f"oxigraph exited: {process.stderr.read().decode(errors='replace')[:500]}")
            try:
                if requests.get(f"{base}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "oxigraph did not answer within 30 s"
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def fixtures_loaded(server):
    graph = load_all()
    load_endpoint(f"{server}/store", graph)
    return graph, f"{server}/query"


def rows_of(results):
    return [r.to_dict() for r in results]


def test_gap_results_identical_on_every_date(fixtures_loaded):
    graph, endpoint = fixtures_loaded
    for day in DATES:
        embedded = compute_gaps(graph, as_of=day)
        remote = compute_gaps(endpoint, as_of=day)
        assert len(embedded) == len(CASES) * 5
        assert rows_of(remote) == rows_of(embedded), day


def test_evidence_and_compare_identical(fixtures_loaded):
    graph, endpoint = fixtures_loaded
    for jurisdiction in ("XAD", "XAH", "XAI"):
        assert evidence(endpoint, jurisdiction, "tst-1-1-b", "2026-11-28") == evidence(
            graph, jurisdiction, "tst-1-1-b", "2026-11-28"
        )
    assert compare(endpoint, "csam-offences", as_of="2026-11-28") == compare(graph, "csam-offences", as_of="2026-11-28")


@pytest.mark.parametrize("query", sorted(p.name for p in ANALYSIS_DIR.glob("*.rq")))
def test_every_analysis_query_identical(fixtures_loaded, query):
    graph, endpoint = fixtures_loaded
    text = (ANALYSIS_DIR / query).read_text(encoding="utf-8")
    from rdflib import URIRef

    params = {
        name: (URIRef(value) if isinstance(value, str) else value)
        for name, value in PARAMS.items()
        if f"?{name}" in text and (name == "asOf" or name in ("concept", "requirement") or query.startswith("report-evidence"))
    }
    embedded = open_store(graph).select(text, params)
    remote = EndpointStore(endpoint).select(text, params)
    ordered = not query.startswith("extract-")
    assert remote.variables == embedded.variables
    assert normalise(remote, ordered) == normalise(embedded, ordered)
    assert embedded.rows or query.startswith(("check-", "report-reservations-not", "report-undated", "report-crosswalk")), "a query that shows nothing"


def normalise(table, ordered: bool = True):
    # GROUP_CONCAT has no defined order (SPARQL 1.1, 18.5.1.7): compare its " | "-joined cells as sets.
    # The extract-* reads are unordered on purpose: compare their rows as sorted lists.
    joined = {i for i, name in enumerate(table.variables) if name in ("provisions", "failedConstraints")}
    rows = [
        tuple(tuple(sorted(v.split(" | "))) if i in joined and isinstance(v, str) else v for i, v in enumerate(row))
        for row in table.rows
    ]
    return rows if ordered else sorted(rows, key=repr)


def test_bundled_knowledge_base_identical(server):
    graph = load()
    load_endpoint(f"{server}/store", graph)
    try:
        endpoint = f"{server}/query"
        for day in ("2026-11-28", "2010-01-01"):
            assert rows_of(compute_gaps(endpoint, as_of=day)) == rows_of(compute_gaps(graph, as_of=day))
    finally:
        load_endpoint(f"{server}/store", load_all())  # leave the fixtures for the other tests


def test_cli_load_endpoint_then_gaps(server):
    runner = CliRunner()
    data = ["--data", str(COMMON)] + [arg for p in KB_FILES for arg in ("--data", str(p))]
    loaded = runner.invoke(app, ["load-endpoint", f"{server}/store", *data])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.stdout.startswith("loaded ")
    args = ["gaps", "-j", "XAE,XAI", "--as-of", "2021-01-01", "-f", "json"]
    remote = runner.invoke(app, [*args, "--endpoint", f"{server}/query"])
    local = runner.invoke(app, [*args, *data])
    assert remote.exit_code == 0, remote.output
    assert json.loads(remote.stdout) == json.loads(local.stdout)
    assert {r["status"] for r in json.loads(remote.stdout)} >= {"met", "partial", "missing"}


def test_unreachable_endpoint_is_one_line():
    runner = CliRunner()
    result = runner.invoke(app, ["gaps", "-j", "XAA", "--endpoint", f"http://127.0.0.1:{free_port()}/query"])
    assert result.exit_code == 2
    assert "endpoint not reachable" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_endpoint_errors_are_query_errors(server):
    with pytest.raises(QueryError, match="answered 400"):
        EndpointStore(f"{server}/query").select("SELECT * WHERE { ?s ?p }")
