"""Read what the gap engine needs from a store, once, as typed records.

Each record type is filled by one flat ``analysis/extract-*.rq`` query, run unchanged on the embedded store
or on a remote endpoint (:mod:`lexgap.store`); nothing here knows any law. :func:`read_kb` returns a
:class:`KnowledgeBase`; :mod:`lexgap.gaps` applies the status logic to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Mapping, Sequence

from rdflib import URIRef

from .store import Store
from .vocab import LG, SKOS, XSD

MANDATORY = LG.mandatory
OPTIONAL = LG.optional


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    iri: URIRef
    code: str  # ISO 3166-1 alpha-3 where given, else the IRI's last segment
    label: str


@dataclass(frozen=True, slots=True)
class Instrument:
    iri: URIRef
    identifier: str
    title: str


@dataclass(frozen=True, slots=True)
class Constraint:
    iri: URIRef
    slug: str  # the constraint's own name: the last segment of its IRI ("age", "penalty")
    element: URIRef | None
    operator: str | None
    value: Any
    value_node: URIRef | None
    permitted_minimum: Any
    optional: bool
    reservable_under: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Requirement:
    iri: URIRef
    identifier: str
    instrument: URIRef
    article: URIRef
    article_number: str
    article_sort: tuple
    ref: str
    concept: URIRef | None
    optional: bool
    reservable_under: str | None
    review_status: str | None
    constraints: tuple[Constraint, ...]

    @property
    def reservable(self) -> bool:
        return self.reservable_under is not None or any(c.reservable_under for c in self.constraints)


@dataclass(slots=True)
class Provision:
    iri: URIRef
    identifier: str
    jurisdiction: URIRef
    citation: str
    act: URIRef | None = None
    in_force_from: date | None = None
    in_force_until: date | None = None
    suspended_from: date | None = None
    suspended_until: date | None = None
    review_status: str | None = None
    source_partial: bool = False
    text_version: str | None = None
    implements: set[URIRef] = field(default_factory=set)
    definitions: list[URIRef] = field(default_factory=list)
    supersedes: list[URIRef] = field(default_factory=list)
    superseded_by: list[URIRef] = field(default_factory=list)
    cautions: list[str] = field(default_factory=list)
    values: dict[URIRef, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reservation:
    iri: URIRef
    jurisdiction: URIRef
    instrument: URIRef
    kind: str
    invokes: str | None
    lifts: tuple[URIRef, ...]
    made_on: date | None
    withdrawn_on: date | None

    def effective(self, as_of: date) -> bool:
        """Made on or before ``as_of`` (or undated) and not withdrawn by then."""
        if self.made_on is not None and self.made_on > as_of:
            return False
        return self.withdrawn_on is None or self.withdrawn_on > as_of


@dataclass
class KnowledgeBase:
    jurisdictions: dict[URIRef, Jurisdiction]
    instruments: dict[URIRef, Instrument]
    requirements: list[Requirement]
    provisions: dict[URIRef, Provision]
    narrower: dict[URIRef, set[URIRef]]  # direct skos:narrower edges
    labels: dict[URIRef, str]
    element_ranges: dict[URIRef, URIRef | None]
    coverage: dict[URIRef, dict[URIRef, date | None]]  # jurisdiction -> reviewed concept -> reviewed on
    reservations: dict[URIRef, list[Reservation]]  # by jurisdiction
    _closure: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)

    def closure(self, concept: URIRef) -> frozenset[URIRef]:
        """The concept and every concept narrower than it, transitively (cycle-safe)."""
        found = self._closure.get(concept)
        if found is None:
            seen = {concept}
            stack = [concept]
            while stack:
                for child in self.narrower.get(stack.pop(), ()):
                    if child not in seen:
                        seen.add(child)
                        stack.append(child)
            found = self._closure[concept] = frozenset(seen)
        return found

    def label(self, node: URIRef | None) -> str:
        if node is None:
            return ""
        return self.labels.get(node) or local_name(node)

    def is_boolean(self, element: URIRef | None) -> bool:
        return element is not None and self.element_ranges.get(element) == XSD.boolean

    def provisions_of(self, jurisdiction: URIRef) -> list[Provision]:
        return [p for p in self.provisions.values() if p.jurisdiction == jurisdiction]


def local_name(iri: str) -> str:
    """The last segment of an IRI (after the last ``/`` or ``#``)."""
    text = str(iri).rstrip("/")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if ("#" in text or "/" in text) else text


def natural_key(text: str) -> tuple:
    """Sort "9(1)(e)" after "9(1)(d)" and "10" after "9": digits compare as numbers."""
    import re

    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", text))


def _order(value: Any) -> tuple:
    """A total order on result values of any type (stable across stores and row orders)."""
    return (type(value).__name__, str(value))


def _first(rows: Iterable[Mapping[str, Any]], key: str) -> Any:
    """The one value of a single-valued property; if the data repeats it, the smallest (so the choice
    does not depend on the order a store returns rows in)."""
    values = [row[key] for row in rows if row.get(key) is not None]
    if not values:
        return None
    return values[0] if len(values) == 1 else min(values, key=_order)


def _order_row(row: tuple) -> tuple:
    return tuple(_order(v) if v is not None else ("", "") for v in row)


def _group(rows: Sequence[Mapping[str, Any]], key: str) -> dict[Any, list[Mapping[str, Any]]]:
    grouped: dict[Any, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row[key]].append(row)
    return grouped


def _params(jurisdictions: Sequence[URIRef] | None, instruments: Sequence[URIRef] | None) -> tuple[dict, dict]:
    by_jurisdiction = {"jurisdiction": list(jurisdictions)} if jurisdictions is not None else {}
    by_instrument = {"instrument": list(instruments)} if instruments is not None else {}
    return by_jurisdiction, by_instrument


def read_kb(
    store: Store,
    jurisdictions: Sequence[URIRef] | None = None,
    instruments: Sequence[URIRef] | None = None,
) -> KnowledgeBase:
    """Run the extract-* queries once and build the records (optionally for some jurisdictions/instruments)."""
    by_j, by_i = _params(jurisdictions, instruments)

    juris: dict[URIRef, Jurisdiction] = {}
    for iri, rows in _group(store.select("extract-jurisdictions", by_j).dicts(), "jurisdiction").items():
        code = _first(rows, "iso3") or local_name(iri)
        juris[iri] = Jurisdiction(iri, str(code), str(_first(rows, "label") or code))

    instr: dict[URIRef, Instrument] = {}
    for iri, rows in _group(store.select("extract-instruments", by_i).dicts(), "instrument").items():
        ident = str(_first(rows, "identifier") or local_name(iri))
        instr[iri] = Instrument(iri, ident, str(_first(rows, "shortTitle") or _first(rows, "title") or ident))

    constraints: dict[URIRef, list[Constraint]] = defaultdict(list)
    for iri, rows in _group(store.select("extract-constraints", by_i).dicts(), "constraint").items():
        modality = _first(rows, "modality")
        constraint = Constraint(
            iri=iri,
            slug=local_name(iri),
            element=_first(rows, "element"),
            operator=_first(rows, "operator"),
            value=_first(rows, "value"),
            value_node=_first(rows, "valueNode"),
            permitted_minimum=_first(rows, "permittedMinimum"),
            optional=modality == OPTIONAL,
            reservable_under=_first(rows, "reservableUnder"),
            note=_first(rows, "note"),
        )
        for requirement in sorted({r["requirement"] for r in rows}):
            constraints[requirement].append(constraint)

    requirements = []
    for iri, rows in _group(store.select("extract-requirements", by_i).dicts(), "requirement").items():
        number = str(_first(rows, "number") or local_name(_first(rows, "article")))
        sort_key = _first(rows, "sortKey")
        requirements.append(
            Requirement(
                iri=iri,
                identifier=str(_first(rows, "identifier") or local_name(iri)),
                instrument=_first(rows, "instrument"),
                article=_first(rows, "article"),
                article_number=number,
                article_sort=(
                    (0, int(sort_key), natural_key(number)) if isinstance(sort_key, int) else (1, 0, natural_key(number))
                ),
                ref=str(_first(rows, "ref") or local_name(iri)),
                concept=_first(rows, "concept"),
                optional=_first(rows, "modality") == OPTIONAL,
                reservable_under=_first(rows, "reservableUnder"),
                review_status=_first(rows, "reviewStatus"),
                constraints=tuple(sorted(constraints.get(iri, ()), key=lambda c: str(c.iri))),
            )
        )

    provisions: dict[URIRef, Provision] = {}
    rows_by_provision: dict[str, tuple] = {}
    for row in store.rows("extract-provisions", by_j):
        key = str(row[0])
        known = rows_by_provision.get(key)
        # A repeated single-valued property gives several rows: keep the smallest, whatever the row order.
        if known is None or _order_row(row) < _order_row(known):
            rows_by_provision[key] = row
    for key in sorted(rows_by_provision):
        row = rows_by_provision[key]
        iri = row[0]
        provisions[iri] = Provision(
            iri=iri,
            identifier=str(row[1] or local_name(iri)),
            jurisdiction=row[2],
            citation=str(row[3] or row[1] or local_name(iri)),
            act=row[4],
            review_status=row[5],
            source_partial=row[6] is True,
            text_version=row[7],
        )

    # Dispatch on the property as a plain string: rdflib compares URIRefs in Python, slowly.
    kinds = {str(LG.implements): 1, str(LG.usesDefinition): 2, str(LG.supersedes): 3, str(LG.caution): 4}
    dates = {str(LG[name]): name for name in ("inForceFrom", "inForceUntil", "suspendedFrom", "suspendedUntil")}
    attribute = {"inForceFrom": "in_force_from", "inForceUntil": "in_force_until",
                 "suspendedFrom": "suspended_from", "suspendedUntil": "suspended_until"}
    by_key = {str(k): v for k, v in provisions.items()}
    for iri, prop, value in store.rows("extract-provision-values", by_j):
        provision = by_key.get(str(iri))
        if provision is None:
            continue
        key = str(prop)
        kind = kinds.get(key, 0)
        if not kind and key in dates:
            day = _date(value)
            name = attribute[dates[key]]
            known = getattr(provision, name)
            # One date each; if the data repeats one, the earliest (whatever the row order).
            if day is not None and (known is None or day < known):
                setattr(provision, name, day)
            continue
        if kind == 1:
            provision.implements.add(value)
        elif kind == 2:
            provision.definitions.append(value)
        elif kind == 3:
            provision.supersedes.append(value)
        elif kind == 4:
            provision.cautions.append(str(value))
        else:
            provision.values.setdefault(prop, []).append(value)
    # Rows come in no particular order: sort what the logic or the reasons list.
    for provision in provisions.values():
        provision.definitions.sort(key=str)
        provision.supersedes.sort(key=str)
        provision.cautions.sort()
        for vals in provision.values.values():
            if len(vals) > 1:
                vals.sort(key=_order)
    # Link versions both ways (each older version learns which newer ones replace it).
    for provision in provisions.values():
        for older in provision.supersedes:
            target = by_key.get(str(older))
            if target is not None and provision.iri not in target.superseded_by:
                target.superseded_by.append(provision.iri)
                target.superseded_by.sort(key=str)

    narrower: dict[URIRef, set[URIRef]] = defaultdict(set)
    for broader, child in store.select("extract-concept-edges").rows:
        narrower[broader].add(child)

    labels: dict[URIRef, str] = {}
    ranked: dict[URIRef, tuple] = {}
    for node, prop, label, lang in store.select("extract-labels").rows:
        # Prefer skos:prefLabel to rdfs:label, English to untagged, then the smallest text (stable).
        rank = (0 if prop == SKOS.prefLabel else 1, 0 if lang else 1, str(label))
        if node not in ranked or rank < ranked[node]:
            ranked[node] = rank
            labels[node] = str(label)
    for j in juris.values():
        labels[j.iri] = j.label

    element_ranges: dict[URIRef, URIRef | None] = {}
    for element, rng in store.select("extract-elements").rows:
        known = element_ranges.get(element)
        if known is None or (rng is not None and str(rng) < str(known)):
            element_ranges[element] = rng

    coverage: dict[URIRef, dict[URIRef, date | None]] = defaultdict(dict)
    for _cov, jurisdiction, concept, reviewed_on in store.select("extract-coverage", by_j).rows:
        known = coverage[jurisdiction].get(concept)
        reviewed = _date(reviewed_on)
        if concept not in coverage[jurisdiction] or (reviewed and (known is None or reviewed > known)):
            coverage[jurisdiction][concept] = reviewed

    reservations: dict[URIRef, list[Reservation]] = defaultdict(list)
    for iri, rows in _group(store.select("extract-reservations", {**by_j, **by_i}).dicts(), "reservation").items():
        reservations[_first(rows, "jurisdiction")].append(
            Reservation(
                iri=iri,
                jurisdiction=_first(rows, "jurisdiction"),
                instrument=_first(rows, "instrument"),
                kind=str(_first(rows, "kind") or "reservation"),
                invokes=_first(rows, "invokes"),
                lifts=tuple(sorted({r["lifts"] for r in rows if r.get("lifts") is not None})),
                made_on=_date(_first(rows, "madeOn")),
                withdrawn_on=_date(_first(rows, "withdrawnOn")),
            )
        )

    for listed in reservations.values():
        listed.sort(key=lambda r: str(r.iri))
    requirements.sort(key=lambda r: str(r.iri))
    juris = {iri: juris[iri] for iri in sorted(juris, key=str)}
    instr = {iri: instr[iri] for iri in sorted(instr, key=str)}

    return KnowledgeBase(
        jurisdictions=juris,
        instruments=instr,
        requirements=requirements,
        provisions=provisions,
        narrower=dict(narrower),
        labels=labels,
        element_ranges=element_ranges,
        coverage=dict(coverage),
        reservations=dict(reservations),
    )


def _date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


__all__ = [
    "Constraint",
    "Instrument",
    "Jurisdiction",
    "KnowledgeBase",
    "Provision",
    "Requirement",
    "Reservation",
    "local_name",
    "natural_key",
    "read_kb",
    "MANDATORY",
    "OPTIONAL",
]
