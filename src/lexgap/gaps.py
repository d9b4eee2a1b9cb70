"""Gap analysis: one status, with its evidence, per jurisdiction × requirement.

Public API (stable; the site and the network analysis build on it)::

    from lexgap.gaps import compute_gaps, evidence, compare, GapResult, STATUSES

    results = compute_gaps(graph_or_store, jurisdictions=["DEU"], instruments=["budapest"], as_of="2026-11-28")

- ``compute_gaps(source, jurisdictions=None, instruments=None, as_of=None) -> list[GapResult]`` — every
  requirement of the chosen instruments (default all) for every chosen jurisdiction (default all), sorted
  by jurisdiction, instrument, article sort key, requirement. ``source`` is anything
  :func:`lexgap.store.open_store` accepts: the rdflib graph from :func:`lexgap.store.load_graph` or
  :func:`lexgap.load.load`, a pyoxigraph store, an endpoint address, a :class:`lexgap.store.Store`. Jurisdictions are ISO codes (``"DEU"``) or
  IRIs, instruments identifiers (``"budapest"``) or IRIs; ``as_of`` a ``date`` or ``"YYYY-MM-DD"``
  (default: today).
- ``evidence(source, jurisdiction, requirement, as_of=None) -> CellEvidence`` — one cell's result with
  every candidate provision (in force or not), its element values (own or inherited) and quotes.
- ``compare(source, concept, jurisdictions=None, as_of=None) -> list[ComparisonRow]`` — the in-force
  provisions implementing a concept (or a narrower one) in each jurisdiction, with their element values.
- ``read(source, jurisdictions=None, instruments=None) -> KnowledgeBase`` and ``evaluate(kb, as_of) ->
  list[GapResult]`` — the two halves of ``compute_gaps``, for callers that evaluate one read on several
  dates (records: :mod:`lexgap.gapdata`).
- ``parse_as_of``, ``jurisdiction_iri``, ``instrument_iri``, ``concept_iri`` — the input rules the CLI uses.
- :class:`GapResult` (frozen, slotted): ``jurisdiction`` (ISO code), ``instrument`` (identifier), ``article``
  (number as printed), ``requirement`` (identifier), ``ref`` (e.g. ``"9(1)(e)"``), ``concept`` (concept
  id), ``status``, ``provisions`` (citations), ``provision_ids`` (identifiers), ``failed_constraints``
  (constraint names, e.g. ``("age",)``), ``reason`` (one readable sentence), ``mandatory``, ``reservable``,
  ``notes``; extras ``undetermined_constraints``, ``jurisdiction_iri``, ``requirement_iri``,
  ``concept_iri``, ``as_of``. ``to_dict()`` gives the JSON contract.
- Status constants ``MET``, ``PARTIAL``, ``MISSING``, ``RESERVED``, ``NOT_APPLICABLE``, ``UNKNOWN`` and
  ``STATUSES`` (in that order). ``GapInputError`` for unknown names or bad dates.

How statuses are decided is written down for lawyers in docs/methodology-gaps.md; the words of every
reason come from the data's labels and notes, never from law typed into this module.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Iterator, Sequence

from rdflib import URIRef

from .gapdata import (
    Constraint,
    KnowledgeBase,
    Provision,
    Requirement,
    Reservation,
    local_name,
    natural_key,
    read_kb,
)
from .store import Store, open_store
from .vocab import LG, LGC, LGI, LGJ

MET = "met"
PARTIAL = "partial"
MISSING = "missing"
RESERVED = "reserved"
NOT_APPLICABLE = "not-applicable"
UNKNOWN = "unknown"
STATUSES = (MET, PARTIAL, MISSING, RESERVED, NOT_APPLICABLE, UNKNOWN)

# Elements with a meaning the logic relies on (vocabulary, not law): the protected age range
# [childAgeFrom, childAgeThreshold) unites across provisions; life imprisonment exceeds any term in years.
AGE = LG.childAgeThreshold
AGE_FROM = LG.childAgeFrom
PENALTY_YEARS = LG.maxPenaltyYears
PENALTY_LIFE = LG.maxPenaltyLife

PASS, FAIL, UNDETERMINED = "pass", "fail", "undetermined"
_AGE_KEY, _PENALTY_LIFE_KEY = str(AGE), str(PENALTY_LIFE)


class GapInputError(ValueError):
    """An unknown jurisdiction, instrument, requirement or concept, or a bad date (one-line message)."""


@dataclass(frozen=True, slots=True)
class GapResult:
    jurisdiction: str
    instrument: str
    article: str
    requirement: str
    ref: str
    concept: str
    status: str
    provisions: tuple[str, ...]
    provision_ids: tuple[str, ...]
    failed_constraints: tuple[str, ...]
    reason: str
    mandatory: bool
    reservable: bool
    notes: tuple[str, ...] = ()
    undetermined_constraints: tuple[str, ...] = ()
    jurisdiction_iri: str = ""
    requirement_iri: str = ""
    concept_iri: str = ""
    as_of: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract keys first, then the extras; tuples become lists."""
        data = asdict(self)
        return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}


@dataclass(frozen=True)
class ValueSource:
    element: str  # element id (e.g. "childAgeThreshold")
    values: tuple[Any, ...]
    source: str  # citation of the provision that states it (the provision itself, or a definition)


@dataclass(frozen=True)
class ProvisionEvidence:
    identifier: str
    citation: str
    iri: str
    in_force: bool
    not_in_force_because: str
    implements: tuple[str, ...]
    values: tuple[ValueSource, ...]
    quotes: tuple[tuple[str, str], ...] = ()  # (element id or "", quote)
    excerpt: str = ""
    source_url: str = ""


@dataclass(frozen=True)
class CellEvidence:
    result: GapResult
    provisions: tuple[ProvisionEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"result": self.result.to_dict(), "provisions": [asdict(p) for p in self.provisions]}


@dataclass(frozen=True)
class ComparisonRow:
    jurisdiction: str
    concept: str
    coverage: str  # "provision", or MISSING (reviewed, none in force) or UNKNOWN (not reviewed)
    provision: str = ""
    provision_id: str = ""
    implements: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (element id, formatted values incl. inherited ones)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["implements"] = list(self.implements)
        data["values"] = dict(self.values)
        return data


# --------------------------------------------------------------------------------------------------
# Inputs
# --------------------------------------------------------------------------------------------------


def parse_as_of(as_of: date | str | None) -> date:
    if as_of is None:
        return date.today()
    if isinstance(as_of, date):
        return as_of
    try:
        return date.fromisoformat(str(as_of))
    except ValueError:
        raise GapInputError(f"not a date (YYYY-MM-DD): {as_of!r}") from None


def _iri(value: str | URIRef, namespace: Any, what: str) -> URIRef:
    if isinstance(value, URIRef) or str(value).startswith(("http://", "https://")):
        return URIRef(str(value))
    text = str(value).strip()
    # Identifiers are kebab-case names or codes; anything else cannot be a node of ours.
    if not text or not all(ch.isalnum() or ch in "-_." for ch in text):
        raise GapInputError(f"not a valid {what} identifier: {value!r}")
    return URIRef(str(namespace) + text)


def jurisdiction_iri(code: str | URIRef) -> URIRef:
    """``"deu"`` or ``"DEU"`` → ``lgj:DEU``; an IRI is kept as it is."""
    if isinstance(code, URIRef) or str(code).startswith(("http://", "https://")):
        return URIRef(str(code))
    return _iri(str(code).strip().upper(), LGJ, "jurisdiction")


def instrument_iri(identifier: str | URIRef) -> URIRef:
    return _iri(identifier, LGI, "instrument")


def concept_iri(identifier: str | URIRef) -> URIRef:
    return _iri(identifier, LGC, "concept")


def _check_known(kb: KnowledgeBase, jurisdictions: Sequence[URIRef] | None, instruments: Sequence[URIRef] | None) -> None:
    for iri in jurisdictions or ():
        if iri not in kb.jurisdictions:
            raise GapInputError(f"unknown jurisdiction: {local_name(iri)} (no lg:Jurisdiction <{iri}>)")
    for iri in instruments or ():
        if iri not in kb.instruments:
            raise GapInputError(f"unknown instrument: {local_name(iri)} (no lg:Instrument <{iri}>)")


def read(
    source: Any, jurisdictions: Iterable[str | URIRef] | None = None, instruments: Iterable[str | URIRef] | None = None
) -> KnowledgeBase:
    """Read the records for the chosen jurisdictions and instruments (unknown names raise GapInputError)."""
    store: Store = open_store(source)
    j_iris = sorted({jurisdiction_iri(j) for j in jurisdictions}) if jurisdictions is not None else None
    i_iris = sorted({instrument_iri(i) for i in instruments}) if instruments is not None else None
    kb = read_kb(store, j_iris, i_iris)
    _check_known(kb, j_iris, i_iris)
    return kb


# --------------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------------


def compute_gaps(
    source: Any,
    jurisdictions: Iterable[str | URIRef] | None = None,
    instruments: Iterable[str | URIRef] | None = None,
    as_of: date | str | None = None,
) -> list[GapResult]:
    """Every chosen jurisdiction × every requirement of the chosen instruments, with status and evidence."""
    day = parse_as_of(as_of)
    with _collector_paused():
        return evaluate(read(source, jurisdictions, instruments), day)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while records are built: they hold no cycles, and a matrix of 2,000
    jurisdictions allocates millions of objects, each batch of which would otherwise trigger a scan."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def evaluate(kb: KnowledgeBase, as_of: date | str | None = None) -> list[GapResult]:
    engine = Engine(kb, parse_as_of(as_of))
    requirements = sorted(kb.requirements, key=lambda r: _requirement_key(kb, r))
    results = []
    for jurisdiction in sorted(kb.jurisdictions.values(), key=lambda j: (j.code, str(j.iri))):
        for requirement in requirements:
            results.append(engine.cell(jurisdiction.iri, requirement))
    return results


def evidence(
    source: Any, jurisdiction: str | URIRef, requirement: str | URIRef, as_of: date | str | None = None
) -> CellEvidence:
    """One cell in full: its result and every provision implementing the concept, with values and quotes."""
    day = parse_as_of(as_of)
    store = open_store(source)
    j_iri = jurisdiction_iri(jurisdiction)
    kb = read_kb(store, [j_iri], None)
    _check_known(kb, [j_iri], None)
    req = _find_requirement(kb, requirement)
    engine = Engine(kb, day)
    result = engine.cell(j_iri, req)
    candidates = engine.candidates(j_iri, req.concept)
    quotes: dict[URIRef, list[tuple[str, str]]] = defaultdict(list)
    details: dict[URIRef, tuple[str, str]] = {}
    if candidates:
        table = store.select("report-evidence", {"provision": [p.iri for p in candidates]})
        for row in table.dicts():
            iri = row["provision"]
            details.setdefault(iri, (str(row.get("excerpt") or ""), str(row.get("sourceUrl") or "")))
            if row.get("quote") is not None:
                pair = (local_name(row["element"]) if row.get("element") is not None else "", str(row["quote"]))
                if pair not in quotes[iri]:
                    quotes[iri].append(pair)
    provisions = []
    for p in candidates:
        active, why = engine.in_force(p)
        values = tuple(
            ValueSource(local_name(element), tuple(vals), origin.citation)
            for element, (vals, origin) in sorted(engine.values(p).items(), key=lambda kv: str(kv[0]))
        )
        excerpt, url = details.get(p.iri, ("", ""))
        provisions.append(
            ProvisionEvidence(
                identifier=p.identifier,
                citation=p.citation,
                iri=str(p.iri),
                in_force=active,
                not_in_force_because=why,
                implements=tuple(sorted(local_name(c) for c in p.implements)),
                values=values,
                quotes=tuple(quotes.get(p.iri, ())),
                excerpt=excerpt,
                source_url=url,
            )
        )
    return CellEvidence(result, tuple(provisions))


def compare(
    source: Any,
    concept: str | URIRef,
    jurisdictions: Iterable[str | URIRef] | None = None,
    as_of: date | str | None = None,
) -> list[ComparisonRow]:
    """How each jurisdiction implements one concept (or a narrower one): provisions in force and values."""
    day = parse_as_of(as_of)
    c_iri = concept_iri(concept)
    kb = read(source, jurisdictions, instruments=[])
    known = set(kb.narrower) | {c for children in kb.narrower.values() for c in children} | set(kb.labels)
    if c_iri not in known:
        raise GapInputError(f"unknown concept: {local_name(c_iri)} (no label or SKOS relation for <{c_iri}>)")
    engine = Engine(kb, day)
    closure = kb.closure(c_iri)
    rows: list[ComparisonRow] = []
    for j in sorted(kb.jurisdictions.values(), key=lambda j: (j.code, str(j.iri))):
        active = [p for p in engine.candidates(j.iri, c_iri) if engine.in_force(p)[0]]
        if not active:
            reviewed, _ = engine.reviewed(j.iri, c_iri)
            rows.append(ComparisonRow(j.code, local_name(c_iri), MISSING if reviewed else UNKNOWN))
            continue
        for p in active:
            values = tuple(
                (local_name(element), engine.describe_values(element, vals, p, origin))
                for element, (vals, origin) in sorted(engine.values(p).items(), key=lambda kv: str(kv[0]))
            )
            rows.append(
                ComparisonRow(
                    j.code,
                    local_name(c_iri),
                    "provision",
                    p.citation,
                    p.identifier,
                    tuple(sorted(local_name(c) for c in p.implements if c in closure)),
                    values,
                )
            )
    return rows


def _find_requirement(kb: KnowledgeBase, requirement: str | URIRef) -> Requirement:
    text = str(requirement)
    for req in kb.requirements:
        if text in (str(req.iri), req.identifier):
            return req
    raise GapInputError(f"unknown requirement: {text}")


def _requirement_key(kb: KnowledgeBase, req: Requirement) -> tuple:
    instrument = kb.instruments.get(req.instrument)
    return (
        instrument.identifier if instrument else local_name(req.instrument),
        req.article_sort,
        natural_key(req.ref),
        req.identifier,
    )


# --------------------------------------------------------------------------------------------------
# The status logic
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _RequirementInfo:
    """What a requirement contributes to every cell of its column, worked out once."""

    key: str
    concept_label: str
    instrument_name: str
    instrument_id: str
    where: str
    concept_id: str
    constraint_keys: tuple[str, ...]
    age: Constraint | None
    concept_key: str
    reservable: bool


@dataclass(frozen=True)
class _ConstraintInfo:
    """What checking a constraint needs, worked out once: its element as a string, its words."""

    element: str
    label: str
    required: str
    life_counts: bool  # a maximum of life imprisonment meets it
    boolean: bool
    limit: Any
    value_node: str


@dataclass(frozen=True, slots=True)
class _Found:
    """The provisions of one jurisdiction for one concept, on the date."""

    candidates: list[Provision]
    active: list[Provision]
    cites: tuple[str, ...]
    cite_text: str
    ids: tuple[str, ...]
    notes: tuple[str, ...]
    unrecorded: list[Provision]


@dataclass(frozen=True)
class _JurisdictionContext:
    """What a jurisdiction contributes to every cell of its row, worked out once."""

    key: str
    code: str
    label: str
    by_target: dict[str, list[Reservation]]


@dataclass(slots=True)
class _Outcome:
    constraint: Constraint
    state: str  # PASS, FAIL, UNDETERMINED
    message: str


class _Notes:
    """Notes in the order they were added, each once."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[str, None] = {}

    def add(self, text: str) -> None:
        if text:
            self.seen[text] = None

    @property
    def items(self) -> tuple[str, ...]:
        return tuple(self.seen)


class Engine:
    """The status logic for one knowledge base and one date.

    Public so that the site and the cross-border analysis read provisions exactly as the statuses do
    (``in_force``, ``values``): one decision of what is in force, never two.

    Caches are keyed by plain strings or object ids: rdflib's ``URIRef`` hashes in Python, and a matrix of
    200 jurisdictions asks the same questions hundreds of thousands of times.
    """

    def __init__(self, kb: KnowledgeBase, as_of: date):
        self.kb = kb
        self.as_of = as_of
        self._day = as_of.isoformat()
        self._in_force: dict[int, tuple[bool, str]] = {}
        self._values: dict[int, dict[URIRef, tuple[list[Any], Provision]]] = {}
        self._provision_notes: dict[int, tuple[str, ...]] = {}
        # jurisdiction -> concept -> provisions implementing it (every version; in-force is checked later)
        self._index: dict[str, dict[str, list[Provision]]] = defaultdict(lambda: defaultdict(list))
        for p in sorted(kb.provisions.values(), key=lambda p: (p.identifier, str(p.iri))):
            for concept in p.implements:
                self._index[str(p.jurisdiction)][str(concept)].append(p)
        self._closures: dict[str, frozenset[str]] = {}
        self._candidates: dict[tuple[str, str], list[Provision]] = {}
        self._reviewed: dict[str, dict[str, tuple[bool, date | None]]] = {}
        self._reservations: dict[str, tuple[list[Reservation], dict[str, list[Reservation]]]] = {}
        self._labels: dict[str, str] = {str(k): v for k, v in kb.labels.items()}
        self._instrument_names: dict[str, str] = {
            str(iri): instrument.title for iri, instrument in kb.instruments.items()
        }
        self._instrument_ids: dict[str, str] = {
            str(iri): instrument.identifier for iri, instrument in kb.instruments.items()
        }
        self._requirement_info: dict[int, _RequirementInfo] = {}
        self._contexts: dict[str, _JurisdictionContext] = {}
        self._constraint_infos: dict[int, _ConstraintInfo] = {}
        self._texts: dict[tuple[int, str], str] = {}
        self._found: dict[tuple[str, str], _Found] = {}
        self._plain: dict[int, dict[str, list[Any]]] = {}
        self._element_keys: dict[int, str] = {}  # id(constraint) -> its element as a string

    def _info(self, req: Requirement) -> "_RequirementInfo":
        found = self._requirement_info.get(id(req))
        if found is None:
            instrument_name = self._instrument_names.get(str(req.instrument)) or local_name(req.instrument)
            found = self._requirement_info[id(req)] = _RequirementInfo(
                key=str(req.iri),
                concept_label=self.label(req.concept) if req.concept is not None else "(no concept)",
                instrument_name=instrument_name,
                instrument_id=self._instrument_ids.get(str(req.instrument)) or local_name(req.instrument),
                where=f"{instrument_name} {req.ref}",
                concept_id=local_name(req.concept) if req.concept is not None else "",
                constraint_keys=tuple(str(c.iri) for c in req.constraints),
                age=next(
                    (c for c in req.constraints if c.element == AGE and c.operator in ("ge", "le", "eq")), None
                ),
                concept_key=str(req.concept) if req.concept is not None else "",
                reservable=req.reservable,
            )
        return found

    def label(self, node: URIRef | None) -> str:
        if node is None:
            return ""
        key = str(node)
        return self._labels.get(key) or local_name(key)

    def _code(self, jurisdiction: URIRef) -> str:
        record = self.kb.jurisdictions.get(jurisdiction)
        return record.code if record is not None else local_name(jurisdiction)

    def _context(self, jurisdiction: URIRef) -> "_JurisdictionContext":
        key = str(jurisdiction)
        found = self._contexts.get(key)
        if found is None:
            reservations, by_target = self._effective_reservations(jurisdiction)
            found = self._contexts[key] = _JurisdictionContext(
                key, self._code(jurisdiction), self.label(jurisdiction), by_target
            )
        return found

    def _closure(self, concept: URIRef) -> frozenset[str]:
        key = str(concept)
        found = self._closures.get(key)
        if found is None:
            found = self._closures[key] = frozenset(str(c) for c in self.kb.closure(concept))
        return found

    def _effective_reservations(self, jurisdiction: URIRef) -> tuple[list[Reservation], dict[str, list[Reservation]]]:
        """The jurisdiction's reservations in effect on the date, and the same by what they lift."""
        key = str(jurisdiction)
        found = self._reservations.get(key)
        if found is None:
            effective = [r for r in self.kb.reservations.get(jurisdiction, ()) if r.effective(self.as_of)]
            by_target: dict[str, list[Reservation]] = defaultdict(list)
            for r in effective:
                for target in r.lifts:
                    by_target[str(target)].append(r)
            found = self._reservations[key] = (effective, dict(by_target))
        return found

    # ---- facts about provisions -------------------------------------------------------------------

    def in_force(self, p: Provision) -> tuple[bool, str]:
        """Whether ``p`` is in force on the date asked, and if not, why (in the data's dates)."""
        known = self._in_force.get(id(p))
        if known is not None:
            return known
        day = self.as_of
        answer = (True, "")
        if p.in_force_from is not None and p.in_force_from > day:
            answer = (False, f"in force from {p.in_force_from.isoformat()}")
        elif p.in_force_until is not None and p.in_force_until <= day:
            answer = (False, f"in force until {p.in_force_until.isoformat()}")
        elif p.suspended_from is not None and p.suspended_from <= day and (
            p.suspended_until is None or day < p.suspended_until
        ):
            until = f" until {p.suspended_until.isoformat()}" if p.suspended_until else ""
            answer = (False, f"suspended from {p.suspended_from.isoformat()}{until}")
        elif p.text_version == "bill":
            # A bill's text (e.g. MYS D.R. 6/2017) states what was proposed, not the law.
            answer = (False, "bill text, not enacted law")
        elif p.text_version == "superseded" and p.in_force_until is None:
            # The source marks the text as replaced but gives no end date (e.g. PHL RA 9775): it is not
            # the law on any date we can state.
            answer = (False, "text marked superseded in its source, end date not recorded")
        else:
            for newer_iri in sorted(p.superseded_by):
                newer = self.kb.provisions.get(newer_iri)
                # A newer version that has come into force replaces this one even if no end date was
                # recorded; one with no start date recorded replaces it on every date.
                if newer is None:
                    continue
                if newer.in_force_from is None:
                    answer = (False, f"superseded by {newer.citation}, commencement date not recorded")
                    break
                if newer.in_force_from <= day:
                    answer = (False, f"superseded by {newer.citation} from {newer.in_force_from.isoformat()}")
                    break
        self._in_force[id(p)] = answer
        return answer

    def _version_in_force(self, iri: URIRef) -> Provision | None:
        """The version of a (definition) provision in force on the date: follow lg:supersedes both ways."""
        start = self.kb.provisions.get(iri)
        if start is None:
            return None
        family, stack = {iri}, [start]
        while stack:
            p = stack.pop()
            for other in list(p.supersedes) + list(p.superseded_by):
                if other not in family and other in self.kb.provisions:
                    family.add(other)
                    stack.append(self.kb.provisions[other])
        for member in sorted(family, key=str):
            candidate = self.kb.provisions[member]
            if self.in_force(candidate)[0]:
                return candidate
        return None

    def values(self, p: Provision) -> dict[URIRef, tuple[list[Any], Provision]]:
        """Element values of ``p``: its own, then those of the definitions it relies on, nearest first."""
        known = self._values.get(id(p))
        if known is not None:
            return known
        values = {element: (vals, p) for element, vals in p.values.items()}
        if not p.definitions:
            self._values[id(p)] = values
            return values
        seen = {p.iri}
        level = list(p.definitions)
        while level:
            following: list[URIRef] = []
            for iri in sorted(level, key=str):
                definition = self._version_in_force(iri)
                if definition is None or definition.iri in seen:
                    continue
                seen.add(definition.iri)
                for element, vals in definition.values.items():
                    values.setdefault(element, (vals, definition))
                following.extend(definition.definitions)
            level = following
        self._values[id(p)] = values
        return values

    def candidates(self, jurisdiction: URIRef, concept: URIRef | None) -> list[Provision]:
        """Every version of every provision of the jurisdiction implementing the concept or a narrower one."""
        return self._candidates_for(str(jurisdiction), str(concept) if concept is not None else "", concept)

    def _candidates_for(self, jkey: str, ckey: str, concept: URIRef | None) -> list[Provision]:
        found = self._candidates.get((jkey, ckey))
        if found is None:
            index = self._index.get(jkey, {})
            chosen: dict[int, Provision] = {}
            for c in self._closure(concept) if concept is not None else ():
                for p in index.get(c, ()):
                    chosen[id(p)] = p
            found = self._candidates[(jkey, ckey)] = sorted(chosen.values(), key=lambda p: (p.identifier, str(p.iri)))
        return found

    def reviewed(self, jurisdiction: URIRef, concept: URIRef | None) -> tuple[bool, date | None]:
        """Whether the concept's area was reviewed: listed itself, or covered by a listed broader group;
        and the latest review date of the areas covering it."""
        return self._reviewed_for(jurisdiction, str(jurisdiction), str(concept) if concept is not None else "", concept)

    def _reviewed_for(self, jurisdiction: URIRef, jkey: str, ckey: str, concept: URIRef | None) -> tuple[bool, date | None]:
        covered = self._reviewed.get(jkey)
        if covered is None:
            # Every concept the jurisdiction's review covers (its areas and all their narrower concepts),
            # with the latest date of the areas covering it: worked out once per jurisdiction.
            covered = self._reviewed[jkey] = {}
            for area, day in self.kb.coverage.get(jurisdiction, {}).items():
                for key in self._closure(area):
                    known = covered.get(key)
                    if known is None or (day is not None and (known[1] is None or day > known[1])):
                        covered[key] = (True, day)
        return covered.get(ckey, (False, None)) if concept is not None else (False, None)

    def _history_unknown(self, p: Provision) -> bool:
        """``p`` starts after the date, no earlier version of it is encoded, and it is not a first
        enactment: what the law said before its start is not in the data."""
        return (
            p.in_force_from is not None
            and p.in_force_from > self.as_of
            and not p.supersedes
            and p.text_version != "as-enacted"
        )

    def _found_for(self, jkey: str, ckey: str, concept: URIRef | None) -> "_Found":
        """The provisions a jurisdiction has for a concept on the date (several requirements name the same
        concept: worked out once)."""
        found = self._found.get((jkey, ckey))
        if found is None:
            candidates = self._candidates_for(jkey, ckey, concept)
            active: list[Provision] = []
            notes: dict[str, None] = {}
            for p in candidates:
                ok, why = self.in_force(p)
                if ok:
                    active.append(p)
                else:
                    notes[f"{p.citation}: not in force on {self._day} ({why})."] = None
            for p in active:
                for note in self._notes_for(p):
                    notes[note] = None
            cites = tuple(p.citation for p in active)
            found = self._found[(jkey, ckey)] = _Found(
                candidates=candidates,
                active=active,
                cites=cites,
                cite_text=", ".join(cites),
                ids=tuple(p.identifier for p in active),
                notes=tuple(notes),
                # A version that starts after the date, with no earlier version encoded and not a first
                # enactment: the law before it is not in the data, which is no evidence of a gap.
                unrecorded=[p for p in candidates if self._history_unknown(p)] if len(active) < len(candidates) else [],
            )
        return found

    def _notes_for(self, p: Provision) -> tuple[str, ...]:
        """What a reader must know about a provision used as evidence (from the data's own cautions)."""
        found = self._provision_notes.get(id(p))
        if found is None:
            notes = [f"{p.citation}: {caution}" for caution in sorted(p.cautions)]
            if p.source_partial:
                notes.append(f"{p.citation}: the source text is partial.")
            if p.review_status == "draft":
                notes.append(f"{p.citation}: encoding not yet reviewed (draft).")
            found = self._provision_notes[id(p)] = tuple(notes)
        return found

    # ---- one cell -----------------------------------------------------------------------------------

    def cell(self, jurisdiction: URIRef, req: Requirement) -> GapResult:
        notes = _Notes()
        info = self._info(req)
        ctx = self._context(jurisdiction)
        concept_label, instrument_name, where = info.concept_label, info.instrument_name, info.where
        j_label = ctx.label

        found = self._found_for(ctx.key, info.concept_key, req.concept)
        candidates, active, cites, cite_text = found.candidates, found.active, found.cites, found.cite_text
        for note in found.notes:
            notes.add(note)

        by_target = ctx.by_target
        lifting = by_target.get(info.key, []) if by_target else []
        permitted = [r for r in lifting if self._permits(req.reservable_under, r, req)]
        for r in lifting:
            if r not in permitted:
                notes.add(self._not_permitted(r, req.reservable_under, req.ref, instrument_name))

        reviewed, reviewed_on = self._reviewed_for(jurisdiction, ctx.key, info.concept_key, req.concept)
        unrecorded = found.unrecorded
        failed: list[_Outcome] = []
        undetermined: list[_Outcome] = []
        passed: list[_Outcome] = []

        if req.optional:
            status = NOT_APPLICABLE
            reason = f"Optional under {where}: not counted against the state."
            if active:
                reason += f" {_cap(concept_label)} is implemented by {cite_text}."
        elif permitted:
            status = RESERVED
            r = permitted[0]
            made = f" (made on {r.made_on.isoformat()})" if r.made_on else ""
            reason = f"{_cap(r.kind)} under {instrument_name} {r.invokes}{made} lifts {req.ref}: not a gap."
            if active:
                reason += f" {_cap(concept_label)} is implemented by {cite_text}."
        elif not active:
            if reviewed and unrecorded:
                status = UNKNOWN
                reason = (
                    f"No provision in force on {self._day} implements {_mid(concept_label)} in the versions encoded; "
                    f"the earliest encoded version of {_earliest(unrecorded)}, and the law before it is not encoded."
                )
            elif reviewed:
                status = MISSING
                on = f" on {reviewed_on.isoformat()}" if reviewed_on else ""
                reason = (
                    f"No provision in force on {self._day} implements {_mid(concept_label)}; "
                    f"{j_label} was reviewed for it{on}."
                )
            else:
                status = UNKNOWN
                reason = (
                    f"{_cap(concept_label)} has not been reviewed for {j_label}; "
                    f"no provision in force on {self._day} is encoded."
                )
            inactive = [p.citation for p in candidates]
            if inactive and not (reviewed and unrecorded):
                reason += f" Not in force on that date: {', '.join(inactive)}."
        else:
            lifted: list[str] = []
            for outcome in self._constraints(jurisdiction, req, active, by_target, notes, lifted):
                {PASS: passed, FAIL: failed, UNDETERMINED: undetermined}[outcome.state].append(outcome)
            head = f"{_cap(concept_label)} is implemented by {cite_text}"
            if lifted:
                head += f" ({'; '.join(lifted)})"
            if failed:
                detail = "; ".join(dict.fromkeys(o.message for o in failed))
                if reviewed and unrecorded:
                    status = UNKNOWN
                    reason = (
                        f"{head}, but {detail}; the earliest encoded version of {_earliest(unrecorded)}, "
                        "and the law before it is not encoded, so it may have covered the rest."
                    )
                elif reviewed:
                    status = PARTIAL
                    reason = f"{head}, but {detail}."
                else:
                    status = UNKNOWN
                    reason = (
                        f"{head}, but {detail}; {_mid(concept_label)} has not been reviewed for {j_label}, "
                        "so other provisions may cover the rest."
                    )
            elif undetermined:
                status = UNKNOWN
                detail = "; ".join(dict.fromkeys(o.message for o in undetermined))
                reason = f"{head}, but {detail}, so {where} cannot be assessed."
            else:
                status = MET
                detail = "; ".join(o.message for o in passed)
                reason = f"{head}; {detail}." if detail else f"{head}."
            for outcome in failed + undetermined:
                if outcome.constraint.note:
                    notes.add(f"{outcome.constraint.slug}: {outcome.constraint.note}")

        return GapResult(
            jurisdiction=ctx.code,
            instrument=info.instrument_id,
            article=req.article_number,
            requirement=req.identifier,
            ref=req.ref,
            concept=info.concept_id,
            status=status,
            provisions=cites,
            provision_ids=found.ids,
            failed_constraints=tuple(o.constraint.slug for o in failed),
            reason=reason,
            mandatory=not req.optional,
            reservable=info.reservable,
            notes=tuple(notes.items),
            undetermined_constraints=tuple(o.constraint.slug for o in undetermined),
            jurisdiction_iri=ctx.key,
            requirement_iri=info.key,
            concept_iri=info.concept_key,
            as_of=self._day,
        )

    @staticmethod
    def _permits(clause: str | None, r: Reservation, req: Requirement) -> bool:
        return clause is not None and r.invokes == clause and r.instrument == req.instrument

    def _not_permitted(self, r: Reservation, clause: str | None, target: str, instrument_name: str) -> str:
        invoked = f"invokes {r.invokes}" if r.invokes else "invokes no clause"
        if clause:
            allowed = f"{instrument_name} permits a reservation on {target} only under {clause}"
        else:
            allowed = f"{instrument_name} permits no reservation on {target}"
        return f"{_cap(r.kind)} {local_name(r.iri)} {invoked}, but {allowed}: it lifts nothing."

    # ---- constraints --------------------------------------------------------------------------------

    def _constraints(
        self,
        jurisdiction: URIRef,
        req: Requirement,
        active: list[Provision],
        by_target: dict[str, list[Reservation]],
        notes: _Notes,
        lifted: list[str],
    ) -> list[_Outcome]:
        info = self._info(req)
        name = info.instrument_name
        checked: list[Constraint] = []
        for c, key in zip(req.constraints, info.constraint_keys):
            lifting = by_target.get(key, []) if by_target else []
            permitted = [r for r in lifting if c.reservable_under is not None and r.invokes == c.reservable_under and r.instrument == req.instrument]
            for r in lifting:
                if r not in permitted:
                    notes.add(self._not_permitted(r, c.reservable_under, f"{req.ref} (constraint {c.slug})", name))
            if permitted:
                r = permitted[0]
                made = f", made on {r.made_on.isoformat()}" if r.made_on else ""
                lifted.append(f"{self.label(c.element)} ({c.slug}) lifted by {r.kind} under {r.invokes}{made}")
                continue
            checked.append(c)

        outcomes: list[_Outcome] = []
        age = info.age if any(c is info.age for c in checked) else None
        bands: list[tuple[Any, Any, list[Provision]]] = []
        if age is not None:
            outcome, bands = self._age(age, active)
            outcomes.append(outcome)
        for c in checked:
            if c is age:
                continue
            outcomes.append(self._element(c, active, bands))
        # An optional constraint (the instrument only permits it) never fails: report it as a note.
        final = []
        for outcome in outcomes:
            if outcome.constraint.optional:
                if outcome.state != PASS:
                    notes.add(f"{outcome.constraint.slug} (optional, not counted): {outcome.message}.")
                continue
            final.append(outcome)
        return final

    def _age(self, c: Constraint, active: list[Provision]) -> tuple[_Outcome, list]:
        label = self.label(AGE)
        intervals = []
        for p in active:
            thresholds = _numbers(self._plain_values(p).get(_AGE_KEY, ()))
            if not thresholds:
                continue
            values = self.values(p)
            starts = _numbers(values.get(AGE_FROM, ((), p))[0])
            origin = values[AGE][1]
            intervals.append((min(starts) if starts else 0, max(thresholds), p, origin))
        if not intervals:
            return _Outcome(c, UNDETERMINED, f"{label} is not stated ({_cites(active)})"), []
        intervals.sort(key=lambda t: (t[0], -t[1], t[2].identifier))
        reach = 0
        for start, end, _p, _o in intervals:
            if start > reach:
                break
            reach = max(reach, end)
        parts = []
        for start, end, p, origin in intervals:
            span = f"under {_num(end)}" if start == 0 else f"{_num(start)} to under {_num(end)}"
            via = f" via {origin.citation}" if origin is not p else ""
            parts.append(f"{p.citation}{via}: {span}")
        covered = f"persons under {_num(reach)}" if reach else "no one from birth"
        observed = f"{label}: {covered} ({'; '.join(parts)})"
        required = c.value
        if required is None:
            return _Outcome(c, UNDETERMINED, f"{observed}, but the constraint states no value"), []
        ok = _compare(c.operator, reach, required)
        if ok and c.operator == "ge":
            state, message = PASS, f"{observed}, required at least {_num(required)}"
        elif ok:
            state, message = PASS, f"{observed}, required {_op(c.operator)}{_num(required)}"
        elif c.operator == "ge" and c.permitted_minimum is not None and _compare("ge", reach, c.permitted_minimum):
            state = PASS
            message = (
                f"{observed}, which meets the permitted lower limit of {_num(c.permitted_minimum)} "
                f"(required {_num(required)})"
            )
        else:
            state, message = FAIL, f"{observed}, required {self._required(c)}"
        # The other constraints must hold over each part of the protected range up to what is required.
        target = min(reach, required) if isinstance(required, (int, Decimal)) and reach else reach
        points = sorted({0, target} | {v for s, e, _p, _o in intervals for v in (s, e) if 0 < v < target})
        bands = []
        for low, high in zip(points, points[1:]):
            covering = [p for s, e, p, _o in intervals if s <= low and e >= high]
            if covering:
                bands.append((low, high, covering))
        return _Outcome(c, state, message), bands

    def _element(self, c: Constraint, active: list[Provision], bands: list) -> _Outcome:
        info = self._constraint_info(c)
        label = info.label
        # With the age range split over provisions, the constraint must hold in each part of the range.
        if len(bands) > 1:
            groups = bands
        elif bands:
            groups = [(None, None, bands[0][2])]
        else:
            groups = [(None, None, active)]
        failing: list[str] = []
        unknown: list[str] = []
        shown: dict[str, None] = {}  # what each provision states, in order, once (scopes matter only on failure)
        covering: dict[str, None] = {}
        check = self._check
        for low, high, provs in groups:
            results = [(p, *check(c, p)) for p in provs]
            passed = undetermined = False
            for _p, state, _t in results:
                if state is PASS:
                    passed = True
                    break
                if state is UNDETERMINED:
                    undetermined = True
            if passed:
                for p, state, text in results:
                    if c.operator == "covers":
                        if state is PASS:
                            covering[p.citation] = None
                    else:
                        shown[f"{text} ({p.citation})"] = None
                continue
            scope = "" if low is None else (
                f" for persons under {_num(high)}" if low == 0 else f" for ages {_num(low)} to under {_num(high)}"
            )
            if undetermined:
                unknown.append(f"{label} is not stated{scope} ({_cites(provs)})")
            else:
                listing = ", ".join(f"{text} ({p.citation})" for p, _state, text in results)
                failing.append(f"{listing}{scope}")
        if failing:
            return _Outcome(c, FAIL, f"{label}: {'; '.join(failing)}, required {info.required}")
        if unknown:
            return _Outcome(c, UNDETERMINED, "; ".join(unknown))
        if c.operator == "covers":
            # Name what was required and who covers it; the full lists are in the evidence.
            return _Outcome(c, PASS, f"{label} includes {self.label(c.value_node)} ({', '.join(covering)})")
        return _Outcome(c, PASS, f"{label}: {', '.join(shown)}, required {info.required}")

    def _constraint_info(self, c: Constraint) -> "_ConstraintInfo":
        found = self._constraint_infos.get(id(c))
        if found is None:
            limit = c.value
            if c.operator == "ge" and c.permitted_minimum is not None and _comparable(c.value, c.permitted_minimum):
                limit = min(c.value, c.permitted_minimum)
            found = self._constraint_infos[id(c)] = _ConstraintInfo(
                element=str(c.element) if c.element is not None else "",
                label=self.label(c.element),
                required=self._required(c),
                life_counts=c.element == PENALTY_YEARS and c.operator == "ge",
                boolean=self.kb.is_boolean(c.element),
                limit=limit,
                value_node=str(c.value_node) if c.value_node is not None else "",
            )
        return found

    def _plain_values(self, p: Provision) -> dict[str, list[Any]]:
        """Like :meth:`values`, keyed by plain strings and without the origins (the hot path)."""
        found = self._plain.get(id(p))
        if found is None:
            found = self._plain[id(p)] = {str(k): vals for k, (vals, _origin) in self.values(p).items()}
        return found

    def _required(self, c: Constraint) -> str:
        if c.operator == "covers":
            return f"to include {self.label(c.value_node)}"
        if c.operator == "ge" and c.permitted_minimum is not None:
            return f"at least {_num(c.value)} (or the permitted {_num(c.permitted_minimum)})"
        if c.operator == "eq":
            return f"to be {_value_text(self, c.value)}"
        return f"{_op(c.operator)}{_value_text(self, c.value)}"

    def _check(self, c: Constraint, p: Provision) -> tuple[str, str]:
        """Whether one provision meets one constraint: (PASS/FAIL/UNDETERMINED, the value as read)."""
        info = self._constraint_info(c)
        values = self._plain_values(p)
        stated = values.get(info.element, ())
        if c.operator == "covers":
            if not stated:
                return UNDETERMINED, "not stated"
            covered = any(str(v) == info.value_node for v in stated)
            return (PASS if covered else FAIL), self._stated_text(p, info.element, stated, sort=True)
        if info.life_counts and True in values.get(_PENALTY_LIFE_KEY, ()):
            return PASS, self.label(PENALTY_LIFE)
        if not stated:
            if not info.boolean:
                return UNDETERMINED, "not stated"
            # A "requires …"/"covers …" element not stated: the words add no such condition.
            state = PASS if _compare(c.operator, False, info.limit) else FAIL
            return state, "no (not stated)"
        states = [_compare(c.operator, v, info.limit) for v in stated]
        text = self._stated_text(p, info.element, stated)
        if True in states:
            return PASS, text
        if all(s is None for s in states):
            return UNDETERMINED, text
        return FAIL, text

    def _stated_text(self, p: Provision, element: str, stated: Any, sort: bool = False) -> str:
        """A provision's values for an element as a reader sees them (one provision is checked against
        many requirements: the text is made once)."""
        key = (id(p), element)
        found = self._texts.get(key)
        if found is None:
            parts = [_value_text(self, v) for v in stated]
            found = self._texts[key] = ", ".join(sorted(parts) if sort else parts)
        return found

    def describe_values(self, element: URIRef, values: list[Any], p: Provision, origin: Provision) -> str:
        text = ", ".join(_value_text(self, v) for v in values)
        return f"{text} (via {origin.citation})" if origin is not p else text


# --------------------------------------------------------------------------------------------------
# Small formatting and comparison pieces
# --------------------------------------------------------------------------------------------------


def _earliest(provisions: list[Provision]) -> str:
    """'X is in force from D' for the versions whose earlier history is not encoded."""
    parts = [f"{p.citation} is in force from {p.in_force_from.isoformat()}" for p in provisions if p.in_force_from]
    return "; ".join(parts)


def _mid(text: str) -> str:
    """A label inside a sentence: "Possessing …" becomes "possessing …"; "CSAM …" stays as it is."""
    return text[:1].lower() + text[1:] if len(text) > 1 and text[0].isupper() and text[1].islower() else text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cites(provisions: Iterable[Provision]) -> str:
    return ", ".join(p.citation for p in provisions)


def _numbers(values: Iterable[Any]) -> list[Any]:
    return [v for v in values if isinstance(v, (int, Decimal, float)) and not isinstance(v, bool)]


def _num(value: Any) -> str:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _value_text(kb: Any, value: Any) -> str:
    """A value as a reader sees it; ``kb`` is anything with ``label(iri)`` (the engine or the records)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, URIRef):
        return kb.label(value)
    if isinstance(value, date):
        return value.isoformat()
    return _num(value)


def _op(operator: str | None) -> str:
    return {"ge": "at least ", "le": "at most ", "eq": "", "covers": "to include "}.get(operator or "", "")


def _comparable(a: Any, b: Any) -> bool:
    numeric = (int, Decimal, float)
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool)
    return (isinstance(a, numeric) and isinstance(b, numeric)) or type(a) is type(b)


def _compare(operator: str | None, observed: Any, required: Any) -> bool | None:
    """``observed <op> required``; None when the two cannot be compared (then the value is undetermined)."""
    if not _comparable(observed, required):
        return None
    if isinstance(observed, float) or isinstance(required, float):
        observed, required = float(observed), float(required)
    if operator == "ge":
        return observed >= required
    if operator == "le":
        return observed <= required
    if operator == "eq":
        return observed == required
    return None


__all__ = [
    "AGE",
    "CellEvidence",
    "ComparisonRow",
    "Engine",
    "GapInputError",
    "GapResult",
    "MET",
    "MISSING",
    "NOT_APPLICABLE",
    "PARTIAL",
    "ProvisionEvidence",
    "RESERVED",
    "STATUSES",
    "UNKNOWN",
    "ValueSource",
    "compare",
    "compute_gaps",
    "concept_iri",
    "evaluate",
    "evidence",
    "instrument_iri",
    "jurisdiction_iri",
    "parse_as_of",
    "read",
]
