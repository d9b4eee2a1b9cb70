"""Charts as inline SVG, drawn in Python: no script, no network, readable in print and in dark mode.

Shapes carry class names whose colours come from the site's CSS variables, and text uses
``currentColor``, so a chart follows the page's colour scheme. Each chart has a ``<title>`` and a
``<desc>`` for screen readers, and every mark its own ``<title>`` (the value in words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .markup import esc


@dataclass(frozen=True)
class Cell:
    share: float | None  # 0..1, or None for nothing to colour
    text: str  # short label drawn in the cell
    title: str  # full description (tooltip and screen readers)
    href: str | None = None


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # length of the bar
    text: str  # the value in words, drawn after the bar
    href: str | None = None
    cls: str = "lg-bar"


def _shade(share: float | None) -> str:
    """Five steps of the "met" colour; a class of its own when nothing is counted."""
    if share is None:
        return "lg-heat-none"
    return f"lg-heat-{min(4, int(share * 5))}"


def _wrap(href: str | None, inner: str) -> str:
    return f'<a href="{esc(href)}">{inner}</a>' if href else inner


def heatmap(
    title: str,
    desc: str,
    columns: Sequence[tuple[str, str | None]],
    rows: Sequence[tuple[str, str | None, Sequence[Cell]]],
    ident: str = "heatmap",
) -> str:
    """A matrix of coloured cells: ``columns`` are (label, href), ``rows`` (label, href, cells)."""
    # Column heads are set at an angle so long instrument names fit over narrow columns.
    label_w, cell_w, cell_h, head_h = 200, 76, 24, 150
    width = label_w + cell_w * len(columns) + 160
    height = head_h + cell_h * len(rows) + 4
    out = [
        f'<svg class="lg-chart lg-heatmap" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>',
    ]
    for i, (label, href) in enumerate(columns):
        x, y = label_w + i * cell_w + cell_w / 2, head_h - 8
        out.append(
            _wrap(href, f'<text class="lg-chart-head" x="{x:g}" y="{y}" transform="rotate(-35 {x:g} {y})">{esc(label)}</text>')
        )
    for r, (label, href, cells) in enumerate(rows):
        y = head_h + r * cell_h
        out.append(_wrap(href, f'<text x="{label_w - 8}" y="{y + cell_h / 2 + 4:g}" text-anchor="end">{esc(label)}</text>'))
        for c, cell in enumerate(cells):
            x = label_w + c * cell_w
            rect = (
                f'<rect class="{_shade(cell.share)}" x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" rx="3">'
                f"<title>{esc(cell.title)}</title></rect>"
                f'<text class="lg-heat-text" x="{x + cell_w / 2:g}" y="{y + cell_h / 2 + 4:g}" text-anchor="middle">{esc(cell.text)}</text>'
            )
            out.append(_wrap(cell.href, rect))
    out.append("</svg>")
    return "".join(out)


def bar_chart(title: str, desc: str, bars: Sequence[Bar], unit: str = "", ident: str = "bars") -> str:
    """Horizontal bars, one per row, longest value scaled to the chart's width."""
    label_w, bar_w, row_h, text_w = 60, 320, 20, 420
    width = label_w + bar_w + text_w
    height = row_h * len(bars) + 28
    top = max((b.value for b in bars), default=0) or 1
    out = [
        f'<svg class="lg-chart lg-bars" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{esc(title)}</title><desc id="{ident}-desc">{esc(desc)}</desc>',
        f'<line class="lg-axis" x1="{label_w}" y1="4" x2="{label_w}" y2="{height - 22}"/>',
    ]
    for i, bar in enumerate(bars):
        y = 4 + i * row_h
        length = max(1.0, bar_w * bar.value / top)
        out.append(
            _wrap(
                bar.href,
                f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{esc(bar.label)}</text>'
                f'<rect class="{esc(bar.cls)}" x="{label_w}" y="{y + 3}" width="{length:.1f}" height="{row_h - 6}">'
                f"<title>{esc(bar.label)}: {esc(bar.text)}</title></rect>"
                f'<text x="{label_w + length + 6:.1f}" y="{y + 14}">{esc(bar.text)}</text>',
            )
        )
    scale = f"0 – {top:g}{(' ' + unit) if unit else ''}"
    out.append(f'<text class="lg-chart-note" x="{label_w}" y="{height - 6}">{esc(scale)}</text>')
    out.append("</svg>")
    return "".join(out)
