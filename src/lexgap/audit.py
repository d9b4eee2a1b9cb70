"""Check that every encoded excerpt is a verbatim passage of its source file.

Each source file is header lines, a line that is exactly ``---``, then the text as found (the body).
An ``lg:excerpt`` (provisions, requirements) or ``lg:text`` (articles) must occur in the body of
``<sources_dir>/<lg:sourceFile>`` once both are whitespace-normalised: every run of whitespace, line
breaks included, becomes one space, and the ends are stripped. Case and punctuation must match.

A requirement usually has no ``lg:sourceFile`` of its own: its excerpt is checked against the source
file of its article.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import rdflib
from rdflib import Literal

from .load import load
from .validate import normalise_whitespace, show
from .vocab import LG

#: The text properties audited, with where the source file is found when the node names none.
AUDITED = (LG.excerpt, LG.text)
SOURCE_FALLBACK = (LG.article,)
SEPARATOR = "---"


@dataclass(frozen=True)
class Mismatch:
    """An excerpt that is not in its source. ``kind``: missing-file, no-separator, bad-path, not-found."""

    node: str
    prop: str
    source_file: str
    kind: str
    excerpt_start: str = ""  # the first 60 characters of the normalised excerpt
    matched: int = 0  # length of the longest prefix of the excerpt found in the body
    length: int = 0  # length of the normalised excerpt
    stops_before: str = ""  # the excerpt's words where the longest matching prefix ends

    def __str__(self) -> str:
        where = f"{self.node} {self.prop}: {self.source_file}"
        if self.kind == "missing-file":
            return f"{where}: source file not found"
        if self.kind == "bad-path":
            return f"{where}: source path leaves the sources folder"
        if self.kind == "no-separator":
            return f"{where}: source file has no '{SEPARATOR}' line before the text"
        return (
            f'{where}: excerpt "{self.excerpt_start}" not in the source text; the longest matching '
            f'prefix stops at character {self.matched} of {self.length}, before "{self.stops_before}"'
        )

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class AuditResult:
    mismatches: list[Mismatch]
    checked: int  # excerpts and texts compared
    files: int  # distinct source files read


def audit_sources(sources_dir: Path | str, graph: rdflib.Graph | None = None) -> list[Mismatch]:
    """Every excerpt/text with a source file that is not found verbatim in it (see module doc)."""
    return audit(sources_dir, graph).mismatches


def audit(sources_dir: Path | str, graph: rdflib.Graph | None = None) -> AuditResult:
    """Like :func:`audit_sources`, also counting what was compared. ``graph`` defaults to the bundled KB."""
    root = Path(sources_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such folder")
    graph = load() if graph is None else graph
    bodies: dict[str, tuple[str, str]] = {}  # source file -> (body, "") or ("", what is wrong)
    mismatches: list[Mismatch] = []
    checked = 0
    for prop in AUDITED:
        for node, text in graph.subject_objects(prop):
            if not isinstance(text, Literal):
                continue
            for source_file in _source_files(graph, node):
                checked += 1
                found = _compare(root, source_file, str(text), bodies)
                if found is not None:
                    mismatches.append(Mismatch(show(node, graph), show(prop), source_file, **found))
    mismatches.sort(key=lambda m: (m.node, m.prop, m.source_file))
    return AuditResult(mismatches, checked, sum(1 for _, wrong in bodies.values() if not wrong))


def _source_files(graph: rdflib.Graph, node) -> list[str]:
    own = sorted(str(f) for f in graph.objects(node, LG.sourceFile))
    if own:
        return own
    for prop in SOURCE_FALLBACK:
        for parent in graph.objects(node, prop):
            inherited = sorted(str(f) for f in graph.objects(parent, LG.sourceFile))
            if inherited:
                return inherited
    return []


def _compare(root: Path, source_file: str, text: str, bodies: dict) -> dict | None:
    """None when ``text`` is in the body; else the fields of the Mismatch."""
    if source_file not in bodies:
        bodies[source_file] = _read_body(root, source_file)
    body, wrong = bodies[source_file]
    if wrong:
        return {"kind": wrong}
    excerpt = normalise_whitespace(text)
    if excerpt in body:
        return None
    matched = longest_prefix_in(excerpt, body)
    return {
        "kind": "not-found",
        "excerpt_start": excerpt[:60],
        "matched": matched,
        "length": len(excerpt),
        "stops_before": excerpt[matched : matched + 40],
    }


def _read_body(root: Path, source_file: str) -> tuple[str, str]:
    """(normalised body, "") or ("", the Mismatch kind saying why there is no body)."""
    path = (root / source_file).resolve()
    if not path.is_relative_to(root.resolve()):
        return "", "bad-path"
    if not path.is_file():
        return "", "missing-file"
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    try:
        start = lines.index(SEPARATOR)
    except ValueError:
        return "", "no-separator"
    return normalise_whitespace("\n".join(lines[start + 1 :])), ""


def longest_prefix_in(text: str, body: str) -> int:
    """Length of the longest prefix of ``text`` found in ``body`` (binary search: a prefix of a found
    prefix is found too, so the answer is the last length that still matches)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if text[:mid] in body:
            low = mid
        else:
            high = mid - 1
    return low
