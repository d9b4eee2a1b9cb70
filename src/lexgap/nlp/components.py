"""The pipeline's rule components, registered as spaCy factories and configured through the config.

Order in the pipeline (see :mod:`lexgap.nlp.pipeline`):

``lexgap_words``    languages tokenised by character only: merge the grammar's words into tokens
``lexgap_numbers``  merge each number phrase ("twenty-five", "18 (dezoito)") into one token, NORM "#num",
                    value in ``token._.lg_value``
``lexgap_stems``    NORM of every other token = its stem (:mod:`lexgap.nlp.languages`), so one label
                    matches every inflection ("possess" ~ "possesses", "verbreiten" ~ "verbreitet")
``lexgap_terms``    a SpanRuler on NORM, patterns from the ontology's SKOS labels → ``doc.spans["lg_terms"]``
``lexgap_defined``  defined terms and their definitions → ``doc.spans["lg_defined"]``, ``["lg_definitions"]``
``lexgap_ages``     child age expressions → ``doc.spans["lg_ages"]``
``lexgap_penalties`` imprisonment terms → ``doc.spans["lg_penalties"]``
``lexgap_concepts`` conduct × object cues and concept labels → ``doc._.lg_concepts``

Every matcher runs in C over the tokens; Python loops only over matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import snowballstemmer
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import grammar
from .grammar import is_char_language
from .languages import setup as language_setup
from .numbers import MULTIPLICATIVE, joiners, phrase_value, word_values
from ..vocab import LGC
from .vocabulary import ANCILLARY_GROUP, DEFINITIONS_GROUP, LGT, Cue, Signal

Token.set_extension("lg_value", default=None, force=True)
Doc.set_extension("lg_ages", default=None, force=True)
Doc.set_extension("lg_penalties", default=None, force=True)
Doc.set_extension("lg_concepts", default=None, force=True)
Doc.set_extension("lg_signals", default=None, force=True)

@dataclass(frozen=True)
class ConceptProposal:
    concept: str
    start: int  # character offsets of the evidence in doc.text
    end: int
    confidence: float
    how: str  # "label" (the concept's own label), "cue" (conduct + object) or "definition"


@dataclass(frozen=True)
class AgeFinding:
    """Protects persons from ``age_from`` up to (not including) ``under``."""

    age_from: int
    under: int
    start: int
    end: int
    kind: str = "below"  # the grammar's pattern kind: "below", "between", "bare" or "aged"


@dataclass(frozen=True)
class PenaltyFinding:
    kind: str  # "max", "min" or "life"
    years: float | None
    start: int
    end: int
    lesser: bool = False  # set on a lesser route ("on summary conviction")
    repeat: bool = False  # set on a repeat offender's penalty ("second or subsequent conviction")


@dataclass(frozen=True)
class SignalProposal:
    element: str
    value: str
    start: int
    end: int
    confidence: float


# --------------------------------------------------------------------------------------------------
# Words (languages tokenised by character)


@Language.factory("lexgap_words")
class WordMerger:
    """For languages tokenised one character per token (:mod:`lexgap.nlp.languages`): merge the words
    of the grammar and the number words ("有期徒刑", "미만", "ห้า") into single tokens, longest first, so
    the grammar's patterns read them as words. Does nothing in other languages."""

    def __init__(self, nlp: Language, name: str):
        self.active = is_char_language(nlp.lang)
        if self.active:
            vocabulary = set(grammar.words(nlp.lang)) | set(word_values(nlp.lang))
            self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
            multi = sorted(w for w in vocabulary if len(nlp.make_doc(w)) > 1)
            self.matcher.add("WORD", [nlp.make_doc(w) for w in multi])

    def __call__(self, doc: Doc) -> Doc:
        if not self.active:
            return doc
        spans = filter_spans(self.matcher(doc, as_spans=True))
        with doc.retokenize() as retok:
            for span in spans:
                retok.merge(span)
        return doc


# --------------------------------------------------------------------------------------------------
# Numbers


@Language.factory("lexgap_numbers")
class NumberMerger:
    """Find number phrases with a Matcher, read their value, merge each into one token.

    A number glued to a unit word ("kolmeaastase", "восемнадцатилетнего": three-year, eighteen-year) is
    first split into the number and the unit, so both are read."""

    def __init__(self, nlp: Language, name: str):
        self.lang = nlp.lang
        words = sorted(word_values(self.lang), key=len, reverse=True)
        alternatives = [r"\d+(?:[.,]\d+)?\.?"] + [re.escape(w) for w in words]
        num_re = r"^(?:" + "|".join(alternatives) + r")$"
        num = {"LOWER": {"REGEX": num_re}}
        join = sorted(joiners(self.lang))
        joiner = {"LOWER": {"IN": join}}
        in_bracket = {"LOWER": {"REGEX": num_re[:-2] + "|" + "|".join(re.escape(j) for j in join) + r")$"}}
        self.matcher = Matcher(nlp.vocab)
        patterns = [
            [num],
            [num, num],
            [num, joiner, num],
            [num, {"ORTH": "("}, {**in_bracket, "OP": "+"}, {"ORTH": ")"}],
            [num, {**joiner, "OP": "?"}, num, {"ORTH": "("}, {**in_bracket, "OP": "+"}, {"ORTH": ")"}],
        ]
        if not words:
            # no number words known for the language: "৭ (সাত)" is read by its digits, the bracket
            # (the number in words) is taken along unread
            patterns.append([num, {"ORTH": "("}, {"IS_PUNCT": False, "IS_DIGIT": False, "OP": "{1,4}"}, {"ORTH": ")"}])
        if self.lang in MULTIPLICATIVE:
            # "二十五", "dua puluh lima (25)": numbers of several parts
            patterns.append([num, num, {**num, "OP": "+"}])
            patterns.append([num, num, {**num, "OP": "*"}, {"ORTH": "("}, {**in_bracket, "OP": "+"}, {"ORTH": ")"}])
        self.matcher.add("NUM", patterns)
        # a unit glued to its number ("kolmeaastase"), or the hyphen of a number whose unit comes later
        # ("ühe- kuni viieaastase": one- to five-year)
        suffixes = [re.escape(s) for s in grammar.GRAMMAR[self.lang].unit_suffixes] + ["-"]
        self.glued = re.compile(r"^(" + "|".join(alternatives) + r")(" + "|".join(suffixes) + r")$", re.IGNORECASE)

    def _split_glued(self, doc: Doc) -> None:
        with doc.retokenize() as retok:
            for token in doc:
                m = self.glued.match(token.text)
                if m and m.group(1) and m.group(2):
                    retok.split(token, [m.group(1), m.group(2)], heads=[(token, 1), (token, 1)])

    def __call__(self, doc: Doc) -> Doc:
        self._split_glued(doc)
        found = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            value = phrase_value([t.text for t in span], self.lang)
            if value is not None:
                found.append((span, value))
        values = {(s.start, s.end): v for s, v in found}
        kept = filter_spans([s for s, _ in found])
        bounds = sorted((s.start, s.end) for s in kept)
        with doc.retokenize() as retok:
            for span in kept:
                retok.merge(span, attrs={"NORM": grammar.NUMBER_NORM})
        # After merging, span k starts at its old index less the tokens folded into earlier spans.
        shift = 0
        for start, end in bounds:
            doc[start - shift]._.lg_value = values[(start, end)]
            shift += end - start - 1
        return doc


# --------------------------------------------------------------------------------------------------
# Stems


@lru_cache(maxsize=None)
def _stemmer(algorithm: str):
    return snowballstemmer.stemmer(algorithm)


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """The form labels are matched on: Snowball stem, else the first letters, else the word (see
    :mod:`lexgap.nlp.languages`)."""
    low = word.lower()
    if not any(c.isalpha() for c in low):
        return low
    setup = language_setup(lang)
    if setup.snowball:
        # Hyphenated words are stemmed part by part ("ein- oder auszuführen" keeps "aus-führ").
        return "-".join(_stemmer(setup.snowball).stemWord(p) if p else p for p in low.split("-"))
    if setup.prefix:
        return "-".join(p[: setup.prefix] for p in low.split("-"))
    return low


@Language.factory("lexgap_stems")
class Stemmer:
    """Set each token's NORM to its stem (numbers keep the number NORM)."""

    def __init__(self, nlp: Language, name: str):
        self.lang = nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        lang = self.lang
        for token in doc:
            if token.norm_ != grammar.NUMBER_NORM:
                token.norm_ = stem(token.text, lang)
        return doc


# --------------------------------------------------------------------------------------------------
# Defined terms


@Language.factory("lexgap_defined")
class DefinedTerms:
    """Find defined terms ('"child" means', 'on entend par', 'med barn avses', '(Kind)') and each
    definition's extent.

    A definition runs from the term to the next ";" or end of sentence, or to the next defined term.
    """

    def __init__(self, nlp: Language, name: str):
        lang = nlp.lang
        g = grammar.GRAMMAR[lang]
        self.or_words = set(g.or_words)
        self.matcher = Matcher(nlp.vocab)
        open_q = {"ORTH": {"IN": list(grammar.OPEN_QUOTES)}}
        close_q = {"ORTH": {"IN": list(grammar.CLOSE_QUOTES)}}
        stops = sorted(set(grammar.OPEN_QUOTES + grammar.CLOSE_QUOTES + grammar.CLAUSE_END) | {",", ":", "(", ")"})
        inner = {"ORTH": {"NOT_IN": stops}, "OP": "{1,12}"}
        if g.definition_verbs:
            verb = {"LOWER": {"IN": list(g.definition_verbs)}}
            quoted = [
                [open_q, inner, close_q, verb],
                [open_q, inner, close_q, {"ORTH": ","}, verb],
                # '“identifiable minor” (A) means', 'the term “X” used with respect to a depiction, means'
                [open_q, inner, close_q, {"ORTH": "("}, {"IS_ALPHA": True, "LENGTH": {"<=": 3}}, {"ORTH": ")"}, verb],
                [open_q, inner, close_q, {"IS_PUNCT": False, "OP": "{1,8}"}, {"ORTH": ","}, verb],
            ]
            if g.or_words:
                quoted.append([open_q, inner, close_q, {"LOWER": {"IN": list(g.or_words)}}, open_q, inner, close_q, verb])
            self.matcher.add("QUOTED", quoted)
        leads = [grammar.phrase_pattern(lead) for lead in g.definition_leads]
        if leads:
            self.matcher.add("LEAD", [lead + [{"IS_PUNCT": False, "IS_ALPHA": True, "OP": "+"}] for lead in leads])
            self.matcher.add("LEADQ", [lead + [open_q, inner, close_q] for lead in leads])
        self.frames = Matcher(nlp.vocab)
        self.frame_term: dict[str, int] = {}
        for i, frame in enumerate(g.definition_frames):
            key = f"FRAME{i}"
            self.frames.add(key, [grammar.compile_pattern(frame, lang)])
            self.frame_term[key] = grammar.gapped_index(frame.split().index("TERM"))
        if lang == "de":
            # German codes name a term in brackets right after its definition: "Person unter vierzehn
            # Jahren (Kind)".
            self.matcher.add("BRACKET", [[{"ORTH": "("}, {"IS_TITLE": True}, {"ORTH": ")"}]])

    def __call__(self, doc: Doc) -> Doc:
        terms, bodies = [], []
        matches = sorted(self.matcher(doc, as_spans=True), key=lambda s: (s.start, -len(s)))
        seen: set[int] = set()

        def add(term: Span, body_start: int) -> None:
            seen.update(range(term.start, term.end))
            terms.append(Span(doc, term.start, term.end, label="term"))
            bodies.append(Span(doc, body_start, _clause_end(doc, body_start), label=term.text.lower()))

        for span in matches:
            kind = doc.vocab.strings[span.label]
            if kind == "QUOTED":
                quote_end = next(t.i for t in span[1:] if t.text in grammar.CLOSE_QUOTES)
                words = [t for t in doc[span.start + 1 : quote_end] if not t.is_punct]
                if not words or words[0].i in seen:
                    continue
                add(doc[words[0].i : words[-1].i + 1], span.end)
            elif kind == "LEADQ":
                opening = next(t.i for t in span if t.text in grammar.OPEN_QUOTES)
                words = [t for t in doc[opening + 1 : span.end - 1] if not t.is_punct]
                if not words or words[0].i in seen:
                    continue
                add(doc[words[0].i : words[-1].i + 1], span.end)
            elif kind == "LEAD":
                # "on entend par X": the term is the first word(s) after the lead, the shortest match
                if any(i in seen for i in range(span.start, span.end)):
                    continue
                add(doc[span.end - 1 : span.end], span.end)
            else:  # BRACKET: the defined name is inside, the definition is what came before
                term = doc[span.start + 1 : span.start + 2]
                sent_start = _clause_start(doc, span.start)
                terms.append(Span(doc, term.start, term.end, label="term"))
                bodies.append(Span(doc, sent_start, span.start, label=term.text.lower()))
        # Frames ("med TERM avses", "TERM se rozumí"): the shortest term for each place a frame ends.
        best: dict[tuple[int, int], tuple[int, int]] = {}
        frames = self.frames(doc, with_alignments=True) if self.frame_term else []
        for match_id, start, end, align in frames:
            where = self.frame_term[doc.vocab.strings[match_id]]
            positions = [start + k for k, a in enumerate(align) if a == where]
            if not positions:
                continue
            t0, t1 = positions[0], positions[-1] + 1
            key = (match_id, end) if t1 < end else (match_id, start)
            if key not in best or t1 - t0 < best[key][1] - best[key][0]:
                best[key] = (t0, t1, end)  # type: ignore[assignment]
        for t0, t1, end in sorted(best.values()):  # type: ignore[misc]
            if any(i in seen for i in range(t0, t1)):
                continue
            add(doc[t0:t1], end)
        bodies = _extend_opening_definition(doc, terms, bodies)
        doc.spans["lg_defined"] = terms
        doc.spans["lg_definitions"] = bodies
        return doc


# A definition whose term stands within the first tokens of a text is what the text is about: its body
# runs on to the next defined term or the end, over lists and sentences ('"child pornography" means any
# visual depiction …, where (A) … (C) such visual depiction has been created …'), so the words describing
# the material are not read as the offender's conduct.
_OPENING = 16


def _extend_opening_definition(doc: Doc, terms: list[Span], bodies: list[Span]) -> list[Span]:
    starts = sorted(t.start for t in terms)
    out = []
    for term, body in zip(terms, bodies):
        # counted in words: the brackets of "(2) (A) Except as provided …" do not count
        words_before = sum(1 for t in doc[: term.start] if not t.is_punct)
        if words_before < _OPENING and body.label_ != "" and body.start >= term.end:
            later = [s for s in starts if s > term.start]
            end = later[0] if later else len(doc)
            body = Span(doc, body.start, max(body.end, end), label=body.label_)
        out.append(body)
    return out


def _clause_end(doc: Doc, i: int) -> int:
    for tok in doc[i:]:
        if tok.text in grammar.CLAUSE_END and not tok.like_num:
            return tok.i
        if tok.text in grammar.OPEN_QUOTES and tok.i > i + 1 and tok.nbor(-1).text in (";", ":"):
            return tok.i
    return len(doc)


def _purpose_clause_end(doc: Doc, i: int) -> int:
    """The clause end of a purpose or consequence, across the period of an abbreviated reference ("podle
    § 182 odst. 1 písm. b)"): a "." after a short lower-case word, before a number or a lower-case word."""
    j = i
    while True:
        j = _clause_end(doc, j)
        if j + 1 >= len(doc) or doc[j].text != "." or j == 0:
            return j
        before, after = doc[j - 1], doc[j + 1]
        if not (before.is_alpha and before.is_lower and len(before) <= 5 and (after.like_num or after.is_lower)):
            return j
        j += 1


def _sentence_start(doc: Doc, i: int) -> int:
    j = i
    while j > 0 and doc[j - 1].text not in grammar.CLAUSE_END:
        j -= 1
    return j


def _clause_start(doc: Doc, i: int) -> int:
    j = i
    while j > 0 and doc[j - 1].text not in grammar.CLAUSE_END and doc[j - 1].text != ",":
        j -= 1
    return j


# --------------------------------------------------------------------------------------------------
# Ages


_NEGATIONS = {"not", "no", "nicht", "pas", "não", "non", "niet", "inte", "ikke", "nie", "не", "ні"}


@Language.factory("lexgap_ages")
class AgeExpressions:
    """Child age expressions: "under the age of 18", "moins de dix-huit ans", "zwischen vierzehn und
    achtzehn Jahren", "不满十四周岁". Findings in ``doc._.lg_ages``, spans in ``doc.spans["lg_ages"]``."""

    def __init__(self, nlp: Language, name: str):
        self.matcher = Matcher(nlp.vocab)
        for kind, pattern in grammar.age_patterns(nlp.lang):
            self.matcher.add(kind, [pattern])
        g = grammar.GRAMMAR[nlp.lang]
        self.units = set(g.years) | set(g.months)

    def __call__(self, doc: Doc) -> Doc:
        spans, found = [], []
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            nums = [t._.lg_value for t in span if t._.lg_value is not None]
            if not nums or any(not (0 < v <= 25) or v != int(v) for v in nums):
                continue  # not an age (a section number, a fine)
            kind = doc.vocab.strings[span.label]
            if any(t.lower_ in _NEGATIONS for t in doc[max(0, span.start - 3) : span.start]):
                continue  # "shall not be less than three years" is a minimum term, not an age
            if kind == "bare" and span.end < len(doc) and (doc[span.end].lower_ in self.units or doc[span.end].text in "%-"):
                continue  # "under 12 months" is a period, "under 16" alone an age
            spans.append(Span(doc, span.start, span.end, label=kind))
            age_from = int(nums[0]) if kind == "between" else 0
            found.append(AgeFinding(age_from, int(nums[-1]), span.start_char, span.end_char, kind))
        doc.spans["lg_ages"] = spans
        doc._.lg_ages = found
        return doc


# --------------------------------------------------------------------------------------------------
# Penalties


@Language.factory("lexgap_penalties")
class PenaltyTerms:
    """Terms of imprisonment: durations near an imprisonment word, each read as a minimum or maximum.

    Findings (``doc._.lg_penalties``): "max", "min" (in years) and "life". A duration counts only when an
    imprisonment word stands within ``window`` tokens before it, or right after it ("five years'
    imprisonment", "cinq ans d'emprisonnement", "五年以下有期徒刑"), so periods for other purposes are
    not read as penalties.
    """

    def __init__(self, nlp: Language, name: str, window: int = 14):
        lang = nlp.lang
        g = grammar.GRAMMAR[lang]
        self.lang, self.window, self.g = lang, window, g
        self.months = set(g.months)
        self.years = set(g.years)
        self.durations = Matcher(nlp.vocab)
        for kind, patterns in grammar.duration_patterns(lang).items():
            self.durations.add(kind, patterns)
        self.markers = Matcher(nlp.vocab)
        for key, phrases in (("PRISON", g.prison), ("LIFE", g.life), ("LIFE_ALONE", g.life_alone),
                             ("MIN", g.min_before), ("MIN_AFTER", g.min_after), ("LESSER", g.lesser_routes),
                             ("REPEAT", g.repeat_offence)):
            if phrases:
                self.markers.add(key, [grammar.compile_pattern(p, lang) for p in phrases])

    def _years(self, span: Span) -> list[float]:
        """Values of the numbers in a duration or range, in years; a range whose first end has no unit
        borrows the second's ("de 1 (um) a 4 (quatro) anos"), else each end has its own ("sechs Monaten
        bis zu zehn Jahren"). A unit word that carries its number (Arabic "سنة", a year) counts as one."""
        values: list[float] = []
        units: list[str | None] = []
        for tok in span:
            low = tok.lower_
            if tok._.lg_value is not None:
                values.append(tok._.lg_value)
                units.append(None)
            elif low in self.g.valued_units and (not units or units[-1] is not None):
                values.append(self.g.valued_units[low])
                units.append("done")
            elif low in self.months or low in self.years:
                if units and units[-1] is None:
                    units[-1] = "m" if low in self.months else "y"
        last = next((u for u in reversed(units) if u in ("m", "y")), "y")
        return [v if u == "done" else v / 12 if (u or last) == "m" else v for v, u in zip(values, units)]

    def __call__(self, doc: Doc) -> Doc:
        found_markers: dict[str, list[tuple[int, int]]] = {}
        for match_id, start, end in self.markers(doc):
            found_markers.setdefault(doc.vocab.strings[match_id], []).append((start, end))
        prison = found_markers.get("PRISON", [])
        mins = found_markers.get("MIN", [])
        mins_after = found_markers.get("MIN_AFTER", [])
        found: list[PenaltyFinding] = []
        ages = [(a.start, a.end) for a in doc.spans.get("lg_ages", [])]
        durations = [
            d for d in filter_spans(self.durations(doc, as_spans=True))
            if not any(s < d.end and d.start < e for s, e in ages)  # "menores de dieciocho años" is an age
        ]
        prev_end = 0
        last_term: Span | None = None  # the last duration read as a term of imprisonment
        for dur in durations:
            near = any(
                (s < dur.start and dur.start - e <= self.window and not _crosses(doc, e, dur.start))
                or (0 <= s - dur.end <= self.g.prison_after and not _crosses(doc, dur.end, s))
                for s, e in prison
            ) or (
                # "imprisonment … which shall not be less than three years which may extend to five
                # years": a duration right after a term continues it
                last_term is not None and dur.start - last_term.end <= 8 and not _crosses(doc, last_term.end, dur.start)
            )
            if near:
                last_term = dur
                years = self._years(dur)
                lookback = max(prev_end, dur.start - 8)
                is_min = (
                    any(lookback <= s and e <= dur.start for s, e in mins)
                    or any(0 <= s - dur.end <= 1 for s, _ in mins_after)
                    or any(t.lower_ in self.g.min_units for t in dur)
                )
                kind = doc.vocab.strings[dur.label]
                if kind == "COMPOUND" and years:
                    found.append(PenaltyFinding("min" if is_min else "max", round(sum(years), 2), dur.start_char, dur.end_char))
                elif kind == "RANGE" and len(years) == 2:
                    found.append(PenaltyFinding("min", round(years[0], 2), dur.start_char, dur.end_char))
                    found.append(PenaltyFinding("max", round(years[1], 2), dur.start_char, dur.end_char))
                elif years:
                    found.append(PenaltyFinding("min" if is_min else "max", round(years[0], 2), dur.start_char, dur.end_char))
            prev_end = dur.end
        for s, e in found_markers.get("LIFE", []):
            # "imprisonment for life", "imprisoned ... or for life": an imprisonment word before it, or in it
            if any(ps <= s and s - pe <= self.window and not _crosses(doc, pe, s) for ps, pe in prison) or any(
                s <= ps < e for ps, _ in prison
            ):
                found.append(PenaltyFinding("life", None, doc[s].idx, doc[e - 1].idx + len(doc[e - 1])))
        for span in filter_spans([doc[s:e] for s, e in found_markers.get("LIFE_ALONE", [])]):
            # a phrase that names life imprisonment by itself ("lebenslange Freiheitsstrafe", "无期徒刑")
            found.append(PenaltyFinding("life", None, span.start_char, span.end_char))
        lesser = [doc[s].idx for s, _ in found_markers.get("LESSER", [])]
        if lesser:
            # a term in the same clause as "on summary conviction" (up to the next ";")
            found = [
                PenaltyFinding(f.kind, f.years, f.start, f.end, True)
                if any(m <= f.start and ";" not in doc.text[m : f.start] for m in lesser) else f
                for f in found
            ]
        repeat = [doc[s].idx for s, _ in found_markers.get("REPEAT", [])]
        if repeat:
            # a term in the same clause as "in the case of a second or subsequent conviction"
            found = [
                replace(f, repeat=True)
                if any(m <= f.start and ";" not in doc.text[m : f.start] for m in repeat) else f
                for f in found
            ]
        found.sort(key=lambda f: (f.start, f.kind != "min"))
        doc._.lg_penalties = found
        doc.spans["lg_penalties"] = [doc.char_span(f.start, f.end, label=f.kind) for f in found]
        return doc


def _crosses(doc: Doc, start: int, end: int) -> bool:
    """True when a sentence or clause ends between two tokens (a "." or ";" not inside a number)."""
    return any(t.text in grammar.CLAUSE_END and not (t.text == "." and t.like_num) for t in doc[start:end])


def _sentence_between(doc: Doc, start: int, end: int) -> bool:
    """True when a sentence ends between two tokens: a "." (not in a number, not after a short
    abbreviation) followed by a capitalised word or a bracketed marker ("… NCMEC. (2) Facts …")."""
    for t in doc[start:end]:
        if t.text == "." and not t.like_num and t.i + 1 < end:
            before, after = doc[t.i - 1] if t.i else t, doc[t.i + 1]
            if len(before.text) > 3 and (after.is_title or after.text == "("):
                return True
    return False


def _item_between(doc: Doc, start: int, end: int) -> bool:
    """True when a list item begins between two tokens ("…, - c) padělá", "(ঘ) কোনো"), also after a
    conjunction ("… akadályozza, vagy b) … adatot … megváltoztat": …, or b))."""
    for t in doc[max(start, 3) : end]:
        if t.text == ")" and len(t.nbor(-1).text) <= 3 and t.nbor(-1).text.isalnum():
            if t.nbor(-2).text in ("(", "-", ",", ";", ":", "."):
                return True
            if t.nbor(-2).is_alpha and len(t.nbor(-2).text) <= 5 and t.nbor(-3).text in (",", ";"):
                return True
    return False


def _cited(doc: Doc, span: Span, window: int = 5) -> bool:
    """True when a section sign follows a name within a few words of its clause ("Datenbeschädigung
    (§ 126a)", "Störung der Funktionsfähigkeit eines Computersystems nach § 126b", "olaga
    integritetsintrång i 4 kap. 6 c §"): the name cites the offence of another section."""
    for t in doc[span.end : span.end + window]:
        if t.text in (";", "。", "；"):
            return False
        if t.text.startswith("§"):
            return True
    return False


# --------------------------------------------------------------------------------------------------
# Concepts


def _phrase_matcher(nlp: Language, key: str, phrases: tuple[str, ...]) -> Matcher:
    """A Matcher of the grammar's phrases under one key (empty when the language has none)."""
    matcher = Matcher(nlp.vocab)
    if phrases:
        matcher.add(key, [grammar.phrase_pattern(p) for p in phrases])
    return matcher


@Language.factory("lexgap_concepts", default_config={"cues": None, "signals": None, "groups": None})
class ConceptProposer:
    """Propose concepts: a concept's own label (0.9), a cue's conduct and object in one provision (0.75),
    or a defined term naming a definition concept's object (0.85). Words inside a definition (after
    '"X" means') describe a term: they are not read as conduct, and a concept label among them names
    an offence only if it is a definition concept. Fallback cues (a penalty clause → sanctions) fire
    when nothing but ancillary liability (an attempt, say) is recognised: such a provision is about the
    penalty or the liability, not about an offence of its own."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        cues: list[Cue] | None,
        signals: list[Signal] | None,
        groups: dict[str, str] | None,
    ):
        self.cues = list(cues or [])
        self.signals = list(signals or [])
        self.groups = dict(groups or {})
        self.any_object = str(LGT.object)
        self.system_object = str(LGT["computer-system"])
        self.material, self.child = str(LGT.csam), str(LGT.child)
        self.interference = str(LGC["data-interference"])
        self.sanctions = str(LGC["sanctions"])
        fraud, forgery, hindering = (str(LGC[c]) for c in ("computer-fraud", "computer-forgery", "system-interference"))
        # a means → the offences it may serve; earlier rows first (a hindering that served a fraud is gone
        # before data interference is weighed against it)
        self.means_of = (
            (str(LGC["illegal-access"]), (fraud,)),
            (str(LGC["illegal-interception"]), (fraud,)),
            (hindering, (fraud,)),
            (self.interference, (fraud, forgery, hindering)),
        )
        g = grammar.GRAMMAR[nlp.lang]
        self.purpose = _phrase_matcher(nlp, "PURPOSE", g.purpose)
        self.passive_aux = set(g.passive_aux)
        self.finite = (tuple(g.finite_endings), tuple(g.finite_not))
        self.or_words = {w.lower() for w in g.or_words}
        self.governors = _phrase_matcher(nlp, "GOVERNOR", g.governors)
        self.governed_before = {w.lower() for w in g.governed_before}
        self.enabling = _phrase_matcher(nlp, "ENABLING", g.enabling)
        self.purpose_end = _phrase_matcher(nlp, "PURPOSE_END", g.purpose_end)
        self.offence_words = _phrase_matcher(nlp, "OFFENCE", g.offence_words)
        self.consequence = _phrase_matcher(nlp, "CONSEQUENCE", g.consequence)
        self.threat = _phrase_matcher(nlp, "THREAT", g.threat)
        self.others_act = _phrase_matcher(nlp, "OTHERS_ACT", g.others_act)

    def _finite(self, span: Span) -> bool:
        endings, exceptions = self.finite
        word = span[0].lower_
        return bool(endings) and word.endswith(endings) and not word.endswith(exceptions)

    def _not_done(
        self, doc: Doc, conducts: list[Span], objects: list[Span]
    ) -> tuple[set[tuple[int, int]], list[tuple[int, int]]]:
        """Conduct spans that name no conduct of the offender on the material, and the purposes (token
        ranges). A conduct is intended when it stands in a purpose that follows the offender's own
        conduct in the sentence ("possesses for the purpose of publication"; the purpose runs to the
        end of the clause or a finite verb: "produces with intent to distribute, or distributes"; not
        merely to its object, which precedes the verb in Dutch or German: "met het oogmerk … een
        afbeelding … te vervaardigen"); it is suffered by the material in the passive, with the conducts listed after
        one ("has been mailed, or shipped or transported"); it is caused, in a consequence ("повлекшее
        уничтожение … информации"). The purposes returned run to the clause end or a finite conduct, and
        include a purpose placed before its conduct, up to that conduct ("v úmysle spáchať trestný čin …
        vyrobí"): the offences they name (:meth:`_named_offences`) are intended, not this provision's."""
        out: set[tuple[int, int]] = set()
        purposes: list[tuple[int, int]] = []
        ends = sorted(s for _, s, _ in self.purpose_end(doc)) if len(self.purpose_end) else []
        if len(self.purpose):
            for _, start, end in self.purpose(doc):
                # the purpose's own words are no conduct ("with a view to": not viewing, not access)
                out |= {(c.start, c.end) for c in conducts if start <= c.start and c.end <= end}
                sentence = _sentence_start(doc, start)
                # "з метою збуту чи розповсюдження або її зберігання": where a case ending cannot tell,
                # grammar words say where the purpose ends and the offender's own conduct resumes
                clause_end = min([e for e in ends if e >= end] + [_purpose_clause_end(doc, end)])
                if not any(sentence <= c.start and c.end <= start for c in conducts):
                    # "with intent to gain access" names the conduct itself; a purpose placed before
                    # its conduct still holds the offences it names ("v úmysle spáchať trestný čin
                    # neoprávneného prístupu … vyrobí")
                    stop = self._leading_purpose_end(doc, end, clause_end, conducts)
                    if stop is not None:
                        purposes.append((end, stop))
                    continue
                stop = min(clause_end, end + 25)
                whole = clause_end
                for c in sorted(conducts, key=lambda c: c.start):
                    if end <= c.start < clause_end and self._finite(c):
                        whole = c.start
                        break
                for c in sorted(conducts, key=lambda c: c.start):
                    if end <= c.start < stop:
                        if self._finite(c):
                            stop = c.start
                            break
                        out.add((c.start, c.end))
                purposes.append((end, whole))
        if len(self.consequence):
            # What the offence caused is no act of the offender: "повлекшее уничтожение, блокирование,
            # модификацию либо копирование компьютерной информации", "Lorsqu'il en est résulté soit la
            # suppression ou la modification de données", "se dal fatto deriva la distruzione o il
            # danneggiamento del sistema" (to the end of the clause or a dash)
            for _, start, end in self.consequence(doc):
                stop = min(_purpose_clause_end(doc, end), end + 25)
                stop = next((t.i for t in doc[end:stop] if t.text in ("-", "–", "—")), stop)
                out |= {(c.start, c.end) for c in conducts if end <= c.start and c.end <= stop}
        if len(self.threat):
            # What the offender threatens to do is not done: "A person shall not threaten to distribute by
            # post, email, text, or transmit, by electronic means or otherwise, a private image …"; "threatens
            # to use, in any form of media, a real or fabricated depiction … of the child in a sexual act"
            # (to the end of the clause, or a finite conduct: "threatens to distribute or distributes")
            for _, start, end in self.threat(doc):
                stop = _purpose_clause_end(doc, end)
                for c in sorted(conducts, key=lambda c: c.start):
                    if end <= c.start < stop:
                        if c.start > end and self._finite(c):
                            break
                        out.add((c.start, c.end))
        if len(self.others_act):
            # The act of the child depicted or induced, not the offender's: "a child engaged in real or
            # simulated sexual acts", "to engage in prostitution or any sexual activity", "the age of
            # consent to sexual activity" (the phrase after the words, to a punctuation mark, six words)
            for _, start, end in self.others_act(doc):
                stop = next((t.i for t in doc[end : end + 6] if t.is_punct), min(end + 6, len(doc)))
                out |= {(c.start, c.end) for c in conducts if end <= c.start and c.end <= stop}
        if self.passive_aux:
            passive: set[tuple[int, int]] = set()
            previous: Span | None = None
            for c in sorted(conducts, key=lambda c: c.start):
                before = {t.lower_ for t in doc[max(0, c.start - 2) : c.start]}
                listed = previous is not None and (previous.start, previous.end) in passive and c.start - previous.end <= 3
                if before & self.passive_aux or listed:
                    passive.add((c.start, c.end))
                previous = c
            out |= passive
        return out, purposes

    def _named_offences(self, doc: Doc, start: int, stop: int) -> list[Span]:
        """Concept labels between two tokens (a purpose) after an offence word in that stretch: they name
        the offence intended ("navrhne dieťaťu … osobné stretnutie v úmysle spáchať na ňom trestný čin …
        výroby detskej pornografie", "v úmyslu, aby jej bylo užito ke spáchání trestného činu …
        neoprávněného přístupu k počítačovému systému"), not this provision's. Without an offence word
        a label in a purpose may define the offence ("for the purpose of producing any visual depiction")."""
        if not len(self.offence_words):
            return []
        words = [s for _, s, e in self.offence_words(doc) if start <= s and e <= stop]
        if not words:
            return []
        return [
            t for t in doc.spans.get("lg_terms", [])
            if t.label_ == "concept" and start <= t.start and t.end <= stop and any(w < t.start for w in words)
        ]

    def _leading_purpose_end(self, doc: Doc, end: int, clause_end: int, conducts: list[Span]) -> int | None:
        """Where a purpose placed before its conduct ends: at the offender's conduct, the first conduct of
        the clause after the purpose's own act ("v úmysle spáchať trestný čin neoprávneného prístupu …
        vyrobí"; "al fine di intercettare …, ovvero di impedirle o interromperle, si procura, detiene
        …"); a conduct in the name of an offence is the purpose's. None when no such conduct follows:
        the purpose names the conduct itself ("with intent to gain access")."""
        named = self._named_offences(doc, end, clause_end)
        after = sorted(
            (c for c in conducts if end <= c.start < clause_end
             and not any(n.start <= c.start and c.end <= n.end for n in named)),
            key=lambda c: c.start,
        )
        if not after:
            return None
        # the purpose's own act: a conduct among its first words ("to defraud", "di intercettare")
        own = after[0] if after[0].start - end <= 2 else None
        for c in after:
            if own is not None and c.start < own.end:
                continue
            # after the purpose's act, the offender's conduct follows a comma closely (", si procura",
            # ", abusivamente si procura"; not ", ovvero di impedirle", one more purpose) or is finite
            commas = [t.i for t in doc[(own.end if own is not None else end) : c.start] if t.text == ","]
            if own is None or (commas and c.start - commas[-1] <= 2) or self._finite(c):
                return c.start
        return None

    def _attributes(self, doc: Doc, conducts: list[Span]) -> set[tuple[int, int]]:
        """Conduct nouns that name no conduct: the attribute or object of the words right before them
        ("rules of access", "правил доступа", "право доступу", "κωδικό πρόσβασης", "prevent or hinder
        access") or of the noun right after them ("access code", "přístupový kód"); and a conduct that a
        means makes possible ("κωδικό … με τον οποίο μπορεί να αποκτηθεί πρόσβαση": by which access can
        be obtained; "datos similares que permitan acceder"; "pomocí něhož lze získat přístup")."""
        out: set[tuple[int, int]] = set()
        ends = {end for _, _, end in self.governors(doc)} if len(self.governors) else set()
        for c in conducts:
            if c.start in ends or (c.end < len(doc) and doc[c.end].lower_ in self.governed_before):
                out.add((c.start, c.end))
        if len(self.enabling):
            for _, _, end in self.enabling(doc):
                for c in conducts:
                    if end <= c.start <= end + 2 and not any(t.is_punct for t in doc[end : c.start]):
                        out.add((c.start, c.end))
        return out

    def _made_for(self, doc: Doc, terms: list[Span], not_done: set[tuple[int, int]]) -> list[tuple[int, int]]:
        """Offence names after a phrase saying what a means is made for or makes possible, up to the next
        conduct or the end of the sentence ("zařízení … vytvořený nebo přizpůsobený k neoprávněnému
        přístupu do sítě …, k počítačovému systému … nebo k neoprávněnému zásahu do počítačového systému",
        "zariadenie … vytvorené na neoprávnený prístup do počítačového systému"): a device made for illegal
        access or system interference, not those offences."""
        if not len(self.enabling):
            return []
        labels = [t for t in terms if t.label_ == "concept" and self.groups.get(t.id_) != DEFINITIONS_GROUP]
        acts = [
            t.start for t in terms
            if t.label_ == "conduct" and (t.start, t.end) not in not_done
            and not any(n.start <= t.start and t.end <= n.end for n in labels)
        ]
        found: list[tuple[int, int]] = []
        for _, _, end in self.enabling(doc):
            stop = min([a for a in acts if a >= end] + [_clause_end(doc, end)])
            found += [(t.start, t.end) for t in labels if end <= t.start and t.end <= stop]
        return found

    def __call__(self, doc: Doc) -> Doc:
        bodies = [(s.start, s.end) for s in doc.spans.get("lg_definitions", [])]
        defined = doc.spans.get("lg_defined", [])

        def in_body(span: Span) -> bool:
            return any(s <= span.start and span.end <= e for s, e in bodies)

        terms = list(doc.spans.get("lg_terms", []))
        # The longest object wording wins too: "computer" inside "computer password" or "computer
        # data" names that object, not a computer system.
        every_object = [t for t in terms if t.label_ == "object"]
        nested = {
            (o.start, o.end, o.id_) for o in every_object
            if any(b.start <= o.start and o.end <= b.end and len(b) > len(o) and b.id_ != o.id_ for b in every_object)
        }
        terms = [t for t in terms if (t.start, t.end, t.id_) not in nested]
        objects = [t for t in terms if t.label_ == "object"]

        def inside_object(span: Span) -> bool:
            # "sexual abuse" inside "child sexual abuse material" names the material, not a conduct
            return any(o.start <= span.start and span.end <= o.end and len(o) > len(span) for o in objects)

        conducts = [t for t in terms if t.label_ == "conduct"]

        def inside_conduct(span: Span) -> bool:
            # the longest conduct wording wins: "den Besitz daran verschaffen" is procuring, not possessing
            return any(c.start <= span.start and span.end <= c.end and len(c) > len(span) for c in conducts)

        not_done, purposes = self._not_done(doc, conducts, objects)
        not_done |= self._attributes(doc, conducts)
        # "v úmysle spáchať trestný čin neoprávneného zachytávania …": offences a purpose names
        named = {(t.start, t.end) for s, e in purposes for t in self._named_offences(doc, s, e)}
        # "zur Begehung einer Datenbeschädigung (§ 126a)": the name of another section's offence, not an
        # offence of this text (a definition citing a term's section still defines)
        cited = [
            (t.start, t.end) for t in terms
            if t.label_ == "concept" and self.groups.get(t.id_) != DEFINITIONS_GROUP and _cited(doc, t)
        ]
        cited += self._made_for(doc, terms, not_done)
        by_id: dict[str, list[Span]] = {}
        for span in terms:
            if span.label_ == "conduct" and (inside_object(span) or inside_conduct(span)):
                continue
            if span.label_ == "conduct" and any(s <= span.start and span.end <= e for s, e in cited):
                continue
            if span.label_ == "conduct" and any(s <= span.start and span.end <= e for s, e in named):
                continue  # the act of an offence a purpose names ("trestný čin … zachytávania")
            by_id.setdefault(span.id_, []).append(span)
        # A person named by an age below majority is a child ("osobi mlađoj od petnaest godina", "лица,
        # не достигшего шестнадцатилетнего возраста"): the age phrase is the child object of a cue.
        child = str(LGT.child)
        for age in doc.spans.get("lg_ages", []):
            if not in_body(age) and not any(o.start <= age.start < o.end or age.start <= o.start < age.end for o in by_id.get(child, [])):
                by_id.setdefault(child, []).append(age)
        proposals: dict[str, ConceptProposal] = {}

        def add(p: ConceptProposal) -> None:
            old = proposals.get(p.concept)
            if old is None or p.confidence > old.confidence:
                proposals[p.concept] = p

        defined_spans = [(t.start, t.end) for t in defined]

        def describes_a_term(span: Span) -> bool:
            return in_body(span) or any(s <= span.start and span.end <= e for s, e in defined_spans)

        def names_the_term(span: Span) -> bool:
            # '“exceeds authorized access” means …' defines the offence the label names
            return any(span.start <= s and e <= span.end for s, e in defined_spans) and self.groups.get(span.id_) != span.id_

        defines_an_offence = False
        for span in terms:
            if span.label_ == "concept" and (span.start, span.end) in cited:
                continue
            if span.label_ == "concept" and (span.start, span.end) in named:
                continue  # "osobné stretnutie v úmysle spáchať na ňom trestný čin výroby detskej pornografie"
            if span.label_ == "concept":
                group = self.groups.get(span.id_)
                if describes_a_term(span) and group != DEFINITIONS_GROUP:
                    # a pure definition of an offence's name ('"revenge porn" means …') is a definition;
                    # with a penalty ('"electronic fraud" means …' in the offence's own section) the offence
                    if not (names_the_term(span) and any(f.kind in ("max", "life") for f in doc._.lg_penalties or [])):
                        continue  # "child pornography" inside '"child pornography" means …' is the term
                    defines_an_offence = True
                add(ConceptProposal(span.id_, span.start_char, span.end_char, 0.9, "label"))
        if defines_an_offence:
            # the definition is the offence's: not a definition of the definitions group
            proposals.pop(DEFINITIONS_GROUP, None)
        fallbacks, alongside = [], []
        used: dict[str, tuple] = {}  # concept → (conduct span, object term, width) of its cue pair
        for cue in self.cues:
            if cue.alone:
                fallbacks.append(cue)
                continue
            if cue.alongside:
                alongside.append(cue)
                continue
            if cue.defined:
                self._definition(cue, defined, by_id, add)
                continue
            found = self._pair(doc, cue, by_id, in_body, not_done, used)
            if found is not None:
                add(found)
        # One conduct, one object: "accesses child pornography through a computer system" is access to
        # the material, not to the system. Where the same conduct words pair with the objects of two
        # cues, a computer system yields to the other object (it is the means), else the nearer wins.
        by_conduct: dict[tuple[int, int], list[tuple[tuple[bool, int], str]]] = {}
        for concept, (conduct, obj, width) in used.items():
            if conduct is not None and obj is not None:
                by_conduct.setdefault(conduct, []).append(((obj == self.system_object, width), concept))
        for pairs in by_conduct.values():
            nearest = min(w for w, _ in pairs)
            for width, concept in pairs:
                p = proposals.get(concept)
                if width > nearest and p is not None and p.how == "cue":
                    del proposals[concept]
        # Altering data as the means of a fraud or forgery ("путем ввода, удаления, блокирования …
        # компьютерной информации", "sisestamise, muutmise … teel") is that offence, not data interference;
        # so is altering data as the means of hindering a system ("διακόπτει τη λειτουργία συστήματος
        # πληροφοριών με την εισαγωγή, διαβίβαση, διαγραφή … ψηφιακών δεδομένων"), and entering, intercepting
        # or hindering as the means of a fraud ("neupravičeno vstopi ali vdre v informacijski sistem … da bi
        # sebi … pridobil protipravno premoženjsko korist", "ometa rad računalnog sustava … s ciljem da sebi
        # … pribavi protupravnu imovinsku korist"). The means, found by its cue or its label,
        # yields to the offence (by its label or its cue), unless the means stands in a list item or sentence
        # of its own ("b) … vymaže …, c) padělá …", "… akadályozza, vagy b) … adatot … megváltoztat") or in
        # one list with the offence's word.
        for means_concept, ends in self.means_of:
            means = proposals.get(means_concept)
            if means is None or means.how not in ("cue", "label"):
                continue
            altering = used.get(means_concept, (None,))[0]
            if altering is None:
                evidence = doc.char_span(means.start, means.end, alignment_mode="expand")
                altering = (evidence.start, evidence.end)
            for concept in ends:
                act = used.get(concept, (None,))[0]
                if proposals.get(concept) is None or act is None:
                    continue
                # "poškodí, vymaže, pozmení, potlačí … údaje": a forgery word in a list of alterations
                # is one more alteration, not the offence the alterations serve
                listed = abs(altering[0] - act[1]) <= 2 or abs(act[0] - altering[1]) <= 2
                lo, hi = min(altering[0], act[0]), max(altering[1], act[1])
                apart = _crosses(doc, lo, hi) or _item_between(doc, lo, hi)
                # "حذف أو تغيير المعطيات … أو اضطراب في سيره" (deletion or alteration of data … or
                # disturbance of its operation): an offence listed after the means with "or" is one more
                # result, not the offence the means serves
                coordinate = altering[0] < act[0] and act[0] > 0 and doc[act[0] - 1].lower_ in self.or_words
                if not listed and not apart and not coordinate:
                    del proposals[means_concept]
                    break
        # Cues that qualify what other words found: "possesses child pornography in a computer system"
        # is the possession offence and, by its means, the ICT-facilitated one.
        for cue in alongside:
            if any(c != cue.concept and (c == cue.alongside or self.groups.get(c) == cue.alongside) for c in proposals):
                found = self._pair(doc, cue, by_id, in_body, not_done)
                if found is not None:
                    add(found)
        # Fallbacks: where nothing was recognised; or where only ancillary liability was, and the text
        # sets a term of imprisonment ("… or an attempt to commit an offense …, imprisonment for not more
        # than one year": a penalty clause). "The attempt is punished with the same penalties" stays an
        # attempt provision.
        sets_a_term = any(f.kind in ("max", "life") for f in doc._.lg_penalties or [])
        for cue in fallbacks:
            if proposals and (not sets_a_term or any(self.groups.get(c) != ANCILLARY_GROUP for c in proposals)):
                break
            if cue.defined:
                self._definition(cue, defined, by_id, add)
            else:
                found = self._pair(doc, cue, by_id, in_body, not_done)
                if found is not None:
                    add(found)
        # A penalty clause separate from its offence ("A person guilty of an offence under this section
        # shall be liable …"): the offences it names are enacted elsewhere, it is about the penalty
        first_term = min((f.start for f in doc._.lg_penalties or [] if f.kind in ("max", "life")), default=None)
        clause = grammar.penalty_clause_before(doc.text, doc.lang_, first_term)
        if clause is not None:
            proposals = {c: p for c, p in proposals.items() if self.groups.get(c) == ANCILLARY_GROUP}
            proposals.setdefault(self.sanctions, ConceptProposal(self.sanctions, clause.start(), clause.end(), 0.75, "label"))
        doc._.lg_concepts = sorted(proposals.values(), key=lambda p: (p.start, p.concept))
        signals = []
        for sig in self.signals:
            for span in by_id.get(sig.term, []):
                signals.append(SignalProposal(sig.element, sig.value, span.start_char, span.end_char, 0.8))
                break
        doc._.lg_signals = signals
        return doc

    def _definition(self, cue: Cue, defined, by_id, add) -> None:
        """The defined term is the cue's object ("'child' means"): the object's words cover the term.
        A cue whose object is the top concept lgt:object accepts any defined term."""
        for term in defined:
            if cue.object == self.any_object:
                add(ConceptProposal(cue.concept, term.start_char, term.end_char, 0.6, "definition"))
                return
            for obj in by_id.get(cue.object or "", []):
                if obj.start <= term.start and term.end <= obj.end:
                    add(ConceptProposal(cue.concept, term.start_char, term.end_char, 0.85, "definition"))
                    return

    def _pair(self, doc: Doc, cue: Cue, by_id, in_body, not_done=frozenset(), used=None) -> ConceptProposal | None:
        """The closest conduct and object of the cue. A conduct intended or suffered by the material
        (``not_done``) is no cue for an act on an object, but still names the kind of act of a cue
        without object ("data … intercepted unlawfully")."""
        conducts = list(by_id.get(cue.conduct, [])) if cue.conduct else [None]
        objects = list(by_id.get(cue.object, [])) if cue.object else [None]
        conducts = [
            s for s in conducts
            if s is None or not (in_body(s) or (cue.object and (s.start, s.end) in not_done))
        ]
        objects = [s for s in objects if s is None or not in_body(s)]
        # A conduct whose nearest object is the child, followed by another conduct on the material, acts on
        # the child, not on the material ("získa, ponúkne … dieťa na výrobu detskej pornografie": procures,
        # offers a child for the production; "pridobi … mladoletno osebo za izdelavo slik … pornografske
        # vsebine"). Filming a minor "в целях изготовления" materials is production either way (the
        # conduct between is the cue's own).
        children = by_id.get(self.child, []) if cue.object == self.material else []
        others: list[Span] = []
        own: set[tuple[int, int]] = set()
        if children:
            every = [t for t in doc.spans.get("lg_terms", []) if t.label_ == "conduct"]
            own = {(t.start, t.end) for t in every if t.id_ == cue.conduct}
            others = [t for t in every if (t.start, t.end) not in own]
        best = None
        for c in conducts:
            for o in objects:
                if c is None and o is None:
                    continue
                if c is not None and o is not None and any(
                    c.end <= k.start and k.end <= o.start
                    and any(k.end <= x.start and x.end <= o.start for x in others)
                    and not any(k.end <= s and e <= o.start for s, e in own)
                    for k in children
                ):
                    continue
                pair = [x for x in (c, o) if x is not None]
                lo, hi = min(x.start for x in pair), max(x.end for x in pair)
                # A conduct takes no object from a later sentence ("(ii) making a report … operated by
                # NCMEC. (2) … an apparent violation … that involves child pornography" is no production);
                # a later sentence may take the object of an earlier one by reference ("… με πρόσωπο που
                # δεν συμπλήρωσε τα δέκα πέντε έτη … Αν επακολούθησε συνάντηση …": if a meeting followed)
                if c is not None and o is not None and c.end <= o.start and _sentence_between(doc, c.end, o.start):
                    continue
                if best is None or hi - lo < best[1] - best[0]:
                    best = (lo, hi, c or o, c)
        if best is None:
            return None
        lo, hi, anchor, conduct = best
        if used is not None:
            used[cue.concept] = ((conduct.start, conduct.end) if conduct is not None else None, cue.object, hi - lo)
        if hi - lo > 25:  # far apart: the conduct words alone are the evidence
            lo, hi = anchor.start, anchor.end
        span = doc[lo:hi]
        return ConceptProposal(cue.concept, span.start_char, span.end_char, 0.75, "cue")
