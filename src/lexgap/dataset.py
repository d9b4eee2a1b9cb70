"""The knowledge base as files: which files make it, its content hash and version, and its downloads.

The site cites a *dataset version* that must not change unless the data does, so it is the package version
plus a hash of the data files' bytes (paths relative to the project, line endings normalised), never a
``git describe`` (which changes with every commit, data or not). The downloads (Turtle, JSON-LD,
N-Triples) are written from triples in a fixed order, with blank-node labels derived from the nodes'
content, so that two builds of the same data give the same bytes.
"""

from __future__ import annotations

import hashlib
import heapq
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pyoxigraph as ox

from . import __version__
from .load import PROJECT_ROOT, STATUTES_DIR, LoadError, ontology_paths, statute_paths
from .vocab import LG, PREFIXES, RDF

_TYPE = ox.NamedNode(str(RDF.type))
_JURISDICTION = ox.NamedNode(str(LG.jurisdiction))


@dataclass(frozen=True)
class DataFile:
    """One Turtle file of the knowledge base, parsed."""

    path: Path
    rel: str  # where it lives in the project: "statutes/national/deu/stgb.ttl", "ontology/lexgap.ttl"
    data: bytes
    triples: tuple[ox.Triple, ...]


def read_files(statutes: Path | str | None = None, ontology: Sequence[Path] | None = None) -> list[DataFile]:
    """The ontology files (default: the project's) and every statute file (default: the bundled
    ``statutes/``), each parsed. Files are named by their place in the project (``ontology/…``,
    ``statutes/…``), wherever they were read from."""
    root = Path(statutes) if statutes is not None else STATUTES_DIR
    files = []
    for path in ontology if ontology is not None else ontology_paths():
        files.append(_read(Path(path), _relative(Path(path), PROJECT_ROOT, "") if ontology is None else "ontology/" + Path(path).name))
    for path in statute_paths([root]):
        files.append(_read(path, _relative(path, root, "statutes/")))
    return files


def _relative(path: Path, root: Path, prefix: str) -> str:
    # Statute folders are named "statutes/" in the project whatever folder they were read from.
    try:
        return prefix + path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return prefix + path.name


def _read(path: Path, rel: str) -> DataFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read file: {exc.strerror or exc}") from None
    try:
        triples = tuple(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()))
    except SyntaxError as exc:
        raise LoadError(path, f"Turtle syntax error: {exc}") from None
    return DataFile(path, rel, data, triples)


def content_hash(files: Iterable[DataFile]) -> str:
    """SHA-256 (hex) over the files' project paths and bytes, in path order, line endings normalised."""
    digest = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.rel):
        body = f.data.replace(b"\r\n", b"\n")
        digest.update(f.rel.encode("utf-8") + b"\0" + str(len(body)).encode() + b"\0" + body)
    return digest.hexdigest()


def dataset_version(files: Iterable[DataFile]) -> str:
    """``<package version>+<first 12 hex digits of the content hash>``, e.g. ``0.1.0+3f9c2a17b0de``."""
    return f"{__version__}+{content_hash(files)[:12]}"


def node_files(files: Iterable[DataFile]) -> dict[str, str]:
    """Which file declares each typed node (IRI → project path); the first file wins on repeats."""
    found: dict[str, str] = {}
    for f in files:
        for t in f.triples:
            if t.predicate == _TYPE and isinstance(t.subject, ox.NamedNode):
                found.setdefault(t.subject.value, f.rel)
    return found


def jurisdiction_files(files: Iterable[DataFile]) -> dict[str, list[DataFile]]:
    """Files whose every ``lg:jurisdiction`` value is one jurisdiction, by that jurisdiction's IRI."""
    out: dict[str, list[DataFile]] = defaultdict(list)
    for f in files:
        owners = {t.object.value for t in f.triples if t.predicate == _JURISDICTION and isinstance(t.object, ox.NamedNode)}
        if len(owners) == 1:
            out[owners.pop()].append(f)
    return dict(out)


def canonical_triples(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """The triples, deduplicated and sorted, blank nodes relabelled from their content (stable labels)."""
    return [t for _key, t in keyed_triples(triples)]


def merge(parts: Iterable[Sequence[tuple[str, ox.Triple]]]) -> list[ox.Triple]:
    """Merge lists from :func:`keyed_triples` (e.g. one per file) into one sorted, deduplicated list."""
    out: list[ox.Triple] = []
    last = None
    for key, triple in heapq.merge(*parts, key=lambda kt: kt[0]):
        if key != last:
            out.append(triple)
            last = key
    return out


def keyed_triples(triples: Iterable[ox.Triple]) -> list[tuple[str, ox.Triple]]:
    """:func:`canonical_triples` with each triple's sort key (its N-Triples line), for :func:`merge`.

    A blank node's label is a hash of its outgoing triples (nested blank nodes by their own label) and of
    the first named node pointing at it; two blank nodes with the same content under the same parent
    say the same thing and merge.
    """
    triples = list(triples)
    outgoing: dict[str, list[tuple[str, object]]] = defaultdict(list)
    parents: dict[str, list[str]] = defaultdict(list)
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            outgoing[t.subject.value].append((str(t.predicate), t.object))
        if isinstance(t.object, ox.BlankNode) and not isinstance(t.subject, ox.BlankNode):
            parents[t.object.value].append(f"{t.subject} {t.predicate}")
    labels: dict[str, str] = {}

    def label(node: str, trail: frozenset[str] = frozenset()) -> str:
        if node in labels:
            return labels[node]
        if node in trail:  # a cycle of blank nodes: cut it (never happens in our data)
            return "cycle"
        parts = sorted(
            f"{p} {label(o.value, trail | {node}) if isinstance(o, ox.BlankNode) else str(o)}" for p, o in outgoing[node]
        )
        seed = "\n".join([min(parents[node], default=""), *parts])
        labels[node] = "b" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]
        return labels[node]

    def term(node):
        return ox.BlankNode(label(node.value)) if isinstance(node, ox.BlankNode) else node

    relabelled = {ox.Triple(term(t.subject), t.predicate, term(t.object)) for t in triples}
    return sorted((f"{t.subject} {t.predicate} {t.object}", t) for t in relabelled)


#: Download formats: name → (pyoxigraph format, file extension).
FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "ttl"),
    "json-ld": (ox.RdfFormat.JSON_LD, "jsonld"),
    "n-triples": (ox.RdfFormat.N_TRIPLES, "nt"),
}


def serialize(triples: Sequence[ox.Triple], fmt: str) -> bytes:
    """Serialise canonical triples (see :func:`canonical_triples`) as ``turtle``, ``json-ld`` or ``n-triples``."""
    rdf_format, _ext = FORMATS[fmt]
    prefixes = {name: str(ns) for name, ns in sorted(PREFIXES.items())} if fmt == "turtle" else None
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes)


__all__ = [
    "DataFile",
    "FORMATS",
    "canonical_triples",
    "content_hash",
    "dataset_version",
    "jurisdiction_files",
    "keyed_triples",
    "merge",
    "node_files",
    "read_files",
    "serialize",
]
