"""ontology/shapes.ttl: every node shape is exercised by the valid fixture KB and by a failing fixture.

The failing side is computed from validation reports, not from the fixtures' own comments: a shape
counts as exercised only if validating some file in tests/fixtures/invalid/ reports a problem from it.
"""

from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SH

from conftest import FIXTURE_CONCEPTS, FIXTURES, VALID_KB
from lexgap.load import ONTOLOGY_DIR, load
from lexgap.validate import show, validate

SHAPES = rdflib.Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
NODE_SHAPES = sorted(SHAPES.subjects(RDF.type, SH.NodeShape), key=str)
SHAPE_IDS = [show(s) for s in NODE_SHAPES]


@pytest.fixture(scope="module")
def valid_graph() -> rdflib.Graph:
    return load([VALID_KB])


@pytest.fixture(scope="module")
def failing_checks() -> set[str]:
    files = sorted((FIXTURES / "invalid").glob("*.ttl"))
    assert files
    return {p.check for f in files for p in validate([f], concepts=FIXTURE_CONCEPTS).problems}


def focus_nodes(shape, graph: rdflib.Graph) -> set:
    nodes = set()
    for cls in SHAPES.objects(shape, SH.targetClass):
        nodes |= set(graph.subjects(RDF.type, cls))
    for prop in SHAPES.objects(shape, SH.targetObjectsOf):
        nodes |= set(graph.objects(None, prop))
    for prop in SHAPES.objects(shape, SH.targetSubjectsOf):
        nodes |= set(graph.subjects(prop, None))
    for node in SHAPES.objects(shape, SH.targetNode):
        nodes.add(node)
    return nodes


def test_there_are_shapes_for_every_class_of_the_data_model():
    assert len(NODE_SHAPES) == 11
    targeted = {show(c) for c in SHAPES.objects(None, SH.targetClass)}
    assert targeted == {
        "lg:Jurisdiction", "lg:Instrument", "lg:Article", "lg:Requirement", "lg:Constraint", "lg:Act",
        "lg:Provision", "lg:Evidence", "lg:ReviewCoverage", "lg:Participation", "lg:Reservation",
    }


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=SHAPE_IDS)
def test_shape_has_a_focus_node_in_the_valid_fixture(shape, valid_graph):
    assert focus_nodes(shape, valid_graph), f"{show(shape)} has no focus node in {VALID_KB}"


@pytest.mark.parametrize("shape", NODE_SHAPES, ids=SHAPE_IDS)
def test_shape_fails_on_at_least_one_invalid_fixture(shape, failing_checks):
    assert show(shape) in failing_checks


def test_shapes_are_core_shacl():
    # sh:sparql costs ~17 ms per focus node in pySHACL; cross-checks belong in validate.py.
    assert not set(SHAPES.subjects(SH.sparql, None))
    assert not set(SHAPES.subjects(SH.select, None))


def test_every_constrained_property_is_declared_in_the_ontology():
    # A typo in a shape's sh:path (lg:inforceFrom) would silently constrain nothing.
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "lexgap.ttl", format="turtle")
    declared = set(ontology.subjects(RDF.type, OWL.DatatypeProperty)) | set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    standard = {RDFS.label, rdflib.DCTERMS.title}
    paths = set(SHAPES.objects(None, SH.path))
    assert all(isinstance(p, rdflib.URIRef) for p in paths)
    assert sorted(show(p) for p in paths - declared - standard) == []
