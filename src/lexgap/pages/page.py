"""What a page generator produces: a file of the site, with the data file it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """One generated file: ``path`` inside the site's docs (``reports/budapest/deu/index.md``), its content
    (Markdown text, or bytes for a download), and ``edit``: the project path of the data file it was
    generated from (the page's "edit" link), or None."""

    path: str
    content: str | bytes
    edit: str | None = None


def front_matter(*, search: bool = True, hide: tuple[str, ...] = ()) -> str:
    """YAML front matter for mkdocs-material: leave a page out of search, hide the sidebars, or nothing.

    Page titles come from each page's first heading (escaped text), never from front matter, because
    mkdocs puts a front-matter title into ``<title>`` unescaped.
    """
    lines = []
    if not search:
        lines += ["search:", "  exclude: true"]
    if hide:
        lines += ["hide:"] + [f"  - {h}" for h in hide]
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""
