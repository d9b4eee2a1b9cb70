"""The page generators, in one list: each is a function from :class:`lexgap.sitedata.SiteData` to pages.

To add pages to the site, write a module here with ``pages(data) -> Iterable[Page]`` (pure: records in,
Markdown out) and add a :class:`Generator` to :data:`GENERATORS`. Give it a ``nav`` entry to put its index
page in the site's navigation (before "About"); every other page should be linked from that index page,
because the navigation is kept short on purpose (an explicit short ``nav`` keeps the build linear).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from ..sitedata import SiteData
from . import downloads, home, instruments, jurisdictions, network, offences, reference, reports
from .page import Page


@dataclass(frozen=True)
class Generator:
    name: str
    produce: Callable[[SiteData], Iterable[Page]]
    nav: tuple[str, str] | None = None  # (title, docs path) added to the navigation if mkdocs.yml lacks it


GENERATORS: list[Generator] = [
    Generator("home", home.pages),
    Generator("instruments", instruments.pages),
    Generator("jurisdictions", jurisdictions.pages),
    Generator("offences", offences.pages),
    Generator("reports", reports.pages),
    Generator("network", network.pages, nav=("Cross-border", network.INDEX)),
    Generator("downloads", downloads.pages),
    Generator("reference", reference.pages),
]


class DuplicatePage(ValueError):
    """Two generators produced the same path."""


def generate(data: SiteData, generators: Iterable[Generator] | None = None) -> list[Page]:
    """Every page of every generator, sorted by path; two pages at one path are an error."""
    pages: dict[str, Page] = {}
    for gen in generators if generators is not None else GENERATORS:
        for page in gen.produce(data):
            if page.path in pages:
                raise DuplicatePage(f"{gen.name}: page {page.path} is produced twice")
            pages[page.path] = page
    return [pages[p] for p in sorted(pages)]
