"""Commands on the knowledge base as a whole: validate, concepts, audit-sources, version.

Output contract of ``lexgap validate``: each problem is one line on stdout (so it can be piped to
grep or an editor's quickfix list), the closing summary on stderr, exit 2. When everything is valid the
summary goes to stdout, exit 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Optional

import rdflib
import typer
from rdflib import Literal

from .. import __version__
from ..audit import audit
from ..load import ONTOLOGY_DIR, ONTOLOGY_FILES, PROJECT_ROOT, LoadError, load, new_graph, parse_file
from ..validate import Report, validate as validate_kb
from ..vocab import LGC, RDF, SKOS
from . import app
from .common import EXIT_BAD_INPUT, EXIT_FINDINGS, Format, emit, fail

CONCEPTS_OPTION = typer.Option(
    None, "--concepts", metavar="FILE", help="Concept scheme to use instead of ontology/concepts.ttl."
)


@app.command()
def validate(
    paths: Optional[list[Path]] = typer.Argument(
        None, metavar="[PATH]...", help="Statute files or folders (default: the bundled statutes/)."
    ),
    concepts: Optional[Path] = CONCEPTS_OPTION,
) -> None:
    """Check statute files against the shapes and cross-checks; one line per problem.

    Links (jurisdiction, act, definitions, instrument) must reach nodes in the files checked, so check
    a whole folder rather than one file of it. Exit 0 when valid (a one-line summary on stdout); exit 2
    with one line per problem on stdout and the count on stderr.
    """
    try:
        report = _validate_with_progress(paths or None, concepts)
    except LoadError as exc:
        raise fail(f"error: {exc}")
    if report.ok:
        print(f"valid: {report.summary()}")
        return
    for problem in report.problems:
        print(problem)
    count = len(report.problems)
    print(f"invalid: {count} problem{'s' if count != 1 else ''}; {report.summary()}", file=sys.stderr)
    raise typer.Exit(EXIT_BAD_INPUT)


def _validate_with_progress(paths: list[Path] | None, concepts: Path | None) -> Report:
    # A progress bar only helps a person watching a terminal; in pipes and logs it would be noise.
    if not sys.stderr.isatty():
        return validate_kb(paths, concepts=concepts)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, int] = {}

        def advance(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return validate_kb(paths, concepts=concepts, progress=advance)


@app.command()
def concepts(
    fmt: Format = typer.Option(Format.table, "--format", help="table, json, csv or md."),
    concepts_file: Optional[Path] = CONCEPTS_OPTION,
) -> None:
    """List the offence and measure concepts (SKOS), with labels, groups and broader concepts.

    JSON: a list sorted by id of {id, iri, label: {lang: label}, definition (en), group, broader: [ids]}.
    ``group`` is the top concept the concept falls under (a group's own id for a group).
    """
    path = concepts_file or ONTOLOGY_DIR / ONTOLOGY_FILES[1]
    if not path.is_file():
        raise fail(f"error: {path}: no such file")
    graph = new_graph()
    try:
        parse_file(graph, path)
    except LoadError as exc:
        raise fail(f"error: {exc}")
    rows = concept_records(graph)
    if fmt == Format.json:
        emit(rows, [], "json")
        return
    flat = [{**r, "label": r["label"].get("en", ""), "broader": ", ".join(r["broader"])} for r in rows]
    emit(flat, ["id", "label", "group", "broader"], fmt, title=f"{len(rows)} concepts")


def concept_records(graph: rdflib.Graph) -> list[dict]:
    """One record per skos:Concept in the lexgap concept namespace, sorted by id."""
    namespace = str(LGC)
    ids = {c: str(c)[len(namespace) :] for c in graph.subjects(RDF.type, SKOS.Concept) if str(c).startswith(namespace)}
    records = []
    for concept, cid in ids.items():
        labels = {
            lit.language or "": str(lit) for lit in graph.objects(concept, SKOS.prefLabel) if isinstance(lit, Literal)
        }
        definitions = [d for d in graph.objects(concept, SKOS.definition) if getattr(d, "language", None) == "en"]
        definition = str(min(definitions)) if definitions else None
        broader = sorted(ids[b] for b in graph.objects(concept, SKOS.broader) if b in ids)
        records.append(
            {
                "id": cid,
                "iri": str(concept),
                "label": dict(sorted(labels.items())),
                "definition": definition,
                "group": ids.get(_top(graph, concept)),
                "broader": broader,
            }
        )
    return sorted(records, key=lambda r: r["id"])


def _top(graph: rdflib.Graph, concept) -> rdflib.term.Node:
    """Follow skos:broader up to a concept with no broader one (cycles stop where they close)."""
    seen = {concept}
    while True:
        parents = sorted(b for b in graph.objects(concept, SKOS.broader) if b not in seen)
        if not parents:
            return concept
        concept = parents[0]
        seen.add(concept)


@app.command("audit-sources")
def audit_sources(
    sources: Path = typer.Argument(..., metavar="DIR", help="Folder of source texts (header, '---', text)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table (one line each) or json."),
    data: Optional[list[Path]] = typer.Option(
        None, "--data", metavar="PATH", help="Statute files or folders to audit (default: bundled)."
    ),
) -> None:
    """Check every excerpt and article text against its source file, word for word.

    Exit 0 if all match, 1 if any does not (one line each), 2 if DIR does not exist.
    """
    if not sources.is_dir():
        raise fail(f"error: {sources}: no such folder")
    try:
        graph = load(data or None)
    except LoadError as exc:
        raise fail(f"error: {exc}")
    result = audit(sources, graph)
    if fmt == Format.json:
        emit([m.to_dict() for m in result.mismatches], [], "json")
    else:
        for mismatch in result.mismatches:
            print(mismatch)
    if result.mismatches:
        print(
            f"{len(result.mismatches)} of {result.checked} excerpts do not match their source files",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_FINDINGS)
    if fmt != Format.json:
        print(f"all {result.checked} excerpts match their source files ({result.files} files)")


@app.command()
def version() -> None:
    """Print the package version and the dataset version (git describe, else the package version)."""
    print(f"lexgap {__version__}")
    print(f"dataset {dataset_version()}")


def dataset_version() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--tags", "--always", "--dirty"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return __version__
    described = done.stdout.strip()
    return described if done.returncode == 0 and described else __version__
