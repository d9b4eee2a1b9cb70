"""From one provision's text to proposed values: concepts, age threshold, penalties, element signals.

Runs the pipeline on the provision's text and chooses, among the findings, the values a draft states.
The choices follow how the hand encodings read provisions: the age a provision protects is the first
age it names ("a person under the age of 18"), the maximum penalty is the first term of imprisonment it
sets (the base offence; aggravated forms that follow are for a reviewer to split out), and the minimum
is the one paired with that maximum.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from . import grammar
from .components import AgeFinding, ConceptProposal, PenaltyFinding, SignalProposal
from .pipeline import build
from ..load import ONTOLOGY_DIR


@dataclass(frozen=True)
class Value:
    element: str  # local name of the lg: property ("childAgeThreshold")
    value: object  # int, float or bool, or an IRI string
    start: int
    end: int
    confidence: float


@dataclass
class Extraction:
    text: str
    concepts: list[ConceptProposal] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)
    mental: list[tuple[str, int, int]] = field(default_factory=list)  # (term IRI, start, end)
    defined: list[tuple[str, int, int]] = field(default_factory=list)  # (term as written, start, end)
    tokens: int = 0

    def value(self, element: str):
        return next((v.value for v in self.values if v.element == element), None)


# Clause ends a minimum is not sought across (the full stop is left out: "Art. 5" and "3.5" use it).
_CLAUSE_MARKS = tuple(m for m in grammar.CLAUSE_END if m != ".")

# The first tokens of a text: a penalty there, before any conduct, opens the provision.
_OPENING_TOKENS = 16


def choose_age(ages: list[AgeFinding], penalties: list[PenaltyFinding] = (), doc=None) -> list[Value]:
    """The age the provision protects: the age it names, leaving out an age named in a condition after
    the penalty (an aggravation of an offence described before it). When it names several different
    ages, the highest, at a lower confidence: the provision protects everyone under it (the protected
    ranges of an article unite, as in the gap logic). A reference to the age of majority ("âgée de
    dix-huit ans") counts only when no other age is named."""
    if doc is not None and ages:
        conditions = set(grammar.GRAMMAR[doc.lang_].condition_words)
        first_penalty = min((p.end for p in penalties if p.kind in ("max", "life")), default=None)
        # Only where the offence is described before its penalty: a text opening with the penalty ("Mit
        # Freiheitsstrafe … wird bestraft, wer …, wenn …") describes the offence in its conditions.
        first_conduct = min((t.start_char for t in doc.spans.get("lg_terms", []) if t.label_ == "conduct"), default=None)
        opening_end = doc[min(len(doc), _OPENING_TOKENS) - 1].idx if len(doc) else 0
        penalty_first = first_penalty is not None and first_penalty <= opening_end and (
            first_conduct is None or first_conduct > first_penalty
        )
        if penalty_first:
            first_penalty = None
        if first_penalty is not None and conditions:
            ages = [a for a in ages if not (a.start > first_penalty and any(
                t.lower_ in conditions for t in doc.char_span(first_penalty, a.start, alignment_mode="expand") or []
            ))]
    main = [a for a in ages if a.kind != "aged"] or list(ages)
    if not main:
        return []
    # Several ages: the provision protects everyone under the highest ("under eighteen in a pornographic
    # or under fourteen in an erotic situation" protects persons under eighteen), at a lower confidence.
    first = max(main, key=lambda a: a.under)
    confidence = 0.9 if len({a.under for a in main}) == 1 else 0.6
    out = [Value("childAgeThreshold", first.under, first.start, first.end, confidence)]
    if first.age_from:
        out.append(Value("childAgeFrom", first.age_from, first.start, first.end, 0.85))
    return out


def choose_penalty(penalties: list[PenaltyFinding], text: str = "") -> list[Value]:
    out: list[Value] = []
    # a term on a lesser route ("on summary conviction … 12 months") is not the maximum when another is set
    main = [p for p in penalties if not p.lesser] or list(penalties)
    # a repeat offender's term ("second or subsequent conviction … five years") neither
    main = [p for p in main if not p.repeat] or main
    maxima = [p for p in main if p.kind in ("max", "life")]
    if not maxima:
        return out
    # the highest maximum the provision sets: an aggravated form's term ("…, or, if committed against
    # a child under 15, up to 4 years") is the most the offence carries
    first_max = next((p for p in maxima if p.kind == "life"), None) or max(maxima, key=lambda p: p.years)
    if first_max.kind == "life":
        return [Value("maxPenaltyLife", True, first_max.start, first_max.end, 0.85)]
    out.append(Value("maxPenaltyYears", float(first_max.years), first_max.start, first_max.end, 0.85))
    # the minimum of the same clause: the range's other end, or a minimum stated just before or after
    i = main.index(first_max)
    for p in main[max(0, i - 1) : i + 2]:
        between = text[min(p.end, first_max.end) : max(p.start, first_max.start)] if text else ""
        if any(mark in between for mark in _CLAUSE_MARKS):
            continue  # "处五年以下有期徒刑；…处五年以上": a minimum of the next clause is an aggravation's
        if p.kind == "min" and p is not first_max and abs(p.start - first_max.start) < 200:
            out.append(Value("minPenaltyYears", float(p.years), p.start, p.end, 0.8))
            break
    return out


def extract(text: str, lang: str, ontology_dir: str = str(ONTOLOGY_DIR)) -> Extraction:
    """Run the pipeline for ``lang`` on one provision's text."""
    return next(read(build(lang, str(ontology_dir)), [text]))


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` with every run of whitespace made one space, and where each of its characters (and its
    end) sits in ``text``. spaCy makes a line break or a second space a token of its own, which would
    cut "under the age of\neighteen years" or a label broken over two lines; statutes break lines
    anywhere."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " " and where and text[where[-1]].isspace():
                continue
            ch = " "
        out.append(ch)
        where.append(i)
    where.append(len(text))
    return "".join(out), where


def read(nlp, texts: Iterable[str]) -> Iterator[Extraction]:
    """Extractions of ``texts`` (one per text, in order), read with ``nlp`` on their folded whitespace;
    every offset is one of the original text, so evidence quotes stay word for word."""
    texts = list(texts)
    folded = [fold(t) for t in texts]
    for text, (_, where), doc in zip(texts, folded, nlp.pipe(f for f, _ in folded)):
        yield _unfold(from_doc(doc), text, where)


def _unfold(ex: Extraction, text: str, where: list[int]) -> Extraction:
    def start(i: int) -> int:
        return where[i]

    def end(i: int) -> int:
        return where[i - 1] + 1 if i > 0 else 0

    ex.text = text
    ex.concepts = [replace(c, start=start(c.start), end=end(c.end)) for c in ex.concepts]
    ex.values = [replace(v, start=start(v.start), end=end(v.end)) for v in ex.values]
    ex.mental = [(t, start(a), end(b)) for t, a, b in ex.mental]
    ex.defined = [(text[start(a) : end(b)], start(a), end(b)) for _, a, b in ex.defined]
    return ex


def from_doc(doc) -> Extraction:
    ex = Extraction(doc.text, tokens=len(doc))
    ex.concepts = list(doc._.lg_concepts or [])
    penalties = doc._.lg_penalties or []
    ex.values = choose_age(doc._.lg_ages or [], penalties, doc) + choose_penalty(penalties, doc.text)
    ex.values += [_signal_value(s) for s in doc._.lg_signals or []]
    ex.mental = [(s.id_, s.start_char, s.end_char) for s in doc.spans.get("lg_terms", []) if s.label_ == "mental"]
    ex.defined = [(s.text, s.start_char, s.end_char) for s in doc.spans.get("lg_defined", [])]
    return ex


def _signal_value(sig: SignalProposal) -> Value:
    local = sig.element.rsplit("#", 1)[-1]
    value: object = sig.value
    if sig.value in ("true", "false"):
        value = sig.value == "true"
    return Value(local, value, sig.start, sig.end, sig.confidence)
