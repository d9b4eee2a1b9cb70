"""The provision reference graph: loops, dangling links and inheritance, one fixture file per case.

Each ``tests/network/references/<case>.ttl`` states what it must produce in header lines (node paths are
relative to ``https://w3id.org/lexgap/law/xnr/``):

    # expect-cycle: usesDefinition code/1 -> code/2 -> code/1
    # expect-dangling: refersTo code/2 -> code
    # expect-inherited 2026-11-28: code/1 maxPenaltyYears 4 from code/4@2020-01-01

A file with no ``expect-cycle`` line must produce no loop, and likewise for dangling links.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import URIRef

from lexgap.load import load
from lexgap.network import Analysis, ReferenceGraph, reference_cycles
from lexgap.vocab import LG

HERE = Path(__file__).parent / "network" / "references"
FILES = sorted(HERE.iterdir())
BASE = "https://w3id.org/lexgap/law/xnr/"
INHERITED = re.compile(r"^# expect-inherited (\S+): (\S+) (\S+) (\S+) from (\S+)$")


def _short(node: URIRef) -> str:
    return str(node).removeprefix(BASE)


def _expectations(path: Path, key: str) -> list[str]:
    prefix = f"# {key}: "
    return [line.removeprefix(prefix) for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(prefix)]


CASES = [p for p in FILES if p.suffix == ".ttl"]


def test_every_file_is_a_case():
    assert len(CASES) == len(FILES) == 6
    # Each failure kind has a case, and at least one case expects nothing at all.
    assert sum(bool(_expectations(p, "expect-cycle")) for p in CASES) == 4
    assert sum(bool(_expectations(p, "expect-dangling")) for p in CASES) == 1


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_cycles_and_dangling_links(path):
    refs = ReferenceGraph.from_rdf(load([path], include_ontology=False))
    cycles = [f"{c.property.removeprefix(str(LG))} {c.path(_short)}" for c in refs.cycles()]
    dangling = [f"{r.property.removeprefix(str(LG))} {_short(r.source)} -> {_short(r.target)}" for r in refs.dangling()]
    assert cycles == _expectations(path, "expect-cycle")
    assert dangling == _expectations(path, "expect-dangling")


def test_reference_cycles_reads_an_rdflib_graph():
    graph = load([HERE / "uses-definition-cycle.ttl"], include_ontology=False)
    (cycle,) = reference_cycles(graph)
    assert cycle.property == LG.usesDefinition
    assert [_short(n) for n in cycle.nodes] == ["code/1", "code/2", "code/3"]


INHERITANCE = [m.groups() for line in (HERE / "inheritance.ttl").read_text(encoding="utf-8").splitlines() if (m := INHERITED.match(line))]


def test_inheritance_cases_are_read():
    assert len(INHERITANCE) == len(_expectations(HERE / "inheritance.ttl", "expect-inherited 2026-11-28")) + 1 == 7


@pytest.mark.parametrize(
    ("as_of", "provision", "element", "value", "origin"), INHERITANCE, ids=[" ".join(c[:3]) for c in INHERITANCE]
)
def test_inheritance(as_of, provision, element, value, origin):
    analysis = Analysis(load([HERE / "inheritance.ttl"]), as_of=as_of)
    values = analysis.element_values(URIRef(BASE + provision))
    found, source = values[LG[element]]
    shown = sorted(
        "true" if v is True else "false" if v is False else
        str(Decimal(v).normalize()) if isinstance(v, (int, Decimal)) else str(v).removeprefix(str(LG))
        for v in found
    )
    assert (shown, _short(source)) == ([value], origin)


def test_inherit_cuts_loops_and_reads_each_definition_once():
    # code/1 -> code/2 -> code/1: the walk ends; every element of the family is found once.
    analysis = Analysis(load([HERE / "inheritance.ttl"]), as_of="2026-11-28")
    values = analysis.element_values(URIRef(BASE + "code/1"))
    assert sorted(str(e).removeprefix(str(LG)) for e in values) == [
        "childAgeThreshold", "materialCovers", "maxPenaltyYears", "requiresIntentToDistribute",
    ]


def test_validate_reports_each_loop_once(invoke):
    # The loop of three is one problem, on its first node; the provision relying on the loop adds none.
    from lexgap.validate import validate

    report = validate([HERE / "uses-definition-cycle.ttl"])
    loops = [p for p in report.problems if p.check == "reference-cycle"]
    assert [p.message for p in loops] == [
        "lg:usesDefinition loops back to itself: lgl:xnr/code/1 -> lgl:xnr/code/2 -> lgl:xnr/code/3 -> lgl:xnr/code/1"
    ]


def test_validate_accepts_a_cross_reference_loop():
    from lexgap.validate import validate

    report = validate([HERE / "refers-to-loop.ttl"])
    assert [p for p in report.problems if p.check == "reference-cycle"] == []
