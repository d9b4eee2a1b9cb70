"""Cross-border analysis on the hand-built fixture knowledge base (tests/network/kb), where every answer is
known: cooperation graphs, dual criminality and peers, through the Python API and the command line.

Expected answers are readable data, one file per case:

- ``tests/network/cooperation/<case>.yaml`` — concept, date, threshold; the edges, safe havens, unknown,
  below-threshold and penalty-unknown jurisdictions, the components, and per jurisdiction
  ``[state, threshold state, highest maximum penalty]`` plus words its reason must contain.
- ``tests/network/dual-criminality/<case>.yaml`` — two jurisdictions; per concept ``[state of a, state of
  b, can cooperate, words of the reason]``.
- ``tests/network/peers/<case>.yaml`` — the similarity ranking ``[jurisdiction, score, agreeing, compared]``
  and, per gap, its status and the peers meeting it in order, with the model provisions.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest
import yaml

from lexgap.load import load
from lexgap.network import (
    BELOW,
    MEETS,
    NARROWER,
    NO,
    NO_OFFENCE,
    OFFENCE,
    UNKNOWN,
    YES,
    Analysis,
    NetworkInputError,
    Node,
    Penalty,
    check_threshold,
    jaccard,
    pair_verdict,
    threshold_state,
)

HERE = Path(__file__).parent / "network"
KB = HERE / "kb"
COOPERATION_FILES = sorted((HERE / "cooperation").iterdir())
DUAL_FILES = sorted((HERE / "dual-criminality").iterdir())
PEER_FILES = sorted((HERE / "peers").iterdir())


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["name"] = path.stem
    return data


COOPERATION = [_read(p) for p in COOPERATION_FILES if p.suffix == ".yaml"]
DUAL = [_read(p) for p in DUAL_FILES if p.suffix == ".yaml"]
PEERS = [_read(p) for p in PEER_FILES if p.suffix == ".yaml"]


def test_every_fixture_file_is_a_case():
    # The folders hold only cases: nothing may be skipped by the globs above.
    assert len(COOPERATION) == len(COOPERATION_FILES) == 8
    assert len(DUAL) == len(DUAL_FILES) == 4
    assert len(PEERS) == len(PEER_FILES) == 3
    assert len(sorted(KB.glob("*.ttl"))) == 7


@pytest.fixture(scope="module")
def graph():
    return load([KB])


@pytest.fixture(scope="module")
def analyses(graph):
    cache: dict[str, Analysis] = {}

    def get(as_of) -> Analysis:
        key = str(as_of)
        if key not in cache:
            cache[key] = Analysis(graph, as_of=key)
        return cache[key]

    return get


def _json(invoke, *args):
    result = invoke(*args, "--data", KB, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --------------------------------------------------------------------------------------------------
# Cooperation
# --------------------------------------------------------------------------------------------------


def _check_cooperation(case: dict, data: dict) -> None:
    assert data["concept"] == case["concept"]
    assert data["threshold_years"] == case["threshold_years"]
    assert data["as_of"] == str(case["as_of"])
    for key in ("edges", "safe_havens", "unknown", "below_threshold", "penalty_unknown", "components"):
        assert data[key] == case[key], key
    nodes = {n["jurisdiction"]: n for n in data["nodes"]}
    assert sorted(nodes) == ["XNA", "XNB", "XNC", "XND", "XNE", "XNF"]
    for code, (state, threshold, maximum) in case["nodes"].items():
        assert [nodes[code]["state"], nodes[code]["threshold"], nodes[code]["max_penalty"]] == [state, threshold, maximum], code
    for code, words in case.get("reasons", {}).items():
        for w in words:
            assert w in nodes[code]["reason"], (code, w, nodes[code]["reason"])


@pytest.mark.parametrize("case", COOPERATION, ids=[c["name"] for c in COOPERATION])
def test_cooperation_api(analyses, case):
    result = analyses(case["as_of"]).cooperation(case["concept"], Decimal(str(case["threshold_years"])))
    _check_cooperation(case, result.to_dict())
    # The networkx graph holds every jurisdiction and exactly the edges listed.
    g = result.graph
    assert sorted(g.nodes) == ["XNA", "XNB", "XNC", "XND", "XNE", "XNF"]
    assert sorted(tuple(sorted(e)) for e in g.edges) == [tuple(e) for e in case["edges"]]
    # An unknown node is never a safe haven, and never linked.
    for code in result.unknown:
        assert code not in result.safe_havens
        assert g.degree(code) == 0


@pytest.mark.parametrize("case", COOPERATION, ids=[c["name"] for c in COOPERATION])
def test_cooperation_cli_json(invoke, case):
    data = _json(
        invoke, "cooperation", "--concept", case["concept"], "--as-of", case["as_of"],
        "--threshold-years", case["threshold_years"],
    )
    _check_cooperation(case, data)


def test_cooperation_cli_table(invoke):
    result = invoke("cooperation", "-c", "csam-possession", "--as-of", "2026-11-28", "--data", KB)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "edges: 1" in lines
    assert "safe havens: XNC, XNF" in lines
    assert "unknown: XND" in lines
    assert "below threshold: XNE" in lines
    assert "components: XNA XNB" in lines
    assert "threshold 1 year" in result.stdout.replace("\n", " ")


def test_default_threshold_is_one_year(invoke):
    data = _json(invoke, "cooperation", "--concept", "csam-possession", "--as-of", "2026-11-28")
    assert data["threshold_years"] == 1
    assert "art 24(1)" in invoke("cooperation", "--help").stdout.replace("\n", " ")


def test_linkable_nodes_form_one_clique(analyses):
    # The edge rule looks at each side on its own (offence, threshold reached), so every two linkable
    # jurisdictions are linked and they make one component; below-threshold ones stand outside it.
    result = analyses("2026-11-28").cooperation("grooming", Decimal(1))
    linkable = [n.jurisdiction for n in result.nodes if n.linkable]
    assert linkable == ["XNA", "XNC", "XNF"]
    assert nx.is_isomorphic(result.graph.subgraph(linkable), nx.complete_graph(3))
    assert result.components == (tuple(linkable),)
    assert all("XNB" not in c for c in result.components)


# --------------------------------------------------------------------------------------------------
# Dual criminality
# --------------------------------------------------------------------------------------------------


def _check_dual(case: dict, data: dict) -> None:
    assert (data["a"], data["b"]) == (case["a"], case["b"])
    rows = {r["concept"]: r for r in data["concepts"]}
    for concept, (a_state, b_state, verdict, words) in case["rows"].items():
        row = rows[concept]
        assert [row["a_state"], row["b_state"], row["cooperate"]] == [a_state, b_state, verdict], concept
        assert words in row["reason"], (concept, row["reason"])
    if "counts" in case:
        counts = {v: sum(1 for r in data["concepts"] if r["cooperate"] == v) for v in case["counts"]}
        assert counts == case["counts"]


@pytest.mark.parametrize("case", DUAL, ids=[c["name"] for c in DUAL])
def test_dual_criminality_api(analyses, case):
    result = analyses(case["as_of"]).dual_criminality(case["a"], case["b"], Decimal(str(case["threshold_years"])))
    _check_dual(case, result.to_dict())
    # Every offence concept of the scheme has a row: 27 members of the four offence groups.
    assert len(result.rows) == 27


@pytest.mark.parametrize("case", DUAL, ids=[c["name"] for c in DUAL])
def test_dual_criminality_cli_json(invoke, case):
    data = _json(
        invoke, "dual-criminality", case["a"], case["b"], "--as-of", case["as_of"],
        "--threshold-years", case["threshold_years"],
    )
    _check_dual(case, data)


def test_dual_criminality_is_symmetric(analyses):
    a = analyses("2026-11-28")
    ab = {r.concept: r.cooperate for r in a.dual_criminality("XNA", "XNC").rows}
    ba = {r.concept: r.cooperate for r in a.dual_criminality("XNC", "XNA").rows}
    assert ab == ba


def test_dual_criminality_agrees_with_the_cooperation_edges(analyses):
    a = analyses("2026-11-28")
    for concept in ("csam-possession", "grooming", "illegal-access", "csam-distribution"):
        coop = a.cooperation(concept)
        edges = set(coop.edges)
        for x in ("XNA", "XNB", "XNC", "XNE", "XNF"):
            for y in ("XNA", "XNB", "XNC", "XNE", "XNF"):
                if x < y:
                    row = a.dual_criminality(x, y, concepts=[concept]).rows[0]
                    assert (row.cooperate == YES) == ((x, y) in edges), (concept, x, y)


def test_dual_criminality_cli_one_concept_table(invoke):
    result = invoke("dual-criminality", "XNA", "XNB", "-c", "grooming", "--as-of", "2026-11-28", "--data", KB)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "yes: 0, no: 1, unknown: 0"


# --------------------------------------------------------------------------------------------------
# Peers
# --------------------------------------------------------------------------------------------------


def _check_peers(case: dict, data: dict) -> None:
    assert data["jurisdiction"] == case["jurisdiction"]
    assert [[s["jurisdiction"], s["score"], s["agreeing"], s["compared"]] for s in data["similar"]] == case["similar"]
    gaps = {g["requirement"]: g for g in data["gaps"]}
    assert sorted(gaps) == sorted(case["gaps"])
    for requirement, (status, peers) in case["gaps"].items():
        assert gaps[requirement]["status"] == status
        assert [p["jurisdiction"] for p in gaps[requirement]["peers"]] == peers, requirement
    for requirement, by_peer in case.get("model", {}).items():
        peers = {p["jurisdiction"]: p for p in gaps[requirement]["peers"]}
        for peer, (ids, words) in by_peer.items():
            provisions = peers[peer]["provisions"]
            assert [m["provision_id"] for m in provisions] == ids
            assert words in provisions[0]["excerpt"]


@pytest.mark.parametrize("case", PEERS, ids=[c["name"] for c in PEERS])
def test_peers_api(analyses, case):
    report = analyses(case["as_of"]).peers(case["jurisdiction"], case.get("instrument"))
    _check_peers(case, report.to_dict())


@pytest.mark.parametrize("case", PEERS, ids=[c["name"] for c in PEERS])
def test_peers_cli_json(invoke, case):
    extra = ("--instrument", case["instrument"]) if case.get("instrument") else ()
    data = _json(invoke, "peers", case["jurisdiction"], "--as-of", case["as_of"], *extra)
    _check_peers(case, data)


def test_peers_carry_the_source_facts_of_model_language(analyses):
    report = analyses("2026-11-28").peers("XNB")
    gap = next(g for g in report.gaps if g.requirement == "tnc-3")
    xnf = next(p for p in gap.peers if p.similarity.jurisdiction == "XNF").provisions[0]
    assert (xnf.language, xnf.cautions) == ("de", ("Fixture caution: invented text.",))
    xna = next(p for p in gap.peers if p.similarity.jurisdiction == "XNA").provisions[0]
    assert (xna.source_url, xna.source_type) == ("https://example.org/xna/code/3", "OFF")


def test_peers_cli_table(invoke):
    result = invoke("peers", "XNB", "--as-of", "2026-11-28", "--data", KB)
    assert result.exit_code == 0, result.output
    assert "XNF (Code F s. 4)" in result.stdout


# --------------------------------------------------------------------------------------------------
# The rules on their own
# --------------------------------------------------------------------------------------------------


def _p(years=None, life=False, name="s. 1"):
    return Penalty(name, name, None if years is None else Decimal(str(years)), life)


@pytest.mark.parametrize(
    ("penalties", "threshold", "expected"),
    [
        ([_p(5)], 1, (MEETS, "5")),
        ([_p(1)], 1, (MEETS, "1")),  # equal reaches it
        ([_p(0.5)], 1, (BELOW, "0.5")),
        ([_p(0.5), _p(3)], 1, (MEETS, "3")),  # one provision reaching it is enough
        ([_p(0.5), _p()], 1, (UNKNOWN, "0.5")),  # a missing penalty is never read as low
        ([_p()], 1, (UNKNOWN, None)),
        ([_p(), _p(life=True)], 100, (MEETS, "life")),  # life reaches any threshold
        ([_p(0.5)], 0, (MEETS, "0.5")),
    ],
    ids=["above", "equal", "below", "one-enough", "missing-not-below", "none-stated", "life", "zero-threshold"],
)
def test_threshold_state(penalties, threshold, expected):
    assert threshold_state(penalties, Decimal(threshold)) == expected


def _n(code, state, threshold=MEETS, maximum="5"):
    return Node(code, code, state, threshold, maximum, (), (), "")


@pytest.mark.parametrize(
    ("a", "b", "verdict"),
    [
        (_n("A", OFFENCE), _n("B", OFFENCE), YES),
        (_n("A", OFFENCE), _n("B", NO_OFFENCE, "n/a", None), NO),
        (_n("A", UNKNOWN, "n/a", None), _n("B", NARROWER), NO),  # a definite obstacle beats unknown
        (_n("A", UNKNOWN, "n/a", None), _n("B", OFFENCE), UNKNOWN),
        (_n("A", OFFENCE, UNKNOWN, None), _n("B", OFFENCE), UNKNOWN),
        (_n("A", OFFENCE, BELOW, "0.5"), _n("B", OFFENCE, UNKNOWN, None), NO),
    ],
    ids=["both", "no-offence", "obstacle-beats-unknown", "unknown-state", "unknown-penalty", "below"],
)
def test_pair_verdict(a, b, verdict):
    assert pair_verdict(a, b, Decimal(1))[0] == verdict
    assert pair_verdict(b, a, Decimal(1))[0] == verdict


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ({"r1": "met", "r2": "met"}, {"r1": "met", "r2": "met"}, (1.0, 2, 2)),
        ({"r1": "met"}, {"r1": "missing"}, (0.0, 0, 1)),
        ({"r1": "met", "r2": "partial"}, {"r1": "met"}, (0.5, 1, 2)),
        ({}, {}, (0.0, 0, 0)),
    ],
    ids=["same", "different", "one-side-only", "empty"],
)
def test_jaccard(a, b, expected):
    assert jaccard(a, b) == expected


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "one", ""])
def test_bad_threshold_is_refused(value):
    with pytest.raises(NetworkInputError):
        check_threshold(value)


# --------------------------------------------------------------------------------------------------
# Bad input: one line, exit 2, no traceback
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("cooperation", "--concept", "no-such-concept"), "error: unknown concept: no-such-concept (list them with `lexgap concepts`)"),
        (("cooperation", "--concept", "Bad Id"), "error: not a valid concept identifier: 'Bad Id'"),
        (("cooperation", "--concept", "grooming", "--threshold-years", "-1"), "error: --threshold-years: the threshold must be zero or more years, not '-1'"),
        (("cooperation", "--concept", "grooming", "--as-of", "2026-02-30"), "error: not a date (YYYY-MM-DD): '2026-02-30'"),
        (("dual-criminality", "XNA", "XNA"), "error: name two different jurisdictions (got XNA twice)"),
        (("dual-criminality", "XNA", "ZZZ"), "error: unknown jurisdiction: 'ZZZ' (known: XNA, XNB, XNC, XND, XNE, XNF)"),
        (("peers", "XNA", "--instrument", "nope"), "error: unknown instrument: 'nope' (known: tnc)"),
    ],
    ids=["unknown-concept", "bad-concept-id", "negative-threshold", "impossible-date", "same-twice", "unknown-jurisdiction", "unknown-instrument"],
)
def test_bad_input_is_one_line(invoke, args, message):
    result = invoke(*args, "--data", KB)
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [message]
    assert "Traceback" not in result.output


def test_missing_data_path_is_one_line(invoke, tmp_path):
    result = invoke("cooperation", "--concept", "grooming", "--data", tmp_path / "nothing")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'nothing'}: no such file or folder"]
