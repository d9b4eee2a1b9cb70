"""Phrases the pipeline recognises, read from the ontology's SKOS labels (the one source of phrases).

Two vocabularies, both SKOS, both with labels in every drafting language:
- ``ontology/concepts.ttl``: the offence and measure concepts; a concept's own labels are matched as
  phrases ("illegal access", "Versuch", "pédopornographie").
- ``ontology/terms.ttl``: the words statutes use for conducts ("possess", "verbreiten"), objects
  ("child pornography", "système de traitement automatisé de données") and mental elements
  ("knowingly", "frauduleusement"); a concept's ``lg:cue`` says which conduct and object together signal
  it (possessing + abuse material → ``lgc:csam-possession``).
- ``ontology/labels/<lang>.ttl``: further ``skos:altLabel``s of those concepts and terms in one
  language, the wording that language's statutes use; only labels, only in the file's language, only on
  subjects the two files above define (tests/test_ingest.py checks).

Patterns are built here at pipeline construction, from the labels, and nowhere else: improving recall
means adding a ``skos:altLabel`` to the ontology, never a phrase to Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from rdflib import Namespace, URIRef

from ..load import ONTOLOGY_DIR, LoadError, new_graph, parse_file
from ..vocab import LG, LGC, RDF, SKOS

#: Namespace of the encoding assistant's terms (ontology/terms.ttl).
LGT = Namespace("https://w3id.org/lexgap/term/")

#: Groups of the concept scheme the proposer treats apart: definitions describe terms, and ancillary
#: liability (attempt, sanctions…) attaches to offences named elsewhere.
DEFINITIONS_GROUP = str(LGC["definitions"])
ANCILLARY_GROUP = str(LGC["ancillary-liability"])

CONCEPT_FILE = "concepts.ttl"
TERMS_FILE = "terms.ttl"
#: Folder of further labels, one file per language (``labels/el.ttl``): the words that language's
#: statutes use for the concepts and terms above, kept apart so each language can be reviewed alone.
LABELS_DIR = "labels"

#: Span labels: what kind of thing a matched phrase names (the top concept of its term scheme).
KINDS = {
    LGT.conduct: "conduct",
    LGT.object: "object",
    LGT["mental-element"]: "mental",
    LGT.circumstance: "circumstance",
}


@dataclass(frozen=True)
class Cue:
    """A conduct and an object that, found in one provision, signal ``concept``.

    Either may be absent (``None``): a cue with only an object fires on the object alone (used for
    concepts named by their object, e.g. a definition of "child"); a cue with only a conduct on the
    conduct alone.
    """

    concept: str
    conduct: str | None
    object: str | None
    defined: bool = False  # the object must be the term being defined ("'child' means ...")
    alone: bool = False  # fires only when no other concept is proposed for the provision
    alongside: str | None = None  # fires only when a concept of this group is proposed from other words


@dataclass(frozen=True)
class Signal:
    """A term whose presence states an element value (e.g. "dishonestly" → requiresDishonestIntent)."""

    term: str
    element: str
    value: str  # a literal lexical form ("true") or an IRI


@lru_cache(maxsize=8)
def _graph(ontology_dir: str):
    graph = new_graph()
    root = Path(ontology_dir)
    for name in (CONCEPT_FILE, TERMS_FILE):
        path = root / name
        if not path.exists():
            raise LoadError(path, "missing: the ingest vocabulary is read from the ontology")
        parse_file(graph, path)
    for path in label_files(root):
        parse_file(graph, path)
    return graph


def label_files(root: Path | str = ONTOLOGY_DIR) -> list[Path]:
    """The per-language label files (``ontology/labels/<lang>.ttl``), sorted."""
    folder = Path(root) / LABELS_DIR
    return sorted(p for p in folder.glob("*.ttl") if p.is_file()) if folder.is_dir() else []


def _labels(graph, lang: str) -> list[tuple[URIRef, str]]:
    out = []
    for pred in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for subject, label in graph.subject_objects(pred):
            if getattr(label, "language", None) == lang:
                out.append((subject, str(label)))
    return sorted(set(out))


def _kind(graph, subject: URIRef) -> str | None:
    if str(subject).startswith(str(LGC)):
        return "concept"
    for top in graph.transitive_objects(subject, SKOS.broader):
        if top in KINDS:
            return KINDS[top]
    return None


@spacy.registry.misc("lexgap.concept_patterns.v1")
def concept_patterns(lang: str, ontology_dir: str = str(ONTOLOGY_DIR)) -> list[dict]:
    """SpanRuler phrase patterns, one per SKOS label in ``lang``: label = kind, id = the concept IRI."""
    graph = _graph(str(ontology_dir))
    patterns = []
    for subject, text in _labels(graph, lang):
        kind = _kind(graph, subject)
        if kind is None or subject in KINDS:
            continue
        patterns.append({"label": kind, "pattern": text, "id": str(subject)})
    return patterns


@spacy.registry.misc("lexgap.concept_cues.v1")
def concept_cues(ontology_dir: str = str(ONTOLOGY_DIR)) -> list[Cue]:
    """Every ``lg:cue`` of every concept: which conduct and object together signal it."""
    graph = _graph(str(ontology_dir))
    cues = []
    for concept, node in graph.subject_objects(LG.cue):
        conduct = graph.value(node, LG.conductTerm)
        obj = graph.value(node, LG.objectTerm)
        defined = graph.value(node, LG.definedTerm)
        alone = bool(graph.value(node, LG.onlyAlone))
        alongside = graph.value(node, LG.alongside)
        cues.append(
            Cue(
                str(concept),
                str(conduct) if conduct else None,
                str(obj or defined) if (obj or defined) else None,
                defined is not None,
                alone,
                str(alongside) if alongside else None,
            )
        )
    return sorted(cues, key=lambda c: (c.concept, c.conduct or "", c.object or ""))


@spacy.registry.misc("lexgap.element_signals.v1")
def element_signals(ontology_dir: str = str(ONTOLOGY_DIR)) -> list[Signal]:
    """Terms that state an element value when found (``lgt:x lg:signals [ lg:element ; lg:value ]``)."""
    graph = _graph(str(ontology_dir))
    out = []
    for term, node in graph.subject_objects(LG.signals):
        element = graph.value(node, LG.element)
        value = graph.value(node, LG.value) or graph.value(node, LG.valueNode)
        if element is not None and value is not None:
            out.append(Signal(str(term), str(element), str(value)))
    return sorted(out, key=lambda s: (s.term, s.element))


def concept_hierarchy(ontology_dir: str = str(ONTOLOGY_DIR)) -> dict[str, str]:
    """Concept IRI → its group (skos:broader), for scoring at the most specific level."""
    graph = _graph(str(ontology_dir))
    out = {}
    for narrower, broader in graph.subject_objects(SKOS.broader):
        if str(narrower).startswith(str(LGC)):
            out[str(narrower)] = str(broader)
    for broader, narrower in graph.subject_objects(SKOS.narrower):
        if str(narrower).startswith(str(LGC)):
            out.setdefault(str(narrower), str(broader))
    return out


def concept_ids(ontology_dir: str = str(ONTOLOGY_DIR)) -> set[str]:
    graph = _graph(str(ontology_dir))
    return {str(s) for s in graph.subjects(RDF.type, SKOS.Concept) if str(s).startswith(str(LGC))}


@spacy.registry.misc("lexgap.concept_groups.v1")
def concept_groups(ontology_dir: str = str(ONTOLOGY_DIR)) -> dict[str, str]:
    """Concept IRI → the top concept of its group (a group maps to itself)."""
    broader = concept_hierarchy(ontology_dir)
    out = {}
    for concept in concept_ids(ontology_dir):
        top, seen = concept, set()
        while top in broader and top not in seen:
            seen.add(top)
            top = broader[top]
        out[concept] = top
    return out
