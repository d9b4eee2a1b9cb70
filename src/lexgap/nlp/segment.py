"""Split statute text into provisions: sections or articles, their subsections, paragraphs and items.

Drafting styles read (each seen in the sources the project encodes):
- headings: "§ 184b – Title", "§2251. Title", "Article 227-23", "Art. 241-B.", "Artículo 183", "Artigo 5",
  "Section 4. Title", "24. Child pornography", "172.1 (1) Every person…", "160 [F1Title]";
- subsections and paragraphs: "(1)", "(2A)", "(1.1)", "(a)", "(A)", "(i)", "a)", "1.", "I –", "§ 1º",
  "Parágrafo único", at the start of a line or run on after ". ", "; ", ": " or "— " (texts whose line
  breaks were flattened).

A marker is kept only when it continues its list ("(2)" after "(1)", "(b)" after "(a)"), so references in
the running text ("subsection (1)", "paragraph (a)") are not taken for structure. The first kind of marker
met in a unit is its subsection level, the next kind the paragraph level, and so on.

The result is a tree of :class:`Segment` with character offsets into the text; :func:`provisions` picks
what a draft encodes: each subsection, or the unit itself when it has none, and a unit's opening words
("caput") when they stand before its first subsection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_UNIT = re.compile(
    r"""^[ \t#]*(?:
        §\s*(?P<par>\d+[a-z]{0,2}(?:-[A-Z])?)(?!\s*(?:o\b|º|°))\.?(?:\s*[–-]\s*|\s+|$)             # § 184b – …
      | (?:Article|Art\.|Artículo|Artigo|Artikel)\s*(?P<art>\d+(?:[-.]\d+)*(?:-[A-Z]+|[º°o]|\s?bis|\s?ter|\s?quater)?)\.?  # Article 227-23
      | (?:Section|SECTION|Sec\.|SEC\.)\s*(?P<sec>\d+[A-Z]{0,2})\.?                               # Section 4.
      | (?P<num>\d+(?:\.\d+)?[A-Z]{0,2})\.\s+(?=[A-Z][^\n;:]{0,90}$)                              # 24. Child pornography
      | (?P<can>\d+\.\d+)\s+(?=\(1\))                                                               # 172.1 (1)
      | (?P<gbr>\d+[A-Z]{0,2})\s+(?=\[)                                                             # 160 [F1…]
    )""",
    re.MULTILINE | re.VERBOSE,
)

# Markers at the start of a line (after optional spaces) or run on after punctuation.
_MARKER = re.compile(
    r"""(?:(?<=^)|(?<=\n)|(?<=[.;:—–]\s)|(?<=[.;:—–]\s\s)|(?<=—)|(?<=\[F\d)|(?<=\[F\d\d)|(?<=\nF\d)|(?<=\nF\d\d))[ \t]*(?:
        \((?P<paren>\d+(?:\.\d+)?[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,3})\)                 # (1) (2A) (a) (ii) (A)
      | (?P<item>\d{1,2})\.(?=\s)                                                     # 1.
      | (?P<letter>[a-z])\)(?=\s)                                                     # a)
      | (?P<inciso>[IVXL]{1,6})\s*[–-](?=\s)                                          # I –
      | §\s*(?P<pt>\d+)\s*(?:º|°|o\b)?(?=\s)                                          # § 1º
      | (?P<unico>Parágrafo\s+único)\.?                                               # Parágrafo único
    )""",
    re.VERBOSE,
)

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


@dataclass
class Segment:
    kind: str  # "unit", or the marker kind: "digit", "lower", "upper", "roman", "item", "letter", "inciso", "pt"
    label: str  # as printed, without brackets: "184b", "1", "2A", "a", "ii"
    start: int
    end: int
    children: list["Segment"] = field(default_factory=list)
    body_start: int = 0  # where the unit's own words begin (after its heading line)
    style: str = ""  # how the unit is cited: "§", "art", "s" (empty when the text has no heading)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class ProvisionText:
    """A piece of text a draft encodes as one provision."""

    path: tuple[str, ...]  # ("184b", "1"): unit label, then subsection label
    kinds: tuple[str, ...]  # ("§", "digit"): how each part is written, for the citation
    start: int
    end: int
    text: str


def _roman(s: str) -> int | None:
    s = s.lower()
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def _kind_and_ordinal(m: re.Match) -> tuple[str, str, object]:
    if m.group("paren"):
        lab = m.group("paren")
        if lab[0].isdigit():
            num = re.match(r"\d+", lab).group()
            return "digit", lab, (int(num), lab[len(num):])
        if lab.islower():
            return "lower", lab, lab
        return "upper", lab, lab
    if m.group("item"):
        return "item", m.group("item"), (int(m.group("item")), "")
    if m.group("letter"):
        return "letter", m.group("letter"), m.group("letter")
    if m.group("inciso"):
        return "inciso", m.group("inciso"), _roman(m.group("inciso"))
    if m.group("pt"):
        return "pt", m.group("pt"), (int(m.group("pt")), "")
    return "pt", "unico", (1, "")


def _follows(kind: str, prev: object, cur: object) -> bool:
    """Does ``cur`` continue a list whose last kept label was ``prev`` (None: the list starts here)?"""
    if kind in ("digit", "item", "pt"):
        n, suffix = cur  # type: ignore[misc]
        if prev is None:
            return n == 1 and not suffix or n == 1
        pn, psuffix = prev  # type: ignore[misc]
        return (n == pn + 1 and not suffix) or (n == pn and suffix > psuffix) or (n == pn + 1 and suffix == "A") \
            or (n == pn and "." in suffix) or n == 1 and not suffix
    if kind in ("lower", "upper", "letter"):
        c = str(cur).lower()
        roman = _roman(c)
        if prev is None:
            return c in ("a", "i")
        p = str(prev).lower()
        if len(c) == 1 and len(p) == 1 and ord(c) == ord(p) + 1:
            return True
        proman = _roman(p)
        if roman is not None and proman is not None and roman == proman + 1:
            return True
        return c in ("a", "i")  # a new list starts under the next paragraph
    if kind == "inciso":
        return cur == 1 if prev is None else cur in (prev + 1, 1)  # type: ignore[operator]
    return False


def _is_first(ordinal: object) -> bool:
    return ordinal in (1, "a", "i", "A", "I", (1, ""))


def _roman_kind(kind: str, label: str, last: dict[str, object]) -> str:
    """"(i)" is a letter after "(h)", else a roman numeral; "(v)", "(x)" likewise."""
    if kind == "lower" and _roman(label) is not None:
        prev = last.get("lower")
        if prev is not None and len(str(prev)) == 1 and ord(label[0]) == ord(str(prev)) + 1 and len(label) == 1:
            return "lower"
        return "roman"
    return kind


def segment(text: str) -> list[Segment]:
    """The units of ``text`` with their nested subsections, paragraphs and items."""
    heads = list(_UNIT.finditer(text))
    units: list[Segment] = []
    if not heads:
        units.append(Segment("unit", "", 0, len(text), body_start=0))
    for i, m in enumerate(heads):
        label = next(g for g in m.groupdict().values() if g)
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        group = next(k for k, g in m.groupdict().items() if g)
        style = {"par": "§", "art": "art"}.get(group, "s")
        units.append(Segment("unit", label.strip(), m.start(), end, body_start=m.end(), style=style))
    if heads and heads[0].start() > 0 and text[: heads[0].start()].strip():
        # Words before the first heading (a part or chapter title) belong to no unit.
        pass
    for unit in units:
        _nest(text, unit)
    return units


def _nest(text: str, unit: Segment) -> None:
    order: list[str] = []  # marker kinds in order of first appearance = their depth
    last: dict[str, object] = {}
    stack: list[Segment] = []
    # Search the unit's body as its own string, so a marker right after the heading ("172.1 (1)") is at
    # the start of a line.
    base = unit.body_start
    for m in _MARKER.finditer(text[base : unit.end]):
        kind, label, ordinal = _kind_and_ordinal(m)
        kind = _roman_kind(kind, label, last)
        if kind == "roman":
            ordinal = _roman(label)
            if not (last.get("roman") is None and ordinal == 1 or last.get("roman") is not None and ordinal in (last["roman"] + 1, 1)):  # type: ignore[operator]
                continue
        elif not _follows(kind, last.get(kind), ordinal):
            continue
        # A list that starts again while its style is still open is a list nested in the last item
        # ("4. For purposes of this section ... means: 1. examination ..."): give it its own depth.
        while kind in last and _is_first(ordinal) and kind in order and stack and stack[-1].kind == kind:
            kind += "+"
        if kind not in order:
            if stack and kind not in order:
                pass
            order.append(kind)
        depth = order.index(kind)
        # a list that reappears at a shallower depth than seen first keeps its depth; deeper lists reset
        for deeper in order[depth + 1 :]:
            last.pop(deeper, None)
        last[kind] = ordinal
        start = base + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        seg = Segment(kind, label, start, unit.end)
        while stack and order.index(stack[-1].kind) >= depth:
            stack.pop().end = start
        (stack[-1].children if stack else unit.children).append(seg)
        stack.append(seg)
    for seg in stack:
        seg.end = unit.end
    for seg in unit.walk():
        if seg.children:
            for a, b in zip(seg.children, seg.children[1:]):
                a.end = min(a.end, b.start)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def alineas(text: str, unit: Segment) -> list[Segment]:
    """Unnumbered paragraphs of a unit ("alinéas" of French codes), cited as "al. 1", "al. 2"."""
    out, pos, n = [], unit.body_start, 0
    for brk in list(_PARAGRAPH_BREAK.finditer(text, unit.body_start, unit.end)) + [None]:
        end = brk.start() if brk else unit.end
        start, stop = _trim(text, pos, end)
        if start < stop:
            n += 1
            out.append(Segment("alinea", f"al-{n}", start, stop))
        pos = brk.end() if brk else unit.end
    return out


def provisions(text: str, paragraphs_are_provisions: bool = False) -> list[ProvisionText]:
    """What a draft encodes: every subsection of every unit; a unit without subsections as a whole; and
    a unit's opening words when they say more than a heading (a caput before its "§ 1").

    ``paragraphs_are_provisions``: a unit without numbered subsections is cited by its unnumbered
    paragraphs (French "alinéas") when it has more than one.
    """
    out: list[ProvisionText] = []
    for unit in segment(text):
        subs = unit.children
        if not subs and paragraphs_are_provisions and unit.label:
            paras = alineas(text, unit)
            if len(paras) > 1:
                unit.children = subs = paras
        if not subs:
            start, end = _trim(text, unit.start, unit.end)
            if start < end:
                out.append(ProvisionText((unit.label,), (unit.style,), start, end, text[start:end]))
            continue
        head_start, head_end = _trim(text, unit.body_start, subs[0].start)
        if len(text[head_start:head_end].split()) >= 8:
            start, end = _trim(text, unit.start, subs[0].start)
            out.append(ProvisionText((unit.label,), (unit.style,), start, end, text[start:end]))
        for sub in subs:
            start, end = _trim(text, sub.start, sub.end)
            out.append(ProvisionText((unit.label, sub.label), (unit.style, sub.kind), start, end, text[start:end]))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
