"""Load the ontology and statute files into one RDF graph.

The graph is an rdflib ``Graph`` backed by Oxigraph (oxrdflib): rdflib is the API, Oxigraph does the
parsing (``ox-turtle``, ~25x faster than rdflib's own parser) and the SPARQL evaluation.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import rdflib

from .vocab import PREFIXES

#: Where the bundled knowledge base lives: the project root (this file is src/lexgap/load.py).
PROJECT_ROOT = Path(os.environ.get("LEXGAP_HOME", Path(__file__).resolve().parents[2]))
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
STATUTES_DIR = PROJECT_ROOT / "statutes"
ANALYSIS_DIR = PROJECT_ROOT / "analysis"

#: Files under ontology/ that are data for every load (the shapes are loaded by validation only).
ONTOLOGY_FILES = ("lexgap.ttl", "concepts.ttl")
SHAPES_FILE = "shapes.ttl"


class LoadError(Exception):
    """A file could not be read or parsed. ``str()`` is the one-line user-facing message."""

    def __init__(self, path: Path | str, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    """One Turtle file that went into a graph."""

    path: Path
    triples: int


def ontology_paths() -> list[Path]:
    return [ONTOLOGY_DIR / name for name in ONTOLOGY_FILES if (ONTOLOGY_DIR / name).exists()]


def statute_paths(paths: Iterable[Path | str] | None = None) -> list[Path]:
    """Expand files and folders into a sorted list of ``.ttl`` files (default: the bundled statutes)."""
    roots = [Path(p) for p in paths] if paths else [STATUTES_DIR]
    found: list[Path] = []
    for root in roots:
        if root.is_dir():
            found.extend(sorted(p for p in root.rglob("*.ttl") if p.is_file()))
        elif root.exists():
            found.append(root)
        else:
            raise LoadError(root, "no such file or folder")
    # Keep order stable and drop repeats (a file named twice is loaded once).
    seen: set[Path] = set()
    unique = []
    for p in found:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def new_graph(store: str = "Oxigraph") -> rdflib.Graph:
    graph = rdflib.Graph(store=store)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def parse_file(graph: rdflib.Graph, path: Path, *, count: bool = False) -> int | None:
    """Parse one Turtle file into ``graph``; raise :class:`LoadError` with the line on a syntax error.

    With ``count``, return how many triples the file added. Counting is off by default because
    ``len()`` on an Oxigraph-backed graph runs a SPARQL COUNT over the whole store (0.2 s at 30k
    triples): counting around every file made loading the bundled data take a minute.
    """
    before = len(graph) if count else 0
    fmt = "ox-turtle" if graph.store.__class__.__name__ == "OxigraphStore" else "turtle"
    text = read_turtle(path)
    try:
        graph.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except (SyntaxError, MemoryError) as exc:
        raise syntax_error(path, exc) from None
    except Exception as exc:  # rdflib's own parser (non-Oxigraph stores) raises BadSyntax and others
        line = getattr(exc, "lines", None)
        line = line + 1 if isinstance(line, int) else None
        raise LoadError(path, f"Turtle syntax error: {exc}", line) from None
    return len(graph) - before if count else None


def read_turtle(path: Path) -> str:
    """A Turtle file's text: readable, UTF-8 (a byte-order mark is dropped), else a one-line LoadError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read file: {exc.strerror or exc}") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LoadError(path, "not valid UTF-8 text", data[: exc.start].count(b"\n") + 1) from None


def syntax_error(path: Path, exc: SyntaxError | MemoryError) -> LoadError:
    """Oxigraph's parse failure as our one-line error, with the line where it has one."""
    if isinstance(exc, MemoryError):
        # Oxigraph refuses a single term (string, IRI) over 16 MB instead of exhausting memory.
        return LoadError(path, "Turtle syntax error: one term is larger than the parser's 16 MB limit")
    message = str(exc.msg if getattr(exc, "msg", None) else exc)
    return LoadError(path, f"Turtle syntax error: {_clean_syntax_message(message)}", exc.lineno)


def _clean_syntax_message(message: str) -> str:
    # Oxigraph says "Parser error between line 3 column 11 and line 5 column 1: Unexpected end of file"
    # (or "at line 3 between columns 1 and 21: ..."); the line already leads our message, so keep the
    # first column and the reason.
    if message.startswith("Parser error"):
        head, _, reason = message.partition(": ")
        found = re.search(r"columns? (\d+)", head)
        return f"{reason} (column {found.group(1)})" if found else reason
    return message


def load(
    paths: Sequence[Path | str] | None = None,
    *,
    include_ontology: bool = True,
    store: str = "Oxigraph",
) -> rdflib.Graph:
    """Load the ontology (unless told not to) and the given statute files or folders (default: bundled)."""
    graph = new_graph(store)
    files = (ontology_paths() if include_ontology else []) + statute_paths(paths)
    for path in files:
        parse_file(graph, path)
    return graph


def load_with_sources(
    paths: Sequence[Path | str] | None = None, *, include_ontology: bool = True, store: str = "Oxigraph"
) -> tuple[rdflib.Graph, list[Source]]:
    """Like :func:`load`, also returning which files were read and how many triples each added."""
    graph = new_graph(store)
    sources: list[Source] = []
    files = (ontology_paths() if include_ontology else []) + statute_paths(paths)
    for path in files:
        sources.append(Source(path, parse_file(graph, path, count=True) or 0))
    return graph, sources
