"""``lexgap site``: build the static site from the knowledge base (a thin layer over :mod:`lexgap.site`)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from .. import site as api
from ..gaps import GapInputError
from ..load import LoadError
from ..pages.registry import DuplicatePage
from . import app
from .common import EXIT_FINDINGS, fail, write_json


class SiteFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def site(
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder to build into (default: site/, as mkdocs.yml says)."),
    as_of: Optional[str] = typer.Option(
        None, "--as-of", help="State the law as of this date, YYYY-MM-DD (default: the latest encoding or review date in the data)."
    ),
    statutes: Optional[Path] = typer.Option(None, "--statutes", help="Statute folder to build from (default: the bundled statutes/)."),
    fmt: SiteFormat = typer.Option(SiteFormat.text, "--format", "-f", help="Output format of the summary."),
) -> None:
    """Build the static site (mkdocs-material) into site/, offline, every page generated from the data.

    The build goes to a temporary folder and replaces the old site only when it succeeded. Two builds of the same data with the same --as-of are byte-identical.

    Exit codes: 0 built; 1 the mkdocs build failed (its warnings are printed); 2 bad input (a date, a folder, a data file).
    """
    if statutes is not None and not statutes.is_dir():
        raise fail(f"error: --statutes {statutes}: no such folder")
    try:
        report = api.build(out=out, as_of=as_of, statutes=statutes)
    except (LoadError, GapInputError, DuplicatePage) as exc:
        raise fail(f"error: {exc}") from None
    except api.SiteError as exc:
        raise fail(f"error: {exc}", EXIT_FINDINGS) from None
    if fmt == SiteFormat.json:
        write_json(report.to_dict())
        return
    data = report.to_dict()
    print(
        f"built {data['pages']} pages ({data['files']} files, {data['site_mb']} MB) into {data['out']} "
        f"in {data['total_s']} s (generate {data['generate_s']} s, mkdocs {data['mkdocs_s']} s); "
        f"dataset {data['dataset_version']}, law as of {data['as_of']}"
    )
