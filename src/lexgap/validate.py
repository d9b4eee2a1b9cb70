"""Check statute files against the ontology: SHACL shapes plus the cross-checks SHACL cannot express.

``validate(paths)`` parses every file on its own (so each node is traced back to the file that declares
it), merges them with the ontology and the concept scheme into one in-memory graph, runs pySHACL with
``ontology/shapes.ttl`` (core SHACL, no inference) and then the checks in :data:`CHECKS`, which need
the ISO 3166 code list, the concept scheme, more than one node, or the text of excerpts.

Every finding is a :class:`Problem` whose ``str`` is one stable line: ``path:line: message`` for a
syntax error, ``path: node: message`` otherwise. A fault reported by a Python check is not reported a
second time by the shape that also catches it (see ``Problem.key``).
"""

from __future__ import annotations

import contextlib
import logging
import re
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence
from urllib.parse import unquote, urlsplit

import pycountry
import pyoxigraph
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from .load import ONTOLOGY_DIR, ONTOLOGY_FILES, SHAPES_FILE, LoadError, new_graph, parse_file, statute_paths
from .vocab import LG, LGC, LGI, LGJ, LGL, LGS, PREFIXES, RDF, RDFS, SKOS, XSD

#: Properties whose values must be concepts of the scheme in ontology/concepts.ttl.
CONCEPT_PROPERTIES = (LG.concept, LG.implements, LG.reviewedConcept)
#: Namespaces of knowledge-base nodes: a link into one of them must reach a node that exists.
NODE_NAMESPACES = tuple(str(ns) for ns in (LGJ, LGI, LGL, LGS))
#: Date pairs where the second, when both are stated, must come after the first (ends are exclusive).
DATE_ORDER = (
    (LG.inForceFrom, LG.inForceUntil),
    (LG.suspendedFrom, LG.suspendedUntil),
    (LG.madeOn, LG.withdrawnOn),
)
#: Where evidence quotes may be found: the node's own text and that of the provisions it relies on.
TEXT_PROPERTIES = (LG.excerpt, LG.text)
LINK_PROPERTIES = (LG.usesDefinition, LG.partOf)

#: Namespace of the shapes in ontology/shapes.ttl (shown as lgsh: in Problem.check).
LGSH = rdflib.Namespace("https://w3id.org/lexgap/shapes#")

_ISO3 = re.compile(r"^[A-Z]{3}$")
_STRING_TYPES = (None, XSD.string, RDF.langString)


@dataclass(frozen=True)
class Problem:
    """One finding. ``check`` names the shape or Python check that found it (for tests and reports)."""

    path: str
    line: int | None
    node: str
    message: str
    check: str = ""
    # (focus, property, value) of the fault, so the same fault found twice is reported once.
    key: tuple | None = field(default=None, compare=False, repr=False)

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.node, self.message)

    def __str__(self) -> str:
        message = " ".join(self.message.splitlines())  # one problem, one line, whatever a parser says
        if self.line is not None:
            return f"{self.path}:{self.line}: {message}"
        if self.node:
            return f"{self.path}: {self.node}: {message}"
        return f"{self.path}: {message}"


@dataclass
class Report:
    """The outcome of :func:`validate`: problems in a stable order, and what was checked."""

    problems: list[Problem]
    files: list[str]
    triples: int
    nodes: int
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return (
            f"{len(self.files)} files, {self.triples:,} triples, {self.nodes:,} nodes checked "
            f"in {self.seconds:.1f} s"
        )


Progress = Callable[[str, int, int], None]


def validate(
    paths: Sequence[Path | str] | None = None,
    *,
    concepts: Path | str | None = None,
    progress: Progress | None = None,
) -> Report:
    """Validate statute files or folders (default: the bundled statutes/).

    ``concepts`` replaces ontology/concepts.ttl (e.g. a draft scheme, or a small one in tests).
    ``progress(stage, done, total)`` is called as work advances. Raises :class:`LoadError` when a
    named path does not exist; every problem in the data itself is reported, not raised.
    """
    started = time.perf_counter()
    report = _progress_or_noop(progress)
    data_files = statute_paths(paths)
    ontology_files = [ONTOLOGY_DIR / ONTOLOGY_FILES[0]]
    concepts_file = Path(concepts) if concepts is not None else ONTOLOGY_DIR / ONTOLOGY_FILES[1]
    if concepts is not None and not concepts_file.is_file():
        raise LoadError(concepts_file, "no such file")
    if concepts_file.exists():
        ontology_files.append(concepts_file)

    with _quiet_rdflib():
        kb = _read(ontology_files, data_files, show_paths=paths is None, progress=report)
        if kb.problems:  # a file that does not parse makes every later check unreliable
            return _finish(kb, kb.problems, started)
        non_finite = _non_finite_decimals(kb)
        if non_finite:  # pySHACL cannot compare NaN/INF with a bound: report them before it runs
            return _finish(kb, non_finite, started)
        shapes = rdflib.Graph()
        shapes.addN((s, p, o, shapes) for s, p, o in _parse(ONTOLOGY_DIR / SHAPES_FILE))
        report("shapes", 0, 1)
        problems = _shacl_problems(kb, shapes)
        report("shapes", 1, 1)
        python_problems: list[Problem] = []
        for i, check in enumerate(CHECKS):
            python_problems.extend(check(kb))
            report("checks", i + 1, len(CHECKS))
    seen = {p.key for p in python_problems if p.key is not None}
    problems = [p for p in problems if p.key is None or p.key not in seen] + python_problems
    return _finish(kb, problems, started)


# --------------------------------------------------------------------------------------------------
# Reading files one by one


@dataclass
class _KB:
    graph: rdflib.Graph  # ontology + concepts + data, in rdflib's memory store (pySHACL is fastest on it)
    ontology: rdflib.Graph  # ontology + concepts only
    files: list[str]  # data files, as shown to the user
    triples: int
    home: dict  # node -> first data file (as shown) that states something about it
    per_file: dict  # file (as shown) -> its own triples
    problems: list[Problem]


def _read(ontology_files: list[Path], data_files: list[Path], *, show_paths: bool, progress: Progress) -> _KB:
    graph = rdflib.Graph()
    ontology = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    problems: list[Problem] = []
    home: dict = {}
    per_file: dict = {}
    total = len(ontology_files) + len(data_files)
    for i, path in enumerate(ontology_files + data_files):
        is_data = i >= len(ontology_files)
        shown = _shown(path) if (show_paths or not is_data) else str(path)
        try:
            own = _parse(path)
        except LoadError as exc:
            problems.append(Problem(shown, exc.line or 1, "", _syntax_message(exc), "syntax"))
            progress("parse", i + 1, total)
            continue
        graph.addN((s, p, o, graph) for s, p, o in own)
        if is_data:
            per_file[shown] = own
            for s, _, _ in own:
                home.setdefault(s, shown)
        else:
            ontology.addN((s, p, o, ontology) for s, p, o in own)
        progress("parse", i + 1, total)
    files = [str(p) if not show_paths else _shown(p) for p in data_files]
    triples = sum(len(set(own)) for own in per_file.values())
    return _KB(graph, ontology, files, triples, home, per_file, problems)


def _parse(path: Path) -> list[tuple]:
    """The triples of one file, as rdflib terms.

    pyoxigraph parses ~25x faster than rdflib's Turtle parser. Should it fail, the file goes through
    load.parse_file, which turns the failure into the one-line LoadError (with its line) that is shown.
    """
    try:
        base = path.resolve().as_uri()
        return _convert(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE, base_iri=base))
    except (SyntaxError, ValueError, OSError, MemoryError):  # MemoryError: a term over 16 MB
        own = new_graph()
        parse_file(own, path)  # raises LoadError for a real syntax error
        return list(own)  # e.g. a byte-order mark, which parse_file strips


def _convert(quads: Iterable) -> list[tuple]:
    terms: dict = {}
    blanks: dict = {}  # Oxigraph's ids are per parse; fresh rdflib ids keep files apart in one graph

    def term(t):
        found = terms.get(t)
        if found is None:
            if isinstance(t, pyoxigraph.NamedNode):
                found = URIRef(t.value)
            elif isinstance(t, pyoxigraph.BlankNode):
                found = blanks.setdefault(t.value, BNode())
            elif t.language:
                found = Literal(t.value, lang=t.language)
            else:
                found = Literal(t.value, datatype=URIRef(t.datatype.value))
            terms[t] = found
        return found

    return [(term(q.subject), term(q.predicate), term(q.object)) for q in quads]


def _syntax_message(exc: LoadError) -> str:
    # load.parse_file keeps Oxigraph's reason but reads the column only from the "line L column C"
    # form; Oxigraph also says "at line L between columns C1 and C2". Its position tuple has both.
    cause = exc.__context__
    position = cause.args[1] if isinstance(cause, SyntaxError) and len(cause.args) > 1 else None
    if isinstance(position, tuple) and len(position) > 2 and isinstance(position[2], int):
        reason = str(cause.args[0]).split(": ", 1)[-1]
        return f"Turtle syntax error: {reason} (column {position[2]})"
    return exc.message


def _shown(path: Path) -> str:
    """A bundled file is shown relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _finish(kb: _KB, problems: list[Problem], started: float) -> Report:
    unique = {(p.path, p.line, p.node, p.message): p for p in problems}
    ordered = sorted(unique.values(), key=Problem.sort_key)
    nodes = sum(1 for node in kb.home)
    return Report(ordered, kb.files, kb.triples, nodes, time.perf_counter() - started)


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    # rdflib logs a traceback for every ill-typed literal (e.g. "2021-02-30"^^xsd:date); the check
    # below reports those as one line each, so the log would only be noise.
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        # rdflib also warns ("Parsing weird boolean") on stderr for literals the checks report.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        logger.setLevel(level)


def _progress_or_noop(progress: Progress | None) -> Progress:
    return progress if progress is not None else (lambda stage, done, total: None)


# --------------------------------------------------------------------------------------------------
# Showing nodes and values in messages

_COMPACT = sorted(
    ((str(ns), prefix) for prefix, ns in {**PREFIXES, "lgsh": LGSH}.items()), key=lambda x: -len(x[0])
)


def show(term, graph: rdflib.Graph | None = None) -> str:
    """A node or value as it appears in messages: ``lgl:deu/stgb/184b/1``, ``"10"^^xsd:integer``."""
    if isinstance(term, URIRef):
        text = str(term)
        for ns, prefix in _COMPACT:
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns):]}"
        return f"<{text}>"
    if isinstance(term, BNode):
        # Blank node ids change on every parse: name the node that points at it instead.
        if graph is not None:
            for s, p in sorted(graph.subject_predicates(term), key=lambda sp: (str(sp[0]), str(sp[1]))):
                return f"{show(s, graph)} {show(p)} []"
        return "[]"
    if isinstance(term, Literal):
        lexical = " ".join(str(term).split())
        if len(lexical) > 60:
            lexical = lexical[:60] + "…"
        text = '"' + lexical.replace('"', '\\"') + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^{show(term.datatype)}"
        return text
    return str(term)


def _problem(kb: _KB, node, message: str, check: str, key: tuple | None = None, path: str | None = None):
    return Problem(path or _home(kb, node), None, show(node, kb.graph), message, check, key)


def _home(kb: _KB, node) -> str:
    if node in kb.home:
        return kb.home[node]
    # A blank node's home is that of the node pointing at it; an IRI only used as a value, the file using it.
    homes = sorted(kb.home[s] for s in kb.graph.subjects(None, node) if s in kb.home)
    return homes[0] if homes else (kb.files[0] if kb.files else "-")


# --------------------------------------------------------------------------------------------------
# SHACL


def _shacl_problems(kb: _KB, shapes: rdflib.Graph) -> list[Problem]:
    import pyshacl

    conforms, results, _ = pyshacl.validate(
        kb.graph,
        shacl_graph=shapes,
        inference="none",
        inplace=True,  # nothing is inferred, so there is nothing to protect from change
        advanced=False,
        allow_warnings=True,
    )
    if conforms:
        return []
    parents = _shape_parents(shapes)
    problems = []
    wrong_type: set = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        source = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        message = _shacl_message(kb.graph, shapes, focus, path, value, source, component)
        node_shape = _node_shape(source, parents, shapes)
        problems.append(_problem(kb, focus, message, show(node_shape), key=(focus, path, value)))
        if str(component) == str(SH.DatatypeConstraintComponent):
            wrong_type.add((focus, path, value))
    # A value of the wrong type also "fails" every range bound; the type is the one real problem.
    return [p for p in problems if p.key not in wrong_type or " is not an " in p.message]


def _shape_parents(shapes: rdflib.Graph) -> dict:
    """Child shape (or list cell) -> the node that holds it, to find a property shape's node shape."""
    parents = {}
    for s, p, o in shapes:
        if p in (SH.property, SH["or"], SH.xone, SH["and"], SH["not"], SH.node, RDF.first, RDF.rest):
            parents.setdefault(o, s)
    return parents


def _node_shape(shape, parents: dict, shapes: rdflib.Graph):
    node = shape
    while node in parents and (node, RDF.type, SH.NodeShape) not in shapes:
        node = parents[node]
    return node


def _shacl_message(graph, shapes, focus, path, value, source, component) -> str:
    own = shapes.value(source, SH.message)
    if own is not None:
        return str(own)
    name = str(component).rsplit("#", 1)[-1].removesuffix("ConstraintComponent")
    prop = show(path) if path is not None else "node"
    val = show(value, graph) if value is not None else ""
    param = lambda p: shapes.value(source, p)  # noqa: E731 - one-line lookup of a constraint parameter
    if name == "MinCount":
        need = int(param(SH.minCount))
        found = len(set(graph.objects(focus, path)))
        return f"{prop} is missing" if found == 0 else f"{prop} needs at least {need} values, found {found}"
    if name == "MaxCount":
        found = len(set(graph.objects(focus, path)))
        return f"{prop} has {found} values, at most {int(param(SH.maxCount))} allowed"
    if name == "Datatype":
        return f"{prop} value {val} is not an {show(param(SH.datatype))}"
    if name == "In":
        allowed = ", ".join(show(v) for v in Collection(shapes, param(SH["in"])))
        return f"{prop} value {val} is not one of: {allowed}"
    if name == "Pattern":
        return f"{prop} value {val} does not match /{param(SH.pattern)}/"
    if name == "Class":
        return f"{prop} value {val} is not an {show(param(SH['class']))}"
    if name in ("MinInclusive", "MaxInclusive", "MinExclusive", "MaxExclusive"):
        bound = param(SH[name[0].lower() + name[1:]])
        words = {"MinInclusive": "below", "MaxInclusive": "above", "MinExclusive": "not above"}
        return f"{prop} value {val} is {words.get(name, 'not below')} {bound}"
    if name == "NodeKind":
        kind = str(param(SH.nodeKind)).rsplit("#", 1)[-1]
        return f"{prop} value {val} is not a {kind}"
    return f"{prop} value {val} fails sh:{name[0].lower() + name[1:]}".replace(" value  ", " ")


# --------------------------------------------------------------------------------------------------
# Python checks (each: knowledge base -> problems)


def _data_triples(kb: _KB) -> Iterator[tuple]:
    for own in kb.per_file.values():
        yield from own


def check_iri_form(kb: _KB) -> list[Problem]:
    """IRIs are identifiers: no spaces (even encoded) and no "." or ".." path segments."""
    problems = []
    seen = set()
    for shown, own in kb.per_file.items():
        for triple in own:
            for term in triple:
                if not isinstance(term, URIRef) or term in seen:
                    continue
                seen.add(term)
                text = str(term)
                if " " in text or "%20" in text:
                    problems.append(_problem(kb, term, "IRI contains a space", "iri-form", path=shown))
                elif any(unquote(seg) in (".", "..") for seg in urlsplit(text).path.split("/")):
                    msg = 'IRI contains a "." or ".." path segment'
                    problems.append(_problem(kb, term, msg, "iri-form", path=shown))
    return problems


# Zero-width characters print as nothing: text made only of them and spaces is blank.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _non_finite_decimals(kb: _KB) -> list[Problem]:
    """xsd:decimal has no NaN or infinity (rdflib accepts them, so they are not ill-typed there)."""
    problems = []
    for s, p, o in _data_triples(kb):
        if isinstance(o, Literal) and o.datatype == XSD.decimal and isinstance(o.value, Decimal):
            if not o.value.is_finite():
                msg = f'{show(p)} value "{o}" is not a valid {show(o.datatype)}'
                problems.append(_problem(kb, s, msg, "literal-form", (s, p, o)))
    return problems


def check_literals(kb: _KB) -> list[Problem]:
    """Typed literals must be valid for their type (no 2021-02-30); text must not be blank."""
    problems = []
    for s, p, o in _data_triples(kb):
        if not isinstance(o, Literal):
            continue
        if o.ill_typed:
            msg = f'{show(p)} value "{o}" is not a valid {show(o.datatype)}'
            problems.append(_problem(kb, s, msg, "literal-form", (s, p, o)))
        elif o.datatype in _STRING_TYPES and not str(o).translate(_INVISIBLE).strip():
            what = "is empty" if str(o) == "" else "is only whitespace"
            problems.append(_problem(kb, s, f"{show(p)} {what}", "literal-form", (s, p, o)))
    return problems


def check_iso3(kb: _KB) -> list[Problem]:
    """Jurisdictions carry a current ISO 3166-1 alpha-3 code, and their IRI is lgj:<code>."""
    problems = []
    for s, o in kb.graph.subject_objects(LG.iso3):
        if s not in kb.home or not _ISO3.match(str(o)):
            continue  # the shape's pattern reports malformed codes
        code = str(o)
        if pycountry.countries.get(alpha_3=code) is None:
            old = pycountry.historic_countries.get(alpha_3=code)
            if old is not None:
                msg = (
                    f'lg:iso3 "{code}" is a withdrawn ISO 3166-1 code '
                    f"({old.name}, withdrawn {old.withdrawal_date})"
                )
            else:
                msg = f'lg:iso3 "{code}" is not an ISO 3166-1 alpha-3 code'
            problems.append(_problem(kb, s, msg, "iso3", (s, LG.iso3, o)))
        elif isinstance(s, URIRef) and str(s).startswith(str(LGJ)) and s != LGJ[code]:
            msg = f'IRI does not match lg:iso3 "{code}" (expected lgj:{code})'
            problems.append(_problem(kb, s, msg, "iso3"))
    return problems


def check_identifiers(kb: _KB) -> list[Problem]:
    """lg:identifier is unique in the knowledge base, and each node states it in one file only."""
    where = defaultdict(list)  # identifier -> [(file, node)] in reading order
    for shown, own in kb.per_file.items():
        stated = {(s, o) for s, p, o in own if p == LG.identifier}
        for s, o in sorted(stated, key=lambda so: show(so[0], kb.graph)):
            where[str(o)].append((shown, s))
    problems = []
    for ident, places in where.items():
        first_file, first_node = places[0]
        for shown, node in places[1:]:
            if node == first_node:
                msg = f'lg:identifier "{ident}" is already declared in {first_file}'
            elif shown == first_file:
                msg = f'lg:identifier "{ident}" is also used by {show(first_node, kb.graph)}'
            else:
                msg = f'lg:identifier "{ident}" is also used by {show(first_node, kb.graph)} in {first_file}'
            problems.append(_problem(kb, node, msg, "identifier-unique", path=shown))
    return problems


def check_concepts(kb: _KB) -> list[Problem]:
    """Concept links name concepts of the scheme (ontology/concepts.ttl), never ad-hoc IRIs."""
    known = set(kb.ontology.subjects(RDF.type, SKOS.Concept))
    problems = []
    for prop in CONCEPT_PROPERTIES:
        for s, o in kb.graph.subject_objects(prop):
            if s in kb.home and o not in known:
                msg = f"{show(prop)} {show(o, kb.graph)} is not a concept of the concept scheme"
                problems.append(_problem(kb, s, msg, "concept-known", (s, prop, o)))
    return problems


def check_references(kb: _KB) -> list[Problem]:
    """A link to a knowledge-base node (jurisdiction, instrument, law, status) must reach one."""
    problems = []
    for s, p, o in _data_triples(kb):
        if isinstance(o, URIRef) and p != RDF.type and str(o).startswith(NODE_NAMESPACES) and o not in kb.home:
            msg = f"{show(p)} points at nothing: {show(o)}"
            problems.append(_problem(kb, s, msg, "reference-target", (s, p, o)))
    return problems


def check_date_order(kb: _KB) -> list[Problem]:
    problems = []
    for start_prop, end_prop in DATE_ORDER:
        for s, end in kb.graph.subject_objects(end_prop):
            start = kb.graph.value(s, start_prop)
            if s not in kb.home or not _is_date(start) or not _is_date(end):
                continue
            if end.toPython() <= start.toPython():
                msg = f"{show(end_prop)} {end} is not after {show(start_prop)} {start}"
                problems.append(_problem(kb, s, msg, "date-order"))
    return problems


def _is_date(term) -> bool:
    return isinstance(term, Literal) and term.datatype == XSD.date and not term.ill_typed


def _elements(kb: _KB) -> set:
    return set(kb.ontology.subjects(RDF.type, LG.Element))


def check_element_evidence(kb: _KB) -> list[Problem]:
    """Every element value stated on a node has an lg:evidence naming that element."""
    elements = _elements(kb)
    problems = []
    for s in kb.home:
        stated = {p for p in kb.graph.predicates(s) if p in elements}
        if not stated:
            continue
        backed = {kb.graph.value(e, LG.element) for e in kb.graph.objects(s, LG.evidence)}
        for prop in sorted(stated - backed):
            msg = f"{show(prop)} has a value but no lg:evidence with lg:element {show(prop)}"
            problems.append(_problem(kb, s, msg, "element-evidence"))
    return problems


def check_evidence_quotes(kb: _KB) -> list[Problem]:
    """An evidence quote occurs (whitespace-normalised, case-sensitive) in the node's excerpt or in
    the excerpt of a provision reached through lg:usesDefinition / lg:partOf."""
    problems = []
    for s, evidence in kb.graph.subject_objects(LG.evidence):
        if s not in kb.home:
            continue
        texts = [
            normalise_whitespace(text)
            for node in _linked(kb.graph, s)
            for prop in TEXT_PROPERTIES
            for text in kb.graph.objects(node, prop)
        ]
        if not texts:
            continue  # no excerpt at all: the shapes report that
        for quote in kb.graph.objects(evidence, LG.quote):
            wanted = normalise_whitespace(quote)
            if wanted and not any(wanted in text for text in texts):
                element = kb.graph.value(evidence, LG.element)
                msg = (
                    f"lg:evidence quote for {show(element)} not found in the excerpt or linked definitions: "
                    f"{show(Literal(wanted))}"
                )
                problems.append(_problem(kb, s, msg, "evidence-quote"))
    return problems


def _linked(graph: rdflib.Graph, start) -> list:
    """``start`` and every node reached from it through LINK_PROPERTIES (cycles are harmless)."""
    seen, todo = [start], [start]
    while todo:
        node = todo.pop()
        for prop in LINK_PROPERTIES:
            for nxt in graph.objects(node, prop):
                if nxt not in seen:
                    seen.append(nxt)
                    todo.append(nxt)
    return seen


def normalise_whitespace(text) -> str:
    """Every run of whitespace (line breaks included) as one space, ends stripped: how excerpts,
    quotes and source texts are compared."""
    return " ".join(str(text).split())


def check_constraints(kb: _KB) -> list[Problem]:
    """A constraint's operator matches the kind of value, and the value fits the element's range."""
    problems = []
    integer_types = {XSD.integer, XSD.int, XSD.long, XSD.short, XSD.nonNegativeInteger, XSD.positiveInteger}
    fits = {
        XSD.integer: integer_types,
        XSD.decimal: integer_types | {XSD.decimal},
        XSD.boolean: {XSD.boolean},
        XSD.string: {XSD.string, None},
    }
    for s, op in kb.graph.subject_objects(LG.operator):
        if s not in kb.home:
            continue
        values = list(kb.graph.objects(s, LG.value)) + list(kb.graph.objects(s, LG.permittedMinimum))
        nodes = list(kb.graph.objects(s, LG.valueNode))
        if str(op) == "covers" and values and not nodes:
            msg = 'lg:operator "covers" needs lg:valueNode, not lg:value'
            problems.append(_problem(kb, s, msg, "constraint-value"))
            continue
        if str(op) in ("ge", "le", "eq") and nodes and not values:
            msg = f'lg:operator "{op}" needs lg:value, not lg:valueNode'
            problems.append(_problem(kb, s, msg, "constraint-value"))
            continue
        element = kb.graph.value(s, LG.element)
        target = kb.ontology.value(element, RDFS.range) if element is not None else None
        if target is None:
            continue
        for value in values:
            allowed = fits.get(target)
            if allowed is not None and isinstance(value, Literal) and value.datatype not in allowed:
                msg = f"lg:value {show(value)} does not fit {show(element)} ({show(target)})"
                problems.append(_problem(kb, s, msg, "constraint-value"))
        for node in nodes:
            if target not in fits and (node, RDF.type, target) not in kb.graph:
                msg = f"lg:valueNode {show(node)} is not an {show(target)} (the range of {show(element)})"
                problems.append(_problem(kb, s, msg, "constraint-value"))
    return problems


def check_jurisdiction_consistency(kb: _KB) -> list[Problem]:
    """A provision belongs to the jurisdiction of its act."""
    problems = []
    for s, act in kb.graph.subject_objects(LG.act):
        own = kb.graph.value(s, LG.jurisdiction)
        acts = kb.graph.value(act, LG.jurisdiction)
        if s in kb.home and own is not None and acts is not None and own != acts:
            msg = f"lg:jurisdiction {show(own)} differs from that of its act {show(act)} ({show(acts)})"
            problems.append(_problem(kb, s, msg, "jurisdiction-consistent"))
    return problems


# The provision reference graph lives in lexgap.network; imported on use, as only this check needs it.
def check_reference_cycles(kb: _KB) -> list[Problem]:
    """lg:usesDefinition, lg:partOf and lg:supersedes must not loop (a definition relying on itself has no
    first value to inherit); one problem per loop, on its first node. Cross-references may loop."""
    from .network import reference_cycles

    problems = []
    for cycle in reference_cycles(kb.graph):
        if cycle.nodes[0] not in kb.home:
            continue
        msg = f"{show(cycle.property)} loops back to itself: {cycle.path(lambda n: show(n, kb.graph))}"
        problems.append(_problem(kb, cycle.nodes[0], msg, "reference-cycle"))
    return problems


CHECKS: tuple[Callable[[_KB], list[Problem]], ...] = (
    check_iri_form,
    check_literals,
    check_iso3,
    check_identifiers,
    check_concepts,
    check_references,
    check_date_order,
    check_element_evidence,
    check_evidence_quotes,
    check_constraints,
    check_jurisdiction_consistency,
    check_reference_cycles,
)

#: Names of the Python checks, as they appear in ``Problem.check``.
CHECK_NAMES = (
    "syntax",
    "iri-form",
    "literal-form",
    "iso3",
    "identifier-unique",
    "concept-known",
    "reference-target",
    "date-order",
    "element-evidence",
    "evidence-quote",
    "constraint-value",
    "jurisdiction-consistent",
    "reference-cycle",
)
