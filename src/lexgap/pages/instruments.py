"""Instrument pages: the list of instruments, one page per instrument, one page per article.

An article page shows the article's text, its requirements and constraints, reservations made against
them, the crosswalk to the other instruments, and every jurisdiction's status with links to the
implementing provisions.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ..gaps import GapResult
from ..gapdata import local_name
from ..sitedata import Article, Instrument, RequirementInfo, SiteData
from . import paths
from .describe import constraint_text, modality
from .markup import block, definition_list, esc, excerpt, external, link, md, table
from .page import Page
from .status import badge, counts, legend, summary

DATE_LABELS = {"adoptedOn": "Adopted", "openedForSignature": "Opened for signature", "entryIntoForce": "Entry into force"}


def index(data: SiteData) -> str:
    here = paths.INSTRUMENTS
    rows = []
    for i in data.instruments:
        articles = data.articles.get(i.identifier, [])
        reqs = [r for r in data.requirements if r.instrument == i.identifier]
        rows.append(
            [
                link(paths.url(here, paths.instrument(i.identifier)), i.short_title),
                esc(i.title),
                esc(i.type),
                str(len(articles)),
                str(sum(1 for a in articles if a.text is not None)),
                str(len(reqs)),
                str(sum(1 for r in reqs if r.record.review_status == "draft")),
            ]
        )
    return "\n".join(
        [
            "# Instruments",
            "",
            "The international instruments lexgap compares national law with. Each article is encoded as one or",
            "more requirements, each naming an offence or measure concept and the constraints an implementing",
            "provision must meet. Articles whose text is not in the project's sources are listed by number and",
            "title only, and their requirements are drafts.",
            block(
                table(
                    ["Instrument", "Title", "Type", "Articles", "With text", "Requirements", "Draft requirements"],
                    rows,
                )
            ),
        ]
    )


def instrument_page(data: SiteData, inst: Instrument) -> str:
    here = paths.instrument(inst.identifier)
    facts = definition_list(
        [("Title", esc(inst.title)), ("Type", esc(inst.type))]
        + [(DATE_LABELS.get(p, p), esc(d)) for p, d in inst.dates]
        + [("Source", external(inst.source_url) if inst.source_url else "")]
        + [("Data file", f"<code>{esc(inst.data_file)}</code>" if inst.data_file else "")]
    )
    reqs_by_article: dict[str, list[RequirementInfo]] = defaultdict(list)
    for r in data.requirements:
        if r.instrument == inst.identifier:
            reqs_by_article[r.article_slug].append(r)
    article_rows = [
        [
            link(paths.url(here, paths.article(inst.identifier, a.slug)), f"Article {a.number}"),
            esc(a.title),
            esc(_text_status(a)),
            str(len(reqs_by_article.get(a.slug, []))),
        ]
        for a in data.articles.get(inst.identifier, [])
    ]
    status_rows = []
    for j in data.jurisdictions:
        part = data.participations.get((j.code, inst.identifier))
        results = data.results_for(j.code, inst.identifier)
        status_rows.append(
            [
                link(paths.url(here, paths.jurisdiction(j.code)), f"{j.name} ({j.code})"),
                esc(_participation(part)),
                summary(counts(r.status for r in results)),
                link(paths.url(here, paths.report(inst.identifier, j.code)), "gap report"),
            ]
        )
    notes = "".join(f"<li>{esc(n)}</li>" for n in inst.notes)
    return "\n".join(
        [
            f"# {md(inst.short_title)}",
            block(facts),
            block(f'<ul class="lg-notes">{notes}</ul>') if notes else "",
            "## Articles",
            block(table(["Article", "Title", "Text", "Requirements"], article_rows)),
            "## Status by jurisdiction",
            block(legend()),
            block(table(["Jurisdiction", "Treaty status", "Requirements by status", "Report"], status_rows, search=False)),
        ]
    )


def _text_status(a: Article) -> str:
    if a.text is None:
        return "not available in the sources"
    if a.text.status == "other-language":
        return f"other language version ({a.text.language})"
    return "available"


def _participation(part) -> str:
    if part is None:
        return "not recorded"
    bits = [part.consent or "unknown"]
    if part.signed:
        bits.append(f"signed {part.signed}")
    if part.ratified:
        bits.append(f"ratified {part.ratified}")
    if part.in_force:
        bits.append(f"in force {part.in_force}")
    return ", ".join(bits)


def article_page(data: SiteData, inst: Instrument, art: Article) -> str:
    here = paths.article(inst.identifier, art.slug)
    reqs = [r for r in data.requirements if r.instrument == inst.identifier and r.article_slug == art.slug]
    heading = f"# {md(inst.short_title)}, Article {md(art.number)}" + (f": {md(art.title)}" if art.title else "")
    facts = definition_list(
        [
            ("Instrument", link(paths.url(here, paths.instrument(inst.identifier)), inst.title)),
            ("Text", esc(_text_status(art))),
            ("Language", esc(art.text.language) if art.text else ""),
            ("Source", external(art.text.source_url) if art.text and art.text.source_url else external(inst.source_url) if inst.source_url else ""),
            ("Source file", f"<code>{esc(art.text.source_file)}</code>" if art.text and art.text.source_file else ""),
        ]
    )
    parts = [heading, block(facts)]
    if art.text is not None:
        parts += ["## Text", block(excerpt(art.text.text, art.text.language))]
    for v in art.versions:
        parts += [f"### Language version: {md(v.language)}", block(excerpt(v.text, v.language))]
    remarks = [*art.cautions, *art.notes]
    if remarks:
        parts.append(block('<ul class="lg-notes">' + "".join(f"<li>{esc(n)}</li>" for n in remarks) + "</ul>"))
    parts.append("## Requirements")
    if not reqs:
        parts.append("\nNo requirement is encoded for this article.\n")
    for r in reqs:
        parts += [f"### {md(r.record.ref)}: {md(data.labels.get(local_name(r.record.concept), ''))} {{#{paths.requirement_anchor(r.identifier)}}}", block(requirement_block(data, here, r))]
    parts += ["## Crosswalk to other instruments", block(crosswalk(data, here, reqs))]
    parts += ["## Reservations and declarations", block(reservations(data, here, reqs))]
    parts += ["## Status by jurisdiction", block(legend()), block(status_table(data, here, reqs))]
    return "\n".join(parts)


def requirement_block(data: SiteData, here: str, r: RequirementInfo) -> str:
    req = r.record
    concept = local_name(req.concept) if req.concept is not None else ""
    constraints = "".join(f"<li>{esc(constraint_text(c, data.labels))}</li>" for c in req.constraints)
    notes = "".join(f"<li>{esc(c.slug)}: {esc(c.note)}</li>" for c in req.constraints if c.note)
    notes += "".join(f"<li>{esc(n)}</li>" for n in r.notes)
    items = [
        ("Concept", link(paths.url(here, paths.offence(concept)), data.labels.get(concept, concept)) if concept else ""),
        ("Identifier", f"<code>{esc(req.identifier)}</code>"),
        ("Modality", esc(modality(req))),
        ("Review status", esc(req.review_status or "")),
        ("Constraints", f"<ul>{constraints}</ul>" if constraints else "none"),
        ("Notes", f"<ul>{notes}</ul>" if notes else ""),
    ]
    out = definition_list(items)
    if r.excerpt:
        out += excerpt(r.excerpt, art_language(data, r))
    return out


def art_language(data: SiteData, r: RequirementInfo) -> str | None:
    for a in data.articles.get(r.instrument, []):
        if a.slug == r.article_slug and a.text is not None:
            return a.text.language
    return None


def crosswalk(data: SiteData, here: str, reqs: list[RequirementInfo]) -> str:
    """Requirements of other instruments whose concept is the same, broader or narrower."""
    closure = _closure(data)
    rows = []
    for r in reqs:
        concept = local_name(r.record.concept) if r.record.concept is not None else ""
        related = [
            o
            for o in data.requirements
            if o.instrument != r.instrument
            and o.record.concept is not None
            and (local_name(o.record.concept) in closure.get(concept, {concept}) or concept in closure.get(local_name(o.record.concept), set()))
        ]
        links = "<br>".join(
            link(
                paths.url(here, paths.article(o.instrument, o.article_slug), paths.requirement_anchor(o.identifier)),
                f"{_short(data, o.instrument)} {o.record.ref}",
            )
            + f" ({esc(data.labels.get(local_name(o.record.concept), ''))}, {esc(modality(o.record))})"
            for o in related
        )
        rows.append([esc(r.record.ref), esc(data.labels.get(concept, concept)), links or "none encoded"])
    return table(["Requirement", "Concept", "Same concept in other instruments"], rows)


def _short(data: SiteData, identifier: str) -> str:
    inst = data.instrument(identifier)
    return inst.short_title if inst else identifier


def _closure(data: SiteData) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for cid in data.concepts:
        seen, stack = {cid}, [cid]
        while stack:
            for child in data.concepts[stack.pop()].narrower:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        out[cid] = seen
    return out


def reservations(data: SiteData, here: str, reqs: list[RequirementInfo]) -> str:
    """Reservations whose lifted requirement or constraint belongs to this article."""
    targets = lifted_targets(reqs)
    rows = []
    for res in data.reservations:
        hits = [targets[x] for x in res.lifts if x in targets]
        if not hits:
            continue
        rows.append(
            [
                link(paths.url(here, paths.jurisdiction(res.jurisdiction)), res.jurisdiction),
                esc(res.kind),
                esc(res.invokes),
                esc(", ".join(hits)),
                esc(res.made_on or "date not recorded"),
                esc(res.withdrawn_on),
                external(res.source_url, "source") if res.source_url else "",
            ]
        )
    if not rows:
        return "<p>None recorded in the knowledge base.</p>"
    return table(["Jurisdiction", "Kind", "Invokes", "Lifts", "Made on", "Withdrawn on", "Source"], rows)


def lifted_targets(reqs: list[RequirementInfo]) -> dict[str, str]:
    """Requirement and constraint IRIs → how to name them: ``9(1)(e)``, ``9(2) constraint material``."""
    out = {}
    for r in reqs:
        out[str(r.record.iri)] = r.record.ref
        for c in r.record.constraints:
            out[str(c.iri)] = f"{r.record.ref} constraint {c.slug}"
    return out


def status_table(data: SiteData, here: str, reqs: list[RequirementInfo]) -> str:
    if not reqs:
        return "<p>No requirement, so no status.</p>"
    by_key: dict[tuple[str, str], GapResult] = {}
    wanted = {r.identifier for r in reqs}
    instrument = reqs[0].instrument
    for j in data.jurisdictions:
        for res in data.results_for(j.code, instrument):
            if res.requirement in wanted:
                by_key[(j.code, res.requirement)] = res
    rows = []
    for j in data.jurisdictions:
        cells = [link(paths.url(here, paths.jurisdiction(j.code)), f"{j.name} ({j.code})")]
        for r in reqs:
            res = by_key.get((j.code, r.identifier))
            if res is None:
                cells.append("")
                continue
            provs = "<br>".join(
                link(paths.url(here, paths.jurisdiction(j.code), paths.provision_anchor(pid)), cite)
                for pid, cite in zip(res.provision_ids, res.provisions)
            )
            cells.append(
                f'<a class="lg-cell-link" href="{esc(paths.url(here, paths.report(instrument, j.code), paths.requirement_anchor(r.identifier)))}">'
                f"{badge(res.status)}</a>" + (f"<br>{provs}" if provs else "")
            )
        rows.append(cells)
    return table(["Jurisdiction"] + [esc(r.record.ref) for r in reqs], rows, cls="lg-status-table", search=False)


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(paths.INSTRUMENTS, index(data), None)
    for inst in data.instruments:
        yield Page(paths.instrument(inst.identifier), instrument_page(data, inst), inst.data_file or None)
        for art in data.articles.get(inst.identifier, []):
            yield Page(paths.article(inst.identifier, art.slug), article_page(data, inst, art), art.data_file or inst.data_file or None)
