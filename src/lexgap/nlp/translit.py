"""Latin letters for identifiers made from Cyrillic, Greek and Georgian words.

Identifiers and IRI path segments are ASCII (docs/data-model.md); a draft of a Russian, Greek or Georgian
act takes its identifier from the act's title ("Уголовный кодекс Российской Федерации" → "ukrf").
Simplified national romanisations (GOST-style for Cyrillic, ELOT-style for Greek, the Georgian national
system), one letter or digraph per letter: enough for a readable, stable identifier, not a transcription.
Scripts without a letter-for-letter romanisation (Han, Hangul, Thai, Arabic, Bengali) are not mapped; the
caller falls back to the source file's name.
"""

from __future__ import annotations

_CYRILLIC = dict(zip(
    "абвгґдеєёжзиіїйклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "g", "d", "e", "ie", "e", "zh", "z", "i", "i", "i", "i", "k", "l", "m", "n", "o",
     "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "iu", "ia"],
))
_GREEK = dict(zip(
    "αάβγδεέζηήθιίϊΐκλμνξοόπρσςτυύϋΰφχψωώ",
    ["a", "a", "v", "g", "d", "e", "e", "z", "i", "i", "th", "i", "i", "i", "i", "k", "l", "m", "n", "x",
     "o", "o", "p", "r", "s", "s", "t", "y", "y", "y", "y", "f", "ch", "ps", "o", "o"],
))
_GEORGIAN = dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r", "s", "t", "u",
     "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
))
_TABLE = {**_CYRILLIC, **_GREEK, **_GEORGIAN}


def latin(text: str) -> str:
    """``text`` with Cyrillic, Greek and Georgian letters replaced by Latin ones (case kept for the
    first letter of a digraph); other characters unchanged."""
    out = []
    for c in text:
        low = c.lower()
        if low in _TABLE:
            rep = _TABLE[low]
            out.append(rep.capitalize() if c != low else rep)
        else:
            out.append(c)
    return "".join(out)
