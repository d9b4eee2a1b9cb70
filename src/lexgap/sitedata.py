"""Everything the site shows, read from the knowledge base once, as plain records.

The page renderers (:mod:`lexgap.pages`) are pure functions of these records; nothing here formats
anything. Statuses, in-force decisions and element values (own or inherited from a definition) come from
the gap engine (:mod:`lexgap.gaps`), so the site shows exactly what the gap analysis used; the texts and
facts around them come from a few flat queries below, each run once for the whole knowledge base. No law
is written here: every title, text and value is read from the data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

from rdflib import URIRef

from . import gaps
from .dataset import DataFile, dataset_version, node_files
from .gapdata import KnowledgeBase, Requirement, local_name, natural_key
from .store import Store, open_store
from .vocab import PREFIXES

_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))

# Each query lists every fact of one kind for the whole knowledge base, one row per value, with the
# literal's language so that English can be preferred. Rows are grouped in Python.
_FACTS = {
    "instrument": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Instrument ; ?p ?o .
  FILTER(?p IN (dcterms:title, lg:shortTitle, lg:instrumentType, lg:adoptedOn, lg:openedForSignature,
                lg:entryIntoForce, lg:sourceUrl, lg:identifier, lg:note))
}""",
    "article": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Article ; ?p ?o .
  FILTER(?p IN (lg:instrument, lg:number, lg:sortKey, dcterms:title, lg:text, lg:textStatus, lg:language,
                lg:sourceUrl, lg:sourceFile, dcterms:hasVersion, lg:note, lg:caution))
}""",
    "version": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?article a lg:Article ; dcterms:hasVersion ?node .
  ?node ?p ?o .
  FILTER(?p IN (lg:text, lg:textStatus, lg:language, lg:sourceUrl, lg:sourceFile))
}""",
    "requirement": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Requirement ; ?p ?o .
  FILTER(?p IN (lg:excerpt, lg:note))
}""",
    "jurisdiction": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Jurisdiction ; ?p ?o .
  FILTER(?p IN (rdfs:label, lg:region, lg:legalFamily, lg:officialLanguage))
}""",
    "coverage": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?c a lg:ReviewCoverage ; lg:jurisdiction ?node ; lg:note ?o .
  BIND(lg:note AS ?p)
}""",
    "act": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Act ; ?p ?o .
  FILTER(?p IN (lg:identifier, dcterms:title, lg:shortTitle))
}""",
    "provision": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Provision ; ?p ?o .
  FILTER(?p IN (lg:excerpt, lg:language, lg:sourceUrl, lg:sourceFile, lg:sourceType, lg:textVersion,
                lg:inForceNote, lg:partOf, lg:note))
}""",
    "participation": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Participation ; ?p ?o .
  FILTER(?p IN (lg:jurisdiction, lg:instrument, lg:signed, lg:ratified, lg:consentKind, lg:inForceForState,
                lg:sourceUrl, lg:statusNote, lg:note))
}""",
    "reservation": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a lg:Reservation ; ?p ?o .
  FILTER(?p IN (lg:jurisdiction, lg:instrument, lg:reservationKind, lg:invokes, lg:lifts, lg:madeOn,
                lg:withdrawnOn, lg:sourceUrl, lg:note))
}""",
    "concept": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node a skos:Concept ; ?p ?o .
  FILTER(?p IN (skos:prefLabel, skos:definition, skos:broader, skos:notation, skos:topConceptOf))
}""",
    "term": """
SELECT ?node ?p ?o (LANG(?o) AS ?lang) WHERE {
  ?node ?p ?o .
  FILTER(STRSTARTS(STR(?node), STR(lg:)))
  FILTER(?p IN (rdf:type, rdfs:label, rdfs:comment, rdfs:domain, rdfs:range))
}""",
}

_EVIDENCE = """
SELECT ?provision ?element ?quote WHERE {
  ?provision a lg:Provision ; lg:evidence ?ev .
  ?ev lg:element ?element ; lg:quote ?quote .
}"""

_DATES = """
SELECT (MAX(?d) AS ?latest) WHERE {
  { ?x lg:encodedOn ?d } UNION { ?x lg:reviewedOn ?d }
}"""

#: Kinds of ontology term the reference lists (local names of their rdf:type).
ONTOLOGY_KINDS = ("Class", "ObjectProperty", "DatatypeProperty", "Element", "Material", "NamedIndividual")


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A verbatim text with where it comes from (an article, or another language version of it)."""

    text: str
    language: str
    status: str
    source_url: str
    source_file: str


@dataclass(frozen=True)
class Article:
    iri: str
    instrument: str  # instrument identifier
    number: str
    slug: str  # for its page address: "9", "3-1"
    title: str
    text: Text | None
    versions: tuple[Text, ...]
    notes: tuple[str, ...]
    cautions: tuple[str, ...]
    data_file: str


@dataclass(frozen=True)
class RequirementInfo:
    record: Requirement  # the gap engine's record: ref, concept, modality, constraints
    instrument: str
    article_slug: str
    excerpt: str
    notes: tuple[str, ...]

    @property
    def identifier(self) -> str:
        return self.record.identifier


@dataclass(frozen=True)
class Instrument:
    iri: str
    identifier: str
    title: str
    short_title: str
    type: str
    dates: tuple[tuple[str, str], ...]  # (property local name, ISO date)
    source_url: str
    notes: tuple[str, ...]
    data_file: str


@dataclass(frozen=True)
class Participation:
    jurisdiction: str  # code
    instrument: str
    consent: str
    signed: str
    ratified: str
    in_force: str
    source_url: str
    notes: tuple[str, ...]
    data_file: str


@dataclass(frozen=True)
class Reservation:
    iri: str
    jurisdiction: str
    instrument: str
    kind: str
    invokes: str
    lifts: tuple[str, ...]  # IRIs of the requirements or constraints it lifts
    made_on: str
    withdrawn_on: str
    source_url: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Concept:
    id: str
    iri: str
    label: str
    labels: tuple[tuple[str, str], ...]  # (language, label), English first
    definition: str
    group: str  # the broader (top) concept's id; "" for a top concept
    narrower: tuple[str, ...]


@dataclass(frozen=True)
class Jurisdiction:
    code: str
    iri: str
    name: str
    region: str
    legal_family: str
    language: str
    reviewed_areas: tuple[str, ...]  # concept ids
    reviewed_on: str
    coverage_notes: tuple[str, ...]
    data_file: str


@dataclass(frozen=True)
class Value:
    element: str  # element id ("childAgeThreshold")
    values: tuple[Any, ...]  # int, Decimal, bool, or IRI (URIRef) for materials
    via: str  # "" when the provision states it, else the identifier of the definition it comes from
    via_citation: str


@dataclass(frozen=True)
class Provision:
    id: str
    iri: str
    jurisdiction: str  # code
    citation: str
    act: str  # act title (short title, else identifier)
    concepts: tuple[str, ...]
    values: tuple[Value, ...]  # own and inherited, as the gap engine reads them
    evidence: tuple[tuple[str, str], ...]  # (element id, quoted words)
    excerpt: str
    language: str
    source_url: str
    source_file: str
    source_type: str
    partial: bool
    text_version: str
    cautions: tuple[str, ...]
    notes: tuple[str, ...]
    in_force_from: str
    in_force_until: str
    in_force_note: str
    in_force: bool  # on the "as of" date
    not_in_force_because: str
    review_status: str
    supersedes: tuple[str, ...]  # identifiers
    superseded_by: tuple[str, ...]
    part_of: tuple[str, ...]
    uses_definitions: tuple[str, ...]

    def value(self, element: str) -> Value | None:
        return next((v for v in self.values if v.element == element), None)


@dataclass(frozen=True)
class OntologyTerm:
    id: str
    kinds: tuple[str, ...]
    label: str
    comment: str
    domain: str
    range: str


@dataclass
class SiteData:
    """The whole knowledge base as the site needs it (see the module doc)."""

    as_of: str
    dataset_version: str
    site_url: str
    jurisdictions: list[Jurisdiction]
    instruments: list[Instrument]
    articles: dict[str, list[Article]]  # instrument id → articles in order
    requirements: list[RequirementInfo]  # in instrument, article, ref order
    results: list[gaps.GapResult]
    provisions: dict[str, list[Provision]]  # code → provisions in identifier order
    participations: dict[tuple[str, str], Participation]
    reservations: list[Reservation]
    concepts: dict[str, Concept]
    comparisons: dict[str, list[gaps.ComparisonRow]]  # concept id → rows
    labels: dict[str, str]  # element / material / concept / jurisdiction local name → English label
    ontology: list[OntologyTerm]
    files: dict[str, str]  # node IRI → project path of the file that declares it
    queries: list[tuple[str, str]] = field(default_factory=list)  # (file name, text) of analysis/*.rq
    data_files: list[DataFile] = field(default_factory=list)  # the parsed files (downloads, provenance)
    source: Any = None  # the rdflib graph, for page generators that need more than these records
    _by_cell: dict[tuple[str, str], list[gaps.GapResult]] = field(default_factory=dict, repr=False)
    _by_requirement: dict[str, list[gaps.GapResult]] = field(default_factory=dict, repr=False)
    _provisions: dict[str, Provision] = field(default_factory=dict, repr=False)
    _requirements: dict[str, RequirementInfo] = field(default_factory=dict, repr=False)

    def results_for(self, jurisdiction: str, instrument: str) -> list[gaps.GapResult]:
        """One jurisdiction's results for one instrument, in requirement order."""
        if not self._by_cell:
            for r in self.results:
                self._by_cell.setdefault((r.jurisdiction, r.instrument), []).append(r)
        return self._by_cell.get((jurisdiction, instrument), [])

    def results_by_requirement(self, identifier: str) -> list[gaps.GapResult]:
        """Every jurisdiction's result for one requirement, in jurisdiction order."""
        if not self._by_requirement:
            for r in self.results:
                self._by_requirement.setdefault(r.requirement, []).append(r)
        return self._by_requirement.get(identifier, [])

    def provision(self, identifier: str) -> Provision | None:
        if not self._provisions:
            self._provisions = {p.id: p for ps in self.provisions.values() for p in ps}
        return self._provisions.get(identifier)

    def requirement(self, identifier: str) -> RequirementInfo | None:
        if not self._requirements:
            self._requirements = {r.identifier: r for r in self.requirements}
        return self._requirements.get(identifier)

    def jurisdiction(self, code: str) -> Jurisdiction | None:
        return next((j for j in self.jurisdictions if j.code == code), None)

    def instrument(self, identifier: str) -> Instrument | None:
        return next((i for i in self.instruments if i.identifier == identifier), None)


# --------------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------------


def slug(text: str) -> str:
    """A path segment from an article number or identifier: lower case, other characters as hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def latest_date(store: Store) -> str | None:
    """The latest ``lg:encodedOn`` / ``lg:reviewedOn`` date in the data: the default "as of" date."""
    rows = store.select(_PREFIXES + _DATES).rows
    value = rows[0][0] if rows else None
    return value.isoformat() if isinstance(value, date) else (str(value)[:10] if value else None)


class _Facts:
    """Rows of one ``_FACTS`` query grouped by node: ``facts[node][property local name] → [(value, lang)]``."""

    def __init__(self, store: Store, kind: str):
        self.by_node: dict[str, dict[str, list[tuple[Any, str]]]] = defaultdict(lambda: defaultdict(list))
        for node, prop, value, lang in store.select(_PREFIXES + _FACTS[kind]).rows:
            self.by_node[str(node)][local_name(prop)].append((value, lang or ""))

    def nodes(self) -> list[str]:
        return sorted(self.by_node)

    def all(self, node: str, prop: str) -> list[Any]:
        return sorted({v for v, _l in self.by_node.get(node, {}).get(prop, [])}, key=str)

    def one(self, node: str, prop: str) -> str:
        """English if there is one, else untagged, else the smallest value (stable)."""
        pairs = self.by_node.get(node, {}).get(prop, [])
        ranked = sorted(pairs, key=lambda vl: (0 if vl[1] == "en" else 1 if not vl[1] else 2, str(vl[0])))
        return "" if not ranked else ranked[0][0].isoformat() if isinstance(ranked[0][0], date) else str(ranked[0][0])

    def raw(self, node: str, prop: str) -> Any:
        values = self.all(node, prop)
        return values[0] if values else None

    def pairs(self, node: str, prop: str) -> list[tuple[Any, str]]:
        return sorted(set(self.by_node.get(node, {}).get(prop, [])), key=lambda vl: (vl[1] != "en", vl[1], str(vl[0])))


def read_site_data(
    source: Any,
    files: Sequence[DataFile],
    as_of: str | date | None = None,
    site_url: str = "",
    queries: Sequence[tuple[str, str]] = (),
) -> SiteData:
    """Read every record the pages need from ``source`` (the graph, or anything :func:`lexgap.store.open_store`
    takes). ``as_of`` defaults to :func:`latest_date` (else today)."""
    store = open_store(source)
    day = gaps.parse_as_of(as_of if as_of is not None else latest_date(store))
    where = node_files(files)
    kb = gaps.read(store)
    results = gaps.evaluate(kb, day)
    engine = _engine(kb, day)
    instruments = _instruments(_Facts(store, "instrument"), where)
    ids = {i.iri: i.identifier for i in instruments}
    articles = _articles(_Facts(store, "article"), _Facts(store, "version"), ids, where)
    concepts = _concepts(_Facts(store, "concept"))
    labels = {local_name(k): v for k, v in kb.labels.items()}
    labels.update({cid: c.label for cid, c in concepts.items()})
    return SiteData(
        as_of=day.isoformat(),
        dataset_version=dataset_version(files),
        site_url=site_url,
        jurisdictions=_jurisdictions(kb, _Facts(store, "jurisdiction"), _Facts(store, "coverage"), where),
        instruments=instruments,
        articles=articles,
        requirements=_requirements(kb, _Facts(store, "requirement"), ids, articles),
        results=results,
        provisions=_provisions(store, kb, engine, _Facts(store, "provision"), _Facts(store, "act")),
        participations=_participations(kb, _Facts(store, "participation"), ids, where),
        reservations=_reservations(kb, _Facts(store, "reservation"), ids),
        concepts=concepts,
        comparisons={cid: _compare(kb, engine, cid) for cid in concepts},
        labels=labels,
        ontology=_ontology(_Facts(store, "term")),
        files=where,
        queries=list(queries),
        data_files=list(files),
        source=source,
    )


def _engine(kb: KnowledgeBase, day: date):
    # The gap engine's own reading of provisions (in force on the date, values inherited from the version of
    # a definition in force), so that profiles and comparisons show what the statuses rest on.
    return gaps.Engine(kb, day)


def _compare(kb: KnowledgeBase, engine, concept_id: str) -> list[gaps.ComparisonRow]:
    """:func:`lexgap.gaps.compare` on the one read of the knowledge base.

    ``compare()`` reads the whole knowledge base again on every call (seconds per concept at 200
    jurisdictions); these are its steps on the records already read, through the same engine.
    """
    c_iri = URIRef(gaps.concept_iri(concept_id))
    closure = kb.closure(c_iri)
    rows: list[gaps.ComparisonRow] = []
    for j in sorted(kb.jurisdictions.values(), key=lambda j: (j.code, str(j.iri))):
        active = [p for p in engine.candidates(j.iri, c_iri) if engine.in_force(p)[0]]
        if not active:
            reviewed, _on = engine.reviewed(j.iri, c_iri)
            rows.append(gaps.ComparisonRow(j.code, concept_id, gaps.MISSING if reviewed else gaps.UNKNOWN))
            continue
        for p in active:
            values = tuple(
                (local_name(element), engine.describe_values(element, vals, p, origin))
                for element, (vals, origin) in sorted(engine.values(p).items(), key=lambda kv: str(kv[0]))
            )
            implements = tuple(sorted(local_name(c) for c in p.implements if c in closure))
            rows.append(gaps.ComparisonRow(j.code, concept_id, "provision", p.citation, p.identifier, implements, values))
    return rows


def _jurisdictions(kb: KnowledgeBase, facts: _Facts, coverage: _Facts, where: dict[str, str]) -> list[Jurisdiction]:
    out = []
    for iri, j in kb.jurisdictions.items():
        node = str(iri)
        areas = kb.coverage.get(iri, {})
        dates = [d for d in areas.values() if d is not None]
        out.append(
            Jurisdiction(
                code=j.code,
                iri=node,
                name=facts.one(node, "label") or j.label or j.code,
                region=facts.one(node, "region"),
                legal_family=facts.one(node, "legalFamily"),
                language=facts.one(node, "officialLanguage"),
                reviewed_areas=tuple(sorted(local_name(c) for c in areas)),
                reviewed_on=max(dates).isoformat() if dates else "",
                coverage_notes=tuple(str(n) for n in coverage.all(node, "note")),
                data_file=where.get(node, ""),
            )
        )
    return sorted(out, key=lambda j: (j.code, j.iri))


def _instruments(facts: _Facts, where: dict[str, str]) -> list[Instrument]:
    out = []
    for node in facts.nodes():
        identifier = facts.one(node, "identifier") or local_name(node)
        out.append(
            Instrument(
                iri=node,
                identifier=identifier,
                title=facts.one(node, "title") or identifier,
                short_title=facts.one(node, "shortTitle") or facts.one(node, "title") or identifier,
                type=facts.one(node, "instrumentType"),
                dates=tuple((p, facts.one(node, p)) for p in ("adoptedOn", "openedForSignature", "entryIntoForce") if facts.one(node, p)),
                source_url=facts.one(node, "sourceUrl"),
                notes=tuple(str(n) for n in facts.all(node, "note")),
                data_file=where.get(node, ""),
            )
        )
    return sorted(out, key=lambda i: i.identifier)


def _text(facts: _Facts, node: str) -> Text | None:
    pairs = facts.pairs(node, "text")
    if not pairs:
        return None
    text, lang = pairs[0]
    return Text(str(text), facts.one(node, "language") or lang, facts.one(node, "textStatus"), facts.one(node, "sourceUrl"), facts.one(node, "sourceFile"))


def _articles(facts: _Facts, versions: _Facts, ids: dict[str, str], where: dict[str, str]) -> dict[str, list[Article]]:
    out: dict[str, list[tuple[tuple, Article]]] = defaultdict(list)
    for node in facts.nodes():
        instrument_iri = facts.raw(node, "instrument")
        instrument = ids.get(str(instrument_iri), local_name(str(instrument_iri or node)))
        number = facts.one(node, "number") or local_name(node)
        sort_key = facts.raw(node, "sortKey")
        key = (0, sort_key, natural_key(number)) if isinstance(sort_key, int) else (1, 0, natural_key(number))
        article = Article(
            iri=node,
            instrument=instrument,
            number=number,
            slug=slug(number),
            title=facts.one(node, "title"),
            text=_text(facts, node),
            versions=tuple(t for v in facts.all(node, "hasVersion") if (t := _text(versions, str(v))) is not None),
            notes=tuple(str(n) for n in facts.all(node, "note")),
            cautions=tuple(str(n) for n in facts.all(node, "caution")),
            data_file=where.get(node, ""),
        )
        out[instrument].append((key, article))
    return {inst: [a for _k, a in sorted(arts, key=lambda ka: (ka[0], ka[1].iri))] for inst, arts in sorted(out.items())}


def _requirements(kb: KnowledgeBase, facts: _Facts, ids: dict[str, str], articles: dict[str, list[Article]]) -> list[RequirementInfo]:
    slugs = {a.iri: a.slug for arts in articles.values() for a in arts}
    out = []
    for req in kb.requirements:
        node = str(req.iri)
        out.append(
            RequirementInfo(
                record=req,
                instrument=ids.get(str(req.instrument), local_name(req.instrument)),
                article_slug=slugs.get(str(req.article), slug(req.article_number)),
                excerpt=facts.one(node, "excerpt"),
                notes=tuple(str(n) for n in facts.all(node, "note")),
            )
        )
    return sorted(out, key=lambda r: (r.instrument, r.record.article_sort, natural_key(r.record.ref), r.identifier))


def _provisions(store: Store, kb: KnowledgeBase, engine, facts: _Facts, acts: _Facts) -> dict[str, list[Provision]]:
    evidence: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for prov, element, quote in store.select(_PREFIXES + _EVIDENCE).rows:
        evidence[str(prov)].append((local_name(element), str(quote)))
    idents = {iri: p.identifier for iri, p in kb.provisions.items()}
    codes = {iri: j.code for iri, j in kb.jurisdictions.items()}

    def names(iris) -> tuple[str, ...]:
        return tuple(sorted(idents.get(i, local_name(i)) for i in iris))

    out: dict[str, list[Provision]] = defaultdict(list)
    for iri, p in kb.provisions.items():
        node = str(iri)
        active, why = engine.in_force(p)
        values = tuple(
            Value(local_name(element), tuple(vals), "" if origin is p else origin.identifier, "" if origin is p else origin.citation)
            for element, (vals, origin) in sorted(engine.values(p).items(), key=lambda kv: str(kv[0]))
        )
        act = str(p.act) if p.act is not None else ""
        code = codes.get(p.jurisdiction, local_name(p.jurisdiction))
        out[code].append(
            Provision(
                id=p.identifier,
                iri=node,
                jurisdiction=code,
                citation=p.citation,
                act=acts.one(act, "title") or acts.one(act, "shortTitle") or acts.one(act, "identifier") or (local_name(act) if act else ""),
                concepts=tuple(sorted(local_name(c) for c in p.implements)),
                values=values,
                evidence=tuple(sorted(set(evidence.get(node, [])))),
                excerpt=facts.one(node, "excerpt"),
                language=facts.one(node, "language"),
                source_url=facts.one(node, "sourceUrl"),
                source_file=facts.one(node, "sourceFile"),
                source_type=facts.one(node, "sourceType"),
                partial=p.source_partial,
                text_version=facts.one(node, "textVersion"),
                cautions=tuple(sorted(p.cautions)),
                notes=tuple(str(n) for n in facts.all(node, "note")),
                in_force_from=p.in_force_from.isoformat() if p.in_force_from else "",
                in_force_until=p.in_force_until.isoformat() if p.in_force_until else "",
                in_force_note=facts.one(node, "inForceNote"),
                in_force=active,
                not_in_force_because=why,
                review_status=p.review_status or "",
                supersedes=names(p.supersedes),
                superseded_by=names(p.superseded_by),
                part_of=names(URIRef(str(x)) for x in facts.all(node, "partOf")),
                uses_definitions=names(p.definitions),
            )
        )
    return {code: sorted(ps, key=lambda p: (natural_key(p.id), p.iri)) for code, ps in sorted(out.items())}


def _participations(kb: KnowledgeBase, facts: _Facts, ids: dict[str, str], where: dict[str, str]) -> dict[tuple[str, str], Participation]:
    codes = {str(iri): j.code for iri, j in kb.jurisdictions.items()}
    out: dict[tuple[str, str], Participation] = {}
    for node in facts.nodes():
        code = codes.get(str(facts.raw(node, "jurisdiction")), local_name(str(facts.raw(node, "jurisdiction"))))
        instrument = ids.get(str(facts.raw(node, "instrument")), local_name(str(facts.raw(node, "instrument"))))
        out.setdefault(
            (code, instrument),
            Participation(
                jurisdiction=code,
                instrument=instrument,
                consent=facts.one(node, "consentKind"),
                signed=facts.one(node, "signed"),
                ratified=facts.one(node, "ratified"),
                in_force=facts.one(node, "inForceForState"),
                source_url=facts.one(node, "sourceUrl"),
                notes=tuple(str(n) for n in facts.all(node, "statusNote") + facts.all(node, "note")),
                data_file=where.get(node, ""),
            ),
        )
    return out


def _reservations(kb: KnowledgeBase, facts: _Facts, ids: dict[str, str]) -> list[Reservation]:
    codes = {str(iri): j.code for iri, j in kb.jurisdictions.items()}
    out = []
    for node in facts.nodes():
        out.append(
            Reservation(
                iri=node,
                jurisdiction=codes.get(str(facts.raw(node, "jurisdiction")), local_name(str(facts.raw(node, "jurisdiction")))),
                instrument=ids.get(str(facts.raw(node, "instrument")), local_name(str(facts.raw(node, "instrument")))),
                kind=facts.one(node, "reservationKind") or "reservation",
                invokes=facts.one(node, "invokes"),
                lifts=tuple(str(x) for x in facts.all(node, "lifts")),
                made_on=facts.one(node, "madeOn"),
                withdrawn_on=facts.one(node, "withdrawnOn"),
                source_url=facts.one(node, "sourceUrl"),
                notes=tuple(str(n) for n in facts.all(node, "note")),
            )
        )
    return sorted(out, key=lambda r: (r.jurisdiction, r.instrument, r.made_on, r.iri))


def _concepts(facts: _Facts) -> dict[str, Concept]:
    ids = {node: (facts.one(node, "notation") or local_name(node)) for node in facts.nodes()}
    children: dict[str, set[str]] = defaultdict(set)
    for node in facts.nodes():
        for b in facts.all(node, "broader"):
            if str(b) in ids:
                children[ids[str(b)]].add(ids[node])
    out = {}
    for node in facts.nodes():
        broader = sorted(ids[str(b)] for b in facts.all(node, "broader") if str(b) in ids)
        out[ids[node]] = Concept(
            id=ids[node],
            iri=node,
            label=facts.one(node, "prefLabel") or ids[node],
            labels=tuple((lang, str(text)) for text, lang in facts.pairs(node, "prefLabel")),
            definition=facts.one(node, "definition"),
            group=broader[0] if broader else "",
            narrower=tuple(sorted(children.get(ids[node], set()))),
        )
    return dict(sorted(out.items()))


def _ontology(facts: _Facts) -> list[OntologyTerm]:
    prefixes = sorted(((p, str(ns)) for p, ns in PREFIXES.items()), key=lambda kv: -len(kv[1]))

    def short(value: Any) -> str:
        text = str(value)
        for prefix, ns in prefixes:
            if text.startswith(ns):
                return f"{prefix}:{text[len(ns):]}"
        return text

    out = []
    for node in facts.nodes():
        kinds = tuple(sorted(k for k in (local_name(str(t)) for t in facts.all(node, "type")) if k in ONTOLOGY_KINDS))
        if not kinds:
            continue
        out.append(
            OntologyTerm(
                id=local_name(node),
                kinds=kinds,
                label=facts.one(node, "label"),
                comment=facts.one(node, "comment"),
                domain=", ".join(short(d) for d in facts.all(node, "domain")),
                range=", ".join(short(r) for r in facts.all(node, "range")),
            )
        )
    return out


__all__ = [
    "Article",
    "Concept",
    "Instrument",
    "Jurisdiction",
    "OntologyTerm",
    "Participation",
    "Provision",
    "RequirementInfo",
    "Reservation",
    "SiteData",
    "Text",
    "Value",
    "latest_date",
    "read_site_data",
    "slug",
]
