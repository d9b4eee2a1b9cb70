"""Property-based tests (hypothesis) of the constraint comparison and the gap status logic.

Knowledge bases are generated from a pool of provision shapes for the fixture jurisdiction XAA against
the test convention in tests/gaps/kb/common (invented law).
"""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lexgap.gaps import MISSING, STATUSES, _compare, compute_gaps
from lexgap.store import load_graph, open_store

COMMON = Path(__file__).parent / "gaps" / "kb" / "common"
AS_OF = date(2026, 11, 28)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

numbers = st.one_of(
    st.integers(min_value=-1000, max_value=1000),
    st.decimals(min_value=-1000, max_value=1000, allow_nan=False, allow_infinity=False, places=2),
)


# ---------------------------------------------------------------------------------------------
# The comparison behind every constraint


@given(numbers, numbers)
def test_compare_agrees_with_numeric_order(a, b):
    assert _compare("ge", a, b) is (Decimal(a) >= Decimal(b))
    assert _compare("le", a, b) is (Decimal(a) <= Decimal(b))
    assert _compare("eq", a, b) is (Decimal(a) == Decimal(b))


@given(numbers, numbers)
def test_compare_ge_le_are_mirror_images(a, b):
    assert _compare("ge", a, b) == _compare("le", b, a)
    # Exactly one of <, =, > holds.
    assert _compare("ge", a, b) or _compare("le", a, b)


@given(numbers, st.one_of(st.booleans(), st.text(max_size=5), st.dates()))
def test_compare_never_guesses_across_kinds(a, other):
    for op in ("ge", "le", "eq"):
        assert _compare(op, a, other) is None
        assert _compare(op, other, a) is None


@given(st.booleans(), st.booleans())
def test_booleans_compare_only_for_equality_with_booleans(a, b):
    assert _compare("eq", a, b) is (a == b)
    assert _compare("eq", a, 1) is None


@given(numbers, numbers, st.sampled_from([None, "covers", "between", ""]))
def test_unknown_operator_is_undetermined(a, b, op):
    assert _compare(op, a, b) is None


# ---------------------------------------------------------------------------------------------
# Gap statuses over generated knowledge bases

CONCEPTS = ["csam-distribution", "csam-possession", "csam-access", "grooming"]
provisions = st.lists(
    st.fixed_dictionaries(
        {
            "concept": st.sampled_from(CONCEPTS),
            "age": st.one_of(st.none(), st.sampled_from([14, 16, 18])),
            "penalty": st.one_of(st.none(), st.sampled_from(["1.0", "2.0", "5.0"])),
            "intent": st.one_of(st.none(), st.booleans()),
            "material": st.lists(st.sampled_from(["visual", "realistic", "virtual"]), unique=True, max_size=3),
        }
    ),
    max_size=5,
)

HEAD = """@base <https://w3id.org/lexgap/law/xaa/> .
@prefix lg:   <https://w3id.org/lexgap/ontology#> .
@prefix lgc:  <https://w3id.org/lexgap/concept/> .
@prefix lgj:  <https://w3id.org/lexgap/jurisdiction/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
lgj:XAA a lg:Jurisdiction ; lg:iso3 "XAA" ; rdfs:label "Fixtureland A"@en .
<code> a lg:Act ; lg:identifier "xaa-code" ; lg:jurisdiction lgj:XAA ; lg:shortTitle "Code" .
"""
COVERAGE = """<coverage> a lg:ReviewCoverage ; lg:jurisdiction lgj:XAA ;
    lg:reviewedConcept lgc:csam-offences, lgc:grooming ; lg:reviewedOn "2026-11-01"^^xsd:date .
"""


def turtle(items: list[dict], reviewed: bool) -> str:
    parts = [HEAD, COVERAGE if reviewed else ""]
    for i, p in enumerate(items, 1):
        lines = [
            f'<code/{i}> a lg:Provision ; lg:identifier "xaa-code-{i}" ; lg:act <code> ; lg:jurisdiction lgj:XAA',
            f'lg:citation "Code s. {i}" ; lg:implements lgc:{p["concept"]}',
        ]
        if p["age"] is not None:
            lines.append(f"lg:childAgeThreshold {p['age']}")
        if p["penalty"] is not None:
            lines.append(f"lg:maxPenaltyYears {p['penalty']}")
        if p["intent"] is not None:
            lines.append(f"lg:requiresIntentToDistribute {str(p['intent']).lower()}")
        if p["material"]:
            lines.append("lg:materialCovers " + ", ".join(f"lg:material-{m}" for m in p["material"]))
        parts.append(" ;\n    ".join(lines) + " .\n")
    return "\n".join(parts)


def statuses(items: list[dict], reviewed: bool = True) -> dict[str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "kb.ttl"
        path.write_text(turtle(items, reviewed), encoding="utf-8")
        store = open_store(load_graph([COMMON, path]))
        results = compute_gaps(store, jurisdictions=["XAA"], as_of=AS_OF)
    assert results, "the test convention has requirements"
    assert all(r.status in STATUSES for r in results)
    return {str(r.requirement): r.status for r in results}


@SETTINGS
@given(provisions, provisions.filter(bool))
def test_adding_provisions_never_turns_met_into_missing(base, added):
    before = statuses(base)
    after = statuses(base + added)
    assert before.keys() == after.keys()
    for requirement, status in before.items():
        if status == "met":
            assert after[requirement] != MISSING, (requirement, base, added)
    # And what was already covered by a provision is never "missing" afterwards either.
    assert sum(s == MISSING for s in after.values()) <= sum(s == MISSING for s in before.values())


@SETTINGS
@given(provisions)
def test_unreviewed_area_never_yields_missing(items):
    assert MISSING not in statuses(items, reviewed=False).values()


@SETTINGS
@given(provisions, st.randoms(use_true_random=False))
def test_order_of_provisions_in_the_file_does_not_matter(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    # Renumbering changes citations, so compare the statuses only.
    assert statuses(items) == statuses(shuffled)


def test_the_generator_reaches_every_main_status():
    # Control: the generated knowledge bases are not all alike (else the properties above are empty).
    seen = set(statuses([]).values())
    seen |= set(statuses([{"concept": c, "age": 18, "penalty": "5.0", "intent": False,
                            "material": ["visual", "realistic", "virtual"]} for c in CONCEPTS]).values())
    seen |= set(statuses([{"concept": "csam-possession", "age": 14, "penalty": None, "intent": True,
                           "material": []}]).values())
    assert {"met", "missing"} <= seen and len(seen) >= 3, seen


