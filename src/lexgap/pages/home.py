"""The home page: what lexgap is, coverage at a glance, the jurisdictions × instruments heat map."""

from __future__ import annotations

from typing import Iterator

from ..sitedata import SiteData
from . import paths
from .markup import block, esc, md
from .page import Page
from .status import COUNTED, WORDS, counts, share_met
from .svg import Cell, heatmap

PATH = paths.HOME


def render(data: SiteData) -> str:
    reviewed = sum(len(j.reviewed_areas) for j in data.jurisdictions)
    provisions = sum(len(p) for p in data.provisions.values())
    figures = [
        (len(data.jurisdictions), "jurisdiction", "jurisdictions", paths.JURISDICTIONS),
        (len(data.instruments), "instrument", "instruments", paths.INSTRUMENTS),
        (provisions, "national provision", "national provisions", paths.JURISDICTIONS),
        (len(data.requirements), "requirement", "requirements", paths.INSTRUMENTS),
        (reviewed, "reviewed area (jurisdiction × concept)", "reviewed areas (jurisdiction × concept)", paths.JURISDICTIONS),
    ]
    cards = "".join(
        f'<li><a href="{esc(paths.url(PATH, target))}"><span class="lg-figure">{n}</span> {esc(one if n == 1 else many)}</a></li>'
        for n, one, many, target in figures
    )
    return "\n".join(
        [
            "# lexgap: cybercrime and child-protection law compared",
            "",
            "lexgap is an open knowledge base that compares national law on cybercrime and on the sexual",
            "exploitation and abuse of children online with the international instruments that require it.",
            "Each national provision is quoted word for word from its source, with its citation, source",
            "address, in-force dates and review status; each requirement of an instrument is checked against",
            "the provisions of every jurisdiction, and every result carries its evidence and its reason.",
            "",
            f"Dataset version **{md(data.dataset_version)}**, law stated as of **{md(data.as_of)}**.",
            f"[How to cite]({paths.HOW_TO_CITE}) · [Methodology]({paths.METHODOLOGY}) · "
            "[Limitations](limitations.md) · [Downloads](downloads/index.md)",
            "",
            "## Coverage at a glance",
            block(f'<ul class="lg-figures">{cards}</ul>'),
            "## Jurisdictions × instruments",
            "",
            "Each cell is one [gap report](reports/index.md): its colour is the share of counted requirements",
            "that are met (optional and reserved requirements are not counted), its label *met / counted*.",
            "A pale cell is not a finding of gaps: most requirements may simply not have been reviewed yet;",
            "hover or open the report for the counts of each status.",
            block(matrix(data)),
            "## Where to go next",
            "",
            "- [Instruments](instruments/index.md): each article's text, requirements, crosswalk and status by jurisdiction.",
            "- [Jurisdictions](jurisdictions/index.md): treaty status, provisions by area with verbatim excerpts, scorecards.",
            "- [Offences](offences/index.md): one page per concept, with a comparison across jurisdictions.",
            "- [Gap reports](reports/index.md): one citable report per jurisdiction and instrument.",
            "- [Downloads](downloads/index.md): the whole dataset (Turtle, JSON-LD, N-Triples), the gap matrix (CSV), the queries.",
            "",
        ]
    )


def matrix(data: SiteData) -> str:
    columns = [(i.short_title, paths.url(PATH, paths.instrument(i.identifier))) for i in data.instruments]
    rows = []
    for j in data.jurisdictions:
        cells = []
        for i in data.instruments:
            count = counts(r.status for r in data.results_for(j.code, i.identifier))
            counted = sum(count[s] for s in COUNTED)
            detail = ", ".join(f"{WORDS[s].lower()} {n}" for s, n in count.items() if n) or "no requirements"
            cells.append(
                Cell(
                    share=share_met(count),
                    text=f"{count['met']} / {counted}",
                    title=f"{j.name} — {i.short_title}: {detail}",
                    href=paths.url(PATH, paths.report(i.identifier, j.code)),
                )
            )
        rows.append((f"{j.name} ({j.code})", paths.url(PATH, paths.jurisdiction(j.code)), cells))
    return heatmap(
        "Share of requirements met, by jurisdiction and instrument",
        "Rows are jurisdictions, columns instruments. Each cell shows met / counted requirements and links to "
        "the gap report; darker cells have a larger share met; cells with nothing counted have a dashed outline.",
        columns,
        rows,
    )


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(PATH, render(data), None)
