"""Gap reports: one per jurisdiction × instrument, at ``reports/<instrument>/<iso3>/``, citable.

A report gives the summary counts, then each requirement with its status, reason, failed constraints,
notes and evidence (the implementing provisions, quoted once at the end), and, where there is a gap,
provisions of other jurisdictions that meet the requirement, quoted as model language. The "Cite this
report" block names the dataset version, the date the law is stated as of, the stable address and a hash
of everything above it.
"""

from __future__ import annotations

from typing import Iterator

from ..gaps import GapResult
from ..sitedata import Instrument, Jurisdiction, SiteData
from . import cite, paths
from .describe import constraint_text, modality
from .jurisdictions import in_force_text
from .markup import anchor, block, definition_list, esc, excerpt, external, link, md, table
from .page import Page, front_matter
from .status import GAPS, MEANINGS, badge, counts, legend, share_met

#: How many other jurisdictions' provisions a report quotes as model language for one gap.
MODEL_LIMIT = 3


def index(data: SiteData) -> str:
    here = paths.REPORTS
    rows = []
    for j in data.jurisdictions:
        cells = [link(paths.url(here, paths.jurisdiction(j.code)), f"{j.name} ({j.code})")]
        for inst in data.instruments:
            count = counts(r.status for r in data.results_for(j.code, inst.identifier))
            share = share_met(count)
            shade = "none" if share is None else str(min(4, int(share * 5)))
            label = f"{count['met']} met" + (f", {count['partial'] + count['missing']} gaps" if count["partial"] + count["missing"] else "")
            label += f", {count['unknown']} unknown" if count["unknown"] else ""
            cells.append(
                f'<a class="lg-matrix-cell lg-shade-{shade}" href="{esc(paths.url(here, paths.report(inst.identifier, j.code)))}">{esc(label)}</a>'
            )
        rows.append(cells)
    headers = ["Jurisdiction"] + [link(paths.url(here, paths.instrument(i.identifier)), i.short_title) for i in data.instruments]
    return "\n".join(
        [
            "# Gap reports",
            "",
            "One report per jurisdiction and instrument, each at a stable address",
            "(`reports/<instrument>/<iso3>/`) with a *Cite this report* block. Cells are shaded by the share",
            "of counted requirements met; *gaps* are partial and missing requirements; *unknown* ones were not",
            "reviewed (or a needed element is not stated) and are not gaps.",
            block(legend()),
            block(table(headers, rows, cls="lg-matrix", search=False)),
        ]
    )


def title(j: Jurisdiction, inst: Instrument) -> str:
    return f"Gap report: {j.name} ({j.code}) and the {inst.short_title}"


def report(data: SiteData, inst: Instrument, j: Jurisdiction) -> str:
    """The report's Markdown, ending with the cite block (whose hash covers everything above it)."""
    here = paths.report(inst.identifier, j.code)
    results = data.results_for(j.code, inst.identifier)
    body = front_matter(search=False) + report_body(data, inst, j, results, here)
    citation = cite.Citation(
        title=title(j, inst),
        address=paths.address(data.site_url, here),
        dataset_version=data.dataset_version,
        as_of=data.as_of,
        content_hash=cite.content_hash(body),
        key=f"lexgap-{anchor(inst.identifier)}-{anchor(j.code)}-{data.as_of.replace('-', '')}",
    )
    return body + "\n".join(["", "## Cite this report {#cite}", block(cite.block(citation))])


def report_body(data: SiteData, inst: Instrument, j: Jurisdiction, results: list[GapResult], here: str) -> str:
    part = data.participations.get((j.code, inst.identifier))
    treaty = "not recorded"
    if part is not None:
        bits = [part.consent or "unknown"] + [f"{w} {d}" for w, d in (("signed", part.signed), ("ratified", part.ratified), ("in force", part.in_force)) if d]
        treaty = ", ".join(bits)
    count = counts(r.status for r in results)
    share = share_met(count)
    facts = definition_list(
        [
            ("Jurisdiction", link(paths.url(here, paths.jurisdiction(j.code)), f"{j.name} ({j.code})")),
            ("Instrument", link(paths.url(here, paths.instrument(inst.identifier)), inst.title)),
            ("Treaty status", esc(treaty)),
            ("Law stated as of", f'<time datetime="{esc(data.as_of)}">{esc(data.as_of)}</time>'),
            ("Dataset version", f"<code>{esc(data.dataset_version)}</code>"),
            ("Areas reviewed on", esc(j.reviewed_on or "not reviewed")),
        ]
    )
    summary_rows = [[badge(s), str(n), esc(MEANINGS[s])] for s, n in count.items()]
    share_text = "no requirement is counted" if share is None else f"{round(share * 100)} % of counted requirements met"
    parts = [
        f"# {md(title(j, inst))}",
        block(facts),
        "## Summary",
        block(
            f"<p>{len(results)} requirements; {esc(share_text)} (optional and reserved requirements are not counted).</p>"
            + table(["Status", "Requirements", "Meaning"], summary_rows, cls="lg-summary-table lg-legend-table")
        ),
        "## Requirements",
    ]
    cited: list[str] = []
    for res in results:
        info = data.requirement(res.requirement)
        concept = data.labels.get(res.concept, res.concept)
        parts += [
            f"### {md(res.ref)}: {md(concept)} {{#{paths.requirement_anchor(res.requirement)}}}",
            block(requirement_block(data, inst, j, res, info, here)),
        ]
        cited += [p for p in res.provision_ids if p not in cited]
    parts.append("## Evidence: the provisions cited")
    if not cited:
        parts.append("\nNo provision of this jurisdiction implements any of these requirements in the knowledge base.\n")
    for pid in cited:
        p = data.provision(pid)
        if p is None:
            continue
        facts = definition_list(
            [
                ("In force", esc(in_force_text(data, p))),
                ("Review status", esc(p.review_status)),
                ("Cautions", "<ul>" + "".join(f"<li>{esc(c)}</li>" for c in p.cautions) + "</ul>" if p.cautions else ""),
                ("Source", (external(p.source_url) if p.source_url else "") + " (" + link(paths.url(here, paths.jurisdiction(j.code), paths.provision_anchor(pid)), "in the profile") + ")"),
            ]
        )
        parts += [f"### {md(p.citation or pid)} {{#ev-{anchor(pid)}}}", block(facts + "\n" + excerpt(p.excerpt, p.language))]
    return "\n".join(parts) + "\n"


def requirement_block(data: SiteData, inst: Instrument, j: Jurisdiction, res: GapResult, info, here: str) -> str:
    constraints = {c.slug: c for c in info.record.constraints} if info else {}

    def named(slugs) -> str:
        return "".join(f"<li>{esc(constraint_text(constraints[s], data.labels) if s in constraints else s)}</li>" for s in slugs)

    article = (
        link(paths.url(here, paths.article(inst.identifier, info.article_slug), paths.requirement_anchor(res.requirement)), f"Article {info.record.article_number}")
        if info
        else esc(res.article)
    )
    evidence = "<br>".join(
        link(paths.url(here, here, f"ev-{anchor(pid)}"), cite_text) for pid, cite_text in zip(res.provision_ids, res.provisions)
    )
    notes = own_notes(data, res)
    items = [
        ("Status", f'<span class="lg-status-big">{badge(res.status)}</span>'),
        ("Requirement", f"{article}, {esc(res.ref)} ({esc(modality(info.record) if info else ('mandatory' if res.mandatory else 'optional'))})"),
        ("Reason", esc(res.reason)),
        ("Failed constraints", f"<ul>{named(res.failed_constraints)}</ul>" if res.failed_constraints else ""),
        ("Not determined", f"<ul>{named(res.undetermined_constraints)}</ul>" if res.undetermined_constraints else ""),
        ("Evidence", evidence),
        ("Notes", "<ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>" if notes else ""),
    ]
    out = definition_list(items)
    if res.status in GAPS:
        out += models(data, res, j, here)
    return f'<div class="lg-requirement lg-requirement--{esc(res.status)}">{out}</div>'


def own_notes(data: SiteData, res: GapResult) -> list[str]:
    """The result's notes without the cited provisions' cautions, which the evidence section shows once."""
    cautions = set()
    for pid, cite_text in zip(res.provision_ids, res.provisions):
        p = data.provision(pid)
        if p is not None:
            cautions.update(f"{cite_text}: {c}" for c in p.cautions)
    return [n for n in res.notes if n not in cautions]


def models(data: SiteData, res: GapResult, j: Jurisdiction, here: str) -> str:
    """Provisions of other jurisdictions that meet this requirement, quoted as model language."""
    others = [r for r in data.results_by_requirement(res.requirement) if r.status == "met" and r.jurisdiction != j.code and r.provision_ids]
    if not others:
        return '<p class="lg-models-none">No other jurisdiction in the knowledge base meets this requirement yet.</p>'
    quotes = []
    for other in others[:MODEL_LIMIT]:
        p = data.provision(other.provision_ids[0])
        if p is None:
            continue
        who = data.jurisdiction(other.jurisdiction)
        name = f"{who.name if who else other.jurisdiction}, {p.citation}"
        quotes.append(
            f'<figure class="lg-model"><figcaption>{link(paths.url(here, paths.jurisdiction(other.jurisdiction), paths.provision_anchor(p.id)), name)}</figcaption>'
            + excerpt(p.excerpt, p.language)
            + "</figure>"
        )
    more = len(others) - len(quotes)
    tail = f"<p>{more} more jurisdiction{'s' if more != 1 else ''} meet{'s' if more == 1 else ''} it: see the article page.</p>" if more > 0 else ""
    return '<div class="lg-models"><p><strong>Model language</strong>: provisions of other jurisdictions that meet this requirement.</p>' + "".join(quotes) + tail + "</div>"


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(paths.REPORTS, index(data), None)
    for inst in data.instruments:
        for j in data.jurisdictions:
            yield Page(paths.report(inst.identifier, j.code), report(data, inst, j), j.data_file or None)


