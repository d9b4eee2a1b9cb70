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
        LanguageSetup("ar", "Arabic", snowball="arabic"),
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

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for m in _CHAR_TOKEN.finditer(text):
            piece = m.group()
            if piece.isspace():
                if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                if not piece:
                    continue
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialises tokenizers with the pipeline; this one has no state to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "CharTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> "CharTokenizer":
        return self


@spacy.registry.tokenizers("lexgap.char_tokenizer.v1")
def char_tokenizer():
    def create(nlp: Language) -> CharTokenizer:
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
