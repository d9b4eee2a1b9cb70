"""Cross-border pages: cooperation per offence (a graph drawn as SVG, the safe havens), peers with model
language per jurisdiction, and the instrument crosswalk drawn as a graph. Under ``network/``.

Renderers are pure functions of :mod:`lexgap.network` records (and the site's records for names and
links); :func:`pages` runs the analysis once and wires them up. The SVG is drawn here, with no script:
shapes take their colours from the site's CSS variables (with fallbacks, so a picture saved on its own
still reads), text is ``currentColor``, and every state is told by a stroke pattern and in words as well
as by colour, so it prints in black and white.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Iterable, Iterator, Mapping, Sequence

from ..gapdata import local_name
from ..network import (
    BELOW,
    DEFAULT_THRESHOLD_YEARS,
    MEETS,
    NARROWER,
    NO_OFFENCE,
    OFFENCE,
    UNKNOWN,
    YES,
    NO,
    Analysis,
    Cooperation,
    Node,
    PeerReport,
    pair_verdict,
    years_phrase,
)
from ..sitedata import SiteData
from . import paths
from .describe import constraint_text
from .markup import anchor, block, esc, excerpt, external, link, md, table
from .page import Page
from .status import badge

INDEX = "network/index.md"
CROSSWALK = "network/crosswalk/index.md"
METHOD = "methodology-network.md"
#: How many peers a peers page quotes in full for one gap; the others are named.
MODEL_LIMIT = 3


def cooperation_path(concept_id: str) -> str:
    return f"network/cooperation/{anchor(concept_id)}/index.md"


def peers_path(code: str) -> str:
    return f"network/peers/{anchor(code)}/index.md"


# --------------------------------------------------------------------------------------------------
# Words for the states (vocabulary of lexgap.network; the legend of every picture)
# --------------------------------------------------------------------------------------------------

#: Drawing class and words for each kind of node, in legend order.
KINDS = (
    ("link", "offence, maximum penalty reaches the threshold (linked)"),
    ("below", "offence, maximum penalty below the threshold"),
    ("penalty-unknown", "offence, maximum penalty not known to reach the threshold"),
    ("haven", "safe haven: reviewed, no offence or only narrower conduct"),
    ("unknown", "unknown: not reviewed, or not decidable from the data"),
)
STATE_WORDS = {
    OFFENCE: "offence",
    NARROWER: "narrower conduct only",
    NO_OFFENCE: "no offence",
    UNKNOWN: "unknown",
}
THRESHOLD_WORDS = {MEETS: "reaches it", BELOW: "below it", UNKNOWN: "not known", "n/a": "—"}


def kind(node: Node) -> str:
    if node.state in (NARROWER, NO_OFFENCE):
        return "haven"
    if node.state == UNKNOWN:
        return "unknown"
    return {MEETS: "link", BELOW: "below"}.get(node.threshold, "penalty-unknown")


_STYLE = (
    "<style>"
    ".lg-net-edge{stroke:currentColor;stroke-opacity:.45;stroke-width:1.5}"
    ".lg-net circle{stroke-width:2}"
    ".lg-net .lg-net-bg{fill:var(--md-default-bg-color,#fff);stroke:none}"
    ".lg-net-link circle{fill:var(--lg-met-bg,#e2f3e7);stroke:var(--lg-met,#1b6e34)}"
    ".lg-net-below circle{fill:var(--lg-partial-bg,#fcefd3);stroke:var(--lg-partial,#8a5300)}"
    ".lg-net-penalty-unknown circle{fill:var(--lg-partial-bg,#fcefd3);stroke:var(--lg-partial,#8a5300);stroke-dasharray:5 3}"
    ".lg-net-haven circle{fill:var(--lg-missing-bg,#fbe3e1);stroke:var(--lg-missing,#b0251c);stroke-width:5}"
    ".lg-net-unknown circle{fill:none;stroke:var(--lg-unknown,#2f5574);stroke-dasharray:2 3}"
    ".lg-net-mandatory{stroke:currentColor;stroke-opacity:.55;stroke-width:1.5}"
    ".lg-net-optional{stroke:currentColor;stroke-opacity:.55;stroke-width:1.2;stroke-dasharray:4 3}"
    ".lg-net-pair-yes rect{fill:var(--lg-met-bg,#e2f3e7);stroke:var(--lg-met,#1b6e34)}"
    ".lg-net-pair-no rect{fill:var(--lg-missing-bg,#fbe3e1);stroke:var(--lg-missing,#b0251c)}"
    ".lg-net-pair-maybe rect{fill:none;stroke:var(--lg-unknown,#2f5574);stroke-dasharray:2 3}"
    ".lg-net text{fill:currentColor;font-size:13px}"
    ".lg-net .lg-net-code{font-weight:600;text-anchor:middle;dominant-baseline:central}"
    ".lg-net a text{fill:var(--md-typeset-color,currentColor)}"
    "</style>"
)


def _svg_open(width: int, height: int, ident: str, title: str, desc: str, cls: str) -> list[str]:
    return [
        f'<svg class="lg-chart lg-net {cls}" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>',
        _STYLE,
    ]


def _count(n: int, word: str, strong: bool = False) -> str:
    number = f"<strong>{n}</strong>" if strong else str(n)
    return f"{number} {word}" if n == 1 else f"{number} {word}s"


def _wrap(href: str | None, inner: str) -> str:
    return f'<a href="{esc(href)}">{inner}</a>' if href else inner


# --------------------------------------------------------------------------------------------------
# The cooperation graph
# --------------------------------------------------------------------------------------------------


def cooperation_svg(coop: Cooperation, hrefs: Mapping[str, str] | None = None, ident: str = "coop") -> str:
    """The jurisdictions on a circle, linked where they can cooperate; the legend below."""
    hrefs = hrefs or {}
    n = max(len(coop.nodes), 1)
    radius = max(110, 15 * n)
    node_r = 21
    width = max(2 * radius + 72, 470)
    cx, cy = width / 2, radius + 36
    legend_y = 2 * radius + 90
    height = legend_y + 22 * len(KINDS)
    at = {}
    for i, node in enumerate(coop.nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        at[node.jurisdiction] = (round(cx + radius * math.cos(angle), 1), round(cy + radius * math.sin(angle), 1))
    linked = sum(1 for node in coop.nodes if node.linkable)
    desc = (
        f"{_count(len(coop.nodes), 'jurisdiction')}; {_count(len(coop.edges), 'pair')} can cooperate "
        f"({_count(linked, 'jurisdiction')} linked); "
        f"safe havens: {', '.join(coop.safe_havens) or 'none'}; unknown: {', '.join(coop.unknown) or 'none'}; "
        f"below the threshold: {', '.join(coop.below_threshold) or 'none'}; "
        f"penalty not known: {', '.join(coop.penalty_unknown) or 'none'}."
    )
    title = f"Cooperation on {coop.label}: threshold {years_phrase(coop.threshold_years)}, law as of {coop.as_of}"
    out = _svg_open(int(width), int(height), ident, title, desc, "lg-net-coop")
    for a, b in coop.edges:
        (x1, y1), (x2, y2) = at[a], at[b]
        out.append(f'<line class="lg-net-edge" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"><title>{esc(a)} – {esc(b)}</title></line>')
    for node in coop.nodes:
        x, y = at[node.jurisdiction]
        shape = (
            f'<g class="lg-net-{kind(node)}"><title>{esc(_hint(node))}</title>'
            f'<circle class="lg-net-bg" cx="{x}" cy="{y}" r="{node_r}"/><circle cx="{x}" cy="{y}" r="{node_r}"/>'
            f'<text class="lg-net-code" x="{x}" y="{y}">{esc(node.jurisdiction)}</text></g>'
        )
        out.append(_wrap(hrefs.get(node.jurisdiction), shape))
    for i, (cls, words) in enumerate(KINDS):
        y = legend_y + 22 * i
        out.append(
            f'<g class="lg-net-{cls}"><circle cx="20" cy="{y}" r="8"/>'
            f'<text x="36" y="{y + 4}">{esc(words)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _hint(node: Node) -> str:
    hint = f"{node.label} ({node.jurisdiction}): {STATE_WORDS[node.state]}; threshold {THRESHOLD_WORDS[node.threshold]}"
    if node.max_penalty:
        hint += f"; highest maximum {node.max_penalty if node.max_penalty == 'life' else node.max_penalty + ' years'}"
    return hint


#: Each answer of a pair: drawing class, mark and words (the marks keep the matrix readable in print).
VERDICT_MARKS = {YES: ("yes", "✓", "can cooperate"), NO: ("no", "✗", "cannot cooperate"), UNKNOWN: ("maybe", "?", "not known")}


def matrix_svg(coop: Cooperation, ident: str = "pairs") -> str:
    """Every pair of jurisdictions as a cell: can cooperate (✓), cannot (✗), not known (?)."""
    codes = [n.jurisdiction for n in coop.nodes]
    cell, head = 30, 46
    width = head + cell * len(codes) + 4
    legend_y = head + cell * len(codes) + 24
    height = legend_y + 22 * len(VERDICT_MARKS)
    counts = {v: 0 for v in VERDICT_MARKS}
    out_cells = []
    for i, a in enumerate(coop.nodes):
        for j, b in enumerate(coop.nodes):
            x, y = head + cell * j, head + cell * i
            if i == j:
                continue
            verdict, reason = pair_verdict(a, b, coop.threshold_years)
            if i < j:
                counts[verdict] += 1
            cls, mark, _words = VERDICT_MARKS[verdict]
            out_cells.append(
                f'<g class="lg-net-pair-{cls}"><title>{esc(a.jurisdiction)}–{esc(b.jurisdiction)}: {esc(reason)}</title>'
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" rx="3"/>'
                f'<text class="lg-net-code" x="{x + cell / 2}" y="{y + cell / 2}">{mark}</text></g>'
            )
    desc = (
        f"{_count(len(codes), 'jurisdiction')}, {_count(sum(counts.values()), 'pair')}: {counts[YES]} can cooperate, "
        f"{counts[NO]} cannot, {counts[UNKNOWN]} not known."
    )
    out = _svg_open(width, height, ident, f"Pairs that can cooperate on {coop.label}", desc, "lg-net-matrix")
    for k, code in enumerate(codes):
        out.append(f'<text class="lg-net-code" x="{head + cell * k + cell / 2}" y="{head - 12}">{esc(code)}</text>')
        out.append(f'<text class="lg-net-code" x="{head / 2}" y="{head + cell * k + cell / 2}">{esc(code)}</text>')
    out.extend(out_cells)
    for i, (verdict, (cls, mark, words)) in enumerate(VERDICT_MARKS.items()):
        y = legend_y + 22 * i
        out.append(
            f'<g class="lg-net-pair-{cls}"><rect x="4" y="{y - 9}" width="18" height="18" rx="3"/>'
            f'<text class="lg-net-code" x="13" y="{y}">{mark}</text><text x="30" y="{y + 4}">{esc(words)}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _node_rows(coop: Cooperation, here: str, names: Mapping[str, str]) -> list[list[str]]:
    rows = []
    for node in coop.nodes:
        j_page = paths.jurisdiction(node.jurisdiction)
        cites = "<br>".join(
            link(paths.url(here, j_page, paths.provision_anchor(pid)), cite) for pid, cite in zip(node.provision_ids, node.provisions)
        )
        rows.append([
            link(paths.url(here, j_page), f"{names.get(node.jurisdiction, node.label)} ({node.jurisdiction})"),
            esc(STATE_WORDS[node.state]),
            esc(THRESHOLD_WORDS[node.threshold]),
            esc(node.max_penalty or "—"),
            cites or "—",
            esc(node.reason),
        ])
    return rows


def _listing(coop: Cooperation, codes: Sequence[str], here: str, names: Mapping[str, str], empty: str) -> str:
    if not codes:
        return f"<p>{esc(empty)}</p>"
    items = []
    for code in codes:
        node = coop.node(code)
        who = link(paths.url(here, paths.jurisdiction(code)), f"{names.get(code, node.label)} ({code})")
        items.append(f"<li>{who}: {esc(node.reason)}</li>")
    return "<ul>" + "".join(items) + "</ul>"


#: Above this many jurisdictions the graph and the pair matrix are not drawn: their size grows with the
#: square of the jurisdictions (a 200-jurisdiction site spent most of its build and 470 MB on them), and
#: no reader can follow 20,000 lines; the lists and the table below carry the same facts.
MAX_DRAWN = 80


def _figures(coop: Cooperation, hrefs: Mapping[str, str]) -> list[str]:
    if len(coop.nodes) > MAX_DRAWN:
        return [block(
            f"<p>The cooperation graph and the pair matrix are drawn for up to {MAX_DRAWN} jurisdictions; "
            f"with {len(coop.nodes)}, the lists and the table below give every jurisdiction's state.</p>"
        )]
    return [
        block(f'<figure class="lg-net-figure">{cooperation_svg(coop, hrefs, ident="coop-" + anchor(coop.concept))}</figure>'),
        block(f'<figure class="lg-net-figure">{matrix_svg(coop, ident="pairs-" + anchor(coop.concept))}</figure>'),
    ]


def cooperation_page(coop: Cooperation, names: Mapping[str, str]) -> str:
    here = cooperation_path(coop.concept)
    hrefs = {n.jurisdiction: paths.url(here, paths.jurisdiction(n.jurisdiction)) for n in coop.nodes}
    threshold = years_phrase(coop.threshold_years)
    parts = [
        f"# Cooperation on {md(coop.label)}",
        "",
        block(
            f"<p>Two jurisdictions are linked when both make the conduct an offence and both punish it with a "
            f"maximum of at least {esc(threshold)}, so that the dual-criminality condition of extradition and "
            f"mutual legal assistance is met on both sides. Law as of {esc(coop.as_of)}. How each state is decided: "
            f"{link(paths.url(here, METHOD), 'cross-border methodology')}; the offence itself: "
            f"{link(paths.url(here, paths.offence(coop.concept)), coop.label)}.</p>"
        ),
        *_figures(coop, hrefs),
        block(
            f"<p>{_count(len(coop.edges), 'pair', strong=True)} can cooperate; "
            f"{_count(len(coop.safe_havens), 'safe haven', strong=True)}; <strong>{len(coop.unknown)}</strong> unknown.</p>"
        ),
        "## Safe havens",
        "",
        block(_listing(coop, coop.safe_havens, here, names, "None: no reviewed jurisdiction lacks the offence.")),
        "## Unknown",
        "",
        block(_listing(coop, coop.unknown, here, names, "None: every jurisdiction's law on it is known.")),
        "## Below the threshold",
        "",
        block(_listing(coop, coop.below_threshold, here, names, "None.")),
        "## Penalty not known",
        "",
        block(_listing(coop, coop.penalty_unknown, here, names, "None.")),
        "## Every jurisdiction",
        "",
        block(table(["Jurisdiction", "State", "Threshold", "Highest maximum", "Provisions", "Reason"], _node_rows(coop, here, names))),
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------------
# Peers and model language
# --------------------------------------------------------------------------------------------------


def _shared(sim) -> str:
    words = [w for flag, w in ((sim.same_legal_family, "legal family"), (sim.same_region, "region"), (sim.same_language, "language")) if flag]
    return ", ".join(words) or "—"


def peers_page(
    report: PeerReport,
    names: Mapping[str, str],
    instrument_titles: Mapping[str, str],
    concept_labels: Mapping[str, str],
    constraint_words: Mapping[tuple[str, str], str] | None = None,
) -> str:
    """``constraint_words`` maps (requirement id, constraint slug) to the constraint in words."""
    constraint_words = constraint_words or {}
    here = peers_path(report.jurisdiction)
    name = names.get(report.jurisdiction, report.jurisdiction)
    rows = [
        [
            link(paths.url(here, paths.jurisdiction(s.jurisdiction)), f"{names.get(s.jurisdiction, s.label)} ({s.jurisdiction})"),
            f"{s.score:.2f}",
            str(s.agreeing),
            str(s.compared),
            esc(_shared(s)),
        ]
        for s in report.similar
    ]
    parts = [
        f"# Peers of {md(name)}",
        "",
        block(
            f"<p>Jurisdictions whose gap statuses are most like those of {esc(name)} (Jaccard index of the "
            f"requirement statuses, unknown and not-applicable left out; ties go to the same legal family, "
            f"region, then language), and, for each of its gaps, the peers that meet the requirement, with "
            f"the words of their provisions as model language. Law as of {esc(report.as_of)}. "
            f"{link(paths.url(here, METHOD), 'How peers are chosen')}.</p>"
        ),
        "## Similar jurisdictions",
        "",
        block(table(["Jurisdiction", "Similarity", "Same status", "Compared", "Shared"], rows)),
        "## Gaps and model language",
        "",
    ]
    if not report.gaps:
        parts.append(block("<p>No gaps: no mandatory requirement is missing or partial.</p>"))
    by_instrument: dict[str, list] = defaultdict(list)
    for gap in report.gaps:
        by_instrument[gap.instrument].append(gap)
    for instrument, gaps_ in by_instrument.items():
        report_link = link(paths.url(here, paths.report(instrument, report.jurisdiction)), "gap report")
        parts += [f"### {md(instrument_titles.get(instrument, instrument))}", "", block(f"<p>The full {report_link}.</p>")]
        for gap in gaps_:
            parts += [
                f"#### {md(gap.ref)}: {md(concept_labels.get(gap.concept, gap.concept))} {{#{paths.requirement_anchor(gap.requirement)}}}",
                "",
                block(_gap_block(gap, here, names, constraint_words)),
            ]
    return "\n".join(parts) + "\n"


def _gap_block(gap, here: str, names: Mapping[str, str], constraint_words: Mapping[tuple[str, str], str]) -> str:
    head = f"<p>{badge(gap.status)}</p>"
    if gap.failed_constraints:
        failed = "".join(f"<li>{esc(constraint_words.get((gap.requirement, slug), slug))}</li>" for slug in gap.failed_constraints)
        head += f"<p>Failed constraints:</p><ul>{failed}</ul>"
    if not gap.peers:
        return head + "<p>No other jurisdiction in the knowledge base meets this requirement yet.</p>"
    figures = []
    for peer in gap.peers[:MODEL_LIMIT]:
        s = peer.similarity
        who = f"{names.get(s.jurisdiction, s.label)} ({s.jurisdiction})"
        for m in peer.provisions:
            caption = (
                link(paths.url(here, paths.jurisdiction(s.jurisdiction), paths.provision_anchor(m.provision_id)), f"{who}, {m.citation}")
                + esc(f" — similarity {s.score:.2f}; shared: {_shared(s)}")
            )
            source = f"<p>Source: {external(m.source_url)}{esc(' (' + m.source_type + ')') if m.source_type else ''}</p>" if m.source_url else ""
            cautions = "".join(f'<p class="lg-cautions">Caution: {esc(c)}</p>' for c in m.cautions)
            figures.append(
                f'<figure class="lg-model"><figcaption>{caption}</figcaption>{excerpt(m.excerpt or "(no excerpt encoded)", m.language)}{source}{cautions}</figure>'
            )
    rest = [p.similarity for p in gap.peers[MODEL_LIMIT:]]
    tail = (
        "<p>Also met by: " + ", ".join(f"{esc(names.get(s.jurisdiction, s.label))} ({esc(s.jurisdiction)})" for s in rest) + ".</p>"
        if rest
        else ""
    )
    return head + '<div class="lg-models">' + "".join(figures) + tail + "</div>"


# --------------------------------------------------------------------------------------------------
# The crosswalk as a graph
# --------------------------------------------------------------------------------------------------


def crosswalk_svg(
    instruments: Sequence[tuple[str, str, str | None]],
    concepts: Sequence[tuple[str, str, str | None]],
    links: Iterable[tuple[str, str, bool, int]],
    ident: str = "crosswalk",
) -> str:
    """Instruments (id, label, href) on the left, concepts (id, label, href) on the right, a line for each
    (instrument, concept, mandatory, number of requirements); optional-only links dashed."""
    row_h, top = 22, 40
    left_x, right_x = 170, 440
    width, height = 780, top + row_h * max(len(concepts), len(instruments), 1) + 20
    i_y = {iid: top + (height - top - 20) * (k + 0.5) / max(len(instruments), 1) for k, (iid, _l, _h) in enumerate(instruments)}
    c_y = {cid: top + row_h * k + row_h / 2 for k, (cid, _l, _h) in enumerate(concepts)}
    links = list(links)
    desc = f"{len(instruments)} instruments and {len(concepts)} concepts; {len(links)} instrument–concept links."
    out = _svg_open(width, height, ident, "The instrument crosswalk as a graph", desc, "lg-net-crosswalk")
    out.append(f'<text class="lg-chart-head" x="{left_x}" y="20" text-anchor="end">Instrument</text>')
    out.append(f'<text class="lg-chart-head" x="{right_x}" y="20">Concept</text>')
    for iid, cid, mandatory, count in links:
        y1, y2 = round(i_y[iid], 1), round(c_y[cid], 1)
        cls = "lg-net-mandatory" if mandatory else "lg-net-optional"
        words = f"{iid} → {cid}: {count} requirement{'s' if count != 1 else ''}{'' if mandatory else ' (optional only)'}"
        out.append(f'<line class="{cls}" x1="{left_x + 8}" y1="{y1}" x2="{right_x - 8}" y2="{y2}"><title>{esc(words)}</title></line>')
    for iid, label, href in instruments:
        y = round(i_y[iid], 1)
        out.append(_wrap(href, f'<text x="{left_x}" y="{y + 4}" text-anchor="end">{esc(label)}</text>'))
    for cid, label, href in concepts:
        y = round(c_y[cid], 1)
        out.append(_wrap(href, f'<text x="{right_x}" y="{y + 4}">{esc(label)}</text>'))
    out.append("</svg>")
    return "".join(out)


def crosswalk_page(data: SiteData) -> str:
    here = CROSSWALK
    by_pair: dict[tuple[str, str], list] = defaultdict(list)
    for r in data.requirements:
        if r.record.concept is not None:
            by_pair[(r.instrument, local_name(r.record.concept))].append(r)
    instruments = [(i.identifier, i.short_title or i.title, paths.url(here, paths.instrument(i.identifier))) for i in data.instruments]
    concept_ids = sorted({c for _i, c in by_pair}, key=lambda c: (data.concepts[c].group if c in data.concepts else "", data.labels.get(c, c)))
    concepts = [(c, data.labels.get(c, c), paths.url(here, paths.offence(c)) if c in data.concepts else None) for c in concept_ids]
    links = [
        (i, c, any(not r.record.optional for r in reqs), len(reqs))
        for (i, c), reqs in sorted(by_pair.items())
    ]
    rows = []
    for c in concept_ids:
        refs = "; ".join(
            f"{esc(i.short_title or i.identifier)} {esc(', '.join(r.record.ref for r in by_pair[(i.identifier, c)]))}"
            for i in data.instruments
            if (i.identifier, c) in by_pair
        )
        rows.append([link(paths.url(here, paths.offence(c)), data.labels.get(c, c)) if c in data.concepts else esc(c), refs])
    parts = [
        "# The crosswalk as a graph",
        "",
        block(
            "<p>Which instruments require which concepts: a line for every instrument and concept joined by at "
            "least one requirement; dashed where every such requirement is optional. The same links as "
            "<code>lexgap crosswalk</code>, drawn.</p>"
        ),
        block(f'<figure class="lg-net-figure">{crosswalk_svg(instruments, concepts, links)}</figure>'),
        "## By concept",
        "",
        block(table(["Concept", "Requirements (instrument, paragraphs)"], rows)),
    ]
    return "\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------------
# Index and wiring
# --------------------------------------------------------------------------------------------------


def index_page(coops: Sequence[Cooperation], names: Mapping[str, str], threshold) -> str:
    here = INDEX
    rows = [
        [
            link(paths.url(here, cooperation_path(c.concept)), c.label),
            str(sum(1 for n in c.nodes if n.linkable)),
            str(len(c.edges)),
            esc(", ".join(c.safe_havens) or "—"),
            str(len(c.unknown)),
            esc(", ".join(c.penalty_unknown) or "—"),
        ]
        for c in coops
    ]
    peer_links = ", ".join(link(paths.url(here, peers_path(code)), f"{name} ({code})") for code, name in sorted(names.items()))
    parts = [
        "# Cross-border cooperation",
        "",
        block(
            "<p>Victim, offender and evidence are often in different states. Extradition and mutual legal "
            "assistance usually need the conduct to be a crime in both states, punishable by at least a "
            f"threshold: here {esc(years_phrase(threshold))} of imprisonment. Each offence below has a page with "
            "its cooperation graph, its safe havens and the jurisdictions whose law is unknown. "
            f"{link(paths.url(here, METHOD), 'How it is decided')}.</p>"
        ),
        "## Offences",
        "",
        block(table(["Offence", "Linked jurisdictions", "Pairs", "Safe havens", "Unknown", "Penalty not known"], rows)),
        "## Peers and model language",
        "",
        block(f"<p>For each jurisdiction, the most similar others and, for each gap, their provisions as model language: {peer_links}.</p>"),
        "## Crosswalk",
        "",
        block(f"<p>{link(paths.url(here, CROSSWALK), 'The instrument crosswalk as a graph')}.</p>"),
    ]
    return "\n".join(parts) + "\n"


def pages(data: SiteData) -> Iterator[Page]:
    analysis = Analysis(data.source, as_of=data.as_of)
    threshold = DEFAULT_THRESHOLD_YEARS
    names = {j.code: j.name for j in data.jurisdictions}
    coops = [analysis.cooperation(c, threshold) for c in analysis.offence_concepts()]
    yield Page(INDEX, index_page(coops, names, threshold), None)
    for coop in coops:
        yield Page(cooperation_path(coop.concept), cooperation_page(coop, names), None)
    titles = {i.identifier: i.title or i.short_title for i in data.instruments}
    words = {(r.identifier, c.slug): constraint_text(c, data.labels) for r in data.requirements for c in r.record.constraints}
    for j in data.jurisdictions:
        report = analysis.peers(j.code)
        yield Page(peers_path(j.code), peers_page(report, names, titles, data.labels, words), j.data_file or None)
    yield Page(CROSSWALK, crosswalk_page(data), None)


__all__ = [
    "CROSSWALK",
    "INDEX",
    "cooperation_page",
    "cooperation_path",
    "cooperation_svg",
    "crosswalk_page",
    "crosswalk_svg",
    "index_page",
    "pages",
    "peers_page",
    "peers_path",
]
