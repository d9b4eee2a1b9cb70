"""Offence pages: one per concept of the scheme, with its definition, the articles that require it, and a
comparison across jurisdictions of the provisions that implement it and their key elements, with a chart
of maximum penalties where the data states any."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterator

from ..gaps import MISSING, UNKNOWN
from ..gapdata import local_name
from ..sitedata import Concept, SiteData
from . import paths
from .describe import constraint_text, modality
from .markup import block, esc, link, md, table
from .page import Page
from .status import badge
from .svg import Bar, bar_chart

# Presentation order of element columns (the ontology's element properties; others follow by label).
FIRST_ELEMENTS = ("childAgeThreshold", "childAgeFrom", "maxPenaltyYears", "maxPenaltyLife", "minPenaltyYears", "materialCovers")
PENALTY, LIFE = "maxPenaltyYears", "maxPenaltyLife"


def index(data: SiteData) -> str:
    here = paths.OFFENCES
    groups = sorted((c for c in data.concepts.values() if not c.group), key=lambda c: c.label)
    required = defaultdict(int)
    for r in data.requirements:
        if r.record.concept is not None:
            required[local_name(r.record.concept)] += 1
    parts = [
        "# Offences and measures",
        "",
        "The concept scheme lexgap compares: each requirement of an instrument and each national provision",
        "points at these concepts. A provision implementing a concept also implements its group.",
    ]
    for g in groups:
        rows = [
            [link(paths.url(here, paths.offence(cid)), data.labels.get(cid, cid)), str(required.get(cid, 0)), str(_jurisdictions_with(data, cid))]
            for cid in sorted(g.narrower, key=lambda c: data.labels.get(c, c))
        ]
        parts += [
            f"## {md(g.label)}",
            block(
                f"<p>{link(paths.url(here, paths.offence(g.id)), 'The whole group')}: {esc(g.definition)}</p>"
                + (table(["Concept", "Requirements", "Jurisdictions with a provision"], rows) if rows else "")
            ),
        ]
    return "\n".join(parts)


def _jurisdictions_with(data: SiteData, cid: str) -> int:
    return len({r.jurisdiction for r in data.comparisons.get(cid, []) if r.coverage == "provision"})


def closure(data: SiteData, cid: str) -> set[str]:
    seen, stack = {cid}, [cid]
    while stack:
        c = data.concepts.get(stack.pop())
        for child in c.narrower if c else ():
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


def concept_page(data: SiteData, c: Concept) -> str:
    here = paths.offence(c.id)
    parts = [f"# {md(c.label)}", "", f"<p class=\"lg-definition\">{esc(c.definition)}</p>" if c.definition else ""]
    facts = [f"<li>Identifier: <code>{esc(c.id)}</code></li>"]
    if c.group:
        facts.append(f"<li>Group: {link(paths.url(here, paths.offence(c.group)), data.labels.get(c.group, c.group))}</li>")
    if c.narrower:
        members = ", ".join(link(paths.url(here, paths.offence(n)), data.labels.get(n, n)) for n in c.narrower)
        facts.append(f"<li>Narrower concepts: {members}</li>")
    others = "; ".join(f'<span lang="{esc(lang)}">{esc(label)}</span> ({esc(lang)})' for lang, label in c.labels if lang != "en")
    if others:
        facts.append(f"<li>Other languages: {others}</li>")
    parts.append(block("<ul class=\"lg-facts-list\">" + "".join(facts) + "</ul>"))
    parts += ["## Required by", block(required_by(data, here, c))]
    rows = data.comparisons.get(c.id, [])
    parts += ["## Comparison across jurisdictions", block(comparison(data, here, rows))]
    chart = penalties(data, here, c, rows)
    if chart:
        parts += ["## Maximum penalties", block(chart)]
    return "\n".join(parts)


def required_by(data: SiteData, here: str, c: Concept) -> str:
    members = closure(data, c.id)
    rows = []
    for r in data.requirements:
        cid = local_name(r.record.concept) if r.record.concept is not None else ""
        if cid not in members:
            continue
        inst = data.instrument(r.instrument)
        rows.append(
            [
                link(paths.url(here, paths.article(r.instrument, r.article_slug), paths.requirement_anchor(r.identifier)),
                     f"{inst.short_title if inst else r.instrument} {r.record.ref}"),
                esc(data.labels.get(cid, cid)),
                esc(modality(r.record)),
                "<br>".join(esc(constraint_text(x, data.labels)) for x in r.record.constraints) or "none",
            ]
        )
    if not rows:
        return "<p>No requirement of an encoded instrument names this concept.</p>"
    return table(["Requirement", "Concept", "Modality", "Constraints"], rows)


def _element_columns(rows) -> list[str]:
    present = {name for r in rows for name, _v in r.values}
    first = [e for e in FIRST_ELEMENTS if e in present]
    return first + sorted(present - set(first))


def comparison(data: SiteData, here: str, rows) -> str:
    if not rows:
        return "<p>No jurisdiction in the knowledge base.</p>"
    columns = _element_columns(rows)
    body = []
    for r in rows:
        who = link(paths.url(here, paths.jurisdiction(r.jurisdiction)), r.jurisdiction)
        if r.coverage != "provision":
            status = MISSING if r.coverage == MISSING else UNKNOWN
            note = "reviewed: no provision in force" if status == MISSING else "not reviewed"
            body.append([who, f"{badge(status)} <small>{esc(note)}</small>"] + [""] * len(columns))
            continue
        values = dict(r.values)
        prov = link(paths.url(here, paths.jurisdiction(r.jurisdiction), paths.provision_anchor(r.provision_id)), r.provision)
        body.append([who, prov] + [esc(values.get(col, "")) for col in columns])
    headers = ["Jurisdiction", "Provision"] + [esc(data.labels.get(col, col)) for col in columns]
    return table(headers, body, cls="lg-compare", search=False)


def penalties(data: SiteData, here: str, c: Concept, rows) -> str:
    """Longest maximum penalty per jurisdiction among the provisions compared, as a bar chart."""
    best: dict[str, tuple[float, bool, str]] = {}
    for r in rows:
        if r.coverage != "provision":
            continue
        p = data.provision(r.provision_id)
        life_value = p.value(LIFE) if p else None
        years_value = p.value(PENALTY) if p else None
        life = life_value is not None and True in life_value.values
        years = _number(list(years_value.values)) if years_value else None
        if years is None and not life:
            continue
        current = best.get(r.jurisdiction)
        candidate = (float("inf") if life else years, life, r.provision)
        if current is None or candidate[0] > current[0]:
            best[r.jurisdiction] = candidate
    if not best:
        return ""
    finite = [v for v, life, _p in best.values() if not life]
    top = max(finite, default=1.0)
    bars = []
    for code in sorted(best):
        value, life, prov = best[code]
        bars.append(
            Bar(
                label=code,
                value=top * 1.1 if life else value,
                text=("life imprisonment" if life else f"{value:g} year{'' if value == 1 else 's'}") + f" ({prov})",
                href=paths.url(here, paths.jurisdiction(code)),
                cls="lg-bar lg-bar-life" if life else "lg-bar",
            )
        )
    return bar_chart(
        f"Maximum penalties for {c.label}, by jurisdiction",
        "One bar per jurisdiction with an encoded maximum penalty: the longest maximum term among its provisions "
        "compared above, in years of imprisonment; life imprisonment is drawn longest and labelled.",
        bars,
        unit="years",
        ident="penalties",
    )


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return float(value)
    if isinstance(value, list):
        numbers = [_number(v) for v in value]
        numbers = [n for n in numbers if n is not None]
        return max(numbers) if numbers else None
    return None


def pages(data: SiteData) -> Iterator[Page]:
    yield Page(paths.OFFENCES, index(data), None)
    for c in data.concepts.values():
        yield Page(paths.offence(c.id), concept_page(data, c), data.files.get(c.iri))
