"""Provisions as the assistant's measurements see them: excerpt, concepts, and the values stated on words
of the excerpt itself.

Read from any graph of encodings — the knowledge base's hand encodings, a draft written by ``lexgap
ingest``, a reviewed fixture — by :mod:`lexgap.nlp.evaluate` and :mod:`lexgap.nlp.compare`. A value whose
evidence quote is not in the provision's own excerpt (it rests on a linked definition) is kept apart
(``age_elsewhere``, ``penalty_elsewhere``): the excerpt alone cannot show it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..vocab import LG

_PROVISIONS = """
SELECT ?p ?id ?lang ?excerpt ?file ?iso3 ?status ?by WHERE {
  ?p a lg:Provision ; lg:identifier ?id ; lg:excerpt ?excerpt ; lg:jurisdiction ?j .
  ?j lg:iso3 ?iso3 .
  OPTIONAL { ?p lg:language ?lang }
  OPTIONAL { ?p lg:sourceFile ?file }
  OPTIONAL { ?p lg:reviewStatus ?status }
  OPTIONAL { ?p lg:encodedBy ?by }
}
ORDER BY ?id
"""
_IMPLEMENTS = "SELECT ?p ?c WHERE { ?p a lg:Provision ; lg:implements ?c }"
_VALUES = """
SELECT ?p ?prop ?value WHERE {
  VALUES ?prop { lg:childAgeThreshold lg:maxPenaltyYears lg:maxPenaltyLife }
  ?p a lg:Provision ; ?prop ?value .
}
"""
_EVIDENCE = """
SELECT ?p ?element ?quote WHERE { ?p a lg:Provision ; lg:evidence ?e . ?e lg:element ?element ; lg:quote ?quote }
"""


@dataclass
class Record:
    iri: str
    identifier: str
    lang: str
    excerpt: str
    source_file: str | None
    iso3: str
    status: str | None = None  # lg:reviewStatus
    encoded_by: str | None = None
    concepts: set[str] = field(default_factory=set)
    age: int | None = None  # stated on words of this excerpt
    penalty: object = None  # years (float) or "life", stated on words of this excerpt
    age_elsewhere: bool = False  # stated, but on words of a linked definition
    penalty_elsewhere: bool = False


def norm(text: str) -> str:
    return " ".join(str(text).split())


def read_records(graph) -> list[Record]:
    """Every provision of ``graph`` with an identifier, an excerpt and a jurisdiction."""
    by_iri: dict[str, Record] = {}
    for row in graph.query(_PROVISIONS, initNs={"lg": LG}):
        iri = str(row.p)
        if iri not in by_iri:
            by_iri[iri] = Record(
                iri, str(row.id), str(row.lang) if row.lang else "", str(row.excerpt),
                str(row.file) if row.file else None, str(row.iso3),
                str(row.status) if row.status else None, str(row.by) if row.by else None,
            )
    for row in graph.query(_IMPLEMENTS, initNs={"lg": LG}):
        if str(row.p) in by_iri:
            by_iri[str(row.p)].concepts.add(str(row.c))
    quotes: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in graph.query(_EVIDENCE, initNs={"lg": LG}):
        quotes[(str(row.p), str(row.element).rsplit("#", 1)[-1])].append(norm(row.quote))
    for row in graph.query(_VALUES, initNs={"lg": LG}):
        r = by_iri.get(str(row.p))
        if r is None:
            continue
        prop = str(row.prop).rsplit("#", 1)[-1]
        here = any(q and q in norm(r.excerpt) for q in quotes[(r.iri, prop)])
        if prop == "childAgeThreshold":
            r.age, r.age_elsewhere = (int(row.value), False) if here else (None, True)
        elif prop == "maxPenaltyLife" and row.value.toPython() is True:
            r.penalty, r.penalty_elsewhere = ("life", False) if here else (None, True)
        elif prop == "maxPenaltyYears" and r.penalty != "life":
            r.penalty, r.penalty_elsewhere = (round(float(row.value), 2), False) if here else (None, True)
    return sorted(by_iri.values(), key=lambda r: r.identifier)


def most_specific(concepts: set[str], broader: dict[str, str]) -> set[str]:
    """Drop every concept that is the group of another one in the set: "implements csam-possession"
    already implies "implements csam-offences"."""
    groups = set()
    for c in concepts:
        b = broader.get(c)
        while b:
            groups.add(b)
            b = broader.get(b)
    return {c for c in concepts if c not in groups}
