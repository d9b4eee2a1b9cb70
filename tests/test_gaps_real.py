"""Real gap results a lawyer has checked against the source excerpts (tests/gaps/real.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lexgap.gaps import STATUSES, compute_gaps
from lexgap.store import load_graph

CASES = yaml.safe_load((Path(__file__).parent / "gaps" / "real.yaml").read_text(encoding="utf-8"))["results"]
KEYS = {"jurisdiction", "requirement", "as_of", "status", "failed_constraints", "provisions_include", "reason_contains", "checked"}


@pytest.fixture(scope="module")
def graph():
    return load_graph()


def test_real_cases_are_well_formed():
    assert len(CASES) >= 5
    for case in CASES:
        assert set(case) <= KEYS and {"jurisdiction", "requirement", "as_of", "status", "checked"} <= set(case)
        assert case["status"] in STATUSES


@pytest.mark.parametrize("case", CASES, ids=[f"{c['jurisdiction']}-{c['requirement']}-{c['as_of']}" for c in CASES])
def test_real_result(graph, case):
    results = compute_gaps(graph, jurisdictions=[case["jurisdiction"]], as_of=str(case["as_of"]))
    got = next((r for r in results if r.requirement == case["requirement"]), None)
    assert got is not None, f"no requirement {case['requirement']}"
    assert got.status == case["status"], got.reason
    if "failed_constraints" in case or got.status == "partial":
        assert list(got.failed_constraints) == case.get("failed_constraints", [])
    for citation in case.get("provisions_include", []):
        assert citation in got.provisions
    for text in case.get("reason_contains", []):
        assert text in got.reason, got.reason
