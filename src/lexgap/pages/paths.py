"""Where each page lives, and links between pages.

Every record page is ``<folder>/index.md``, so its address is the folder (``reports/budapest/deu/``) on a
web server and ``…/index.html`` from the file system: stable addresses to cite, and links that work from
``file://``. The site is built with ``use_directory_urls: false``, so a page ``x/index.md`` is written to
``x/index.html`` and links point at that file.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .markup import anchor

HOME = "index.md"
INSTRUMENTS = "instruments/index.md"
JURISDICTIONS = "jurisdictions/index.md"
OFFENCES = "offences/index.md"
REPORTS = "reports/index.md"
DOWNLOADS = "downloads/index.md"
ONTOLOGY = "reference/ontology/index.md"
HOW_TO_CITE = "how-to-cite.md"
METHODOLOGY = "methodology.md"


def instrument(identifier: str) -> str:
    return f"instruments/{anchor(identifier)}/index.md"


def article(instrument_id: str, article_slug: str) -> str:
    return f"instruments/{anchor(instrument_id)}/art-{anchor(article_slug)}/index.md"


def jurisdiction(code: str) -> str:
    return f"jurisdictions/{anchor(code)}/index.md"


def offence(concept_id: str) -> str:
    return f"offences/{anchor(concept_id)}/index.md"


def report(instrument_id: str, code: str) -> str:
    return f"reports/{anchor(instrument_id)}/{anchor(code)}/index.md"


def download(name: str) -> str:
    return f"downloads/{name}"


def provision_anchor(provision_id: str) -> str:
    return anchor(provision_id)


def requirement_anchor(requirement_id: str) -> str:
    return "req-" + anchor(requirement_id)


def output(path: str) -> str:
    """The file mkdocs writes for a docs path: Markdown pages become ``.html``."""
    return path[:-3] + ".html" if path.endswith(".md") else path


def url(source: str, target: str, fragment: str | None = None) -> str:
    """A relative link from page ``source`` to page or file ``target`` (docs paths), as built."""
    rel = _relative(posixpath.dirname(output(source)), output(target))
    return f"{rel}#{fragment}" if fragment else rel


@lru_cache(maxsize=65536)
def _relative(here: str, target: str) -> str:
    # Pages link to the same few hundred targets thousands of times; relpath is slow, so remember.
    return posixpath.relpath(target, here or ".")


def address(site_url: str, path: str) -> str:
    """The stable public address of a page: its folder for ``index.md`` pages (``reports/budapest/deu/``)."""
    built = output(path)
    tail = built[: -len("index.html")] if built.endswith("index.html") else built
    base = site_url if site_url.endswith("/") or not site_url else site_url + "/"
    return base + tail
