""""Cite this report": one citation in plain text, BibTeX and CSL-JSON, and the content hash it names.

A citation names the dataset version, the date the law is stated as of, the page's stable address and a
short hash of the page's content, so a reader can check next year that the address still shows what was
cited (the hash is printed on the page and is recomputed from the page's text above the cite block).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

from .markup import esc

AUTHOR = "lexgap contributors"
PUBLISHER = "lexgap"


@dataclass(frozen=True)
class Citation:
    title: str
    address: str
    dataset_version: str
    as_of: str  # YYYY-MM-DD
    content_hash: str  # short hex
    key: str  # BibTeX key


def content_hash(text: str) -> str:
    """The first 12 hex digits of the SHA-256 of the page's Markdown above the cite block."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def plain(c: Citation) -> str:
    return (
        f"{AUTHOR}. {c.title}. {PUBLISHER}, dataset version {c.dataset_version}; law stated as of {c.as_of}. "
        f"{c.address} (content hash {c.content_hash})."
    )


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    text = text.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex(c: Citation) -> str:
    year = c.as_of.split("-")[0]
    fields = [
        ("title", "{" + _bib(c.title) + "}"),
        ("author", "{" + _bib(AUTHOR) + "}"),
        ("publisher", _bib(PUBLISHER)),
        ("year", year),
        ("version", _bib(c.dataset_version)),
        ("url", c.address),
        ("note", f"Law stated as of {c.as_of}; content hash {c.content_hash}"),
    ]
    body = ",\n".join(f"  {name:<9} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}"


def csl_json(c: Citation) -> str:
    year, month, day = (int(p) for p in c.as_of.split("-"))
    item = {
        "id": c.key,
        "type": "report",
        "title": c.title,
        "author": [{"literal": AUTHOR}],
        "publisher": PUBLISHER,
        "issued": {"date-parts": [[year, month, day]]},
        "version": c.dataset_version,
        "URL": c.address,
        "note": f"Law stated as of {c.as_of}; content hash {c.content_hash}",
    }
    # One key per line, values compact: short enough to read and to paste into a reference manager.
    lines = [f"    {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in item.items()]
    return "[\n  {\n" + ",\n".join(lines) + "\n  }\n]"


def block(c: Citation) -> str:
    """The cite block's HTML: the three forms, each in a ``<pre>`` (escaped), and what they name."""
    facts = (
        f"<p>Dataset version <code>{esc(c.dataset_version)}</code> · law stated as of "
        f"<time datetime=\"{esc(c.as_of)}\">{esc(c.as_of)}</time> · stable address "
        f'<a href="{esc(c.address)}" class="lg-address">{esc(c.address)}</a> · content hash '
        f"<code class=\"lg-hash\">{esc(c.content_hash)}</code></p>"
    )
    forms = "".join(
        f'<p class="lg-cite-label">{esc(label)}</p><pre class="lg-cite-{cls}"><code>{esc(text)}</code></pre>'
        for label, cls, text in (("Plain text", "plain", plain(c)), ("BibTeX", "bibtex", bibtex(c)), ("CSL-JSON", "csl", csl_json(c)))
    )
    return f'<div class="lg-cite" data-search-exclude>{facts}{forms}</div>'
