"""How each drafting language writes ages, durations and penalty clauses: token patterns, no law.

These tables are grammar shared by every statute in a language (unit words, the shape of "under the age
of N", "bis zu N Jahren", "de N a M anos"), the same kind of knowledge as the number words in
:mod:`lexgap.nlp.numbers`. Which ages or penalties a statute sets is never written here; the patterns only
say where a number sits in a sentence. Offence vocabulary (conducts, objects, concept names) comes from
the ontology's SKOS labels instead (:mod:`lexgap.nlp.vocabulary`).

``NUM`` stands for a number token: the number component merges every number phrase ("twenty-five",
"18 (dezoito)") into one token whose NORM is :data:`NUMBER_NORM`.
"""

from __future__ import annotations

from typing import Any

#: NORM given to a merged number token, so token patterns can say "a number here".
NUMBER_NORM = "#num"

NUM: dict[str, Any] = {"NORM": NUMBER_NORM}


def _any(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


def _opt(spec: dict[str, Any]) -> dict[str, Any]:
    return {**spec, "OP": "?"}


# Units of time, per language: the value of one unit in years.
YEAR_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("year", "years", "year's", "years'"),
    "fr": ("an", "ans", "année", "années"),
    "de": ("jahr", "jahre", "jahren", "jahres"),
    "es": ("año", "años"),
    "pt": ("ano", "anos"),
}
MONTH_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("month", "months", "month's", "months'"),
    "fr": ("mois",),
    "de": ("monat", "monate", "monaten", "monats"),
    "es": ("mes", "meses"),
    "pt": ("mês", "mes", "meses"),
}

# Words naming imprisonment as a penalty (the unit words of penalties: what the duration measures).
IMPRISONMENT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("imprisonment", "imprisoned", "jail"),
    "fr": ("emprisonnement", "réclusion", "détention"),
    "de": ("freiheitsstrafe", "freiheitsentzug"),
    "es": ("prisión", "reclusión", "presidio"),
    "pt": ("reclusão", "detenção", "prisão"),
}

# Life imprisonment, as whole token sequences.
LIFE_PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    "en": [[_any("for"), _any("life")], [_any("life"), _any("imprisonment")]],
    "fr": [[_any("à"), _any("perpétuité")]],
    "de": [[_any("lebenslange", "lebenslanger", "lebenslanges")], [_any("lebenslang")]],
    "es": [[_any("prisión"), _any("permanente")], [_any("cadena"), _any("perpetua")]],
    "pt": [[_any("prisão"), _any("perpétua")]],
}

# Words right before a duration that make it a minimum ("not less than 15 years", "nicht unter zwei
# Jahren"). A duration without one is read as a maximum.
MIN_MARKERS: dict[str, list[list[str]]] = {
    "en": [["not", "less", "than"], ["minimum"], ["at", "least"], ["minimum", "of"], ["no", "less", "than"]],
    "fr": [["au", "moins"]],
    "de": [["nicht", "unter"], ["mindestens"]],
    "es": [["no", "inferior", "a"], ["al", "menos"], ["mínimo", "de"], ["mínima", "de"]],
    "pt": [["não", "inferior", "a"], ["no", "mínimo"], ["mínimo", "de"]],
}

# The word that joins two ends of a range: "from 1 to 5 years", "von sechs Monaten bis zu zehn Jahren",
# "de 4 (quatro) a 8 (oito) anos", "de uno a cinco años", "not less than 15 years nor more than 30".
RANGE_JOINERS: dict[str, tuple[str, ...]] = {
    "en": ("to",),
    "fr": ("à",),
    "de": ("bis",),
    "es": ("a", "hasta"),
    "pt": ("a", "até"),
}


def unit_spec(lang: str) -> dict[str, Any]:
    return _any(*YEAR_WORDS[lang], *MONTH_WORDS[lang])


def duration_patterns(lang: str) -> list[list[dict[str, Any]]]:
    """A number with its unit ("ten years", "sechs Monaten"); a range is two durations sharing a unit.

    The range pattern lets the first number borrow the second's unit ("de 1 (um) a 4 (quatro) anos").
    """
    unit = unit_spec(lang)
    pats = [[NUM, unit], [NUM, {"ORTH": "-", "OP": "?"}, unit]]
    joiner = _any(*RANGE_JOINERS[lang])
    pats.append([NUM, _opt(unit), joiner, _opt(_any("zu")), NUM, unit])
    return pats


def age_patterns(lang: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """(kind, pattern): "below" gives the threshold (protects persons under N); "between" a lower and
    upper bound ("zwischen vierzehn und achtzehn Jahren", "entre doze e dezoito anos")."""
    y = _any(*YEAR_WORDS[lang])
    if lang == "en":
        return [
            ("below", [_any("under", "below"), _opt(_any("the")), _any("age"), _any("of"), NUM, _opt(y)]),
            ("below", [_any("under", "below"), NUM, y]),
            ("below", [_any("less"), _any("than"), NUM, y]),
            ("below", [_any("not"), _any("attained", "reached", "completed"), _opt(_any("the")), _opt(_any("age")),
                       _opt(_any("of")), NUM, _opt(y)]),
            ("below", [_any("under"), NUM, {"ORTH": "-"}, _any("year", "years"), {"ORTH": "-"}, _any("old")]),
            ("between", [_any("between"), _opt(_any("the")), _opt(_any("ages")), _opt(_any("of")), NUM, _any("and"),
                         NUM, y]),
        ]
    if lang == "fr":
        return [
            ("below", [_any("moins"), _any("de"), NUM, y]),
            ("below", [_any("mineur", "mineure", "mineurs", "mineures"), _any("de"), NUM, y]),
            ("between", [_any("entre"), NUM, _any("et"), NUM, y]),
        ]
    if lang == "de":
        return [
            ("below", [_any("unter"), NUM, y]),
            # "einer vierzehn, aber noch nicht achtzehn Jahre alten Person"
            ("between", [NUM, {"ORTH": ","}, _any("aber"), _any("noch"), _any("nicht"), NUM, y]),
            ("below", [_any("noch"), _any("nicht"), NUM, y]),
            ("between", [_any("zwischen"), NUM, _any("und"), NUM, y]),
        ]
    if lang == "es":
        return [
            ("below", [_any("menor", "menores"), _any("de"), NUM, y]),
            ("below", [_any("menos"), _any("de"), NUM, y]),
            ("below", [_any("no"), _opt(_any("haya", "hubiera", "hubiere")), _any("cumplido"), _opt(_any("los")), NUM, y]),
            ("between", [_any("entre"), _opt(_any("los")), NUM, _any("y"), NUM, y]),
        ]
    if lang == "pt":
        return [
            ("below", [_any("menor", "menores"), _any("de"), NUM, y]),
            ("below", [_any("menos"), _any("de"), NUM, y]),
            ("below", [_any("até"), NUM, y, _opt(_any("de")), _opt(_any("idade")), _any("incompletos")]),
            ("between", [_any("entre"), NUM, _any("e"), NUM, y]),
        ]
    raise KeyError(lang)


# How a statute introduces a defined term. "TERM" marks where the term sits (a quoted phrase).
# English: '"child" means', 'the term "minor" means'; French: 'on entend par « X »'; German '(Kind)'
# after the defining phrase is handled separately (the bracketed name follows its definition).
DEFINITION_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("means", "includes", "has", "shall"),
    "fr": ("désigne", "s'entend", "signifie", "comprend"),
    "de": ("ist", "sind", "bezeichnet", "umfasst"),
    "es": ("significa", "comprende", "se"),
    "pt": ("significa", "compreende", "abrange", "é"),
}
DEFINITION_LEADS: dict[str, list[list[str]]] = {
    "en": [],
    "fr": [["on", "entend", "par"]],
    "de": [],
    "es": [["se", "entenderá", "por"], ["se", "entiende", "por"]],
    "pt": [["considera-se"], ["entende-se", "por"]],
}
OPEN_QUOTES = ('"', "“", "«", "‘", "'", "„", "”")
CLOSE_QUOTES = ('"', "”", "»", "’", "'", "“")
