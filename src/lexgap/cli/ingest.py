"""``lexgap ingest`` and ``lexgap evaluate-ingest``: the encoding assistant on the command line.

spaCy is imported inside the commands, never at module level, so every other command starts without
paying for it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer

from . import app
from .common import Format, emit, fail, write_json


@app.command()
def ingest(
    file: Path = typer.Argument(..., help="Statute text: a source file (header, '---', text) or plain text."),
    jurisdiction: str = typer.Option(..., "--jurisdiction", "-j", help="ISO 3166-1 alpha-3 code, e.g. DEU."),
    lang: str = typer.Option(
        ..., "--lang", "-l", help="Language of the text (ISO 639-1: en, fr, de, es, pt, it, nl, sv, da, nb, is, fi, "
        "et, cs, sk, sl, hr, el, hu, ro, ru, uk, ka, ar, zh, ko, th, id, ms, bn)."
    ),
    act: Optional[str] = typer.Option(None, "--act", help="Title of the act (default: the header's instrument)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the draft here (default: stdout)."),
) -> None:
    """Propose a draft encoding (Turtle, review status draft) for a statute text."""
    from ..nlp.draft import IngestError, draft_source, render

    try:
        draft = draft_source(file, jurisdiction, lang, act)
    except IngestError as exc:
        raise fail(f"error: {exc}")
    text = render(draft)
    if out is None:
        sys.stdout.write(text)
        return
    _write_atomic(out, text)
    drafted = sum(1 for p in draft.provisions if p.drafted)
    print(f"{out}: {drafted} of {len(draft.provisions)} provisions drafted", file=sys.stderr)


def _write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, then rename: a reader never sees half a draft."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise fail(f"error: {path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command("evaluate-ingest")
def evaluate_ingest(
    sources: Optional[Path] = typer.Option(
        None, "--sources", help="Folder of source texts: also ingest the whole files (tests segmentation)."
    ),
    jurisdiction: Optional[list[str]] = typer.Option(
        None, "--jurisdiction", "-j", help="Measure on these jurisdictions only (ISO3, repeatable)."
    ),
    lang: Optional[list[str]] = typer.Option(
        None, "--lang", "-l", help="Measure on provisions in these languages only (ISO 639-1, repeatable)."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, csv or md."),
    alone: bool = typer.Option(
        False, "--alone",
        help="Read each excerpt by itself (default: with the other hand-encoded paragraphs of its article, in order, as ingest reads a text).",
    ),
) -> None:
    """Compare ingest with the hand encodings: concept precision/recall/F1, age and penalty accuracy."""
    from ..nlp.draft import IngestError, check_jurisdiction
    from ..nlp.evaluate import COLUMNS, evaluate

    if sources is not None and not sources.is_dir():
        raise fail(f"error: {sources}: no such folder")
    try:
        codes = [check_jurisdiction(j) for j in jurisdiction or []]
    except IngestError as exc:
        raise fail(f"error: {exc}")
    from ..nlp.pipeline import LANGUAGES

    unknown = [code for code in lang or [] if code not in LANGUAGES]
    if unknown:
        raise fail(f"error: --lang {unknown[0]}: unsupported language (one of {', '.join(LANGUAGES)})")
    result = evaluate(
        sources=sources, jurisdictions=codes or None, languages=lang or None, context="alone" if alone else "article"
    )
    if fmt.value == "json":
        write_json(result.as_json())
        return
    emit(result.rows(), COLUMNS, fmt, title="ingest vs hand encodings")


@app.command("evaluate-drafts")
def evaluate_drafts(
    drafts_dir: Path = typer.Argument(..., help="Folder of untouched drafts (e.g. benchmarks/drafts), searched for *.ttl."),
    jurisdiction: Optional[str] = typer.Option(None, "--jurisdiction", "-j", help="Only this jurisdiction (ISO3)."),
    reviewed: Optional[list[Path]] = typer.Option(
        None, "--reviewed", help="Reviewed encodings (files or folders, repeatable; default: the statutes folder)."
    ),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="table, json, csv or md."),
) -> None:
    """Compare untouched drafts with their reviewed encodings: matches, concepts, values, review changes."""
    from ..nlp.compare import COLUMNS, DraftsError
    from ..nlp.compare import evaluate_drafts as run
    from ..nlp.draft import IngestError, check_jurisdiction

    try:
        code = check_jurisdiction(jurisdiction) if jurisdiction else None
        result = run(drafts_dir, reviewed, code)
    except (IngestError, DraftsError) as exc:
        raise fail(f"error: {exc}")
    if fmt.value == "json":
        write_json(result.as_json())
        return
    emit(result.rows(), COLUMNS, fmt, title="drafts vs reviewed encodings")
