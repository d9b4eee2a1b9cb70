"""Cross-border analysis: dual criminality, safe havens, peers with model language, and provision references.

Victim, offender and evidence are often in different states, and cooperation (extradition, mutual legal
assistance) usually needs the conduct to be a crime in both, punishable by at least a threshold. This
module turns the gap engine's results into that picture with networkx. How each decision is made is
written down for lawyers in docs/methodology-network.md.

Public API::

    from lexgap.network import Analysis, ReferenceGraph

    analysis = Analysis(graph, as_of="2026-11-28")        # one read of the knowledge base
    coop = analysis.cooperation("csam-possession", threshold_years=Decimal(1))
    coop.edges, coop.safe_havens, coop.unknown, coop.components, coop.graph   # graph: networkx.Graph
    analysis.dual_criminality("DEU", "FRA", threshold_years=Decimal(1))   # -> DualCriminality
    analysis.peers("DEU", instrument="budapest")                           # -> PeerReport
    ReferenceGraph.from_rdf(graph).cycles()                                # -> [Cycle]

- A jurisdiction's *state* for an offence concept is one of :data:`STATES`: ``offence`` (a provision in
  force implements it and no constraint on the conduct itself fails, narrowings the instrument permits
  aside), ``narrower`` (a provision exists, but a reviewed area shows the conduct the instruments
  describe is not covered), ``no-offence`` (area reviewed, no provision) or ``unknown`` (not reviewed, or undecidable). ``narrower`` and ``no-offence``
  are the safe havens; ``unknown`` is never read as "no offence".
- Its *threshold* state is one of :data:`THRESHOLD_STATES`: ``meets`` (a provision's maximum penalty, own
  or inherited from a definition, reaches the threshold; life imprisonment reaches any), ``below`` (every
  provision states a maximum and all are lower), ``unknown`` (no maximum stated that settles it), or
  ``n/a`` (no offence).
- Two jurisdictions are linked (an edge) when both are ``offence`` and both ``meets``.

Nothing here states law: labels, citations and values come from the data. The extradition threshold
is a parameter of every call; :data:`DEFAULT_THRESHOLD_YEARS` is the default of the command line and the
site, kept here once because the article that sets it is not among the project's source texts (see the
methodology page).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Callable, Iterable, Mapping, Sequence

import networkx as nx
import rdflib
from rdflib import URIRef

from . import gaps
from .gapdata import KnowledgeBase, Provision, Requirement, local_name
from .store import open_store
from .vocab import LG, LGC, RDF

# The threshold the command line and the site use unless told otherwise: one year's maximum
# imprisonment, the extradition threshold of the Budapest Convention. It is a parameter here (not a datum
# read from statutes/) because that article's text is not in the project's sources, and law is only
# encoded from source text. Every result carries the threshold it was computed with.
DEFAULT_THRESHOLD_YEARS = Decimal(1)

# Concept groups whose members are offences (vocabulary of ontology/concepts.ttl, not law): the
# cooperation pages and `lexgap dual-criminality` list their members.
OFFENCE_GROUPS = tuple(
    LGC[name]
    for name in ("cyber-dependent-offences", "cyber-enabled-offences", "csam-offences", "child-sexual-exploitation")
)

# Elements whose failure leaves the conduct criminalised: who is protected and what material is covered
# (breadth), and the penalty (weighed separately against the threshold). A failed constraint on any other
# element (an extra intent, a meeting step, knowing access ...) means part of the conduct is not a crime.
SCOPE_ELEMENTS = frozenset({LG.childAgeThreshold, LG.childAgeFrom, LG.materialCovers})
PENALTY_ELEMENTS = frozenset({LG.maxPenaltyYears, LG.maxPenaltyLife, LG.minPenaltyYears})

OFFENCE = "offence"
NARROWER = "narrower"
NO_OFFENCE = "no-offence"
UNKNOWN = "unknown"
STATES = (OFFENCE, NARROWER, NO_OFFENCE, UNKNOWN)
SAFE_HAVEN_STATES = (NARROWER, NO_OFFENCE)

MEETS = "meets"
BELOW = "below"
NOT_APPLICABLE = "n/a"
THRESHOLD_STATES = (MEETS, BELOW, UNKNOWN, NOT_APPLICABLE)

YES = "yes"
NO = "no"
VERDICTS = (YES, NO, UNKNOWN)

# Gap statuses that say nothing about how alike two states' laws are: ignored by the similarity.
_UNINFORMATIVE = (gaps.UNKNOWN, gaps.NOT_APPLICABLE)


class NetworkInputError(ValueError):
    """An unknown jurisdiction, concept or instrument, or a bad threshold or date (one-line message)."""


# --------------------------------------------------------------------------------------------------
# The provision reference graph
# --------------------------------------------------------------------------------------------------

#: Links between provisions, all read into one graph (edge key = the property).
REFERENCE_PROPERTIES = (LG.usesDefinition, LG.refersTo, LG.partOf, LG.supersedes)
#: Links that must not loop. A definition relying on itself has no first value to inherit, a section cannot
#: be part of itself, a version cannot supersede itself. Cross-references (lg:refersTo) may loop: an
#: offence and its exception refer to each other.
ACYCLIC_PROPERTIES = (LG.usesDefinition, LG.partOf, LG.supersedes)


@dataclass(frozen=True, order=True)
class Reference:
    source: URIRef
    property: URIRef
    target: URIRef


@dataclass(frozen=True, order=True)
class Cycle:
    """A loop of one link property, starting at its smallest IRI (so each loop is reported once)."""

    property: URIRef
    nodes: tuple[URIRef, ...]

    def path(self, show: Callable[[URIRef], str] = str) -> str:
        return " -> ".join(show(n) for n in (*self.nodes, self.nodes[0]))


class ReferenceGraph:
    """Provisions and the links between them (``lg:usesDefinition``, ``lg:refersTo``, ``lg:partOf``,
    ``lg:supersedes``) as a networkx ``MultiDiGraph``; node attribute ``provision`` says whether the node is
    a known provision (a target that is not one is a dangling reference)."""

    def __init__(self, provisions: Iterable[URIRef], references: Iterable[tuple[URIRef, URIRef, URIRef]]):
        self.graph = nx.MultiDiGraph()
        for p in provisions:
            self.graph.add_node(p, provision=True)
        for source, prop, target in references:
            for node in (source, target):
                if node not in self.graph:
                    self.graph.add_node(node, provision=False)
            self.graph.add_edge(source, target, key=prop)

    @classmethod
    def from_rdf(cls, graph: rdflib.Graph) -> ReferenceGraph:
        provisions = {s for s in graph.subjects(RDF.type, LG.Provision) if isinstance(s, URIRef)}
        references = [
            (s, prop, o)
            for prop in REFERENCE_PROPERTIES
            for s, o in graph.subject_objects(prop)
            if isinstance(s, URIRef) and isinstance(o, URIRef)
        ]
        return cls(provisions, references)

    def targets(self, node: URIRef, prop: URIRef) -> list[URIRef]:
        if node not in self.graph:
            return []
        return sorted({t for _s, t, key in self.graph.out_edges(node, keys=True) if key == prop}, key=str)

    def dangling(self) -> list[Reference]:
        """Links whose target is not a provision of the knowledge base."""
        return sorted(
            Reference(s, key, t)
            for s, t, key in self.graph.edges(keys=True)
            if not self.graph.nodes[t].get("provision")
        )

    def cycles(self) -> list[Cycle]:
        """Every loop of lg:usesDefinition, lg:partOf or lg:supersedes (each loop once)."""
        found = []
        for prop in ACYCLIC_PROPERTIES:
            sub = nx.DiGraph((s, t) for s, t, key in self.graph.edges(keys=True) if key == prop)
            for loop in nx.simple_cycles(sub):
                start = min(range(len(loop)), key=lambda i: str(loop[i]))
                found.append(Cycle(prop, tuple(loop[start:] + loop[:start])))
        return sorted(found, key=lambda c: (str(c.property), [str(n) for n in c.nodes]))

    def versions(self, node: URIRef) -> list[URIRef]:
        """Every version of a provision: those linked to it by lg:supersedes, either way, transitively."""
        if node not in self.graph:
            return [node]
        family, stack = {node}, [node]
        while stack:
            current = stack.pop()
            linked = [t for _s, t, k in self.graph.out_edges(current, keys=True) if k == LG.supersedes]
            linked += [s for s, _t, k in self.graph.in_edges(current, keys=True) if k == LG.supersedes]
            for other in linked:
                if other not in family:
                    family.add(other)
                    stack.append(other)
        return sorted(family, key=str)

    def inherit(
        self,
        provision: URIRef,
        own: Callable[[URIRef], Mapping[URIRef, Sequence[Any]]],
        in_force: Callable[[URIRef], bool],
    ) -> dict[URIRef, tuple[list[Any], URIRef]]:
        """Element values of ``provision``: its own (``own(iri)``), then those of the definitions it relies on,
        nearest first, each definition taken in the version in force (``in_force(iri)``). Maps each element
        to (values, the provision that states them). Loops are cut: a definition is read once."""
        values = {element: (list(vals), provision) for element, vals in own(provision).items()}
        seen = {provision}
        level = self.targets(provision, LG.usesDefinition)
        while level:
            following: list[URIRef] = []
            for iri in level:
                version = next((v for v in self.versions(iri) if self.graph.nodes[v].get("provision") and in_force(v)), None)
                if version is None or version in seen:
                    continue
                seen.add(version)
                for element, vals in own(version).items():
                    values.setdefault(element, (list(vals), version))
                following.extend(self.targets(version, LG.usesDefinition))
            level = following
        return values


def reference_cycles(graph: rdflib.Graph) -> list[Cycle]:
    """The loops of lg:usesDefinition, lg:partOf and lg:supersedes in ``graph`` (used by validation)."""
    return ReferenceGraph.from_rdf(graph).cycles()


# --------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    code: str
    iri: str
    label: str
    legal_family: str | None
    region: str | None
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Penalty:
    provision: str  # citation
    provision_id: str
    max_years: Decimal | None
    life: bool
    via: str = ""  # citation of the definition it was inherited from, when not the provision itself


@dataclass(frozen=True)
class Node:
    """One jurisdiction's position on one offence concept."""

    jurisdiction: str
    label: str
    state: str
    threshold: str
    max_penalty: str | None  # "life", a number of years, or None when no provision states one
    provisions: tuple[str, ...]
    provision_ids: tuple[str, ...]
    reason: str
    core_failures: tuple[str, ...] = ()  # "instrument ref: constraint" that show the conduct is narrower
    penalties: tuple[Penalty, ...] = ()

    @property
    def safe_haven(self) -> bool:
        return self.state in SAFE_HAVEN_STATES

    @property
    def linkable(self) -> bool:
        return self.state == OFFENCE and self.threshold == MEETS

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("provisions", "provision_ids", "core_failures"):
            data[key] = list(data[key])
        data["penalties"] = [
            {**asdict(p), "max_years": json_number(p.max_years) if p.max_years is not None else None} for p in self.penalties
        ]
        return data


@dataclass(frozen=True)
class Cooperation:
    concept: str
    label: str
    threshold_years: Decimal
    as_of: str
    nodes: tuple[Node, ...]
    edges: tuple[tuple[str, str], ...]
    components: tuple[tuple[str, ...], ...]

    @property
    def safe_havens(self) -> tuple[str, ...]:
        return tuple(n.jurisdiction for n in self.nodes if n.safe_haven)

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(n.jurisdiction for n in self.nodes if n.state == UNKNOWN)

    @property
    def below_threshold(self) -> tuple[str, ...]:
        return tuple(n.jurisdiction for n in self.nodes if n.state == OFFENCE and n.threshold == BELOW)

    @property
    def penalty_unknown(self) -> tuple[str, ...]:
        return tuple(n.jurisdiction for n in self.nodes if n.state == OFFENCE and n.threshold == UNKNOWN)

    @property
    def graph(self) -> nx.Graph:
        """Jurisdictions as nodes (attributes: state, threshold, label), cooperation pairs as edges."""
        g = nx.Graph()
        for n in self.nodes:
            g.add_node(n.jurisdiction, state=n.state, threshold=n.threshold, label=n.label)
        g.add_edges_from(self.edges)
        return g

    def node(self, code: str) -> Node:
        return next(n for n in self.nodes if n.jurisdiction == code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "label": self.label,
            "threshold_years": json_number(self.threshold_years),
            "as_of": self.as_of,
            "edges": [list(e) for e in self.edges],
            "safe_havens": list(self.safe_havens),
            "unknown": list(self.unknown),
            "below_threshold": list(self.below_threshold),
            "penalty_unknown": list(self.penalty_unknown),
            "components": [list(c) for c in self.components],
            "nodes": [n.to_dict() for n in self.nodes],
        }


@dataclass(frozen=True)
class PairRow:
    concept: str
    label: str
    a: Node
    b: Node
    cooperate: str  # YES, NO or UNKNOWN
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "label": self.label,
            "a_state": self.a.state,
            "b_state": self.b.state,
            "a_threshold": self.a.threshold,
            "b_threshold": self.b.threshold,
            "a_max_penalty": self.a.max_penalty,
            "b_max_penalty": self.b.max_penalty,
            "cooperate": self.cooperate,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class DualCriminality:
    a: str
    b: str
    threshold_years: Decimal
    as_of: str
    rows: tuple[PairRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "threshold_years": json_number(self.threshold_years),
            "as_of": self.as_of,
            "concepts": [r.to_dict() for r in self.rows],
        }


@dataclass(frozen=True)
class Similarity:
    jurisdiction: str
    label: str
    score: float  # Jaccard index of the (requirement, status) pairs, unknown and not-applicable left out
    agreeing: int  # requirements where both have the same known status
    compared: int  # requirements where at least one has a known status
    same_legal_family: bool
    same_region: bool
    same_language: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ModelProvision:
    provision_id: str
    citation: str
    excerpt: str
    language: str | None
    source_url: str | None
    source_type: str | None
    cautions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["cautions"] = list(self.cautions)
        return data


@dataclass(frozen=True)
class Peer:
    similarity: Similarity
    provisions: tuple[ModelProvision, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.similarity.to_dict(), "provisions": [p.to_dict() for p in self.provisions]}


@dataclass(frozen=True)
class PeerGap:
    requirement: str
    instrument: str
    ref: str
    concept: str
    status: str
    failed_constraints: tuple[str, ...]
    peers: tuple[Peer, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "requirement": self.requirement,
            "instrument": self.instrument,
            "ref": self.ref,
            "concept": self.concept,
            "status": self.status,
            "failed_constraints": list(self.failed_constraints),
            "peers": [p.to_dict() for p in self.peers],
        }


@dataclass(frozen=True)
class PeerReport:
    jurisdiction: str
    instrument: str | None
    as_of: str
    similar: tuple[Similarity, ...]
    gaps: tuple[PeerGap, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "instrument": self.instrument,
            "as_of": self.as_of,
            "similar": [s.to_dict() for s in self.similar],
            "gaps": [g.to_dict() for g in self.gaps],
        }


# --------------------------------------------------------------------------------------------------
# Queries (no user value is pasted into them: parameters are bound by lexgap.store)
# --------------------------------------------------------------------------------------------------

_PROFILES = """
PREFIX lg:   <https://w3id.org/lexgap/ontology#>
SELECT ?jurisdiction ?property ?value WHERE {
  VALUES ?property { lg:legalFamily lg:region lg:officialLanguage }
  ?jurisdiction a lg:Jurisdiction ; ?property ?value .
}
ORDER BY ?jurisdiction ?property ?value
"""

_MODEL_TEXT = """
PREFIX lg:   <https://w3id.org/lexgap/ontology#>
SELECT ?provision ?property ?value WHERE {
  VALUES ?property { lg:excerpt lg:language lg:sourceUrl lg:sourceType lg:caution }
  ?provision a lg:Provision ; ?property ?value .
}
ORDER BY ?provision ?property ?value
"""


# --------------------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------------------


class Analysis:
    """One read of the knowledge base, reused for every concept, pair and peer question.

    ``graph`` is the rdflib graph from :func:`lexgap.load.load`; ``as_of`` a date or ``"YYYY-MM-DD"``
    (default today). Unknown names raise :class:`NetworkInputError`.
    """

    def __init__(self, graph: rdflib.Graph, as_of: date | str | None = None):
        try:
            self.as_of = gaps.parse_as_of(as_of)
            self.kb: KnowledgeBase = gaps.read(graph)
        except gaps.GapInputError as exc:
            raise NetworkInputError(str(exc)) from None
        self.store = open_store(graph)
        self._model_cache: dict[str, ModelProvision] = {}
        self.references = ReferenceGraph.from_rdf(graph)
        # The gap engine decides what is in force, so cooperation and gap reports never disagree on it.
        self._in_force = gaps.Engine(self.kb, self.as_of).in_force
        self.profiles = self._read_profiles()
        self._by_code = {p.code: p for p in self.profiles.values()}
        self._by_identifier = {p.identifier: p for p in self.kb.provisions.values()}
        self._nodes: dict[URIRef, dict[str, Node]] = {}
        self._results: list[gaps.GapResult] | None = None

    # ---- inputs -------------------------------------------------------------------------------------

    def _read_profiles(self) -> dict[URIRef, Profile]:
        facts: dict[URIRef, dict[URIRef, list[str]]] = defaultdict(lambda: defaultdict(list))
        for iri, prop, value in self.store.select(_PROFILES).rows:
            facts[iri][prop].append(str(value))
        profiles = {}
        for j in self.kb.jurisdictions.values():
            f = facts.get(j.iri, {})
            profiles[j.iri] = Profile(
                code=j.code,
                iri=str(j.iri),
                label=j.label,
                legal_family=(f.get(LG.legalFamily) or [None])[0],
                region=(f.get(LG.region) or [None])[0],
                languages=tuple(sorted(set(f.get(LG.officialLanguage, ())))),
            )
        return dict(sorted(profiles.items(), key=lambda kv: kv[1].code))

    def jurisdiction(self, code: str) -> Profile:
        text = str(code).strip().upper()
        found = self._by_code.get(text)
        if found is None:
            known = ", ".join(sorted(self._by_code)) or "none"
            raise NetworkInputError(f"unknown jurisdiction: {code!r} (known: {known})")
        return found

    def concept(self, concept: str | URIRef) -> URIRef:
        try:
            iri = gaps.concept_iri(concept)
        except gaps.GapInputError as exc:
            raise NetworkInputError(str(exc)) from None
        known = set(self.kb.narrower) | {c for cs in self.kb.narrower.values() for c in cs} | set(self.kb.labels)
        if iri not in known:
            raise NetworkInputError(f"unknown concept: {local_name(iri)} (list them with `lexgap concepts`)")
        return iri

    def offence_concepts(self) -> list[URIRef]:
        """The members of the offence groups, group by group in :data:`OFFENCE_GROUPS` order, then by id."""
        out: list[URIRef] = []
        for group in OFFENCE_GROUPS:
            for c in sorted(self.kb.narrower.get(group, ()), key=str):
                if c not in out:
                    out.append(c)
        return out

    # ---- one jurisdiction, one concept ----------------------------------------------------------------

    def nodes(self, concept: str | URIRef, threshold_years: Decimal) -> dict[str, Node]:
        """Every jurisdiction's :class:`Node` for the concept, by ISO code."""
        c_iri = self.concept(concept)
        threshold = check_threshold(threshold_years)
        key = (c_iri, threshold)
        found = self._nodes.get(key)
        if found is None:
            found = self._nodes[key] = self._compute_nodes(c_iri, threshold)
        return found

    def _compute_nodes(self, concept: URIRef, threshold: Decimal) -> dict[str, Node]:
        # The requirements on the concept are read as the law, not as obligations: as if mandatory and with
        # no reservation, so each status says only what the national provisions cover. A bare requirement
        # with no constraints asks just "is there a provision in force" (for concepts no instrument names).
        requirements = [replace(r, optional=False, reservable_under=None) for r in self.kb.requirements if r.concept == concept]
        bare = Requirement(
            iri=URIRef(f"{concept}#conduct"),
            identifier="conduct",
            instrument=concept,
            article=concept,
            article_number="",
            article_sort=(1, 0, ()),
            ref="",
            concept=concept,
            optional=False,
            reservable_under=None,
            review_status=None,
            constraints=(),
        )
        kb = replace(self.kb, requirements=[*requirements, bare], reservations={})
        by_requirement = {r.identifier: r for r in requirements}
        results: dict[str, list[gaps.GapResult]] = defaultdict(list)
        for result in gaps.evaluate(kb, self.as_of):
            results[result.jurisdiction].append(result)
        label = self.kb.label(concept)
        nodes = {}
        for profile in self.profiles.values():
            rows = results.get(profile.code, [])
            conduct = next(r for r in rows if r.requirement_iri == str(bare.iri))
            others = [r for r in rows if r.requirement_iri != str(bare.iri)]
            nodes[profile.code] = self._node(profile, label, conduct, others, by_requirement, threshold)
        return nodes

    def _node(
        self,
        profile: Profile,
        label: str,
        conduct: gaps.GapResult,
        results: list[gaps.GapResult],
        requirements: Mapping[str, Requirement],
        threshold: Decimal,
    ) -> Node:
        base = dict(jurisdiction=profile.code, label=profile.label)
        if not conduct.provision_ids:
            state = NO_OFFENCE if conduct.status == gaps.MISSING else UNKNOWN
            return Node(**base, state=state, threshold=NOT_APPLICABLE, max_penalty=None, provisions=(),
                        provision_ids=(), reason=conduct.reason)
        cites = ", ".join(conduct.provisions)
        failed: list[str] = []
        unsettled: list[str] = []
        permitted: list[str] = []
        for r in results:
            req = requirements[r.requirement]
            constraints = {c.slug: c for c in req.constraints}
            for slug in r.failed_constraints:
                c = constraints.get(slug)
                if c is not None and c.element in SCOPE_ELEMENTS | PENALTY_ELEMENTS:
                    continue
                element = self.kb.label(c.element) if c is not None else slug
                named = f"{self._where(req)}: {element} ({slug})"
                if c is not None and c.reservable_under:
                    # The instrument lets a Party make exactly this narrowing (by reservation): like a
                    # "Party may require" latitude, it does not take the conduct out of the offence.
                    permitted.append(
                        f"{self._where(req)} permits, by reservation under {c.reservable_under}, the narrowing "
                        f"found here: {element} ({slug})"
                    )
                else:
                    (failed if r.status == gaps.PARTIAL else unsettled).append(named)
        penalties = tuple(self._penalty(pid) for pid in conduct.provision_ids)
        verdict, maximum = threshold_state(penalties, threshold)
        common = dict(provisions=conduct.provisions, provision_ids=conduct.provision_ids, penalties=penalties,
                      max_penalty=maximum)
        if failed:
            reason = (
                f"{_cap(label)} is implemented by {cites}, but not in the conduct the instruments describe: "
                f"{'; '.join(failed)}."
            )
            return Node(**base, **common, state=NARROWER, threshold=verdict, reason=reason,
                        core_failures=tuple(failed))
        if unsettled:
            reason = (
                f"{_cap(label)} is implemented by {cites}, but not in the conduct the instruments describe "
                f"({'; '.join(unsettled)}), and the area has not been reviewed, so other provisions may cover it."
            )
            return Node(**base, **common, state=UNKNOWN, threshold=verdict, reason=reason,
                        core_failures=tuple(unsettled))
        reason = f"{_cap(label)} is implemented by {cites}; {_penalty_sentence(penalties, verdict, maximum, threshold)}."
        if permitted:
            reason += f" {'; '.join(permitted)}."
        return Node(**base, **common, state=OFFENCE, threshold=verdict, reason=reason)

    def _where(self, req: Requirement) -> str:
        instrument = self.kb.instruments.get(req.instrument)
        return f"{instrument.title if instrument else local_name(req.instrument)} {req.ref}"

    def element_values(self, provision: URIRef) -> dict[URIRef, tuple[list[Any], URIRef]]:
        """A provision's element values, own or inherited through the reference graph (see
        :meth:`ReferenceGraph.inherit`): element -> (values, the provision stating them)."""
        return self.references.inherit(
            provision, self._own_values, lambda iri: iri in self.kb.provisions and self._in_force(self.kb.provisions[iri])[0]
        )

    def _penalty(self, identifier: str) -> Penalty:
        p = self._by_identifier[identifier]
        values = self.element_values(p.iri)
        years = [v for v in values.get(LG.maxPenaltyYears, ([], p.iri))[0] if _is_number(v)]
        life_values, life_from = values.get(LG.maxPenaltyLife, ([], p.iri))
        years_from = values.get(LG.maxPenaltyYears, ([], p.iri))[1]
        life = True in life_values
        origin = life_from if life else years_from
        via = self.kb.provisions[origin].citation if origin != p.iri and origin in self.kb.provisions else ""
        return Penalty(p.citation, p.identifier, max((Decimal(str(y)) for y in years), default=None), life, via)

    def _own_values(self, iri: URIRef) -> Mapping[URIRef, Sequence[Any]]:
        p = self.kb.provisions.get(iri)
        return p.values if p is not None else {}

    # ---- cooperation --------------------------------------------------------------------------------

    def cooperation(self, concept: str | URIRef, threshold_years: Decimal = DEFAULT_THRESHOLD_YEARS) -> Cooperation:
        c_iri = self.concept(concept)
        threshold = check_threshold(threshold_years)
        nodes = self.nodes(c_iri, threshold)
        linkable = [code for code, n in nodes.items() if n.linkable]
        g = nx.Graph()
        g.add_nodes_from(linkable)
        edges = [(a, b) for i, a in enumerate(linkable) for b in linkable[i + 1 :]]
        g.add_edges_from(edges)
        components = sorted((tuple(sorted(c)) for c in nx.connected_components(g)), key=lambda c: (-len(c), c))
        return Cooperation(
            concept=local_name(c_iri),
            label=self.kb.label(c_iri),
            threshold_years=threshold,
            as_of=self.as_of.isoformat(),
            nodes=tuple(nodes.values()),
            edges=tuple(sorted(edges)),
            components=tuple(components),
        )

    def dual_criminality(
        self, a: str, b: str, threshold_years: Decimal = DEFAULT_THRESHOLD_YEARS, concepts: Iterable[str | URIRef] | None = None
    ) -> DualCriminality:
        pa, pb = self.jurisdiction(a), self.jurisdiction(b)
        if pa.code == pb.code:
            raise NetworkInputError(f"name two different jurisdictions (got {pa.code} twice)")
        threshold = check_threshold(threshold_years)
        chosen = [self.concept(c) for c in concepts] if concepts is not None else self.offence_concepts()
        rows = []
        for c in chosen:
            nodes = self.nodes(c, threshold)
            na, nb = nodes[pa.code], nodes[pb.code]
            verdict, reason = pair_verdict(na, nb, threshold)
            rows.append(PairRow(local_name(c), self.kb.label(c), na, nb, verdict, reason))
        return DualCriminality(pa.code, pb.code, threshold, self.as_of.isoformat(), tuple(rows))

    # ---- peers --------------------------------------------------------------------------------------

    def results(self) -> list[gaps.GapResult]:
        """The gap results of every jurisdiction for every requirement (read once)."""
        if self._results is None:
            self._results = gaps.evaluate(self.kb, self.as_of)
        return self._results

    def _vectors(self) -> dict[str, dict[str, str]]:
        vectors: dict[str, dict[str, str]] = defaultdict(dict)
        for r in self.results():
            if r.status not in _UNINFORMATIVE:
                vectors[r.jurisdiction][r.requirement] = r.status
        return vectors

    def similarity(self, a: str, b: str) -> Similarity:
        pa, pb = self.jurisdiction(a), self.jurisdiction(b)
        vectors = self._vectors()
        return _similarity(pa, pb, vectors.get(pa.code, {}), vectors.get(pb.code, {}))

    def similar(self, code: str) -> list[Similarity]:
        """Every other jurisdiction, most similar first (ties: same legal family, region, language, code)."""
        me = self.jurisdiction(code)
        vectors = self._vectors()
        rows = [
            _similarity(me, other, vectors.get(me.code, {}), vectors.get(other.code, {}))
            for other in self.profiles.values()
            if other.code != me.code
        ]
        return sorted(rows, key=_peer_rank)

    def peers(self, code: str, instrument: str | None = None) -> PeerReport:
        """For each gap of ``code`` (a mandatory requirement ``missing`` or ``partial``), the jurisdictions that
        meet the requirement, most similar first, with their provisions' words as model language."""
        me = self.jurisdiction(code)
        if instrument is not None and not any(i.identifier == instrument for i in self.kb.instruments.values()):
            known = ", ".join(sorted(i.identifier for i in self.kb.instruments.values()))
            raise NetworkInputError(f"unknown instrument: {instrument!r} (known: {known})")
        ranked = self.similar(me.code)
        rank = {s.jurisdiction: s for s in ranked}
        by_requirement: dict[str, dict[str, gaps.GapResult]] = defaultdict(dict)
        for r in self.results():
            by_requirement[r.requirement][r.jurisdiction] = r
        chosen = []
        for r in self.results():
            if r.jurisdiction != me.code or not r.mandatory or r.status not in (gaps.MISSING, gaps.PARTIAL):
                continue
            if instrument is not None and r.instrument != instrument:
                continue
            meeting = [
                other for other in by_requirement[r.requirement].values()
                if other.jurisdiction != me.code and other.status == gaps.MET
            ]
            chosen.append((r, sorted(meeting, key=lambda o: _peer_rank(rank[o.jurisdiction]))))
        texts = self._model_texts({pid for _r, ms in chosen for m in ms for pid in m.provision_ids})
        gap_rows = []
        for r, meeting in chosen:
            peers = tuple(
                Peer(rank[m.jurisdiction], tuple(texts[pid] for pid in m.provision_ids if pid in texts))
                for m in meeting
            )
            gap_rows.append(PeerGap(r.requirement, r.instrument, r.ref, r.concept, r.status, r.failed_constraints, peers))
        return PeerReport(me.code, instrument, self.as_of.isoformat(), tuple(ranked), tuple(gap_rows))

    def _model_texts(self, identifiers: Iterable[str]) -> dict[str, ModelProvision]:
        # Texts are read once per provision and kept: the peers of every jurisdiction quote the same
        # few model provisions, and one query per jurisdiction over all of them grew with the square
        # of the number of jurisdictions (the 200-jurisdiction site build).
        cache = self._model_cache
        identifiers = set(identifiers)
        missing = {i for i in identifiers if i not in cache}
        if missing:
            cache.update(self._read_model_texts(missing))
        return {i: cache[i] for i in identifiers if i in cache}

    def _read_model_texts(self, identifiers: Iterable[str]) -> dict[str, ModelProvision]:
        wanted = {self._by_identifier[i].iri: self._by_identifier[i] for i in identifiers if i in self._by_identifier}
        if not wanted:
            return {}
        facts: dict[URIRef, dict[URIRef, list[str]]] = defaultdict(lambda: defaultdict(list))
        for iri, prop, value in self.store.select(_MODEL_TEXT, {"provision": sorted(wanted, key=str)}).rows:
            facts[iri][prop].append(str(value))
        out = {}
        for iri, p in wanted.items():
            f = facts.get(iri, {})
            out[p.identifier] = ModelProvision(
                provision_id=p.identifier,
                citation=p.citation,
                excerpt=(f.get(LG.excerpt) or [""])[0],
                language=(f.get(LG.language) or [None])[0],
                source_url=(f.get(LG.sourceUrl) or [None])[0],
                source_type=(f.get(LG.sourceType) or [None])[0],
                cautions=tuple(f.get(LG.caution, ())),
            )
        return out


# --------------------------------------------------------------------------------------------------
# Rules, as small pure functions (tested on their own)
# --------------------------------------------------------------------------------------------------


def check_threshold(value: Any) -> Decimal:
    """A threshold in years: a finite number, zero or more."""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise NetworkInputError(f"not a number of years: {value!r}") from None
    if not number.is_finite() or number < 0:
        raise NetworkInputError(f"the threshold must be zero or more years, not {value!r}")
    return number


def threshold_state(penalties: Sequence[Penalty], threshold: Decimal) -> tuple[str, str | None]:
    """(MEETS/BELOW/UNKNOWN, the highest maximum as text) over the provisions implementing the offence.

    One provision reaching the threshold is enough (life imprisonment reaches any). ``below`` needs every
    provision to state a maximum under the threshold: a provision with no stated penalty could be the one
    that reaches it, so a missing penalty is never read as a low one.
    """
    if any(p.life for p in penalties):
        return MEETS, "life"
    years = [p.max_years for p in penalties if p.max_years is not None]
    highest = years_text(max(years)) if years else None
    if any(y >= threshold for y in years):
        return MEETS, highest
    if penalties and len(years) == len(penalties):
        return BELOW, highest
    return UNKNOWN, highest


def pair_verdict(a: Node, b: Node, threshold: Decimal) -> tuple[str, str]:
    """Whether two jurisdictions can cooperate on one offence: YES, NO or UNKNOWN, with the reason.

    A definite obstacle on either side (no offence, narrower conduct, a penalty below the threshold) is a
    NO even when the other side is unknown; otherwise anything unknown leaves the answer unknown."""
    years = years_phrase(threshold)
    obstacles, unknowns = [], []
    for n in (a, b):
        if n.state == NO_OFFENCE:
            obstacles.append(f"{n.jurisdiction} has no such offence")
        elif n.state == NARROWER:
            obstacles.append(f"{n.jurisdiction} criminalises only narrower conduct")
        elif n.state == UNKNOWN:
            unknowns.append(f"{n.jurisdiction}: not known whether the conduct is an offence")
        elif n.threshold == BELOW:
            highest = years_phrase(Decimal(n.max_penalty)) if n.max_penalty else "not stated"
            obstacles.append(f"{n.jurisdiction}'s maximum penalty ({highest}) is below {years}")
        elif n.threshold == UNKNOWN:
            unknowns.append(f"{n.jurisdiction}: not known whether the maximum penalty reaches {years}")
    if obstacles:
        return NO, "; ".join(obstacles) + "."
    if unknowns:
        return UNKNOWN, "; ".join(unknowns) + "."
    return YES, f"An offence in both, punishable by at least {years} in both."


def jaccard(a: Mapping[str, str], b: Mapping[str, str]) -> tuple[float, int, int]:
    """(index, agreeing, compared) over the (requirement, status) pairs of two status vectors."""
    pairs_a, pairs_b = set(a.items()), set(b.items())
    union = pairs_a | pairs_b
    agreeing = len(pairs_a & pairs_b)
    compared = len(set(a) | set(b))
    return (agreeing / len(union) if union else 0.0), agreeing, compared


def _similarity(me: Profile, other: Profile, mine: Mapping[str, str], theirs: Mapping[str, str]) -> Similarity:
    score, agreeing, compared = jaccard(mine, theirs)
    return Similarity(
        jurisdiction=other.code,
        label=other.label,
        score=round(score, 4),
        agreeing=agreeing,
        compared=compared,
        same_legal_family=me.legal_family is not None and me.legal_family == other.legal_family,
        same_region=me.region is not None and me.region == other.region,
        same_language=bool(set(me.languages) & set(other.languages)),
    )


def _peer_rank(s: Similarity) -> tuple:
    return (-s.score, not s.same_legal_family, not s.same_region, not s.same_language, s.jurisdiction)


def _penalty_sentence(penalties: Sequence[Penalty], verdict: str, maximum: str | None, threshold: Decimal) -> str:
    """The highest maximum, the provision stating it, and how it compares: words for a reason."""
    years = years_phrase(threshold)
    unstated = [p.provision for p in penalties if p.max_years is None and not p.life]
    if maximum is None:
        return f"no maximum penalty stated ({', '.join(unstated)}), so whether it reaches {years} is unknown"
    if maximum == "life":
        source, shown = next(p for p in penalties if p.life), "life imprisonment"
    else:
        source = next(p for p in penalties if p.max_years is not None and years_text(p.max_years) == maximum)
        shown = years_phrase(Decimal(maximum))
    where = f"{source.provision}, via {source.via}" if source.via else source.provision
    if verdict == MEETS:
        return f"maximum penalty {shown} ({where}), at least {years}"
    if verdict == BELOW:
        return f"maximum penalty {shown} ({where}), below {years}"
    return f"maximum penalty {shown} ({where}); none stated in {', '.join(unstated)}, so whether it reaches {years} is unknown"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def years_text(value: Decimal | int | float) -> str:
    """A number of years as written: 1, 2.5 (no trailing zeros)."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return f"{value:g}" if isinstance(value, float) else str(value)


def years_phrase(value: Decimal) -> str:
    """"1 year", "0.5 years", "3 years"."""
    return f"{years_text(value)} year" if value == 1 else f"{years_text(value)} years"


def json_number(value: Decimal) -> int | float:
    """A Decimal for JSON: an int when whole (1, not 1.0), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


__all__ = [
    "ACYCLIC_PROPERTIES",
    "Analysis",
    "BELOW",
    "Cooperation",
    "Cycle",
    "DEFAULT_THRESHOLD_YEARS",
    "DualCriminality",
    "MEETS",
    "NARROWER",
    "NO",
    "NO_OFFENCE",
    "NOT_APPLICABLE",
    "NetworkInputError",
    "Node",
    "OFFENCE",
    "OFFENCE_GROUPS",
    "PairRow",
    "Peer",
    "PeerGap",
    "PeerReport",
    "Penalty",
    "Profile",
    "REFERENCE_PROPERTIES",
    "Reference",
    "ReferenceGraph",
    "STATES",
    "Similarity",
    "THRESHOLD_STATES",
    "UNKNOWN",
    "VERDICTS",
    "YES",
    "check_threshold",
    "jaccard",
    "pair_verdict",
    "reference_cycles",
    "threshold_state",
    "years_text",
]
