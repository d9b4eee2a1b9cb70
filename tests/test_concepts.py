"""ontology/concepts.ttl, the real concept scheme: the ids every encoding relies on, labels in three
languages, definitions, and a consistent hierarchy of groups. Also the `lexgap concepts` command on it."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import rdflib
from rdflib import Literal

from lexgap.load import ONTOLOGY_DIR
from lexgap.vocab import LGC, RDF, SKOS

CONCEPTS_FILE = ONTOLOGY_DIR / "concepts.ttl"

# The contract of the concept scheme: its groups and the concepts narrower than each. Statute files,
# gap queries and the encoding assistant name these ids; renaming one breaks them.
GROUPS = {
    "cyber-dependent-offences": [
        "illegal-access", "illegal-interception", "data-interference", "system-interference", "misuse-of-devices",
    ],
    "cyber-enabled-offences": [
        "computer-forgery", "computer-fraud", "copyright-infringement", "sextortion", "cyberstalking",
        "intimate-image-abuse", "ict-trafficking", "ict-recruitment", "money-laundering",
    ],
    "csam-offences": [
        "csam-production", "csam-offering", "csam-distribution", "csam-procuring", "csam-possession",
        "csam-access", "csam-live-performance", "csam-ict-facilitated",
    ],
    "child-sexual-exploitation": [
        "child-sexual-abuse", "child-prostitution", "corruption-of-children", "grooming", "sale-of-children",
    ],
    "ancillary-liability": ["attempt", "aiding-abetting", "corporate-liability", "sanctions"],
    "procedural-powers": [
        "expedited-preservation", "traffic-data-disclosure", "production-order", "search-seizure",
        "realtime-traffic-collection", "content-interception",
    ],
    "jurisdiction-rules": [
        "jurisdiction-territorial", "jurisdiction-nationality", "jurisdiction-residence",
        "jurisdiction-victim-nationality",
    ],
    "provider-duties": ["provider-reporting", "provider-removal", "access-blocking"],
    "victim-protection-measures": ["victim-protection"],
    "definitions": [
        "definition-child", "definition-csam", "definition-computer-system", "definition-computer-data",
        "definition-traffic-data", "definition-service-provider",
    ],
}
REQUIRED = sorted(set(GROUPS) | {c for members in GROUPS.values() for c in members})
LANGUAGES = ("en", "fr", "es")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    # Not skipped when missing: the scheme is part of the product, its absence is a failure.
    assert CONCEPTS_FILE.is_file(), f"{CONCEPTS_FILE} is missing"
    return rdflib.Graph().parse(CONCEPTS_FILE, format="turtle")


@pytest.fixture(scope="module")
def concepts(graph) -> dict[str, rdflib.URIRef]:
    found = {str(c)[len(str(LGC)) :]: c for c in graph.subjects(RDF.type, SKOS.Concept)}
    assert all(str(c).startswith(str(LGC)) for c in found.values())
    return found


def test_contract_lists_each_id_once():
    listed = list(GROUPS) + [c for members in GROUPS.values() for c in members]
    assert [c for c, n in Counter(listed).items() if n > 1] == []
    assert len(REQUIRED) == 61


def test_every_required_concept_is_present(concepts):
    assert sorted(set(REQUIRED) - set(concepts)) == []


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_group_is_a_top_concept_with_its_members(graph, concepts, group):
    node = concepts[group]
    assert list(graph.objects(node, SKOS.broader)) == []
    assert set(graph.objects(node, SKOS.topConceptOf)), f"{group} is not a top concept"
    narrower = {str(n)[len(str(LGC)) :] for n in graph.objects(node, SKOS.narrower)}
    assert set(GROUPS[group]) <= narrower


def test_every_concept_has_labels_in_three_languages_and_a_definition(graph, concepts):
    missing = []
    for cid, node in sorted(concepts.items()):
        labels = [lit for lit in graph.objects(node, SKOS.prefLabel) if isinstance(lit, Literal)]
        for lang in LANGUAGES:
            found = [lit for lit in labels if lit.language == lang and str(lit).strip()]
            if len(found) != 1:
                missing.append(f"{cid}: {len(found)} prefLabel@{lang}")
        definitions = [d for d in graph.objects(node, SKOS.definition) if getattr(d, "language", None) == "en"]
        if len(definitions) != 1 or not str(definitions[0]).strip():
            missing.append(f"{cid}: {len(definitions)} skos:definition@en")
    assert missing == []


def test_every_non_group_concept_has_a_broader_group(graph, concepts):
    tops = {node for node in concepts.values() if set(graph.objects(node, SKOS.topConceptOf))}
    orphans = []
    for cid, node in sorted(concepts.items()):
        if node in tops:
            continue
        # Walk up: the chain must end at a top concept (cycles end the walk as failures).
        seen, current = set(), node
        while current not in tops and current not in seen:
            seen.add(current)
            parents = list(graph.objects(current, SKOS.broader))
            if not parents:
                break
            current = parents[0]
        if current not in tops:
            orphans.append(cid)
    assert orphans == []


def test_broader_and_narrower_mirror_each_other(graph):
    broader = set(graph.subject_objects(SKOS.broader))
    narrower = {(child, parent) for parent, child in graph.subject_objects(SKOS.narrower)}
    assert sorted(broader ^ narrower) == []


def test_every_concept_is_in_the_scheme(graph, concepts):
    schemes = set(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    (scheme,) = schemes
    assert sorted(cid for cid, node in concepts.items() if (node, SKOS.inScheme, scheme) not in graph) == []


def test_concepts_command_json(invoke, graph, concepts):
    result = invoke("concepts", "--format", "json")
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == sorted(concepts)
    by_id = {r["id"]: r for r in records}
    possession = by_id["csam-possession"]
    assert possession["iri"] == str(LGC["csam-possession"])
    assert set(LANGUAGES) <= set(possession["label"])
    assert possession["group"] == "csam-offences"
    assert "csam-offences" in possession["broader"]
    assert possession["definition"]
    assert by_id["definitions"]["group"] == "definitions" and by_id["definitions"]["broader"] == []


def test_concepts_command_table_lists_every_concept(invoke, concepts):
    result = invoke("concepts")
    assert result.exit_code == 0
    assert f"{len(concepts)} concepts" in result.stdout
    assert "csam-possession" in result.stdout


def test_concepts_command_on_a_given_scheme(invoke):
    # The stand-in scheme of the test fixtures, so the record format is checked exactly.
    from conftest import FIXTURE_CONCEPTS

    result = invoke("concepts", "--format", "json", "--concepts", FIXTURE_CONCEPTS)
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert records[0] == {
        "id": "csam-distribution",
        "iri": "https://w3id.org/lexgap/concept/csam-distribution",
        "label": {"en": "Distribution of child sexual abuse material"},
        "definition": None,
        "group": "csam-offences",
        "broader": ["csam-offences"],
    }
    assert [(r["id"], r["group"]) for r in records] == [
        ("csam-distribution", "csam-offences"),
        ("csam-offences", "csam-offences"),
        ("csam-possession", "csam-offences"),
        ("definition-child", "definitions"),
        ("definitions", "definitions"),
    ]


def test_concepts_command_missing_file(invoke, tmp_path):
    result = invoke("concepts", "--concepts", tmp_path / "none.ttl")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none.ttl'}: no such file\n"
