"""How statutes mark their structure: article headings, subsection and item markers, per drafting style.

Language machinery, kept as a table like the number words: which words head an article or section
("Article", "Artículo", "Articolo", "Artikel", "Článek", "Člen", "Статья", "Стаття", "Pasal", "მუხლი",
"المادة"), which heading puts the number first ("176. člen", "204. §", "1 §", "1. gr."), how Chinese,
Japanese, Korean and Thai number articles ("第363条", "제11조의2", "มาตรา ๒๘๗/๑"), and which languages
cut an article into unnumbered paragraphs. :mod:`lexgap.nlp.segment` compiles these into its
expressions and holds no heading word of its own. No statute's numbering is written here, only the
shapes numbering takes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    """An article or section heading at the start of a line. ``pattern`` is a regular expression with
    the provision's number in group ``n`` (and a sub-number in ``n2``: "제11조의2" → "11-2");
    ``style`` is how a citation names the unit ("§", "art", "s")."""

    name: str
    pattern: str
    style: str
    numerals: str = "digits"  # "digits" (any script's digits) or "han" (一二三… as in 第三百六十三条)


# Words that head an article, in every language read. Capitalised and upper-case spellings as statutes
# print them; matched at the start of a line only.
ARTICLE_WORDS = (
    "Article", "ARTICLE", "Art\\.", "ART\\.", "Artículo", "ARTÍCULO", "Articulo", "ARTICULO", "Artigo",
    "ARTIGO", "Artikel", "ARTIKEL", "Articolo", "ARTICOLO", "Articolul", "ARTICOLUL", "Artikla",
    "Artikkel", "Άρθρο", "ΑΡΘΡΟ", "Άρθρον", "Статья", "СТАТЬЯ", "Стаття", "СТАТТЯ", "Článek", "ČLÁNEK",
    "Článok", "Čl\\.", "Članak", "ČLANAK", "Člen", "ČLEN", "Pasal", "PASAL", "მუხლი", "المادة", "مادة",
    "الفصل",
)
SECTION_WORDS = ("Section", "SECTION", "Sec\\.", "SEC\\.", "Seksyen", "SEKSYEN", "ধারা")

# The number of an article: digits, sub-numbers ("227-23", "242.1", "301-1"), a letter suffix
# ("241-D", "348Α", "269A"), Latin ordinal adverbs ("600-ter", "183 bis", "199 Octies", Mexican "211 bis 2"),
# degree signs ("5º").
_LATIN_SUFFIXES = "bis|ter|quater|quinquies|sexies|septies|octies|novies|decies"
ARTICLE_NUMBER = (
    rf"\d+(?:[-.]\d+)*(?:-[A-Z]+|-(?:{_LATIN_SUFFIXES})\b|[º°o]|\s?(?i:{_LATIN_SUFFIXES})\b(?:[ \t]\d+\b(?!\.\d))?|[Α-Ω](?![^\W\d_])|[A-Z](?![^\W\d_]))?"
)

HEADINGS: tuple[Heading, ...] = (
    # "§ 184b – Title", "§2251. Title" (not "§ 1º", a Brazilian paragraph)
    Heading("paragraph-sign", r"§\s*(?P<n>\d+[a-zA-Z]{0,2}(?:-[A-Z])?)(?!\s*(?:o\b|º|°))\.?(?:\s*[–-]\s*|\s+|$)", "§"),
    # "Article 227-23", "Art. 241-B.", "Artículo 183 bis", "Статья 242.1.", "Pasal 27", "მუხლი 255"
    Heading("article-word", rf"(?:{'|'.join(ARTICLE_WORDS)})\s*\(?(?P<n>{ARTICLE_NUMBER})\)?\.?", "art"),
    # "Section 4.", "Seksyen 292", "ধারা ৮"
    Heading("section-word", rf"(?:{'|'.join(SECTION_WORDS)})\s*(?P<n>\d+[A-Z]{{0,2}})\.?", "s"),
    # the number first: "176. člen", "1. cikk", "1. gr.", "204. §", "1 §", "1 a §"
    Heading("number-then-word", r"(?P<n>\d+[a-z]?)\.\s*(?:člen|Člen|ČLEN|cikk|Cikk)(?=\s|$)", "art"),
    # Icelandic "210. gr.", "210. gr. a" (article 210 a)
    Heading("number-then-grein", r"(?P<n>\d+)\.\s*gr\.(?:[ \t]?(?P<n2>[a-z])(?![^\W\d_]))?", "art"),
    Heading("number-then-paragraph-sign", r"(?P<n>\d+(?:\s?[a-z])?)\.?\s*§(?=\s|$)", "§"),
    # Chinese and Japanese "第三百六十三条", "第7条", "第二百八十七条之一"
    Heading("han-article", r"第(?P<n>[0-9０-９一二三四五六七八九十百千〇零两]+)条(?:之(?P<n2>[一二三四五六七八九十]+))?",
            "art", numerals="han"),
    # Korean "제11조", "제11조의2"
    Heading("korean-article", r"제\s?(?P<n>\d+)\s?조(?:의\s?(?P<n2>\d+))?", "art"),
    # Thai "มาตรา 287/1", "มาตรา ๒๘๗/๑"
    Heading("thai-section", r"มาตรา\s*(?P<n>\d+(?:/\d+)?)", "s"),
    # "24. Child pornography": a numbered title line
    Heading("numbered-title", r"(?P<n>\d+(?:\.\d+)?[A-Z]{0,2})\.\s+(?=[A-Z][^\n;:]{0,90}$)", "s"),
    # "172.1 (1) Every person…" (Canadian Criminal Code)
    Heading("decimal-then-subsection", r"(?P<n>\d+\.\d+)\s+(?=\(1\))", "s"),
    # "160 [F1Title]" (legislation.gov.uk with amendment brackets)
    Heading("number-then-bracket", r"(?P<n>\d+[A-Z]{0,2})\s+(?=\[)", "s"),
)

# Letters of item lists, in alphabet order, for scripts whose code points skip letters or follow a
# different order ("и) к)" in Russian; Greek "στ" for six).
ALPHABETS: tuple[tuple[str, ...], ...] = (
    tuple("abcdefghijklmnopqrstuvwxyz"),
    tuple("абвгдежзиклмнопрстуфхцчшщэюя"),  # Russian lists skip ё, й, ъ, ы, ь
    tuple("абвгґдеєжзиіїйклмнопрстуфхцчшщюя"),  # Ukrainian
    ("α", "β", "γ", "δ", "ε", "στ", "ζ", "η", "θ", "ι", "ια", "ιβ", "ιγ", "ιδ", "ιε"),  # Greek
    tuple("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ"),  # Georgian
    tuple("가나다라마바사아자차카타파하"),  # Korean items (목)
)
# Letters that may mark an item "a)" / "(a)" in any of these scripts.
ITEM_LETTERS = "a-zа-яёіїєґα-ωა-ჰ"

# Abbreviated reference words a marker after which is a citation, not structure: "alin. (1)", "art. 2",
# "lit. a)", "pct. 3", "Abs. 1", "ч. 2", "п. 1", "odst. 1", "ust. 2", "para. (a)". Matched case-sensitively
# as whole words right before the marker.
REFERENCE_ABBREVIATIONS = (
    "alin.", "art.", "Art.", "lit.", "pct.", "par.", "para.", "nr.", "Nr.", "Abs.", "odst.", "ust.", "ч.",
    "п.", "пп.", "ст.", "al.", "st.", "tč.", "bod.", "sec.", "cf.",
)

# Words that open a note appended to an article (Russian "Примечания. 1. …", Ukrainian "Примітка.",
# Georgian "შენიშვნა:", Romanian "Notă" and the Romanian consolidations' history notes "(la 25-07-2021,
# … a fost modificat …)"), at the start of a line or after a sentence. A note is a part of its own (cited
# "note"): it does not belong to the subsection before it, and its numbered points are its own. A note
# ends where the article's subsections continue ("(2)" after a note under "(1)").
NOTE_STARTS = (
    r"Примечани[ея]\b", r"Примітк[аи]\b", r"შენიშვნა\b", r"Notă\b", r"\(la\s+\d{2}-\d{2}-\d{4},",
)

# Languages whose codes divide an article into unnumbered paragraphs (alinéas, commi, stycken, momentit,
# ledd, 款), cited by their position: a draft then has one provision per paragraph.
# The value says what separates two paragraphs (a blank line, or for Chinese, whose statutes are not
# wrapped, a line break) and how a citation names the n-th paragraph.
UNNUMBERED_PARAGRAPHS: dict[str, tuple[str, str]] = {
    "fr": ("blank", ", al. {n}"),
    "it": ("blank", ", comma {n}"),
    "sv": ("blank", " st. {n}"),
    "nb": ("blank", " ledd {n}"),
    "fi": ("blank", " {n} mom."),
    "is": ("blank", " {n}. mgr."),
    "zh": ("line", "第{n}款"),
    "es": ("blank", ", párrafo {n}"),
}
# Languages whose statutes, as the sources print them, start each unnumbered paragraph on a line of its
# own with no blank line between (Finnish momentit, Norwegian ledd, Icelandic málsgreinar): a line break
# opens a paragraph when the line before ends a sentence and the new line starts with a capital letter
# (or "[" and a capital, an amendment bracket), so list items ("1) …", "a. …") and the words closing a
# list ("on tuomittava …") stay with their paragraph. Used whenever a unit holds no blank line.
# Languages whose articles, when a source flattens them into one line, are cut at each sentence that
# starts a paragraph: an Italian comma is as a rule one sentence.
FLATTENED_SENTENCE_PARAGRAPHS = frozenset({"it"})
# Languages whose flattened articles are cut only before sentences that, by drafting convention, open a
# paragraph of their own: in Swedish the stycke that grades the offence ("Är brottet grovt, döms …", "Om
# ett brott som avses i första stycket är grovt, …", "Är ett brott som avses i första stycket ringa, …")
# and one that extends or limits an earlier stycke ("Första stycket gäller även …", "Till ansvar för
# gärning som avses i första stycket …").
FLATTENED_PARAGRAPH_OPENERS: dict[str, str] = {
    "sv": r"(?:(?:Är|Om)\s[^,.]{0,80}?\b(?:grovt|ringa)\b"
          r"|(?:Första|Andra|Tredje|Fjärde)\s+stycket\s+(?:gäller|tillämpas)"
          r"|Till\s+ansvar\s+för\s+gärning\s+som\s+avses\s+i\s+(?:första|andra|tredje)\s+stycket)",
}

# Lines that are editorial notes on the history of the text, not its words: Norwegian "0 Tilføyd ved lov
# 19 juni 2009 nr. 74.", "0 Endret ved lov …", Icelandic "L. 30/1998, 1. gr. L. 82/1998, 72. gr.".
# Matched on whole lines at the end of a unit.
AMENDMENT_NOTE_LINES = (
    r"0\s+(?:Tilføyd|Endret|Endra|Opphevet|Oppheva)\s+ved\s+lov\b.*",
    # Icelandic references to amending acts, after an optional editor's remark ("Svo í Stjtíð …")
    r"(?:[^\n]{0,80}?\s)?(?:L\.\s*\d+/\d{4},\s*\d+\.\s*gr\.\s*)+",
    # Mexican consolidations: "Párrafo adicionado DOF 24-06-2009", "Artículo reformado DOF 14-06-2012"
    r"(?:Artículo|Párrafo|Fracción|Inciso|Apartado)\s+(?:adicionad|reformad|derogad)[oa]s?\b[^\n]*DOF\b[^\n]*",
    # Argentine InfoLEG: "*(Artículo sustituido por art. 1° de la*[Ley N° 27.436](…)*B.O. 23/4/2018)*", which
    # may run on over lines
    r"\*?\((?:Artículo|Párrafo|Inciso|Apartado)\s+(?:sustituid|incorporad|modificad|derogad)[oa]\b[\s\S]*",
)

# How a citation writes a marker of each kind (segment kinds; others are written " 1", " a").
MARKER_CITATION = {
    "digit": "({label})", "lower": "({label})", "upper": "({label})", "roman": "({label})",
    "circled": "({label})", "hanitem": "({label})", "itemp": " {label})",
    "stk": ", stk. {label}",
    "term": ', "{label}"',
}

# Capital letters that suffix article numbers in Greek ("348Α"), written as the Latin letter of the same
# place in the alphabet in identifiers, which are ASCII ("348a").
GREEK_SUFFIX_LETTERS = dict(zip("ΑΒΓΔΕΖΗΘΙΚ", "ABCDEFGHIK"))

# A definitions list cut into one provision per defined term (the way a citation names them: "s. 24(3),
# "child pornography""): where a piece of text holds at least two definitions, each starting a line or
# following "; " — a quoted term before a defining verb ('"child" means', '“publish” includes'), or an
# unquoted term of up to eight words opening a line ("computer password means …", texts whose quotes
# were lost). Per language: the defining verbs.
DEFINITION_VERBS: dict[str, tuple[str, ...]] = {
    "en": ("means", "includes", "has the same meaning", "has the meaning", "refers to", "shall mean"),
    "el": ("σημαίνει", "περιλαμβάνει"),
}

# Subsections with opening words shorter than this ("(a) Any person who", "(1) A person who
# intentionally—") are cut into their paragraphs: the paragraphs are the complete statements. Only in
# the drafting styles where a list under a short lead-in enumerates offences (common-law statutes,
# Brazilian incisos); in civil-law codes such lists mostly enumerate aggravating circumstances of one
# offence ("2. Те же деяния, совершенные: а) группой лиц; б) …"), which stay with their paragraph.
LEAD_IN_WORDS = 8
ITEMS_ARE_PROVISIONS = frozenset({"en", "pt"})
