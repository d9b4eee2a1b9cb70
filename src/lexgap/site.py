"""Build the static site: read the knowledge base, generate the pages, let mkdocs build, swap into place.

Two ways in, one code path:

- ``mkdocs build --strict`` from the project root: ``mkdocs.yml`` names the hook file
  ``src/lexgap/pages/mkdocs_hook.py``, which re-exports the ``on_*`` functions below; they read the
  bundled data and hand the generated pages to mkdocs as in-memory files (nothing is written to
  ``docs/``, so generated pages are never committed).
- :func:`build` (``lexgap site [--out DIR] [--as-of DATE]``): generates first (so data errors are one
  clean line), runs the same mkdocs build into a temporary folder beside the target, and only then
  swaps it into place: a failed build leaves the previous site untouched.

Reproducible: the date the law is stated as of defaults to the latest ``lg:encodedOn`` /
``lg:reviewedOn`` date in the data (not today), mkdocs's build date (sitemap, gzip header) is pinned to
that date through ``SOURCE_DATE_EPOCH``, and every page iterates in sorted order; two builds of the same
data and date are byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import rdflib

from .dataset import DataFile, read_files
from .gaps import GapInputError, parse_as_of
from .load import ANALYSIS_DIR, PROJECT_ROOT
from .vocab import PREFIXES
from .pages.markup import RAW_END, RAW_START
from .pages.page import Page
from .pages.registry import GENERATORS, generate
from .sitedata import SiteData, read_site_data

CONFIG_FILE = PROJECT_ROOT / "mkdocs.yml"


@dataclass(frozen=True)
class Options:
    as_of: str | None = None
    statutes: Path | None = None  # default: the bundled statutes/
    ontology: tuple[Path, ...] | None = None  # default: ontology/lexgap.ttl and concepts.ttl


@dataclass(frozen=True)
class Generated:
    data: SiteData
    pages: list[Page]
    seconds: float


@dataclass(frozen=True)
class BuildReport:
    out: Path
    jurisdictions: int
    pages: int  # Markdown pages generated
    files: int  # every generated file (pages and downloads)
    as_of: str
    dataset_version: str
    generate_s: float
    mkdocs_s: float
    total_s: float
    site_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "jurisdictions": self.jurisdictions,
            "pages": self.pages,
            "files": self.files,
            "as_of": self.as_of,
            "dataset_version": self.dataset_version,
            "generate_s": round(self.generate_s, 2),
            "mkdocs_s": round(self.mkdocs_s, 2),
            "total_s": round(self.total_s, 2),
            "site_mb": round(self.site_bytes / 1_000_000, 2),
        }


class SiteError(Exception):
    """The site could not be built (one-line message)."""


def queries() -> list[tuple[str, str]]:
    """The SPARQL files of ``analysis/``, by name, for the downloads."""
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(ANALYSIS_DIR.glob("*.rq"))]


def graph_of(files: list[DataFile]) -> rdflib.Graph:
    """The parsed files (parsed once, by :func:`lexgap.dataset.read_files`) as one Oxigraph-backed graph.

    Like :func:`lexgap.load.load`, but filled in one bulk insert from triples already parsed, instead of
    parsing each file again into the graph.
    """
    import pyoxigraph as ox
    from oxrdflib import OxigraphStore
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    store = ox.Store()
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for f in files for t in f.triples)
    graph = rdflib.Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph


def prepare(options: Options, site_url: str = "") -> Generated:
    """Read the knowledge base and generate every page (raises LoadError / GapInputError on bad input)."""
    start = time.perf_counter()
    if options.as_of is not None:
        parse_as_of(options.as_of)  # a bad date fails before the slow part
    files = read_files(options.statutes, options.ontology)
    data = read_site_data(graph_of(files), files, options.as_of, site_url, queries())
    pages = generate(data)
    return Generated(data, pages, time.perf_counter() - start)


# --------------------------------------------------------------------------------------------------
# mkdocs hooks (re-exported by src/lexgap/pages/mkdocs_hook.py)
# --------------------------------------------------------------------------------------------------

# One build at a time per process: build() sets these, the hooks read them, the end of a build clears them.
_options = Options()
_prepared: Generated | None = None
_saved_epoch: str | None = None


def on_config(config):
    global _prepared, _saved_epoch
    if _prepared is None:
        from mkdocs.exceptions import PluginError

        from .load import LoadError

        try:
            _prepared = prepare(_options, config.site_url or "")
        except (LoadError, GapInputError) as exc:
            raise PluginError(f"lexgap: {exc}") from None
    day = datetime.fromisoformat(_prepared.data.as_of).replace(tzinfo=timezone.utc)
    _saved_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(day.timestamp()))
    _add_nav(config)
    return config


def _add_nav(config) -> None:
    """Put each generator's index page in the navigation (before "About") unless mkdocs.yml has it."""
    nav = config.nav
    if nav is None:
        return
    listed = set(_nav_paths(nav))
    about = next((i for i, item in enumerate(nav) if isinstance(item, dict) and "About" in item), len(nav))
    for gen in GENERATORS:
        if gen.nav is not None and gen.nav[1] not in listed:
            nav.insert(about, {gen.nav[0]: gen.nav[1]})
            about += 1


def _nav_paths(items) -> list[str]:
    out: list[str] = []
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(_nav_paths(value))
    return out


def on_files(files, config):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    assert _prepared is not None
    docs = os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path or str(CONFIG_FILE)))
    for f in files:
        if f.generated_by is None and f.is_documentation_page():
            # The "edit" link of a hand-written page: its file in the repository.
            f.edit_uri = f"{Path(docs).as_posix()}/{f.src_uri}"
    for page in _prepared.pages:
        if files.get_file_from_path(page.path) is not None:
            raise PluginError(f"lexgap: {page.path} is generated, but {docs}/{page.path} exists: remove one")
        generated = File.generated(config, page.path, content=page.content)
        # The "edit" link of a generated page: the data file it was generated from (None: no link).
        generated.edit_uri = page.edit
        files.append(generated)
    return files


# Raw HTML blocks (markup.block) are taken out of the Markdown before it is converted and put back into the
# HTML after: Python-Markdown and mkdocs would each parse every block again with an HTML parser (two thirds
# of the build time at 200 jurisdictions), and the blocks need nothing from Markdown. Data text in them is
# escaped, so the marks cannot occur inside a block.
_RAW = re.compile(re.escape(RAW_START) + r"\n(.*?)\n" + re.escape(RAW_END), re.DOTALL)
_PLACEHOLDER = re.compile(r'<div data-lg-raw="(\d+)"></div>')


def on_page_markdown(markdown, page, config, files):
    kept: list[str] = []

    def set_aside(match: re.Match) -> str:
        kept.append(match.group(1))
        return f'<div data-lg-raw="{len(kept) - 1}"></div>'

    page.lexgap_raw = kept
    return _RAW.sub(set_aside, markdown)


def on_page_content(html, page, config, files):
    kept = getattr(page, "lexgap_raw", None)
    if not kept:
        return html
    return _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], html)


def on_post_build(config):
    _finish()


def on_build_error(error):
    _finish()


def _finish() -> None:
    global _prepared, _saved_epoch
    _prepared = None
    if _saved_epoch is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = _saved_epoch
    _saved_epoch = None


# --------------------------------------------------------------------------------------------------
# lexgap site
# --------------------------------------------------------------------------------------------------


def build(
    out: Path | str | None = None,
    as_of: str | None = None,
    statutes: Path | str | None = None,
    config_file: Path | str | None = None,
    ontology: tuple[Path, ...] | None = None,
) -> BuildReport:
    """Build the site into ``out`` (default: mkdocs.yml's ``site_dir``), atomically; see the module doc.

    Raises LoadError / GapInputError for bad data or a bad date, SiteError when mkdocs fails.
    """
    global _options, _prepared
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's banner about its successor
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

    start = time.perf_counter()
    config_path = Path(config_file) if config_file else CONFIG_FILE
    try:
        probe = load_config(str(config_path))
    except (ConfigurationError, Abort) as exc:
        raise SiteError(f"{config_path}: {exc}") from None
    target = Path(out).resolve() if out else Path(probe.site_dir)
    options = Options(as_of, Path(statutes) if statutes is not None else None, ontology)
    generated = prepare(options, probe.site_url or "")

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
    mkdocs_start = time.perf_counter()
    try:
        _options, _prepared = options, generated
        config = load_config(str(config_path), site_dir=str(staging))
        mkdocs_build(config)
    except (Abort, MkDocsException, SystemExit) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"mkdocs build failed: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _options, _prepared = Options(), None
        _finish()
    mkdocs_s = time.perf_counter() - mkdocs_start
    size = sum(p.stat().st_size for p in staging.rglob("*") if p.is_file())
    _swap(staging, target)
    return BuildReport(
        out=target,
        jurisdictions=len(generated.data.jurisdictions),
        pages=sum(1 for p in generated.pages if p.path.endswith(".md")),
        files=len(generated.pages),
        as_of=generated.data.as_of,
        dataset_version=generated.data.dataset_version,
        generate_s=generated.seconds,
        mkdocs_s=mkdocs_s,
        total_s=time.perf_counter() - start,
        site_bytes=size,
    )


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old site is moved aside first and removed last."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        # Put the previous site back where it was: a failed swap must not leave no site at all.
        if old is not None:
            old.rename(target)
        shutil.rmtree(new, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


__all__ = ["BuildReport", "Options", "SiteError", "build", "prepare", "queries"]
