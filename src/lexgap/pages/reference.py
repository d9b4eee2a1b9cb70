"""The ontology reference: every class, property, element and material type of ``ontology/lexgap.ttl``,
with its label, comment, domain and range, generated from the ontology itself."""

from __future__ import annotations

from typing import Iterator

from ..sitedata import OntologyTerm, SiteData
from . import paths
from .markup import block, esc, link, table
from .page import Page

SECTIONS = (
    ("Classes", "Class"),
    ("Elements (compared by requirement constraints)", "Element"),
    ("Object properties", "ObjectProperty"),
    ("Datatype properties", "DatatypeProperty"),
    ("Material types", "Material"),
    ("Named individuals", "NamedIndividual"),
)


def render(data: SiteData) -> str:
    here = paths.ONTOLOGY
    parts = [
        "# Ontology reference",
        "",
        "The classes and properties of the lexgap ontology (`lg:`, `https://w3id.org/lexgap/ontology#`),",
        "generated from `ontology/lexgap.ttl`. The offence and measure concepts are on the",
        "[offences](../../offences/index.md) pages; the [data model](../../data-model.md) explains how they fit.",
    ]
    placed: set[str] = set()
    for heading, kind in SECTIONS:
        terms = [t for t in data.ontology if kind in t.kinds and t.id not in placed]
        # An element is also a property: list it once, under elements.
        placed.update(t.id for t in terms)
        if not terms:
            continue
        parts += [f"## {heading}", block(table(["Term", "Label", "Comment", "Domain", "Range"], [_row(t) for t in terms], cls="lg-reference"))]
    parts += ["## Concept scheme", block(f"<p>{link(paths.url(here, paths.OFFENCES), 'All concepts')}, by group.</p>")]
    return "\n".join(parts)


def _row(t: OntologyTerm) -> list[str]:
    return [f'<code id="lg-{esc(t.id)}">lg:{esc(t.id)}</code>', esc(t.label), esc(t.comment), esc(t.domain), esc(t.range)]


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(paths.ONTOLOGY, render(data), "ontology/lexgap.ttl")
