"""Reproducibility and round trip: every downloadable dataset re-parses to a graph isomorphic to the
knowledge base it was built from, and the gap results are the same on every store."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic, to_isomorphic

from lexgap.dataset import read_files
from lexgap.gaps import compute_gaps
from lexgap.store import EmbeddedStore, RdflibStore, load_graph, open_store
from site_build import FIXTURE_ONTOLOGY, FIXTURE_STATUTES, fixture_site

sys.path.insert(0, str(Path(__file__).parent / "gaps"))
from gapcases import CASES, COMMON  # noqa: E402

FORMATS = {"lexgap.ttl": "turtle", "lexgap.nt": "nt", "lexgap.jsonld": "json-ld"}


def knowledge_base() -> rdflib.Graph:
    """The files the fixture site was built from, parsed by rdflib on its own (no lexgap code)."""
    graph = rdflib.Graph()
    files = sorted(FIXTURE_STATUTES.rglob("*.ttl")) + list(FIXTURE_ONTOLOGY)
    for path in files:
        graph.parse(path, format="turtle")
    assert len(files) == len(read_files(FIXTURE_STATUTES, FIXTURE_ONTOLOGY))  # the same set of files
    return graph


@pytest.fixture(scope="module")
def downloads() -> Path:
    out, _ = fixture_site()
    folder = out / "downloads"
    assert folder.is_dir()
    return folder


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_download_is_isomorphic_to_the_knowledge_base(downloads, name):
    kb = knowledge_base()
    again = rdflib.Graph().parse(downloads / name, format=FORMATS[name])
    assert len(again) == len(kb) > 100
    assert isomorphic(again, kb)


def test_downloads_agree_with_each_other(downloads):
    graphs = [to_isomorphic(rdflib.Graph().parse(downloads / n, format=f)) for n, f in FORMATS.items()]
    assert graphs[0] == graphs[1] == graphs[2]


def test_jurisdiction_downloads_are_subgraphs(downloads):
    kb = knowledge_base()
    parts = sorted((downloads / "jurisdictions").glob("*.ttl"))
    assert parts
    sizes = []
    for part in parts:
        graph = rdflib.Graph().parse(part, format="turtle")
        named = {(s, p, o) for s, p, o in graph if not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)}
        assert named <= set(kb), part.name
        sizes.append(len(named))
    assert sum(n > 0 for n in sizes) >= 2  # a jurisdiction with no files of its own has an empty one


def _rows(results):
    return [r.to_dict() for r in results]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gap_results_identical_on_every_store(case):
    graph = load_graph([COMMON, case.kb])
    embedded = open_store(graph)
    assert isinstance(embedded, EmbeddedStore)
    plain = rdflib.Graph()
    for triple in graph:
        plain.add(triple)
    for run in case.runs:
        one = _rows(compute_gaps(embedded, jurisdictions=[case.jurisdiction], as_of=run.as_of))
        two = _rows(compute_gaps(RdflibStore(plain), jurisdictions=[case.jurisdiction], as_of=run.as_of))
        again = _rows(compute_gaps(embedded, jurisdictions=[case.jurisdiction], as_of=run.as_of))
        assert one == two == again
        assert one
