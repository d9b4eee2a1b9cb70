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
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from . import markers
from .numbers import phrase_value

def _compile_headings() -> re.Pattern:
    """One expression for every heading of :data:`lexgap.nlp.markers.HEADINGS`, each alternative named
    ``h<i>`` with its number in ``h<i>_n`` (and ``h<i>_n2``)."""
    parts = []
    for i, heading in enumerate(markers.HEADINGS):
        body = heading.pattern.replace("(?P<n>", f"(?P<h{i}_n>").replace("(?P<n2>", f"(?P<h{i}_n2>")
        parts.append(f"(?P<h{i}>{body})")
    return re.compile(r"^[ \t#]*(?:\*\*)?(?:" + "|".join(parts) + ")", re.MULTILINE)


_UNIT = _compile_headings()

# Markers at the start of a line (after optional spaces) or run on after punctuation.
_MARKER = re.compile(
    r"""(?:(?<=^)|(?<=\n)|(?<=\n\#)|(?<=\n\#\#)|(?<=\n\#\#\#)|(?<=\n\#\#\#\#)|(?<=\n\#\#\#\#\#)|(?<=\n\#\#\#\#\#\#)|(?<=\s)(?=[\u2460-\u2473])|(?<=[.;:—–。]\s)|(?<=[.;:—–]\s\s)|(?<=;\sor\s)|(?<=;\sand\s)|(?<=—)|(?<=[。；])|(?<=\[F\d)|(?<=\[F\d\d)|(?<=\nF\d)|(?<=\nF\d\d))[ \t]*(?:
        \((?P<paren>\d+(?:\.\d+|\^\d+)?[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,3}|[а-яёіїєґα-ωა-ჰ]{1,2})\)   # (1) (2A) (1^1) (a) (ii) (A) (б)
      | (?P<item>\d{1,2})\.(?=\s)                                                     # 1.
      | (?P<itemp>\d{1,2})\)(?=\s)                                                    # 1)
      | (?P<letter>[LETTERS]{1,2})\)(?=\s)                                            # a)  б)  στ)  ა)
      | (?P<inciso>[IVXL]{1,6})\s*[–-](?=\s)                                          # I –
      | §\s*(?P<pt>\d+)\s*(?:º|°|o\b)?(?=\s)                                          # § 1º
      | (?P<unico>Parágrafo\s+único)\.?                                               # Parágrafo único
      | (?P<stk>(?<=\s)Stk\.\s*\d+|(?<=^)Stk\.\s*\d+)\.?                              # Stk. 2.
      | (?P<circled>[\u2460-\u2473])                                                  # ① ②
      | (?P<hangul>[가나다라마바사아자차카타파하])\.(?=\s)                                # 가. 나.
      | （(?P<hanitem>[一二三四五六七八九十]+)）                                            # （一）
    )""".replace("LETTERS", markers.ITEM_LETTERS),
    re.VERBOSE,
)

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}

# A reference word right before a marker ("alin. (1) ,"): the marker is cited, not a new part.
_REFERENCE_BEFORE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in markers.REFERENCE_ABBREVIATIONS) + r")[ \t]*\Z"
)
# A note appended to an article, at a line start or after a sentence.
_NOTE = re.compile(
    r"(?:(?<=^)|(?<=\n)|(?<=[.;:]\s)|(?<=[.;:]\s\s))[ \t]*(?:" + "|".join(markers.NOTE_STARTS) + ")"
)
# A marginal title run on before the first subsection ("Accesul ilegal la un sistem informatic (1)
# Accesul, fără drept, …"), as sources that flatten an article print it: a few words, no sentence
# punctuation, then "(1)".
_TITLE_BEFORE_FIRST = re.compile(r"\A[ \t]*[^\W\d_][^\n.;:()]{0,150}?[ \t](?=\(1\)\s)")


# A section's number printed again at the start of its text, run on before its first subsection ("3.-(1)",
# "11.(1)", Cypriot laws).
_NUMBER_BEFORE_FIRST = re.compile(r"(?m)^[ \t]*\d+[A-Z]?\.-?(?=\(1\)\s)")


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


def ascii_digits(label: str) -> str:
    """"๒๘๗/๑" → "287/1", "１８" → "18": labels become identifiers, which are ASCII."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in label)


def _kind_and_ordinal(m: re.Match) -> tuple[str, str, object]:
    if m.group("paren"):
        lab = ascii_digits(m.group("paren"))
        if lab[0].isdigit():
            num = re.match(r"\d+", lab).group()
            return "digit", lab, (int(num), lab[len(num):])
        if lab.islower():
            return "lower", lab, lab
        return "upper", lab, lab
    if m.group("item"):
        return "item", ascii_digits(m.group("item")), (int(m.group("item")), "")
    if m.group("itemp"):
        return "itemp", ascii_digits(m.group("itemp")), (int(m.group("itemp")), "")
    if m.group("letter"):
        return "letter", m.group("letter"), m.group("letter")
    if m.group("inciso"):
        return "inciso", m.group("inciso"), _roman(m.group("inciso"))
    if m.group("pt"):
        return "pt", m.group("pt"), (int(m.group("pt")), "")
    if m.group("stk"):
        n = int(re.search(r"\d+", m.group("stk")).group())
        return "stk", str(n), (n, "")
    if m.group("circled"):
        n = ord(m.group("circled")) - 0x245F
        return "circled", str(n), (n, "")
    if m.group("hangul"):
        return "letter", m.group("hangul"), m.group("hangul")
    if m.group("hanitem"):
        n = int(phrase_value(list(m.group("hanitem")), "zh") or 0)
        return "hanitem", str(n), (n, "")
    return "pt", "unico", (1, "")


def _next_letter(prev: str, cur: str) -> bool:
    """Does ``cur`` follow ``prev`` in an alphabet of :data:`lexgap.nlp.markers.ALPHABETS`?"""
    for alphabet in markers.ALPHABETS:
        if prev in alphabet and cur in alphabet and alphabet.index(cur) == alphabet.index(prev) + 1:
            return True
    return False


def _follows(kind: str, prev: object, cur: object) -> bool:
    """Does ``cur`` continue a list whose last kept label was ``prev`` (None: the list starts here)?"""
    if kind == "stk" and prev is None:
        return cur in ((1, ""), (2, ""))  # "Stk. 2." follows the article's unnumbered first paragraph
    if kind in ("digit", "item", "pt", "itemp", "stk", "circled", "hanitem"):
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
            return c in ("a", "i", "а", "α", "ა", "가")
        p = str(prev).lower()
        if len(c) == 1 and len(p) == 1 and ord(c) == ord(p) + 1 and c.isascii():
            return True
        if _next_letter(p, c):
            return True
        proman = _roman(p)
        if roman is not None and proman is not None and roman == proman + 1:
            return True
        return c in ("a", "i", "а", "α", "ა", "가")  # a new list starts under the next paragraph
    if kind == "inciso":
        return cur == 1 if prev is None else cur in (prev + 1, 1)  # type: ignore[operator]
    return False


def _is_first(ordinal: object) -> bool:
    return ordinal in (1, "a", "i", "A", "I", (1, ""), "а", "α", "ა", "가")


def _roman_kind(kind: str, label: str, last: dict[str, object]) -> str:
    """"(i)" is a letter after "(h)", else a roman numeral; "(v)", "(x)" likewise."""
    if kind == "lower" and _roman(label) is not None:
        prev = last.get("lower")
        if prev is not None and len(str(prev)) == 1 and ord(label[0]) == ord(str(prev)) + 1 and len(label) == 1:
            return "lower"
        return "roman"
    return kind


def _heading(m: re.Match) -> tuple[str, str]:
    """(label, citation style) of a heading match."""
    i = next(k for k in range(len(markers.HEADINGS)) if m.group(f"h{k}") is not None)
    heading = markers.HEADINGS[i]
    label, sub = m.group(f"h{i}_n").strip(), None
    if f"h{i}_n2" in m.re.groupindex:
        sub = m.group(f"h{i}_n2")
    if heading.numerals == "han":
        label = _han_number(label)
        sub = _han_number(sub) if sub else None
    label = ascii_digits(label)
    if sub:
        label += sub if sub.isalpha() else "-" + ascii_digits(sub)
    return label, heading.style


def _han_number(text: str) -> str:
    """"三百六十三" → "363"; digits stay digits."""
    if any(c.isdecimal() for c in text):
        return ascii_digits(text)
    value = phrase_value(list(text), "zh")
    return str(int(value)) if value is not None else text


def segment(text: str) -> list[Segment]:
    """The units of ``text`` with their nested subsections, paragraphs and items."""
    heads = list(_UNIT.finditer(text))
    units: list[Segment] = []
    if not heads:
        units.append(Segment("unit", "", 0, len(text), body_start=0))
    for i, m in enumerate(heads):
        label, style = _heading(m)
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        units.append(Segment("unit", label, m.start(), end, body_start=m.end(), style=style))
    # Words before the first heading (a part or chapter title) belong to no unit.
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
    body = text[base : unit.end]
    title = _TITLE_BEFORE_FIRST.match(body)
    if title and not _MARKER.match(body):
        # the first "(1)" after a run-on marginal title stands where a line would start
        body = body[: title.end() - 1] + "\n" + body[title.end() :]
    for m in _NUMBER_BEFORE_FIRST.finditer(body):
        # "3.-(1) Όποιος …", "11.(1) Για …": the section's number run on before its first subsection
        body = body[: m.end() - 1] + "\n" + body[m.end() :]
    for m in _NOTE.finditer(body):
        if m.group(0).lstrip().startswith("("):
            # a bracketed history note "(la 01-07-2024, … )": the words after it stand where a line would start
            depth, i = 0, m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            while i < len(body):
                depth += {"(": 1, ")": -1}.get(body[i], 0)
                if depth == 0:
                    break
                i += 1
            if i + 1 < len(body) and body[i + 1] in " \t":
                body = body[: i + 1] + "\n" + body[i + 2 :]
    notes = [(m.start() + len(m.group(0)) - len(m.group(0).lstrip()), None) for m in _NOTE.finditer(body)]
    found = sorted([(m.start(), m) for m in _MARKER.finditer(body)] + notes, key=lambda x: x[0])
    note: Segment | None = None
    for pos, m in found:
        if m is None:
            # a note: every open part ends here
            start = base + pos
            while stack:
                stack.pop().end = start
            if note is not None:
                continue
            note = Segment("note", "note", start, unit.end)
            unit.children.append(note)
            # "შენიშვნა:" alone on its line heads numbered points; "შენიშვნა: ამ მუხლით …" is one sentence
            # ("Примітка. 1. Під …" too)
            rest = body[pos:].split("\n", 1)[0].split(None, 1)[1:]
            note_points = not rest or bool(re.match(r"[\s.:]*(?:\(?1[.)]|\Z)", rest[0]))
            note_first_seen = False
            continue
        if _REFERENCE_BEFORE.search(body, 0, m.start() + len(m.group(0)) - len(m.group(0).lstrip())):
            continue
        kind, label, ordinal = _kind_and_ordinal(m)
        if note is not None:
            # inside a note only the article's own subsections continue ("(2)" after a note under "(1)")
            continues = (order and kind == order[0] and last.get(kind) is not None and not _is_first(ordinal)
                         and _follows(kind, last.get(kind), ordinal))
            # a list that starts again after the note's own points (or after a one-sentence note) is the
            # next article's, in a text that prints articles without headings
            restarts = bool(order) and kind == order[0] and _is_first(ordinal) and (note_first_seen or not note_points)
            if not (continues or restarts):
                note_first_seen = note_first_seen or _is_first(ordinal)
                continue
            note.end = base + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            note = None
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
        seg.end = unit.end if note is None or seg.start > note.start else min(seg.end, note.start)
    for seg in unit.walk():
        if seg.children:
            for a, b in zip(seg.children, seg.children[1:]):
                a.end = min(a.end, b.start)


_PARAGRAPH_BREAK = {"blank": re.compile(r"\n[ \t]*\n"), "line": re.compile(r"\n")}
# A line break that opens a paragraph where a text puts no blank line between paragraphs: the line before
# ends a sentence (a full stop, possibly inside an amendment bracket "…1 ári.]"), the new line starts with
# a capital letter (possibly after "[" or "**").
_LINE_PARAGRAPH = re.compile(r"(?<=[.!?])[\]\)»”\"']*[ \t]*\n(?=[ \t]*(?:\[|\*\*)?[^\W\d_])")
# A sentence end inside a flattened line, before a capital letter: an Italian comma run on after the last.
_SENTENCE_PARAGRAPH = re.compile(r"(?<=[.!?])[\]\)»”\"']*[ \t]+(?=(?:\[|\*\*)?[^\W\d_])")
_NOTE_LINE = re.compile(r"(?:" + "|".join(markers.AMENDMENT_NOTE_LINES) + r")")
# Kinds of marker that number items of a list inside a paragraph, not the paragraphs themselves.
_ITEM_KINDS = frozenset({"itemp", "letter", "item", "hanitem"})


def _body_span(text: str, unit: Segment) -> tuple[int, int]:
    """Where the words of a unit begin and end: after its heading line and a title line under it ("9 a §
    / Vaaran aiheuttaminen tietojenkäsittelylle", "Art. 600-ter / Pornografia minorile"), before
    editorial notes that close it ("0 Tilføyd ved lov …", "L. 8/2021, 1. gr.")."""
    start, end = unit.body_start, unit.end
    lines = [m for m in re.finditer(r"[^\n]*(?:\n|$)", text[start:end]) if m.group()]
    lines = [(start + m.start(), start + m.end()) for m in lines]
    # the rest of the heading line, when only punctuation ("[199. gr. a.")
    own_line = bool(unit.label) and bool(lines) and not re.search(r"[^\W_]", text[lines[0][0] : lines[0][1]])
    if own_line:
        lines = lines[1:]
    elif lines and unit.label:
        # words run on after the heading: its closing punctuation ("ARTICULO 25.- ", "128 —**") and an
        # emphasized marginal title ("*Acceso abusivo a un sistema informático*.") are not the text
        lines[0] = (_RUN_ON_HEADING_END.match(text, lines[0][0]).end(), lines[0][1])
    # a title: a short line of its own under the heading, without a sentence's punctuation, with more
    # lines after it
    if own_line and len(lines) > 1:
        first = text[lines[0][0] : lines[0][1]].strip()
        if first and len(first.split()) <= 15 and not re.search(r"[.;:,—–。；：-]$", first) and not _MARKER.match(first):
            lines = lines[1:]
    while lines and (not text[lines[-1][0] : lines[-1][1]].strip()
                     or _NOTE_LINE.fullmatch(text[lines[-1][0] : lines[-1][1]].strip())):
        lines = lines[:-1]
    if not lines:
        return _trim(text, unit.body_start, unit.end)
    return _trim(text, lines[0][0], lines[-1][1])


_RUN_ON_HEADING_END = re.compile(r"(?:[ \t.:\-—–]+|\*+[^*\n]*[^\W\d_][^*\n]*\*+(?=[ \t.:\-—–*])|\*+)*")


def _strip_note_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """A paragraph without the editorial note lines that open or close it ("Párrafo adicionado DOF …")."""
    while True:
        start, end = _trim(text, start, end)
        first = text[start : (text.find("\n", start, end) + 1 or end + 1) - 1]
        if first != text[start:end] and _NOTE_LINE.fullmatch(first.strip()):
            start += len(first)
            continue
        last_nl = text.rfind("\n", start, end)
        last = text[last_nl + 1 : end] if last_nl >= 0 else ""
        if last_nl >= 0 and _NOTE_LINE.fullmatch(last.strip()):
            end = last_nl
            continue
        return start, end


# The first character of the words at a position, after spaces, "[" or "**".
_FIRST_CHAR = re.compile(r"[^\S\n]*(?:\[|\*\*)?(.)")


def _capital(text: str, i: int) -> bool:
    """Does a capital letter start the words at ``i`` (after spaces, "[" or "**")?"""
    m = _FIRST_CHAR.match(text, i)
    return bool(m) and m.group(1).isupper()


def _opens(text: str, i: int) -> bool:
    """Can the words at ``i`` open a paragraph? Not a list item ("1) …") nor words closing a list
    ("on tuomittava …"), which start with a digit or a small letter."""
    m = _FIRST_CHAR.match(text, i)
    return not m or not (m.group(1).islower() or m.group(1).isdigit())


@lru_cache(maxsize=None)
def _opener_break(lang: str) -> re.Pattern:
    """A sentence end before the words that open a paragraph of a flattened ``lang`` text."""
    return re.compile(_SENTENCE_PARAGRAPH.pattern + "(?=" + markers.FLATTENED_PARAGRAPH_OPENERS[lang] + ")")


def alineas(text: str, unit: Segment, separator: str = "blank", lang: str | None = None) -> list[Segment]:
    """Unnumbered paragraphs of a unit ("alinéas" of French codes), cited as "al. 1", "al. 2"; a unit
    whose paragraphs are not parted by blank lines is cut at lines that start a paragraph (see
    :data:`lexgap.nlp.markers.FLATTENED_SENTENCE_PARAGRAPHS` for texts flattened into one line)."""
    body_start, body_end = _body_span(text, unit)
    brk = _PARAGRAPH_BREAK[separator]
    if separator == "blank" and not brk.search(text, body_start, body_end):
        brk = _LINE_PARAGRAPH
        if "\n" not in text[body_start:body_end] and lang in markers.FLATTENED_SENTENCE_PARAGRAPHS:
            brk = _SENTENCE_PARAGRAPH
        elif "\n" not in text[body_start:body_end] and lang in markers.FLATTENED_PARAGRAPH_OPENERS:
            brk = _opener_break(lang)
    breaks = [b for b in brk.finditer(text, body_start, body_end)
              if (_capital(text, b.end()) if brk is not _PARAGRAPH_BREAK[separator] else _opens(text, b.end()))]
    out, pos, n = [], body_start, 0
    for b in breaks + [None]:
        end = b.start() if b else body_end
        start, stop = _strip_note_lines(text, pos, end)
        if start < stop and not _NOTE_LINE.fullmatch(text[start:stop]):
            n += 1
            out.append(Segment("alinea", f"al-{n}", start, stop))
        pos = b.end() if b else body_end
    return out


def provisions(
    text: str, lang: str | None = None, paragraphs_are_provisions: bool | None = None
) -> list[ProvisionText]:
    """What a draft encodes: every subsection of every unit; a unit without subsections as a whole; and
    a unit's opening words when they say more than a heading (a caput before its "§ 1").

    ``paragraphs_are_provisions`` (default: whether ``lang`` is in
    :data:`lexgap.nlp.markers.UNNUMBERED_PARAGRAPHS`): a unit without numbered subsections is cited by
    its unnumbered paragraphs (French "alinéas", Italian "commi") when it has more than one.
    """
    separator = markers.UNNUMBERED_PARAGRAPHS.get(lang or "", ("blank", ""))[0]
    if paragraphs_are_provisions is None:
        paragraphs_are_provisions = lang in markers.UNNUMBERED_PARAGRAPHS
    out: list[ProvisionText] = []
    for unit in segment(text):
        subs = unit.children
        whole = _trim(text, unit.start, unit.end)
        if paragraphs_are_provisions and all(s.kind in _ITEM_KINDS for s in subs) and not _opens_with(text, unit, subs):
            # numbered items ("1)", "a)") are a list inside a paragraph, not the paragraphs
            paras = alineas(text, unit, separator, lang)
            if len(paras) > 1:
                unit.children = subs = paras
            else:
                unit.children, subs = [], []
                if paras:
                    whole = paras[0].start, paras[0].end
        if not subs:
            start, end = whole
            if start < end:
                out.extend(_definitions(text, ProvisionText((unit.label,), (unit.style,), start, end, text[start:end]), lang))
            continue
        head_start, head_end = _trim(text, unit.body_start, subs[0].start)
        if subs[0].kind == "stk" and subs[0].label == "2" and head_start < head_end:
            # Danish "§ 235. … Stk. 2. …": the words before "Stk. 2" are the first stk., however short
            start, end = _trim(text, unit.start, subs[0].start)
            out.append(ProvisionText((unit.label, "1"), (unit.style, "stk"), start, end, text[start:end]))
        elif len(text[head_start:head_end].split()) >= 8 or subs[0].kind == "note" and head_start < head_end:
            start, end = _trim(text, unit.start, subs[0].start)
            out.append(ProvisionText((unit.label,), (unit.style,), start, end, text[start:end]))
        for sub in subs:
            pieces = [sub]
            if sub.children and lang in markers.ITEMS_ARE_PROVISIONS and _lead_in(text, sub) < markers.LEAD_IN_WORDS:
                pieces = sub.children  # "(a) Any person who (1) … (2) …": the paragraphs are the statements
            for piece in pieces:
                path = (unit.label, sub.label) + ((piece.label,) if piece is not sub else ())
                kinds = (unit.style, sub.kind) + ((piece.kind,) if piece is not sub else ())
                start, end = _trim(text, piece.start, piece.end)
                out.extend(_definitions(text, ProvisionText(path, kinds, start, end, text[start:end]), lang))
    return out


def _opens_with(text: str, unit: Segment, subs: list[Segment]) -> bool:
    """Does a unit's body begin with its first numbered part ("Artículo 189 / 1. Será castigado …")? Then
    its "1." "2." number paragraphs, not the items of a list under opening words."""
    if not subs:
        return False
    start, _ = _body_span(text, unit)
    return start >= subs[0].start


def _lead_in(text: str, seg: Segment) -> int:
    """Words between a marker and its first paragraph, the marker not counted."""
    words = text[seg.start : seg.children[0].start].split()
    return max(0, len(words) - 1)


def _definition_starts(text: str, lang: str | None) -> list[tuple[int, str]]:
    verbs = markers.DEFINITION_VERBS.get(lang or "")
    if not verbs:
        return []
    verb = "(?:" + "|".join(re.escape(v).replace("\\ ", "\\s+") for v in verbs) + r")\b"
    quoted = re.compile(
        r"(?:(?<=^)|(?<=\n)|(?<=;\s)|(?<=;\s\s)|(?<=—\s)|(?<=:\s))[ \t]*(?:(?:\(\w{1,4}\)\s*)?(?:the\s+(?:term|expression)\s+)?)"
        r"[“\"‘«](?P<term>[^”\"’»\n;]{1,60})[”\"’»]\s*,?\s*(?:in\s+relation\s+to\s[^,;\n]{1,80},\s*)?" + verb
    )
    plain = re.compile(r"(?m)^[ \t]*(?P<term>[^\W\d_][^\n;:“\"]{0,60}?)\s+" + verb)
    found = {m.start(): m.group("term") for m in quoted.finditer(text)}
    for m in plain.finditer(text):
        if len(m.group("term").split()) <= 8 and m.start() not in found:
            found[m.start()] = m.group("term")
    return sorted(found.items())


def _definitions(text: str, piece: ProvisionText, lang: str | None) -> list[ProvisionText]:
    """A piece holding two or more definitions → its lead-in (when it says more than a heading) and one
    piece per defined term; any other piece unchanged."""
    starts = [(piece.start + i, term) for i, term in _definition_starts(piece.text, lang)]
    if len(starts) < 2:
        return [piece]
    out = []
    head_start, head_end = _trim(text, piece.start, starts[0][0])
    if len(text[head_start:head_end].split()) >= markers.LEAD_IN_WORDS:
        out.append(ProvisionText(piece.path, piece.kinds, head_start, head_end, text[head_start:head_end]))
    for k, (start, term) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else piece.end
        s, e = _trim(text, start, end)
        label = " ".join(term.split())
        out.append(ProvisionText(piece.path + (label,), piece.kinds + ("term",), s, e, text[s:e]))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
