"""Text from the data, made safe for Markdown and HTML; and the few HTML pieces every page uses.

Data never reaches the page as markup: :func:`esc` is for raw-HTML blocks (Python-Markdown passes those
through untouched), :func:`md` for the few places where data sits in Markdown (headings, list items), where
every character Markdown or HTML treats specially becomes a character reference. A ``<script>`` in an
excerpt, a ``*`` or ``[`` in a citation, right-to-left text: all show as the text they are.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Sequence

# Characters with a meaning in inline Markdown, HTML, attr_list (``{#id}``) or tables. Line-start syntax
# (lists, headings) cannot arise: :func:`md` text always follows the page's own words on its line.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>&#|!~^]")
_SPACE = re.compile(r"\s+")
_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def esc(text: object) -> str:
    """HTML-escape for text and attribute values inside raw HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def md(text: object) -> str:
    """Markdown-safe inline text: whitespace collapsed, every special character a character reference."""
    flat = _SPACE.sub(" ", "" if text is None else str(text)).strip()
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group(0))};", flat)


def one_line(text: object) -> str:
    """Whitespace collapsed: for titles, table cells and citations."""
    return _SPACE.sub(" ", "" if text is None else str(text)).strip()


def safe_url(url: object) -> str | None:
    """The URL if it is an http(s) address without spaces (data may hold anything), else None."""
    text = "" if url is None else str(url).strip()
    return text if _SAFE_URL.match(text) else None


def link(href: str, text: object, cls: str | None = None) -> str:
    """An internal link (``href`` built by :mod:`lexgap.pages.paths`)."""
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{klass}>{esc(text)}</a>'


def external(url: object, text: object | None = None) -> str:
    """A link to a source address; an address that is not http(s) is shown as text, never linked."""
    safe = safe_url(url)
    label = esc(text if text is not None else url)
    return f'<a href="{esc(safe)}" rel="noopener">{label}</a>' if safe else label


def excerpt(text: object, language: str | None = None, cls: str = "lg-excerpt") -> str:
    """A verbatim text as escaped text in a blockquote; ``dir="auto"`` lets right-to-left text run right."""
    lang = f' lang="{esc(language)}"' if language else ""
    body = esc(text).strip("\n")
    return f'<blockquote class="{esc(cls)}" dir="auto"{lang}>{body}</blockquote>'


def table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], cls: str | None = None, caption: str | None = None, search: bool = True
) -> str:
    """An HTML table; ``headers`` and cells are HTML already (escape data with :func:`esc` first).

    ``search=False`` keeps it out of the site search (status grids and fact tables: names and words that
    would match every query and swell the index)."""
    klass = f' class="{esc(cls)}"' if cls else ""
    hidden = " data-search-exclude" if not search else ""
    out = [f"<table{klass}{hidden}>"]
    if caption:
        out.append(f"<caption>{caption}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead>")
    out.append("<tbody>")
    out.extend("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    out.append("</tbody></table>")
    return "\n".join(out)


def definition_list(items: Iterable[tuple[str, str]], cls: str = "lg-facts") -> str:
    """``<dl>`` of (term, HTML value) pairs; pairs with an empty value are left out. Facts are kept out of
    the site search: the headings and verbatim texts are what a search should find."""
    parts = [f"<dt>{esc(term)}</dt><dd>{value}</dd>" for term, value in items if value]
    return f'<dl class="{esc(cls)}" data-search-exclude>\n' + "\n".join(parts) + "\n</dl>" if parts else ""


#: Marks around each raw HTML block. The build sets marked blocks aside before Markdown runs and puts them
#: back after (see lexgap.site): they need no Markdown, and parsing them costs most of the build time.
RAW_START, RAW_END = "<!--lg-raw-->", "<!--/lg-raw-->"


def block(html_text: str) -> str:
    """A raw HTML block for a Markdown page, between blank lines and the :data:`RAW_START` marks."""
    return f"\n{RAW_START}\n{html_text}\n{RAW_END}\n"


def anchor(text: str) -> str:
    """An element id from an identifier: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"
