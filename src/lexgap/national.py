"""Read national law out of the knowledge base: jurisdictions, their review coverage and provisions.

Everything legal (citations, excerpts, element values) comes from the graph; this module only shapes it
into plain records for the CLI, the site and the gap analysis. Which properties count as elements is
read from the ontology (``?p a lg:Element``), so a new element needs no change here.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import rdflib
from rdflib import Literal, URIRef

from .cli.common import UserError
from .vocab import LG, LGJ

ISO3_PATTERN = re.compile(r"^[A-Za-z]{3}$")

_JURISDICTIONS = """
SELECT ?j ?code ?name ?region ?family ?language WHERE {
  ?j a lg:Jurisdiction ; lg:iso3 ?code .
  OPTIONAL { ?j rdfs:label ?name FILTER(langMatches(lang(?name), "en") || lang(?name) = "") }
  OPTIONAL { ?j lg:region ?region }
  OPTIONAL { ?j lg:legalFamily ?family }
  OPTIONAL { ?j lg:officialLanguage ?language }
}
ORDER BY ?code
"""

_PROVISION_COUNTS = """
SELECT ?j (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?p a lg:Provision ; lg:jurisdiction ?j .
}
GROUP BY ?j
"""

_COVERAGE = """
SELECT ?j ?concept ?on WHERE {
  ?c a lg:ReviewCoverage ; lg:jurisdiction ?j ; lg:reviewedConcept ?concept .
  OPTIONAL { ?c lg:reviewedOn ?on }
}
ORDER BY ?concept
"""

# Every triple about every provision of one jurisdiction; ?jur is bound by the caller.
_PROVISION_TRIPLES = """
SELECT ?jur ?prov ?p ?o WHERE {
  ?prov a lg:Provision ; lg:jurisdiction ?jur ; ?p ?o .
}
"""

# The evidence nodes of those provisions.
_EVIDENCE = """
SELECT ?jur ?prov ?element ?quote WHERE {
  ?prov a lg:Provision ; lg:jurisdiction ?jur ; lg:evidence ?ev .
  ?ev lg:element ?element ; lg:quote ?quote .
}
ORDER BY ?prov ?element ?quote
"""

_ELEMENTS = """
SELECT ?p WHERE { ?p a lg:Element }
"""

# Definitions reached (transitively) from a provision, with their element values.
_DEFINITION_VALUES = """
SELECT ?jur ?prov ?definition ?p ?o WHERE {
  ?prov a lg:Provision ; lg:jurisdiction ?jur ; lg:usesDefinition+ ?definition .
  ?definition ?p ?o .
  ?p a lg:Element .
}
"""

_ACT_TITLES = """
SELECT ?act ?identifier ?short WHERE {
  ?act a lg:Act .
  OPTIONAL { ?act lg:identifier ?identifier }
  OPTIONAL { ?act lg:shortTitle ?short }
}
"""


def local_name(iri: URIRef | str) -> str:
    """The last segment of an IRI (after ``#`` or the last ``/``): ``lgc:csam-possession`` → ``csam-possession``."""
    text = str(iri)
    return re.split(r"[#/]", text)[-1]


def natural_key(text: str) -> list[Any]:
    """Sort ``184b-10`` after ``184b-9``: digit runs compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", text)]


def to_python(node: rdflib.term.Node) -> Any:
    """A JSON-ready value: literals as int/float/bool/str, IRIs as their local name."""
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, (bool, int, float)):
            return value
        return str(value)
    return local_name(node)


def jurisdiction_iri(graph: rdflib.Graph, code: str) -> URIRef:
    """Validate an ISO 3166-1 alpha-3 code and return its jurisdiction IRI; unknown codes are a UserError."""
    text = (code or "").strip()
    if not ISO3_PATTERN.match(text):
        raise UserError(f"'{code}' is not an ISO 3166-1 alpha-3 code (three letters, e.g. DEU)")
    known = {row["code"] for row in _jurisdiction_rows(graph)}
    upper = text.upper()
    if upper not in known:
        listed = ", ".join(sorted(known)) or "none"
        raise UserError(f"unknown jurisdiction '{upper}': not in the knowledge base (known: {listed})")
    return LGJ[upper]


def _jurisdiction_rows(graph: rdflib.Graph) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for r in graph.query(_JURISDICTIONS):
        code = str(r.code)
        row = rows.setdefault(
            code,
            {
                "code": code,
                "iri": str(r.j),
                "name": str(r.name) if r.name is not None else None,
                "region": str(r.region) if r.region is not None else None,
                "legal_family": str(r.family) if r.family is not None else None,
                "official_language": str(r.language) if r.language is not None else None,
            },
        )
        # An English label wins over an untagged one when both exist.
        if r.name is not None and getattr(r.name, "language", None) == "en":
            row["name"] = str(r.name)
    return list(rows.values())


def list_jurisdictions(graph: rdflib.Graph) -> list[dict[str, Any]]:
    """One record per jurisdiction: code, name, provisions (count), reviewed_areas (concept ids), and more."""
    counts = {str(r.j): int(r.n.toPython()) for r in graph.query(_PROVISION_COUNTS)}
    areas: dict[str, set[str]] = {}
    reviewed_on: dict[str, str] = {}
    for r in graph.query(_COVERAGE):
        areas.setdefault(str(r.j), set()).add(local_name(r.concept))
        if r.on is not None:
            reviewed_on[str(r.j)] = max(reviewed_on.get(str(r.j), ""), str(r.on))
    out = []
    for row in _jurisdiction_rows(graph):
        iri = row["iri"]
        out.append(
            {
                "code": row["code"],
                "name": row["name"],
                "provisions": counts.get(iri, 0),
                "reviewed_areas": sorted(areas.get(iri, set())),
                "region": row["region"],
                "legal_family": row["legal_family"],
                "official_language": row["official_language"],
                "reviewed_on": reviewed_on.get(iri),
            }
        )
    return out


def _element_properties(graph: rdflib.Graph) -> set[URIRef]:
    return {URIRef(r.p) for r in graph.query(_ELEMENTS)}


def _element_map(values: dict[URIRef, list[rdflib.term.Node]]) -> dict[str, Any]:
    """Element values keyed by the property's local name; IRI-valued or repeated elements become lists."""
    out: dict[str, Any] = {}
    for prop in sorted(values, key=str):
        nodes = values[prop]
        converted = [to_python(n) for n in nodes]
        if any(isinstance(n, URIRef) for n in nodes) or len(converted) > 1:
            out[local_name(prop)] = sorted(set(converted), key=str)
        else:
            out[local_name(prop)] = converted[0]
    return out


def provisions(graph: rdflib.Graph, iso3: str) -> list[dict[str, Any]]:
    """The provisions of one jurisdiction, as records (see the CLI contract in ``lexgap show``)."""
    jur = jurisdiction_iri(graph, iso3)
    bindings = {"jur": jur}
    elements = _element_properties(graph)
    acts = {str(r.act): (r.short, r.identifier) for r in graph.query(_ACT_TITLES)}

    triples: dict[URIRef, dict[URIRef, list[rdflib.term.Node]]] = {}
    for r in graph.query(_PROVISION_TRIPLES, initBindings=bindings):
        triples.setdefault(URIRef(r.prov), {}).setdefault(URIRef(r.p), []).append(r.o)

    evidence: dict[URIRef, list[dict[str, str]]] = {}
    for r in graph.query(_EVIDENCE, initBindings=bindings):
        evidence.setdefault(URIRef(r.prov), []).append({"element": local_name(r.element), "quote": str(r.quote)})

    # Inherited values, remembering which definitions gave each element.
    inherited: dict[URIRef, dict[URIRef, dict[URIRef, list[rdflib.term.Node]]]] = {}
    for r in graph.query(_DEFINITION_VALUES, initBindings=bindings):
        by_prop = inherited.setdefault(URIRef(r.prov), {}).setdefault(URIRef(r.p), {})
        by_prop.setdefault(URIRef(r.definition), []).append(r.o)

    identifiers = {prov: _first(props.get(LG.identifier)) for prov, props in triples.items()}

    def ident(node: rdflib.term.Node) -> str:
        # A linked provision outside this jurisdiction has no record here: fall back to its IRI tail.
        found = identifiers.get(URIRef(node)) if isinstance(node, URIRef) else None
        if found is None:
            found = graph.value(URIRef(node), LG.identifier)
        return str(found) if found is not None else str(node)

    records = []
    for prov, props in triples.items():
        own = {p: v for p, v in props.items() if p in elements}
        direct_defs = props.get(LG.usesDefinition, [])
        inh_values: dict[URIRef, list[rdflib.term.Node]] = {}
        inh_from: dict[str, list[str]] = {}
        for p, by_def in inherited.get(prov, {}).items():
            if p in own:  # the provision's own value overrides (e.g. narrows) its definitions'
                continue
            if any(isinstance(v, URIRef) for vals in by_def.values() for v in vals):
                # Kinds of material add up: each definition the provision relies on extends its scope.
                chosen = sorted(by_def, key=str)
                inh_values[p] = sorted({v for d in chosen for v in by_def[d]}, key=str)
            else:
                # One value: a definition the provision names directly wins over one reached through
                # another (SPARQL path results carry no depth); remaining ties go by IRI order.
                chosen = sorted(by_def, key=lambda d: (d not in direct_defs, str(d)))[:1]
                inh_values[p] = by_def[chosen[0]]
            inh_from[local_name(p)] = [ident(d) for d in chosen]
        act = _first(props.get(LG.act))
        act_short, act_id = acts.get(str(act), (None, None)) if act is not None else (None, None)
        records.append(
            {
                "id": _str(_first(props.get(LG.identifier))),
                "iri": str(prov),
                "citation": _str(_first(props.get(LG.citation))),
                "act": _str(act_id) or (local_name(act) if act is not None else None),
                "act_short_title": _str(act_short),
                "concepts": sorted(local_name(c) for c in props.get(LG.implements, [])),
                "elements": _element_map(own),
                "inherited_elements": _element_map(inh_values),
                "inherited_from": dict(sorted(inh_from.items())),  # element -> definition ids
                "evidence": evidence.get(prov, []),
                "excerpt": _str(_first(props.get(LG.excerpt))),
                "language": _str(_first(props.get(LG.language))),
                "source_url": _str(_first(props.get(LG.sourceUrl))),
                "source_file": _str(_first(props.get(LG.sourceFile))),
                "source_type": _str(_first(props.get(LG.sourceType))),
                "partial": _bool(_first(props.get(LG.sourcePartial))),
                "text_version": _str(_first(props.get(LG.textVersion))),
                "cautions": sorted(str(c) for c in props.get(LG.caution, [])),
                "notes": sorted(str(c) for c in props.get(LG.note, [])),
                "in_force": _str(_first(props.get(LG.inForceFrom))),
                "in_force_until": _str(_first(props.get(LG.inForceUntil))),
                "in_force_note": _str(_first(props.get(LG.inForceNote))),
                "supersedes": sorted(ident(n) for n in props.get(LG.supersedes, [])),
                "part_of": sorted(ident(n) for n in props.get(LG.partOf, [])),
                "uses_definitions": sorted(ident(n) for n in direct_defs),
                "review_status": _str(_first(props.get(LG.reviewStatus))),
            }
        )
    records.sort(key=lambda rec: natural_key(rec["id"] or rec["iri"]))
    return records


def effective_elements(record: dict[str, Any]) -> dict[str, Any]:
    """Own element values, with inherited ones filling the gaps (what a requirement is compared with)."""
    return {**record["inherited_elements"], **record["elements"]}


def _first(nodes: list[rdflib.term.Node] | None) -> rdflib.term.Node | None:
    # Sorted so that a provision with two values (a data error validation reports) still prints stably.
    return sorted(nodes, key=str)[0] if nodes else None


def _str(node: rdflib.term.Node | None) -> str | None:
    return None if node is None else str(node)


def _bool(node: rdflib.term.Node | None) -> bool | None:
    if node is None:
        return None
    value = node.toPython() if isinstance(node, Literal) else node
    return bool(value) if isinstance(value, bool) else str(value).lower() == "true"
