"""Run the analysis queries on an embedded store or on any SPARQL 1.1 endpoint, with the same results.

Public API (stable; the gap engine, the site and the network analysis build on it):

- :func:`open_store` ``(source) -> Store`` — ``source`` is an rdflib ``Graph`` (the Oxigraph-backed graph
  from :func:`lexgap.load.load` is queried through pyoxigraph directly; any other rdflib store through
  rdflib's own engine), a ``pyoxigraph.Store``, an endpoint address (``http://…/query``) or a
  :class:`Store` (returned unchanged).
- :class:`Store` ``.select(query, params=None) -> Table`` — ``query`` is the text of a SELECT query or the
  name of a file in ``analysis/`` (``"extract-provisions"`` or ``"extract-provisions.rq"``); ``params`` maps
  variable names to one value or a list of values. Values are rdflib terms or Python values (``str`` →
  plain literal, ``int``, ``Decimal``, ``bool``, ``date``); IRIs must be ``URIRef``.
- ``Store.rows(query, params=None)`` — the same rows one at a time (for large reads).
- :class:`Table` — ``variables`` and ``rows`` (tuples of plain values: IRIs as ``URIRef``, blank nodes as
  ``BNode``, literals as ``int``/``Decimal``/``float``/``bool``/``date``/``str``); ``.dicts()``.
- :func:`load_graph` ``(paths=None, include_ontology=True) -> rdflib.Graph`` — the knowledge base in an
  embedded Oxigraph store behind rdflib's API, like :func:`lexgap.load.load` (same files, same one-line
  :class:`~lexgap.load.LoadError`), but parsing each file straight into the store's default graph, so
  loading stays linear in the number of files (thousands of files in the benchmarks).
- :func:`read_query`, :func:`bind` (the binding step on its own), :func:`load_endpoint` (PUT a knowledge
  base into a SPARQL 1.1 Graph Store), :func:`dump_ntriples`.

Parameters are bound, never pasted: each becomes a ``VALUES`` block, built from validated terms, placed as
the first element of the query's outermost group. Every store, local or remote, runs the very same text,
which is what keeps the results identical. A query may therefore use a parameter anywhere in its
outermost group (including in ``FILTER``, ``OPTIONAL`` and ``EXISTS``), but not inside a sub-select.
A parameter left out stays unbound: a query that lists rows ``?jurisdiction`` by ``?jurisdiction`` then
lists every jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import rdflib
from rdflib import BNode, Literal, URIRef

from .load import ANALYSIS_DIR

XSD = "http://www.w3.org/2001/XMLSchema#"

#: The value types a query result cell can hold.
Value = URIRef | BNode | str | int | Decimal | float | bool | date


class QueryError(Exception):
    """A query could not be read, bound or run. ``str()`` is the one-line message."""


@dataclass(frozen=True)
class Table:
    """The result of a SELECT query: variable names and rows of plain values (``None`` when unbound)."""

    variables: tuple[str, ...]
    rows: list[tuple[Value | None, ...]]

    def dicts(self) -> list[dict[str, Value | None]]:
        return [dict(zip(self.variables, row)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


# --------------------------------------------------------------------------------------------------
# Literal values: one conversion for every store, so the same data gives equal Python values.
# --------------------------------------------------------------------------------------------------


def _to_date(text: str) -> date | str:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return text


def _to_decimal(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _to_int(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:
        return text


def _to_float(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _to_bool(text: str) -> bool | str:
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    return text


_INTEGER_TYPES = (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
)
_CONVERTERS: dict[str, Callable[[str], Any]] = {XSD + name: _to_int for name in _INTEGER_TYPES}
_CONVERTERS.update({
    XSD + "decimal": _to_decimal,
    XSD + "double": _to_float,
    XSD + "float": _to_float,
    XSD + "boolean": _to_bool,
    XSD + "date": _to_date,
})


def literal_value(lexical: str, datatype: str | None) -> Value:
    """The Python value of a literal (its lexical form when the datatype is not one we convert)."""
    convert = _CONVERTERS.get(datatype) if datatype else None
    return convert(lexical) if convert else lexical


# --------------------------------------------------------------------------------------------------
# Reading and binding queries
# --------------------------------------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")
_IRIREF = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")


def read_query(name_or_path: str | Path) -> str:
    """The text of a query: a path to a ``.rq`` file, or the name of one in ``analysis/``."""
    path = Path(name_or_path)
    if not path.exists():
        name = str(name_or_path)
        path = ANALYSIS_DIR / (name if name.endswith(".rq") else name + ".rq")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{name_or_path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query: {exc}") from None


def _query_text(query: str | Path) -> str:
    # A query's text always holds a "{"; a name or path never does.
    if isinstance(query, Path) or "{" not in query:
        return read_query(query)
    return query


def term_text(value: Any) -> str:
    """The SPARQL text of one validated value (an IRI, or a literal of a supported type)."""
    if isinstance(value, URIRef):
        iri = str(value)
        if not _IRI.match(iri):
            raise QueryError(f"not a valid absolute IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(value, Literal):
        return _literal_text(str(value), str(value.datatype) if value.datatype else None, value.language)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise QueryError(f"not a finite decimal: {value}")
        return _literal_text(format(value, "f"), XSD + "decimal", None)
    if isinstance(value, datetime):
        return _literal_text(value.isoformat(), XSD + "dateTime", None)
    if isinstance(value, date):
        return _literal_text(value.isoformat(), XSD + "date", None)
    if isinstance(value, str):
        return _literal_text(value, None, None)
    raise QueryError(f"cannot bind a value of type {type(value).__name__}: {value!r}")


def _literal_text(lexical: str, datatype: str | None, language: str | None) -> str:
    escaped = (
        lexical.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if language:
        if not _LANG.match(language):
            raise QueryError(f"not a valid language tag: {language!r}")
        return f'"{escaped}"@{language}'
    if datatype and datatype != XSD + "string":
        return f'"{escaped}"^^{term_text(URIRef(datatype))}'
    return f'"{escaped}"'


def _outer_group_start(query: str) -> int:
    """Index just after the ``{`` that opens the query's outermost group pattern.

    Skips comments, string literals and IRIs, so a ``{`` or ``#`` inside them is not mistaken.
    """
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "'\"":
            quote = ch * 3 if query.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not query.startswith(quote, j):
                j += 2 if query[j] == "\\" else 1
            i = j + len(quote)
        elif ch == "<":
            m = _IRIREF.match(query, i)
            i = m.end() if m else i + 1
        elif ch == "{":
            return i + 1
        else:
            i += 1
    raise QueryError("query has no group pattern ({ … })")


def _mentions(query: str, name: str) -> bool:
    return re.search(rf"[?$]{re.escape(name)}\b", query) is not None


def bind(query: str, params: Mapping[str, Any] | None) -> str:
    """Return ``query`` with each parameter bound by a ``VALUES`` block in its outermost group."""
    if not params:
        return query
    blocks = []
    for name, values in params.items():
        if not _NAME.match(name):
            raise QueryError(f"not a valid variable name: {name!r}")
        if not _mentions(query, name):
            raise QueryError(f"the query has no variable ?{name}")
        if isinstance(values, (list, tuple, set, frozenset)):
            items = list(values)
        else:
            items = [values]
        if isinstance(values, (set, frozenset)):
            items.sort(key=str)
        blocks.append(f"VALUES ?{name} {{ {' '.join(term_text(v) for v in items)} }}")
    at = _outer_group_start(query)
    return query[:at] + "\n  " + "\n  ".join(blocks) + "\n" + query[at:]


# --------------------------------------------------------------------------------------------------
# Stores
# --------------------------------------------------------------------------------------------------


class Store:
    """Something that runs SPARQL SELECT queries. Subclasses implement :meth:`_select_text`."""

    name = "store"

    def select(self, query: str | Path, params: Mapping[str, Any] | None = None) -> Table:
        return self._select_text(bind(_query_text(query), params))

    def rows(self, query: str | Path, params: Mapping[str, Any] | None = None) -> Iterator[tuple]:
        """The rows of :meth:`select`, one at a time (the embedded store never holds them all at once)."""
        return iter(self.select(query, params).rows)

    def _select_text(self, text: str) -> Table:  # pragma: no cover - abstract
        raise NotImplementedError


class EmbeddedStore(Store):
    """A pyoxigraph store in this process (the fast default)."""

    name = "embedded"

    def __init__(self, store: Any = None, graph_name: Any = None):
        import pyoxigraph

        self.ox = store if store is not None else pyoxigraph.Store()
        # One converter for the store's life: the same IRI is the same URIRef object in every result,
        # so records built from several queries compare by identity first.
        self._convert = _OxConverter()
        # oxrdflib keeps an rdflib Graph's triples in a named graph: query that graph as the default one.
        self._options = {"default_graph": graph_name} if graph_name is not None else {}

    def _solutions(self, text: str) -> Any:
        import pyoxigraph

        try:
            result = self.ox.query(text, **self._options)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {' '.join(str(exc).split())}") from None
        if not isinstance(result, pyoxigraph.QuerySolutions):
            raise QueryError("only SELECT queries are supported")
        return result

    def _select_text(self, text: str) -> Table:
        result = self._solutions(text)
        variables = tuple(v.value for v in result.variables)
        convert = self._convert
        return Table(variables, [tuple(map(convert, solution)) for solution in result])

    def rows(self, query: str | Path, params: Mapping[str, Any] | None = None) -> Iterator[tuple]:
        convert = self._convert
        return (tuple(map(convert, solution)) for solution in self._solutions(bind(_query_text(query), params)))


class _OxConverter:
    """pyoxigraph terms to plain values, reusing one ``URIRef`` per IRI (results repeat the same
    jurisdictions and properties thousands of times)."""

    def __init__(self):
        import pyoxigraph

        self._named, self._literal = pyoxigraph.NamedNode, pyoxigraph.Literal
        self._iris: dict[str, URIRef] = {}

    def __call__(self, term: Any) -> Value | None:
        if term is None:
            return None
        kind = type(term)
        if kind is self._named:
            value = term.value
            iri = self._iris.get(value)
            if iri is None:
                # The store holds only absolute IRIs: skip URIRef's own (slow) validation.
                iri = self._iris[value] = str.__new__(URIRef, value)
            return iri
        if kind is self._literal:
            if term.language:
                return term.value
            return literal_value(term.value, term.datatype.value)
        return BNode(term.value) if kind.__name__ == "BlankNode" else str(term)


class RdflibStore(Store):
    """Any rdflib graph, queried with rdflib's own SPARQL engine (slow; the benchmark baseline)."""

    name = "rdflib"

    def __init__(self, graph: rdflib.Graph):
        self.graph = graph

    def _select_text(self, text: str) -> Table:
        try:
            result = self.graph.query(text)
        except Exception as exc:  # rdflib raises pyparsing errors and others for bad queries
            raise QueryError(f"SPARQL error: {' '.join(str(exc).split())}") from None
        variables = tuple(str(v) for v in result.vars or ())
        rows = [tuple(_from_rdflib(row[i]) for i in range(len(variables))) for row in result]
        return Table(variables, rows)


def _from_rdflib(term: Any) -> Value | None:
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.language:
            return str(term)
        return literal_value(str(term), str(term.datatype) if term.datatype else None)
    return term


class EndpointStore(Store):
    """A remote SPARQL 1.1 query endpoint, spoken to over the SPARQL 1.1 Protocol."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 300.0, attempts: int = 3):
        if not re.match(r"^https?://[^\s]+$", url):
            raise QueryError(f"not an http(s) endpoint address: {url!r}")
        self.url = url
        self.timeout = timeout
        # A bounded number of tries: a dropped connection or a 5xx may be passing, a 4xx never is.
        self.attempts = max(1, attempts)

    def _post(self, text: str) -> Any:
        import requests

        for attempt in range(1, self.attempts + 1):
            try:
                response = requests.post(
                    self.url,
                    data={"query": text},
                    headers={"Accept": "application/sparql-results+json"},
                    timeout=self.timeout,
                )
            except requests.Timeout:
                if attempt == self.attempts:
                    raise QueryError(
                        f"{self.url}: endpoint timed out after {self.timeout:g} s ({self.attempts} attempts)"
                    ) from None
                continue
            except requests.RequestException as exc:
                if attempt == self.attempts:
                    raise QueryError(
                        f"{self.url}: endpoint not reachable: {exc.__class__.__name__} ({self.attempts} attempts)"
                    ) from None
                continue
            if response.status_code >= 500 and attempt < self.attempts:
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _select_text(self, text: str) -> Table:
        response = self._post(text)
        if response.status_code != 200:
            message = " ".join(response.text.split())[:300]
            raise QueryError(f"{self.url}: endpoint answered {response.status_code}: {message}")
        try:
            data = response.json()
            variables = tuple(data["head"]["vars"])
            bindings = data["results"]["bindings"]
            if not all(isinstance(v, str) for v in variables) or not isinstance(bindings, list):
                raise TypeError
            rows = [tuple(_from_json(binding.get(v)) for v in variables) for binding in bindings]
        except (ValueError, KeyError, TypeError, AttributeError):
            # Not JSON, or JSON that is not a SPARQL results document: say so instead of a traceback.
            raise QueryError(f"{self.url}: endpoint did not answer with SPARQL JSON results") from None
        return Table(variables, rows)


def _from_json(cell: Mapping[str, str] | None) -> Value | None:
    if cell is None:
        return None
    kind = cell.get("type")
    if kind == "uri":
        return URIRef(cell["value"])
    if kind == "bnode":
        return BNode(cell["value"])
    if "xml:lang" in cell:
        return cell["value"]
    return literal_value(cell["value"], cell.get("datatype"))


def load_graph(paths: Sequence[Path | str] | None = None, *, include_ontology: bool = True) -> rdflib.Graph:
    """The ontology (unless told not to) and the statute files or folders (default: bundled) in an
    Oxigraph-backed rdflib graph whose triples sit in the store's default graph."""
    import pyoxigraph
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from .load import ontology_paths, statute_paths
    from .vocab import PREFIXES

    store = pyoxigraph.Store()
    for path in (ontology_paths() if include_ontology else []) + statute_paths(paths):
        _parse_into(store, Path(path))
    graph = rdflib.Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _parse_into(store: Any, path: Path) -> None:
    import pyoxigraph

    from .load import read_turtle, syntax_error

    text = read_turtle(path)
    try:
        store.load(input=text.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE, base_iri=path.resolve().as_uri())
    except (SyntaxError, MemoryError) as exc:
        raise syntax_error(path, exc) from None


def open_store(source: Any) -> Store:
    """A :class:`Store` for a graph, a pyoxigraph store, an endpoint address or a store."""
    if isinstance(source, Store):
        return source
    if isinstance(source, str):
        return EndpointStore(source)
    if isinstance(source, rdflib.Graph):
        inner = getattr(source.store, "_inner", None)
        if inner is not None and source.store.__class__.__name__ == "OxigraphStore":
            from oxrdflib._converter import to_ox

            return EmbeddedStore(inner, to_ox(source.identifier))
        return RdflibStore(source)
    if source.__class__.__name__ == "Store" and source.__class__.__module__.startswith("pyoxigraph"):
        return EmbeddedStore(source)
    raise QueryError(f"cannot query a {type(source).__name__}")


# --------------------------------------------------------------------------------------------------
# Putting a knowledge base into a remote store
# --------------------------------------------------------------------------------------------------


def dump_ntriples(source: Any) -> bytes:
    """The triples of a graph or pyoxigraph store as N-Triples (blank node labels kept consistent)."""
    import pyoxigraph

    if isinstance(source, rdflib.Graph):
        store = open_store(source)
        if isinstance(store, EmbeddedStore):
            graph = store._options.get("default_graph", pyoxigraph.DefaultGraph())
            return store.ox.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph)
        return source.serialize(format="nt", encoding="utf-8")
    if isinstance(source, EmbeddedStore):
        graph = source._options.get("default_graph", pyoxigraph.DefaultGraph())
        return source.ox.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=graph)
    return source.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())


def load_endpoint(graph_store_url: str, source: Any = None, timeout: float = 300.0) -> int:
    """Replace the default graph of a SPARQL 1.1 Graph Store (``PUT url?default``) with a knowledge base.

    ``source`` is a graph or store (default: the bundled knowledge base, :func:`load_graph`).
    Returns the number of triples sent. For an Oxigraph server the address is ``http://host:port/store``.
    """
    import requests

    if not re.match(r"^https?://[^\s]+$", graph_store_url):
        raise QueryError(f"not an http(s) graph store address: {graph_store_url!r}")
    if source is None:
        source = load_graph()
    body = dump_ntriples(source)
    try:
        # The Graph Store Protocol names the default graph with a bare "default" query parameter.
        separator = "&" if "?" in graph_store_url else "?"
        response = requests.put(
            graph_store_url + separator + "default",
            data=body,
            headers={"Content-Type": "application/n-triples"},
            timeout=timeout,
        )
    except requests.RequestException as exc:
        raise QueryError(f"{graph_store_url}: graph store not reachable: {exc.__class__.__name__}") from None
    if response.status_code not in (200, 201, 204):
        message = " ".join(response.text.split())[:300]
        raise QueryError(f"{graph_store_url}: graph store answered {response.status_code}: {message}")
    return body.count(b"\n")  # N-Triples: one triple per line


__all__ = [
    "EmbeddedStore",
    "EndpointStore",
    "QueryError",
    "RdflibStore",
    "Store",
    "Table",
    "Value",
    "bind",
    "dump_ntriples",
    "literal_value",
    "load_endpoint",
    "load_graph",
    "open_store",
    "read_query",
    "term_text",
]
