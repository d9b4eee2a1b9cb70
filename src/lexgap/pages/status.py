"""How a gap status looks: a word, an icon and a colour class for each, and the legend that explains them.

Unknown is never drawn as a gap: it has its own neutral colour, a question mark and the word "Unknown".
Colours live in docs/stylesheets/lexgap.css (CSS variables, light, dark and print); here only class names.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..gaps import MET, MISSING, NOT_APPLICABLE, PARTIAL, RESERVED, STATUSES, UNKNOWN
from .markup import esc

WORDS = {
    MET: "Met",
    PARTIAL: "Partial",
    MISSING: "Missing",
    RESERVED: "Reserved",
    NOT_APPLICABLE: "Not applicable",
    UNKNOWN: "Unknown",
}

ICONS = {MET: "✓", PARTIAL: "◐", MISSING: "✗", RESERVED: "⊘", NOT_APPLICABLE: "–", UNKNOWN: "?"}

MEANINGS = {
    MET: "a provision in force implements the requirement and satisfies every mandatory constraint",
    PARTIAL: "a provision exists, but a constraint fails or only part of the conduct is covered",
    MISSING: "the area was reviewed and no provision in force implements the requirement: a gap",
    RESERVED: "the state made a reservation that the instrument permits for exactly this",
    NOT_APPLICABLE: "the instrument only permits this (optional): not counted",
    UNKNOWN: "the area has not been reviewed, or a needed element is not stated: not a gap, not known either way",
}

#: Statuses that count towards "share of requirements met" (optional and reserved ones do not).
COUNTED = (MET, PARTIAL, MISSING, UNKNOWN)
#: Statuses that are gaps (a report quotes model language for these).
GAPS = (PARTIAL, MISSING)


def badge(status: str, title: str | None = None) -> str:
    """``<span class="lg-status lg-status--met">✓ Met</span>``; the title defaults to the meaning."""
    word = WORDS.get(status, status)
    hint = esc(title if title is not None else MEANINGS.get(status, ""))
    return (
        f'<span class="lg-status lg-status--{esc(status)}" title="{hint}">'
        f'<span class="lg-status__icon" aria-hidden="true">{ICONS.get(status, "")}</span> {esc(word)}</span>'
    )


def legend() -> str:
    items = "\n".join(f"<li>{badge(s)} {esc(MEANINGS[s])}</li>" for s in STATUSES)
    return f'<div class="lg-legend" data-search-exclude><p><strong>Legend</strong></p><ul>\n{items}\n</ul></div>'


def counts(statuses: Iterable[str]) -> dict[str, int]:
    """Counts per status, every status present, in the order of :data:`lexgap.gaps.STATUSES`."""
    found = Counter(statuses)
    return {s: found.get(s, 0) for s in STATUSES}


def share_met(count: dict[str, int]) -> float | None:
    """Met ÷ counted requirements (met, partial, missing, unknown); None when none is counted."""
    total = sum(count.get(s, 0) for s in COUNTED)
    return count.get(MET, 0) / total if total else None


def summary(count: dict[str, int]) -> str:
    """Badges with counts for the statuses that occur: ``✓ Met 12 · ? Unknown 3``."""
    parts = [f'{badge(s)} <span class="lg-count">{n}</span>' for s, n in count.items() if n]
    return '<span class="lg-summary">' + " ".join(parts) + "</span>" if parts else "none"
