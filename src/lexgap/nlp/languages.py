"""The languages ``lexgap ingest`` reads, and how each is tokenised and stemmed.

One row per language: which spaCy language class supplies the tokenizer rules, whether words are
tokens or characters are, and how a word is reduced to the form labels are matched on.

- ``words``: spaCy's own rule-based tokenizer for the language (``spacy.blank(code)``), nothing
  downloaded. Georgian has no spaCy language class; :class:`Georgian` registers one with spaCy's
  language-independent rules (the rules of ``spacy.blank("xx")``) under the code ``ka``.
- ``chars``: scripts written without spaces between words (Chinese, Korean syllables, Thai) are cut
  into one token per character by :class:`CharTokenizer`; runs of digits and of other letters stay
  whole. spaCy's own tokenizers for these languages need segmenters that are not installed (jieba or
  pkuseg, mecab-ko, PyThaiNLP), and a dictionary segmenter would have to be downloaded. Labels then
  match as character sequences, which also makes them match inside longer words (a Korean noun with its
  particle). The words the grammar needs as one token ("有期徒刑", "미만", "จำคุก", number words) are
  merged back by the ``lexgap_words`` component before the other components run.

Stemming: a Snowball stemmer where Snowball has one for the language (or for a close one: Serbian for
Croatian, Indonesian for Malay); else the first ``prefix`` letters of a word (truncation, a standard
stand-in for a stemmer in inflecting languages); else the lower-case word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy
from spacy.language import BaseDefaults, Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex


@dataclass(frozen=True)
class LanguageSetup:
    code: str  # as written in lg:language and in the ontology's language tags
    name: str
    tokens: str = "words"  # "words" or "chars"
    snowball: str | None = None
    prefix: int | None = None  # truncation stem length when Snowball has no stemmer


SETUP: dict[str, LanguageSetup] = {
    s.code: s
    for s in (
        LanguageSetup("en", "English", snowball="english"),
        LanguageSetup("fr", "French", snowball="french"),
        LanguageSetup("de", "German", snowball="german"),
        LanguageSetup("es", "Spanish", snowball="spanish"),
        LanguageSetup("pt", "Portuguese", snowball="portuguese"),
        LanguageSetup("it", "Italian", snowball="italian"),
        LanguageSetup("nl", "Dutch", snowball="dutch"),
        LanguageSetup("sv", "Swedish", snowball="swedish"),
        LanguageSetup("da", "Danish", snowball="danish"),
        LanguageSetup("nb", "Norwegian Bokmål", snowball="norwegian"),
        LanguageSetup("is", "Icelandic", prefix=5),
        LanguageSetup("fi", "Finnish", snowball="finnish"),
        LanguageSetup("et", "Estonian", snowball="estonian"),
        LanguageSetup("cs", "Czech", snowball="czech"),
        LanguageSetup("sk", "Slovak", prefix=5),
        LanguageSetup("sl", "Slovenian", prefix=5),
        LanguageSetup("hr", "Croatian", snowball="serbian"),
        LanguageSetup("el", "Greek", snowball="greek"),
        LanguageSetup("hu", "Hungarian", snowball="hungarian"),
        LanguageSetup("ro", "Romanian", snowball="romanian"),
        LanguageSetup("ru", "Russian", snowball="russian"),
        LanguageSetup("uk", "Ukrainian", prefix=5),
        LanguageSetup("ka", "Georgian", prefix=5),
        # Arabic is read by letter (see "Arabic" below); Snowball's Arabic stemmer, applied to one letter,
        # folds the hamza seats (أ إ آ ؤ ئ → ء) and alef maqsura (ى → ي), and drops short vowels
        LanguageSetup("ar", "Arabic", tokens="chars", snowball="arabic"),
        LanguageSetup("zh", "Chinese", tokens="chars"),
        LanguageSetup("ko", "Korean", tokens="chars"),
        LanguageSetup("th", "Thai", tokens="chars"),
        LanguageSetup("id", "Indonesian", snowball="indonesian"),
        LanguageSetup("ms", "Malay", snowball="indonesian"),
        LanguageSetup("bn", "Bengali", prefix=4),
    )
}

LANGUAGES = tuple(SETUP)


def setup(lang: str) -> LanguageSetup:
    return SETUP[lang]


# --------------------------------------------------------------------------------------------------
# Georgian: spaCy has no language class; the language-independent rules serve.


class GeorgianDefaults(BaseDefaults):
    pass


@spacy.registry.languages("ka")
class Georgian(Language):
    lang = "ka"
    Defaults = GeorgianDefaults


# --------------------------------------------------------------------------------------------------
# One token per character for scripts written without spaces

# Han, kana, Hangul (syllables and jamo), Thai, Lao, Khmer, Myanmar: each character is a token.
_UNSPACED = (
    "\u0e00-\u0e4f\u0e5a-\u0e7f"  # Thai (its digits U+0E50–0E59 stay digits)
    "\u0e80-\u0ecf\u0eda-\u0eff"  # Lao
    "\u1000-\u103f\u104a-\u109f"  # Myanmar
    "\u1780-\u17df"  # Khmer
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
    "\u3040-\u30ff\u31f0-\u31ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # Han
)
_CHAR_TOKEN = re.compile(
    rf"\s+"  # whitespace
    rf"|\d+(?:[.,]\d+)*"  # a number in any script's digits
    rf"|[^\W\d_{_UNSPACED}]+"  # a run of letters of a spaced script (Latin, Cyrillic...)
    rf"|."  # anything else: one character
)


class CharTokenizer:
    """Text → Doc with one token per character of an unspaced script; ``doc.text == text`` always."""

    pattern = _CHAR_TOKEN

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in self.pattern.finditer(text):
            piece = m.group()
            if piece.isspace():
                if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                if not piece:
                    continue
            for part in self.split(piece):
                words.append(part)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def split(self, piece: str) -> list[str]:
        """The tokens of one match of :attr:`pattern` (the match itself, here)."""
        return [piece]

    # spaCy serialises tokenizers with the pipeline; this one has no state to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self


# --------------------------------------------------------------------------------------------------
# Arabic: read by letter, the grammar's words whole
#
# Arabic is written with spaces, but a word carries its article, conjunction and preposition glued to
# it ("والغرامة", "بالحبس", "للأطفال"), and statute texts converted from PDF lose many spaces besides (UAE
# Federal Decree-Law 34/2021: "كل من اخترقموقعإلكتروني أونظام معلوماتإلكتروني"). Read by letter, a label
# matches inside such runs, as in Chinese or Korean text; spaces do not count. A letter is one token
# with the marks written on it (short vowels, tanwin, shadda, superscript alef, the tatweel that
# stretches it). Closed-class words stay whole instead: the words of the grammar and the number words
# (:func:`lexgap.nlp.grammar.words`, :func:`lexgap.nlp.numbers.word_values`), so the age and penalty
# patterns read them (the ``lexgap_words`` component then has nothing left to merge), and spaCy's
# Arabic stop words, so a label does not match across a particle ("يغير", alters, is no conduct in "في
# غير", "in other than"). A grammar word of four letters or more is read wherever it stands in a run
# ("سنتين" in "سنتينوالغرامة", "بالحبس" in "يعاقببالحبس"); any other closed-class word only where it
# is a word by itself, after at most one clitic letter ("وستة", "بغير"), or where a piece of a run is
# made of such words alone ("لاتقل", "وفيغير"): inside other words they are only letters ("الاعتراض"
# holds "لا", "العامة" "عام", "مستند" "ست").

_ARABIC_LETTERS = "\u0621-\u063f\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
_ARABIC_MARKS = "\u0640\u064b-\u065f\u0670\u06d6-\u06ed"
_ARABIC_TOKEN = re.compile(
    rf"\s+"  # whitespace
    rf"|\d+(?:[.,]\d+)*"  # a number in any script's digits
    rf"|[{_ARABIC_LETTERS}][{_ARABIC_LETTERS}{_ARABIC_MARKS}]*"  # a run of Arabic letters
    rf"|[^\W\d_{_UNSPACED}{_ARABIC_LETTERS}{_ARABIC_MARKS}]+"  # a run of letters of another script
    rf"|."  # anything else: one character
)
_ARABIC_RUN = re.compile(rf"[{_ARABIC_LETTERS}]")
_ARABIC_LETTER = re.compile(rf"[{_ARABIC_LETTERS}][{_ARABIC_MARKS}]*|.")
_ARABIC_CLITICS = frozenset("وفبلك")  # and, so, with, to, like: written glued to the next word
_LONG_WORD = 4  # letters: a grammar word this long is read wherever it stands


class ArabicTokenizer(CharTokenizer):
    """Text → Doc with one token per Arabic letter, the grammar's words whole (see above)."""

    pattern = _ARABIC_TOKEN

    def __init__(self, vocab, grammar_words: frozenset[str], stop_words: frozenset[str] = frozenset()):
        self.vocab = vocab
        self.words = grammar_words | stop_words
        long = sorted((w for w in grammar_words if len(w) >= _LONG_WORD), key=len, reverse=True)
        self.long = re.compile("|".join(re.escape(w) for w in long) or r"(?!)")

    def split(self, piece: str) -> list[str]:
        if not _ARABIC_RUN.match(piece):
            return [piece]
        out: list[str] = []
        pos = 0
        for m in self.long.finditer(piece):
            out += self._word(piece[pos : m.start()])
            out.append(m.group())
            pos = m.end()
        return out + self._word(piece[pos:])

    def _word(self, piece: str) -> list[str]:
        if not piece:
            return []
        if piece in self.words:
            return [piece]
        parts = self._segment(piece)
        if parts is None and len(piece) > 2 and piece[0] in _ARABIC_CLITICS:
            rest = self._segment(piece[1:])
            parts = [piece[0]] + rest if rest is not None else None
        return parts if parts is not None else _ARABIC_LETTER.findall(piece)

    def _segment(self, piece: str) -> list[str] | None:
        """``piece`` as a sequence of closed-class words of two letters or more, the fewest; None when it
        is not one."""
        best: list[list[str] | None] = [[]] + [None] * len(piece)
        for end in range(2, len(piece) + 1):
            for start in range(0, end - 1):
                head, word = best[start], piece[start:end]
                if head is not None and word in self.words and (best[end] is None or len(head) + 1 < len(best[end])):
                    best[end] = head + [word]
        return best[-1]


@spacy.registry.tokenizers("lexgap.char_tokenizer.v1")
def char_tokenizer():
    def create(nlp: Language) -> CharTokenizer:
        if nlp.lang == "ar":
            from .grammar import words  # the grammar table imports this module
            from .numbers import word_values

            grammar_words = frozenset(words("ar")) | frozenset(word_values("ar"))
            return ArabicTokenizer(nlp.vocab, grammar_words, frozenset(nlp.Defaults.stop_words))
        return CharTokenizer(nlp.vocab)

    return create


# --------------------------------------------------------------------------------------------------
# Adjustments to spaCy's rule-based tokenizers

# "3-aastase", "2-től", "18-vuotias": a hyphen between a digit and a letter separates two tokens, so the
# number is read on its own ("18") and the unit after it is a word of the grammar.
_NUMBER_SUFFIX_INFIX = r"(?<=\d)[-‐‑](?=[^\W\d_])"
# "(2)References to…", "(4A)A person…": legislation.gov.uk prints a subsection number with no space
# before its first word; the closing bracket separates them, so the first word is read.
_MARKER_INFIX = r"(?<=\w)[)\]](?=[^\W\d_])"
# A full stop after a letter of a caseless script that spaCy's shared rules do not list (Georgian).
_CASELESS_PERIOD = r"(?<=[\u10d0-\u10ff])\."
# The Greek ano teleia (U+0387), which ends the items of Cypriot definition lists ("… ετών·"): spaCy
# lists the middle dot (U+00B7) it is canonically equivalent to, not the Greek code point.
_ANO_TELEIA = "\u0387"
# "৭(সাত)": Bengali statutes write a number in words in brackets after its digits, often with no space;
# the opening bracket separates them, so the digits are read.
_DIGIT_BRACKET_INFIX = r"(?<=\d)[(](?=[^\W\d_])"
# spaCy's Greek rules keep a closing bracket on a one-digit number ("(5)" → "(", "5)"), for list markers
# ("1)"); Cypriot laws write terms so ("πέντε (5) έτη"): without them the bracket is a suffix of its own.
_GLUED_LIST_MARKERS = (r"([0-9]){1}\) ", r"^([0-9]){1}\)$")


@spacy.registry.callbacks("lexgap.number_suffixes.v1")
def number_suffixes():
    def add(nlp: Language) -> Language:
        from .grammar import GRAMMAR  # the grammar table imports this module

        tokenizer = nlp.tokenizer
        if hasattr(tokenizer, "infix_finditer"):
            infixes = list(nlp.Defaults.infixes or []) + [_NUMBER_SUFFIX_INFIX, _MARKER_INFIX, _DIGIT_BRACKET_INFIX]
            tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
            suffixes = [s for s in nlp.Defaults.suffixes or [] if s not in _GLUED_LIST_MARKERS]
            suffixes += [_CASELESS_PERIOD, _ANO_TELEIA]
            tokenizer.suffix_search = compile_suffix_regex(suffixes).search
            # A unit word before a full stop ends a sentence ("do osmih let."); spaCy's exceptions read
            # some as abbreviations ("let." in Slovenian), which would hide the unit.
            g = GRAMMAR.get(nlp.lang)
            if g is not None:
                rules = dict(tokenizer.rules or {})
                for word in g.years + g.months:
                    for form in (word + ".", word.capitalize() + "."):
                        rules.pop(form, None)
                tokenizer.rules = rules
        return nlp

    return add
