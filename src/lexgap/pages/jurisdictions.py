"""Jurisdiction pages: the list, and one profile each.

A profile shows treaty status (participation and reservations, with dates), a gap scorecard per
instrument, the concept areas reviewed, and every provision grouped by area with its verbatim excerpt,
citation, source, in-force dates, review status and element values with the words they rest on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

from ..gaps import STATUSES
from ..sitedata import Jurisdiction, Provision, SiteData
from . import paths
from .describe import element_value
from .markup import anchor, block, definition_list, esc, excerpt, external, link, md, table
from .page import Page
from .status import badge, counts, legend, share_met

OTHER_AREA = "Other provisions"


def index(data: SiteData) -> str:
    here = paths.JURISDICTIONS
    rows = []
    for j in data.jurisdictions:
        rows.append(
            [
                link(paths.url(here, paths.jurisdiction(j.code)), f"{j.name} ({j.code})"),
                esc(j.region),
                esc(j.legal_family),
                str(len(data.provisions.get(j.code, []))),
                str(len(j.reviewed_areas)),
                esc(j.reviewed_on or "not reviewed"),
            ]
        )
    return "\n".join(
        [
            "# Jurisdictions",
            "",
            "Each profile lists the jurisdiction's treaty status, its provisions grouped by area with verbatim",
            "excerpts, and a gap scorecard per instrument. *Reviewed areas* are the concept areas checked against",
            "the sources: a missing provision in a reviewed area is a gap, one in an unreviewed area is unknown.",
            block(table(["Jurisdiction", "Region", "Legal family", "Provisions", "Reviewed areas", "Reviewed on"], rows)),
        ]
    )


def profile(data: SiteData, j: Jurisdiction) -> str:
    here = paths.jurisdiction(j.code)
    provisions = data.provisions.get(j.code, [])
    facts = definition_list(
        [
            ("ISO 3166-1 alpha-3", f"<code>{esc(j.code)}</code>"),
            ("Region", esc(j.region)),
            ("Legal family", esc(j.legal_family)),
            ("Official language of the law", esc(j.language)),
            ("Provisions encoded", str(len(provisions))),
            ("Reviewed on", esc(j.reviewed_on or "not reviewed")),
            ("Data file", f"<code>{esc(j.data_file)}</code>" if j.data_file else ""),
            ("Download", link(paths.url(here, paths.download(f"jurisdictions/{j.code.lower()}.ttl")), f"{j.code.lower()}.ttl (Turtle)")),
        ]
    )
    parts = [f"# {md(j.name)} ({md(j.code)})", block(facts)]
    parts += ["## Treaty status", block(treaty_status(data, here, j))]
    parts += ["## Gap scorecards", block(legend()), block(scorecards(data, here, j))]
    parts += ["## Review coverage", block(coverage(data, here, j))]
    parts += ["## Provisions by area"]
    if not provisions:
        parts.append("\nNo provision is encoded for this jurisdiction yet.\n")
    for area, members in by_area(data, provisions):
        parts.append(f"### {md(area)}")
        for p in members:
            parts += [f"#### {md(p.citation or p.id)} {{#{paths.provision_anchor(p.id)}}}", block(provision_block(data, here, j, p))]
    return "\n".join(parts)


def treaty_status(data: SiteData, here: str, j: Jurisdiction) -> str:
    if not any((j.code, inst.identifier) in data.participations for inst in data.instruments):
        out = "<p>No signature, ratification or other participation is recorded for this jurisdiction.</p>"
        return out + _reservations(data, j)
    rows = []
    for inst in data.instruments:
        part = data.participations.get((j.code, inst.identifier))
        if part is None:
            rows.append([link(paths.url(here, paths.instrument(inst.identifier)), inst.short_title), "not recorded", "", "", "", "", ""])
            continue
        rows.append(
            [
                link(paths.url(here, paths.instrument(inst.identifier)), inst.short_title),
                esc(part.consent or "unknown"),
                esc(part.signed or "—"),
                esc(part.ratified or "—"),
                esc(part.in_force or "—"),
                "<br>".join(esc(n) for n in part.notes),
                external(part.source_url, "source") if part.source_url else "",
            ]
        )
    return table(["Instrument", "Consent", "Signed", "Ratified", "In force for the state", "Notes", "Source"], rows) + _reservations(data, j)


def _reservations(data: SiteData, j: Jurisdiction) -> str:
    mine = [r for r in data.reservations if r.jurisdiction == j.code]
    if mine:
        res_rows = [
            [
                esc(_short(data, r.instrument)),
                esc(r.kind),
                esc(r.invokes or "—"),
                esc(r.made_on or "date not recorded"),
                esc(r.withdrawn_on or "—"),
                "<br>".join(esc(n) for n in r.notes),
                external(r.source_url, "source") if r.source_url else "",
            ]
            for r in mine
        ]
        return "<p><strong>Reservations and declarations</strong></p>" + table(
            ["Instrument", "Kind", "Invokes", "Made on", "Withdrawn on", "Notes", "Source"], res_rows
        )
    return "<p>No reservation or declaration is recorded for this jurisdiction.</p>"


def _short(data: SiteData, identifier: str) -> str:
    inst = data.instrument(identifier)
    return inst.short_title if inst else identifier


def scorecards(data: SiteData, here: str, j: Jurisdiction) -> str:
    rows = []
    for inst in data.instruments:
        count = counts(r.status for r in data.results_for(j.code, inst.identifier))
        share = share_met(count)
        rows.append(
            [link(paths.url(here, paths.instrument(inst.identifier)), inst.short_title)]
            + [str(count[s]) for s in STATUSES]
            + ["—" if share is None else f"{round(share * 100)} %", link(paths.url(here, paths.report(inst.identifier, j.code)), "gap report")]
        )
    return table(["Instrument"] + [badge(s) for s in STATUSES] + ["Share met", "Report"], rows, cls="lg-scorecard", search=False)


def coverage(data: SiteData, here: str, j: Jurisdiction) -> str:
    if not j.reviewed_areas:
        return "<p>No concept area has been reviewed for this jurisdiction: every requirement is <em>unknown</em>, not a gap.</p>"
    areas = ", ".join(
        link(paths.url(here, paths.offence(c)), data.labels.get(c, c)) for c in sorted(j.reviewed_areas, key=lambda c: data.labels.get(c, c))
    )
    notes = "".join(f"<li>{esc(n)}</li>" for n in j.coverage_notes)
    return (
        f"<p>Reviewed on {esc(j.reviewed_on or 'an unrecorded date')}: {areas}.</p>"
        + (f'<ul class="lg-notes">{notes}</ul>' if notes else "")
        + "<p>Areas not listed have not been reviewed: their requirements are <em>unknown</em>, not gaps.</p>"
    )


def by_area(data: SiteData, provisions: list[Provision]) -> list[tuple[str, list[Provision]]]:
    """Provisions under their main area: the concept group most of their concepts belong to."""
    grouped: dict[str, list[Provision]] = defaultdict(list)
    for p in provisions:
        groups = Counter(_group(data, c) for c in p.concepts)
        groups.pop("", None)
        if groups:
            best = sorted(groups.items(), key=lambda kv: (-kv[1], data.labels.get(kv[0], kv[0])))[0][0]
            grouped[data.labels.get(best, best)].append(p)
        else:
            grouped[OTHER_AREA].append(p)
    return sorted(grouped.items(), key=lambda kv: (kv[0] == OTHER_AREA, kv[0]))


def _group(data: SiteData, concept: str) -> str:
    c = data.concepts.get(concept)
    if c is None:
        return ""
    return c.group or c.id


def in_force_text(data: SiteData, p: Provision) -> str:
    span = ""
    if p.in_force_from or p.in_force_until:
        span = f"from {p.in_force_from or '(start not recorded)'}" + (f" until {p.in_force_until} (exclusive)" if p.in_force_until else "")
    state = f"in force on {data.as_of}" if p.in_force else f"not in force on {data.as_of} ({p.not_in_force_because})"
    return f"{span}; {state}" if span else state


def provision_block(data: SiteData, here: str, j: Jurisdiction, p: Provision) -> str:
    source_bits = [b for b in (p.source_type, p.text_version, "partial text" if p.partial else "") if b]

    def same_page(ids: tuple[str, ...]) -> str:
        return ", ".join(link(paths.url(here, here, paths.provision_anchor(i)), i) for i in ids)

    concepts = ", ".join(link(paths.url(here, paths.offence(c)), data.labels.get(c, c)) for c in p.concepts)
    facts = definition_list(
        [
            ("Implements", concepts),
            ("Act", esc(p.act)),
            ("Identifier", f"<code>{esc(p.id)}</code>"),
            ("In force", esc(in_force_text(data, p))),
            ("In-force note", esc(p.in_force_note)),
            ("Review status", review_badge(p.review_status)),
            ("Source", (external(p.source_url) if p.source_url else "") + (f" ({esc(', '.join(source_bits))})" if source_bits else "")),
            ("Source file", f"<code>{esc(p.source_file)}</code>" if p.source_file else ""),
            ("Data file", f"<code>{esc(data.files[p.iri])}</code>" if p.iri in data.files else ""),
            ("Language", esc(p.language)),
            ("Part of", same_page(p.part_of)),
            ("Uses definitions in", same_page(p.uses_definitions)),
            ("Supersedes", same_page(p.supersedes)),
            ("Superseded by", same_page(p.superseded_by)),
        ]
    )
    out = [facts, elements_table(data, p)]
    remarks = [*p.cautions, *p.notes]
    if remarks:
        out.append('<ul class="lg-cautions">' + "".join(f"<li>{esc(c)}</li>" for c in remarks) + "</ul>")
    out.append(excerpt(p.excerpt, p.language))
    return "\n".join(x for x in out if x)


def review_badge(status: str) -> str:
    word = status or "not stated"
    return f'<span class="lg-review lg-review--{esc(anchor(word))}">{esc(word)}</span>'


def elements_table(data: SiteData, p: Provision) -> str:
    """Each element value with the words it rests on, or the definition it comes from."""
    quotes: dict[str, list[str]] = defaultdict(list)
    for element, quote in p.evidence:
        quotes[element].append(quote)
    rows = []
    for v in p.values:
        if v.via:
            evidence = "from the definition in " + link(paths.url(data_page(p), data_page(p), paths.provision_anchor(v.via)), v.via_citation or v.via)
        else:
            evidence = "<br>".join(f"<q>{esc(q)}</q>" for q in quotes.get(v.element, []))
        rows.append([esc(data.labels.get(v.element, v.element)), esc(element_value(list(v.values), data.labels)), evidence])
    if not rows:
        return ""
    return table(["Element", "Value", "Evidence"], rows, cls="lg-elements", search=False)


def data_page(p: Provision) -> str:
    return paths.jurisdiction(p.jurisdiction)


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(paths.JURISDICTIONS, index(data), None)
    for j in data.jurisdictions:
        yield Page(paths.jurisdiction(j.code), profile(data, j), j.data_file or None)


