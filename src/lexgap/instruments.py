"""Read the international instruments out of the knowledge base: what is encoded, and the crosswalk.

The crosswalk (which articles of different instruments require the same concept) is the query in
``analysis/report-crosswalk.rq``, run with ``?concept`` bound; nothing about any instrument is written
here. Asked for a concept group (``csam-offences``), :func:`crosswalk` also lists the requirements of the
group's narrower concepts, because a provision implementing a narrower concept implements its group: it
runs the same file once per concept of the group, the group first in IRI order with the others.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import rdflib
from rdflib import Literal, URIRef

from .cli.common import UserError
from .load import ANALYSIS_DIR
from .vocab import LG, LGC, SKOS

CROSSWALK_QUERY = ANALYSIS_DIR / "report-crosswalk.rq"
CONCEPT_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# One row per instrument with its counts; COUNT(DISTINCT …) because the OPTIONALs multiply rows.
_INSTRUMENTS = """
SELECT ?instrument ?id (SAMPLE(?t) AS ?title) (SAMPLE(?s) AS ?short) (SAMPLE(?k) AS ?type)
       (COUNT(DISTINCT ?art) AS ?articles) (COUNT(DISTINCT ?textArt) AS ?texts)
       (COUNT(DISTINCT ?req) AS ?requirements) (COUNT(DISTINCT ?draftReq) AS ?drafts)
WHERE {
  ?instrument a lg:Instrument ; lg:identifier ?id .
  OPTIONAL { ?instrument dcterms:title ?t FILTER(langMatches(lang(?t), "en")) }
  OPTIONAL { ?instrument lg:shortTitle ?s }
  OPTIONAL { ?instrument lg:instrumentType ?k }
  OPTIONAL {
    ?art a lg:Article ; lg:instrument ?instrument .
    OPTIONAL { ?art lg:text ?anyText BIND(?art AS ?textArt) }
    OPTIONAL {
      ?req a lg:Requirement ; lg:article ?art .
      OPTIONAL { ?req lg:reviewStatus "draft" BIND(?req AS ?draftReq) }
    }
  }
}
GROUP BY ?instrument ?id
ORDER BY ?id
"""


def list_instruments(graph: rdflib.Graph) -> list[dict[str, Any]]:
    """Every instrument: id, title, short title, type and counts of articles, texts and requirements."""
    rows = []
    for r in graph.query(_INSTRUMENTS):
        rows.append(
            {
                "id": str(r.id),
                "title": _text(r.title),
                "short_title": _text(r.short),
                "type": _text(r.type),
                "articles": int(r.articles),
                "articles_with_text": int(r.texts),
                "requirements": int(r.requirements),
                "draft_requirements": int(r.drafts),
            }
        )
    return rows


def concept_iri(concept: str) -> URIRef:
    """The IRI of a concept given by id (``csam-possession``); bad ids are a :class:`UserError`."""
    value = concept.strip()
    if value.startswith(str(LGC)):
        value = value[len(str(LGC)) :]
    elif value.startswith("lgc:"):
        value = value[4:]
    if not CONCEPT_ID.match(value):
        raise UserError(f"--concept {concept!r}: not a concept id (lower-case words joined by hyphens, e.g. csam-possession)")
    return LGC[value]


def crosswalk(graph: rdflib.Graph, concept: str | URIRef | None = None) -> list[dict[str, Any]]:
    """Rows (concept, instrument, article, ref, requirement, mandatory, reservable, …) of the crosswalk.

    ``concept`` is a concept id or IRI; a group also brings its narrower concepts (see module doc).
    ``None`` lists every requirement. Rows are in the query's order: concept, instrument, article, id.
    """
    query = CROSSWALK_QUERY.read_text(encoding="utf-8")
    if concept is None:
        results = [graph.query(query)]
    else:
        iri = concept if isinstance(concept, URIRef) else concept_iri(concept)
        if (iri, None, None) not in graph:
            raise UserError(f"--concept {_short(iri)!r}: unknown concept (list them with `lexgap concepts`)")
        results = [graph.query(query, initBindings={"concept": c}) for c in sorted(_with_narrower(graph, iri))]
    rows = []
    for result in results:
        for r in result:
            rows.append(
                {
                    "concept": _short(r.concept),
                    "instrument": str(r.instrument),
                    "article": str(r.article),
                    "ref": str(r.ref),
                    "requirement": str(r.requirement),
                    "mandatory": bool(r.mandatory.toPython()),
                    "reservable": bool(r.reservable.toPython()),
                    "reservable_under": _text(r.reservableUnder),
                    "review_status": str(r.reviewStatus),
                    "article_title": _text(r.articleTitle),
                    "constraints": constraint_summaries(graph, r.req),
                }
            )
    return rows


def constraint_summaries(graph: rdflib.Graph, requirement: URIRef | None) -> list[str]:
    """Each constraint of a requirement as one readable line, sorted: ``childAgeThreshold ge 18 (…)``."""
    if requirement is None:
        return []
    out = []
    for c in graph.objects(requirement, LG.constraint):
        element = _local(graph.value(c, LG.element))
        operator = _text(graph.value(c, LG.operator))
        value = graph.value(c, LG.value)
        target = _local(graph.value(c, LG.valueNode)) if value is None else _value(value)
        extras = []
        minimum = graph.value(c, LG.permittedMinimum)
        if minimum is not None:
            extras.append(f"permitted minimum {_value(minimum)}")
        if graph.value(c, LG.modality) == LG.optional:
            extras.append("optional")
        for clause in sorted(str(x) for x in graph.objects(c, LG.reservableUnder)):
            extras.append(f"reservable under {clause}")
        line = f"{element} {operator} {target}"
        out.append(f"{line} ({'; '.join(extras)})" if extras else line)
    return sorted(out)


def _with_narrower(graph: rdflib.Graph, concept: URIRef) -> set[URIRef]:
    """The concept and every concept below it (skos:narrower, or skos:broader read the other way)."""
    seen = {concept}
    todo = [concept]
    while todo:
        current = todo.pop()
        below = set(graph.objects(current, SKOS.narrower)) | set(graph.subjects(SKOS.broader, current))
        for c in below:
            if isinstance(c, URIRef) and c not in seen:
                seen.add(c)
                todo.append(c)
    return seen


def _short(iri) -> str:
    text = str(iri)
    return text[len(str(LGC)) :] if text.startswith(str(LGC)) else text


def _local(iri) -> str:
    if iri is None:
        return "?"
    text = str(iri)
    return re.split(r"[#/]", text)[-1]


def _value(value) -> str:
    python = value.toPython() if isinstance(value, Literal) else value
    if isinstance(python, bool):
        return "true" if python else "false"
    if isinstance(python, Decimal):
        return format(python.normalize(), "f")
    return str(python)


def _text(value) -> str | None:
    return None if value is None else str(value)
