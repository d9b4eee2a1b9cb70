"""The gap fixture cases: each ``tests/gaps/<case>.yaml`` names a knowledge base ``tests/gaps/kb/<case>.ttl``
(loaded with the ontology and the shared ``kb/common`` files) and the expected result of every requirement
of the test convention, run by run (one run per ``as_of`` date)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lexgap.load import ONTOLOGY_DIR, load
from lexgap.store import load_graph

HERE = Path(__file__).resolve().parent
KB_DIR = HERE / "kb"
COMMON = KB_DIR / "common"
# real.yaml holds checked results on the bundled knowledge base (tests/test_gaps_real.py), not a case.
CASE_FILES = sorted(p for p in HERE.glob("*.yaml") if p.name != "real.yaml")
KB_FILES = sorted(KB_DIR.glob("*.ttl"))
KEYS = {"status", "provisions", "failed_constraints", "undetermined", "reason_contains", "notes_contain"}


@dataclass(frozen=True)
class Run:
    as_of: str
    results: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    jurisdiction: str
    kb: Path
    plain_sparql: bool
    runs: tuple[Run, ...] = field(default_factory=tuple)


def read_case(path: Path) -> Case:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    runs_data = data.get("runs") or [{"as_of": data["as_of"], "results": data["results"]}]
    runs = []
    for run in runs_data:
        results = {}
        for requirement, expected in run["results"].items():
            unknown = set(expected) - KEYS
            assert not unknown, f"{path.name}: {requirement}: unknown keys {sorted(unknown)}"
            results[requirement] = expected
        runs.append(Run(str(run["as_of"]), results))
    return Case(
        name=path.stem,
        description=" ".join(str(data["description"]).split()),
        jurisdiction=data["jurisdiction"],
        kb=KB_DIR / data.get("kb", f"{path.stem}.ttl"),
        plain_sparql=bool(data.get("plain_sparql", False)),
        runs=tuple(runs),
    )


CASES = [read_case(p) for p in CASE_FILES]


def kb_paths(*cases: Case) -> list[Path]:
    return [ONTOLOGY_DIR / "lexgap.ttl", COMMON] + [case.kb for case in cases]


def load_case(*cases: Case):
    """An Oxigraph-backed rdflib graph holding the ontology, the shared fixtures and the cases' KBs."""
    return load_graph(kb_paths(*cases), include_ontology=False)


def load_all(store: str = "Oxigraph"):
    """Every fixture case in one graph (``store="default"``: rdflib's own in-memory store)."""
    paths = [ONTOLOGY_DIR / "lexgap.ttl", COMMON, *KB_FILES]
    return load_graph(paths, include_ontology=False) if store == "Oxigraph" else load(paths, include_ontology=False, store=store)
