"""The cross-border analysis on the bundled knowledge base: invariants that hold whatever is encoded,
agreement with the gap engine, and a few facts a lawyer checked in the excerpts."""

from __future__ import annotations

import json
from decimal import Decimal
from itertools import combinations

import pytest

from lexgap import gaps
from lexgap.load import load
from lexgap.network import MEETS, OFFENCE, SAFE_HAVEN_STATES, STATES, THRESHOLD_STATES, UNKNOWN, Analysis
from lexgap.vocab import LGC

AS_OF = "2026-11-28"


@pytest.fixture(scope="module")
def graph():
    return load()


@pytest.fixture(scope="module")
def analysis(graph):
    return Analysis(graph, as_of=AS_OF)


def test_every_offence_concept_gives_a_consistent_graph(analysis):
    concepts = analysis.offence_concepts()
    assert len(concepts) == 27
    codes = sorted(p.code for p in analysis.profiles.values())
    for concept in concepts:
        coop = analysis.cooperation(concept)
        assert sorted(n.jurisdiction for n in coop.nodes) == codes
        assert all(n.state in STATES and n.threshold in THRESHOLD_STATES for n in coop.nodes)
        linkable = sorted(n.jurisdiction for n in coop.nodes if n.state == OFFENCE and n.threshold == MEETS)
        assert list(coop.edges) == list(combinations(linkable, 2))
        assert not set(coop.safe_havens) & set(coop.unknown)
        assert all(coop.node(c).state in SAFE_HAVEN_STATES for c in coop.safe_havens)
        # A jurisdiction with no provision has no penalty to weigh; one with a provision always has a state.
        for n in coop.nodes:
            assert (n.threshold == "n/a") == (not n.provision_ids), (concept, n.jurisdiction)


def test_possession_links_germany_and_france(analysis):
    # StGB § 184b(3): "Freiheitsstrafe bis zu fünf Jahren"; C. pén. art. 227-23 al. 5: ten years.
    coop = analysis.cooperation("csam-possession", Decimal(1))
    assert ("DEU", "FRA") in coop.edges
    assert coop.node("DEU").max_penalty == "5"
    assert coop.node("FRA").max_penalty == "10"


def test_a_high_threshold_cuts_edges_but_never_makes_a_safe_haven(analysis):
    low = analysis.cooperation("csam-possession", Decimal(1))
    high = analysis.cooperation("csam-possession", Decimal(20))
    assert len(high.edges) < len(low.edges)
    assert high.safe_havens == low.safe_havens
    assert high.unknown == low.unknown


@pytest.mark.parametrize("concept", ["csam-possession", "grooming", "illegal-access"])
def test_penalties_agree_with_the_gap_engine_evidence(graph, analysis, concept):
    # The penalty each provision carries (own, or inherited through the reference graph) must be the
    # value the gap engine shows for it in a cell's evidence.
    requirement = next(r for r in analysis.kb.requirements if r.concept == LGC[concept])
    coop = analysis.cooperation(concept)
    compared = 0
    for node in coop.nodes:
        if not node.provision_ids:
            continue
        cell = gaps.evidence(graph, node.jurisdiction, requirement.identifier, as_of=AS_OF)
        shown = {p.identifier: p for p in cell.provisions if p.in_force}
        assert sorted(shown) == sorted(node.provision_ids)
        for penalty in node.penalties:
            values = {v.element: v for v in shown[penalty.provision_id].values}
            years = values.get("maxPenaltyYears")
            expected = max((Decimal(str(y)) for y in years.values), default=None) if years else None
            assert penalty.max_years == expected, (node.jurisdiction, penalty.provision_id)
            assert (penalty.via or penalty.provision) == (years.source if years else penalty.provision)
            compared += 1
    assert compared >= 10


def test_cli_json_matches_the_api(invoke):
    result = invoke("cooperation", "--concept", "csam-possession", "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == Analysis(load(), as_of=AS_OF).cooperation("csam-possession").to_dict()


def test_dual_criminality_rows_follow_the_nodes(analysis):
    pair = analysis.dual_criminality("DEU", "FRA")
    assert len(pair.rows) == 27
    for row in pair.rows:
        if UNKNOWN in (row.a.state, row.b.state) and row.cooperate != "no":
            assert row.cooperate == UNKNOWN


def test_peers_offer_model_language_for_every_peer(analysis):
    report = analysis.peers("DEU")
    assert report.gaps, "Germany has gaps in the bundled data (e.g. realistic images under Budapest 9(2)(c))"
    for gap in report.gaps:
        for peer in gap.peers:
            assert peer.provisions and all(m.excerpt for m in peer.provisions), (gap.requirement, peer.similarity.jurisdiction)
    scores = [s.score for s in report.similar]
    assert scores == sorted(scores, reverse=True)
