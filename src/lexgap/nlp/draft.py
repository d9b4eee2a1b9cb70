"""Statute text in, draft Turtle out: read a source file, segment it, extract, write provisions.

A draft follows the hand-encoding model (docs/data-model.md) with three differences a reviewer sees at
once: ``lg:reviewStatus "draft"``, ``lg:encodedBy "lexgap-ingest <version>"``, and every proposal
carries the character span of its evidence in the excerpt and a confidence (element values under
``lg:evidence``, concepts under ``lg:conceptEvidence``, since ``lg:evidence`` names an element).
Only provisions with at least one proposed concept are written (a provision must implement a concept);
the others are listed in a comment so the reviewer knows they were read.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

from .. import __version__
from ..load import ONTOLOGY_DIR, STATUTES_DIR
from .extract import Extraction, read
from .components import ConceptProposal
from .vocabulary import ANCILLARY_GROUP, DEFINITIONS_GROUP, concept_groups
from .pipeline import LANGUAGES, build
from . import grammar, markers
from .translit import latin
from .segment import ProvisionText, provisions

LG = "https://w3id.org/lexgap/ontology#"
LGC = "https://w3id.org/lexgap/concept/"
LGL = "https://w3id.org/lexgap/law/"
SOURCE_TYPES = ("OFF", "OFF-M", "3P")
TEXT_VERSIONS = ("consolidated", "as-enacted", "point-in-time", "superseded", "bill", "amending-act")


class IngestError(ValueError):
    """Bad input to ingest (missing file, unknown jurisdiction, unsupported language, empty text)."""


@dataclass
class Source:
    path: Path
    header: dict[str, str]
    body: str


@dataclass
class DraftProvision:
    piece: ProvisionText
    extraction: Extraction
    iri: str = ""
    identifier: str = ""
    citation: str = ""
    uses: list[str] = field(default_factory=list)
    part_of: str | None = None

    @property
    def drafted(self) -> bool:
        return bool(self.extraction.concepts)


@dataclass
class Draft:
    source: Source
    iso3: str
    lang: str
    act_id: str
    act_title: str
    act_short: str
    provisions: list[DraftProvision]
    encoded_on: str

    @property
    def tokens(self) -> int:
        return sum(p.extraction.tokens for p in self.provisions)


# --------------------------------------------------------------------------------------------------
# Reading


def read_source(path: Path | str) -> Source:
    """Header lines (``key: value``) up to a line ``---``, then the text; a file without the separator
    is all text."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IngestError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"{path}: cannot read as UTF-8 text ({exc.__class__.__name__})") from None
    header: dict[str, str] = {}
    body = raw
    lines = raw.split("\n")
    if "---" in (line.strip() for line in lines):
        cut = next(i for i, line in enumerate(lines) if line.strip() == "---")
        head = lines[:cut]
        if all(not line.strip() or re.match(r"^[A-Za-z_][\w-]*\s*:", line) for line in head):
            for line in head:
                if ":" in line:
                    key, _, value = line.partition(":")
                    header[key.strip().lower()] = value.strip()
            body = "\n".join(lines[cut + 1 :])
    if not body.strip():
        raise IngestError(f"{path}: no text to read")
    return Source(path, header, body)


def check_jurisdiction(iso3: str) -> str:
    code = iso3.upper()
    if not re.fullmatch(r"[A-Z]{3}", code) or pycountry.countries.get(alpha_3=code) is None:
        raise IngestError(f"unknown jurisdiction {iso3!r}: give an ISO 3166-1 alpha-3 code (e.g. DEU)")
    return code


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise IngestError(f"unsupported language {lang!r}: one of {', '.join(LANGUAGES)}")
    return lang


# --------------------------------------------------------------------------------------------------
# Drafting


def slug(text: str) -> str:
    """ASCII identifier part: "§ 184b" → "184b", "348Α" → "348a", "Статья" → "statia"."""
    text = latin("".join(markers.GREEK_SUFFIX_LETTERS.get(c, c) for c in text))
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")


def act_names(title: str, fallback: str = "act") -> tuple[str, str]:
    """(identifier part, short title) for an act: its abbreviation in brackets ("Strafgesetzbuch
    (StGB)" → "stgb"), else the initials of its capitalised words and its year ("Computer Misuse and
    Cybercrimes Act, 2018" → "cmca-2018"; "Уголовный кодекс Российской Федерации" → "urf"). A title
    that gives no ASCII identifier (Chinese, Thai, Arabic...) takes ``fallback`` (the file's name)."""
    bracket = re.search(r"\(([A-Za-zÀ-ÿ0-9.\- ]{2,12})\)", title)
    if bracket and " " not in bracket.group(1).strip() and re.match(r"[A-Za-zÀ-ÿ]", bracket.group(1).strip()):
        short = bracket.group(1).strip()
        return slug(short), short
    main = re.split(r"[(—–]| - ", title)[0]
    words = [w for w in re.findall(r"[^\W\d_]+", main) if w[0].isupper()]
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", main)
    initials = "".join(w[0] for w in words) or slug(main)[:12]
    short = initials + (f" {year.group(1)}" if year else "")
    ident = slug(short)
    if not re.search(r"[a-z]", ident):
        ident = slug(fallback) or "act"
    return ident, main.strip().rstrip(",")


def _label_in_citation(kind: str, label: str, lang: str | None = None) -> str:
    if kind == "alinea":
        template = markers.UNNUMBERED_PARAGRAPHS.get(lang or "fr", markers.UNNUMBERED_PARAGRAPHS["fr"])[1]
        return template.format(n=label.split("-")[-1])
    if kind == "pt":
        return ", parágrafo único" if label == "unico" else f", § {label}"
    template = markers.MARKER_CITATION.get(kind.rstrip("+"), " {label}")
    return template.format(label=label)


def citation(act_short: str, piece: ProvisionText, lang: str | None = None) -> str:
    style = {"§": "§ ", "art": "art. ", "s": "s. "}.get(piece.kinds[0], "")
    out = f"{act_short} {style}{piece.path[0]}".rstrip() if piece.path[0] else act_short
    for kind, label in zip(piece.kinds[1:], piece.path[1:]):
        out += _label_in_citation(kind, label, lang)
    return out


def draft_source(
    path: Path | str,
    iso3: str,
    lang: str,
    act: str | None = None,
    ontology_dir: Path | str = ONTOLOGY_DIR,
    today: str | None = None,
) -> Draft:
    """Read a source file and propose provisions for it."""
    code = check_jurisdiction(iso3)
    check_language(lang)
    source = read_source(path)
    title = act or source.header.get("instrument") or Path(path).stem
    act_id, act_short = act_names(title, Path(path).stem)
    pieces = provisions(source.body, lang)
    nlp = build(lang, str(ontology_dir))
    drafts = [DraftProvision(piece, ex) for piece, ex in zip(pieces, read(nlp, (p.text for p in pieces)))]
    base = f"{LGL}{code.lower()}/{act_id}"
    unit_label, unit_id = header_unit(source.header.get("provision", ""))
    for d in drafts:
        parts = [slug(x) for x in d.piece.path if slug(x)]
        cited = citation(act_short, d.piece, lang)
        if not d.piece.path[0] and unit_id:
            # a text without its heading (one article per file, the heading in the header): the
            # header names the unit, so two files of one act do not draft the same identifiers
            parts = [unit_id, *parts]
            cited = f"{act_short} {unit_label}" + cited[len(act_short):]
        d.iri = "/".join([base, *parts])
        d.identifier = "-".join([code.lower(), act_id, *parts])
        d.citation = cited
    _dedupe(drafts)
    _inherit(drafts, concept_groups(str(ontology_dir)), lang)
    _link(drafts)
    return Draft(source, code, lang, act_id, title, act_short, drafts, today or _dt.date.today().isoformat())


def header_unit(provision: str) -> tuple[str, str]:
    """(label, identifier part) of the unit a source header's ``provision:`` line names: "137. člen
    (Kršitev …)" → ("137. člen", "137"); "Articolul 360 [illegal access …]" → ("Articolul 360", "360").
    The identifier is the unit's number where it has one, else the label's slug; ("", "") for none."""
    label = re.split(r"\s[(\[]", provision.strip(), maxsplit=1)[0].strip().rstrip(".,;:")
    if not label:
        return "", ""
    # the number and its word, in either order ("137. člen", "Стаття 156-1"), without a title after it
    short = re.match(r"\d+(?:\.?[a-z])?\.?\s+[^\W\d_]+", label, re.IGNORECASE) or re.match(
        r"[^\W\d_]+\.?\s+\d+(?:-\d+|-?[a-z]\b|\.[a-z]\b)?", label, re.IGNORECASE
    )
    if short:
        label = short.group(0)
    number = re.search(r"\d+(?:-\d+|-?[a-z]\b|\.[a-z]\b)?", label, re.IGNORECASE)
    return label, slug(number.group(0).replace(".", "")) if number else slug(label)


def _dedupe(drafts: list[DraftProvision]) -> None:
    """Two pieces with one path (a list restarting where the text is ambiguous) get distinct ids."""
    seen: dict[str, int] = {}
    for d in drafts:
        n = seen.get(d.iri, 0)
        seen[d.iri] = n + 1
        if n:
            d.iri += f"-{n + 1}"
            d.identifier += f"-{n + 1}"


SANCTIONS = f"{LGC}sanctions"


def _inherit(drafts: list[DraftProvision], groups: dict[str, str], lang: str) -> None:
    inherit(
        (
            (d.piece.path[0] if d.piece.path else "", d.piece.path[1] if len(d.piece.path) > 1 else "", d.extraction)
            for d in drafts
        ),
        groups,
        lang,
    )


def _label(label: str) -> str:
    """A paragraph label as cited: "(3a)" → "3a", "1@pja-2006" → "1"."""
    return label.split("@", 1)[0].strip("()[]. ").lower()


_REF_TOKEN = re.compile(r"\(\w{1,3}\)|[\w'’-]+\.?|\S")
# "§ 74 Abs. 1", "articolo 617-quater, quarto comma", "článku 5 odst. 2": another article's paragraph
_OTHER_ARTICLE = ("§", "art", "článk", "člen", "članka", "статт", "стать")
_REF_NUMBER = re.compile(r"^\(?(?:მე-)?(\d+[a-z]?)\)?\.?$")


def cited_paragraphs(text: str, lang: str) -> list[str]:
    """The paragraphs of its own article a text refers to, as labels: "die Tat nach Abs. 3 oder Abs.
    3a" → ["3", "3a"]; "čin uvedený v odstavci 1 nebo 2" → ["1", "2"]; "Деяния, предусмотренные частью
    первой, второй …" → ["1", "2", …]; "dejanje iz drugega ali tretjega odstavka" → ["2", "3"]. Numbers
    next to a paragraph word (the grammar's ``paragraph_words``, prefixes) count, digits or the
    ``paragraph_ordinals``; a paragraph word right after an article's number ("§ 74 Abs. 1",
    "articolo 617-quater, quarto comma") cites another article's paragraph and is skipped."""
    g = grammar.GRAMMAR[lang]
    if not g.paragraph_words:
        return []
    ordinals = dict(g.paragraph_ordinals)
    tokens = [t.lower() for t in _REF_TOKEN.findall(text)]
    # the paragraph's own label ("5. Деяния, предусмотренные частью первой") cites nothing
    first = 1 if tokens and _REF_NUMBER.match(tokens[0]) else 0
    out: list[str] = []
    for i, t in enumerate(tokens):
        if not t.startswith(g.paragraph_words):
            continue
        if any(re.split(r"['’]", x)[-1].startswith(_OTHER_ARTICLE) for x in tokens[max(0, i - 4) : i]):
            continue
        for x in tokens[max(first, i - 4) : i] + tokens[i + 1 : i + 8]:
            if x in (";", "§") or x.startswith(g.paragraph_words):
                continue
            m = _REF_NUMBER.match(x)
            label = m.group(1) if m else (str(ordinals[x]) if x in ordinals else None)
            if label and label not in out:
                out.append(label)
    return out


def _reference(text: str, lang: str) -> tuple[int, int] | None:
    """Where a text first names a paragraph of its article ("Första stycket", "odstavci 3"): the word."""
    words = grammar.GRAMMAR[lang].paragraph_words
    if not words:
        return None
    m = re.search(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*\.?", text)
    return (m.start(), m.end()) if m else None


def inherit(items: Iterable[tuple[str, str, Extraction]], groups: dict[str, str], lang: str) -> None:
    """A later paragraph of a unit that only sets a penalty ("(2) The act of paragraph 1 is punished by
    …", "То же деяние …", "Sama teo eest …") is the base offence's aggravated form: it is proposed with
    the concepts of the paragraphs it cites ("spáchá-li čin uvedený v odstavci 3": paragraph 3), else of
    the unit's first offence paragraph, instead of the `sanctions` fallback (an aggravated form
    implements its offence, as the `sanctions` scope note says), at low confidence ("unit"), its
    evidence the words that set the penalty. The excerpt alone names no conduct; the reviewer confirms.
    A penalty clause separate from the offence ("A person guilty of an offence under this section shall
    be liable …": the grammar's ``penalty_clause`` words) stays `sanctions`.
    ``items``: (unit, paragraph label, extraction) in the order of the text."""
    base: dict[str, list[str]] = {}
    known: dict[str, dict[str, list[str]]] = {}
    for unit, label, ex in items:
        own = [c.concept for c in ex.concepts]
        offences = [c for c in own if groups.get(c) not in (ANCILLARY_GROUP, DEFINITIONS_GROUP)]
        paragraphs = known.setdefault(unit, {})
        if offences:
            paragraphs.setdefault(_label(label), offences)
        if unit not in base:
            if offences:
                base[unit] = offences
            continue
        refs = cited_paragraphs(ex.text, lang)
        cited = list(dict.fromkeys(c for ref in refs for c in paragraphs.get(ref, [])))
        families = [c for c in offences if groups.get(c) == c]
        term = next((v for v in ex.values if v.element in ("maxPenaltyYears", "maxPenaltyLife")), None)
        if offences and len(families) == len(offences) and term is not None:
            # "döms för grovt barnpornografibrott": the aggravated form names only the offence family;
            # the paragraph it cites (or the article's first) says which offences of the family
            narrower = [c for c in (cited or base[unit]) if groups.get(c) in families and c not in families]
            if narrower:
                first = next(c for c in ex.concepts if c.concept in families)
                ex.concepts[:] = [c for c in ex.concepts if c.concept not in families]
                for concept in narrower:
                    ex.concepts.append(ConceptProposal(concept, first.start, first.end, 0.4, "unit"))
                paragraphs[_label(label)] = narrower
            continue
        if not own and cited:
            # "Första stycket gäller även den som …", "Straffen kan falle bort for …": a paragraph that
            # names no offence but extends or limits the one it cites
            where = _reference(ex.text, lang)
            if where is not None:
                for concept in cited:
                    ex.concepts.append(ConceptProposal(concept, where[0], where[1], 0.4, "unit"))
                paragraphs.setdefault(_label(label), cited)
            continue
        if offences or not own or any(groups.get(c) != ANCILLARY_GROUP for c in own):
            continue
        penalty = term
        subject_end = penalty.start if penalty is not None else len(ex.text)
        if penalty is None:
            # "La pena è aumentata …", "Sera puni des mêmes peines …": the penalty words the fallback
            # proposal rests on (not a measure named by a label: "La confiscation … sera prononcée")
            penalty = next((c for c in ex.concepts if c.concept == SANCTIONS and c.how == "cue"), None)
        if penalty is None or grammar.penalty_clause_before(ex.text, lang, subject_end) is not None:
            continue
        concepts = cited or base[unit]
        ex.concepts[:] = [c for c in ex.concepts if c.concept != SANCTIONS]
        for concept in concepts:
            ex.concepts.append(ConceptProposal(concept, penalty.start, penalty.end, 0.4, "unit"))
        paragraphs.setdefault(_label(label), concepts)


def _link(drafts: list[DraftProvision]) -> None:
    """usesDefinition: a drafted provision that uses a term defined in another drafted provision;
    partOf: a subsection of a unit whose opening words are themselves drafted."""
    definers: dict[str, str] = {}
    for d in drafts:
        if d.drafted:
            for term, _, _ in d.extraction.defined:
                definers.setdefault(term.lower(), d.iri)
    units = {d.piece.path: d for d in drafts if len(d.piece.path) == 1 and d.drafted}
    for d in drafts:
        if not d.drafted:
            continue
        low = d.piece.text.lower()
        for term, iri in definers.items():
            if iri != d.iri and re.search(rf"\b{re.escape(term)}\b", low) and iri not in d.uses:
                d.uses.append(iri)
        parent = units.get(d.piece.path[:1])
        if len(d.piece.path) > 1 and parent is not None:
            d.part_of = parent.iri


# --------------------------------------------------------------------------------------------------
# Writing Turtle


def _lit(text: str, lang: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r")
    quoted = f'"""{body}"""' if "\n" in body else f'"{body}"'
    return quoted + (f"@{lang}" if lang else "")


def _url(header: dict[str, str], path: Path) -> str:
    m = re.search(r"https?://\S+", header.get("source_url", ""))
    return m.group(0).rstrip(").,;") if m else path.resolve().as_uri()


def source_file(path: Path) -> str:
    """The path below the nearest folder named "sources" (as lg:sourceFile is written for the
    project's source texts), else the file's folder and name."""
    parts = path.resolve().parts
    if "sources" in parts:
        i = len(parts) - 1 - parts[::-1].index("sources")
        return "/".join(parts[i + 1 :])
    return "/".join(parts[-2:])


def _jurisdiction_label(code: str) -> str:
    """The label the knowledge base already gives the jurisdiction, so a draft merges cleanly; else
    the ISO 3166 name."""
    home = STATUTES_DIR / "national" / code.lower() / "jurisdiction.ttl"
    if home.exists():
        m = re.search(r'rdfs:label\s+"([^"]+)"@en', home.read_text(encoding="utf-8"))
        if m:
            return m.group(1)
    return pycountry.countries.get(alpha_3=code).name


def _number(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f'"{round(value, 2)}"^^xsd:decimal'
    if isinstance(value, str) and value.startswith("http"):
        return f"<{value}>"
    return _lit(str(value))


def render(draft: Draft) -> str:
    h = draft.source.header
    source_type = next((t for t in SOURCE_TYPES if h.get("source_type", "").split(" ")[0] == t), "3P")
    url = _url(h, draft.source.path)
    lines = [
        f"# Draft proposed by lexgap-ingest {__version__} from {source_file(draft.source.path)} on {draft.encoded_on}.",
        "# Every value below is a proposal: check it against the excerpt, then set lg:reviewStatus \"reviewed\".",
        "@prefix lg:      <https://w3id.org/lexgap/ontology#> .",
        "@prefix lgc:     <https://w3id.org/lexgap/concept/> .",
        "@prefix lgj:     <https://w3id.org/lexgap/jurisdiction/> .",
        "@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "",
        f"lgj:{draft.iso3} a lg:Jurisdiction ;",
        f'    lg:iso3 "{draft.iso3}" ;',
        f"    rdfs:label {_lit(_jurisdiction_label(draft.iso3), 'en')} .",
        "",
        f"<{LGL}{draft.iso3.lower()}/{draft.act_id}> a lg:Act ;",
        f'    lg:identifier "{draft.iso3.lower()}-{draft.act_id}" ;',
        f"    lg:jurisdiction lgj:{draft.iso3} ;",
        f"    dcterms:title {_lit(draft.act_title, draft.lang)} ;",
        f"    lg:shortTitle {_lit(draft.act_short)} .",
    ]
    skipped = [d for d in draft.provisions if not d.drafted]
    if skipped:
        lines += ["", "# Read, no concept recognised (not drafted):"]
        lines += [f"#   {d.citation}: {' '.join(d.piece.text.split())[:80]}" for d in skipped]
    for d in draft.provisions:
        if d.drafted:
            lines += [""] + _provision(draft, d, source_type, url)
    return "\n".join(lines) + "\n"


def _provision(draft: Draft, d: DraftProvision, source_type: str, url: str) -> list[str]:
    ex, h = d.extraction, draft.source.header
    out = [
        f"<{d.iri}> a lg:Provision ;",
        f'    lg:identifier "{d.identifier}" ;',
        f"    lg:act <{LGL}{draft.iso3.lower()}/{draft.act_id}> ;",
        f"    lg:jurisdiction lgj:{draft.iso3} ;",
        f"    lg:citation {_lit(d.citation)} ;",
        f'    lg:language "{draft.lang}" ;',
        f"    lg:excerpt {_lit(d.piece.text, draft.lang)} ;",
        f"    lg:sourceFile {_lit(source_file(draft.source.path))} ;",
        f'    lg:sourceUrl "{url}"^^xsd:anyURI ;',
        f'    lg:sourceType "{source_type}" ;',
    ]
    partial = h.get("partial", "").lower()
    if partial.startswith(("no", "yes", "partial")):
        out.append(f"    lg:sourcePartial {'false' if partial.startswith('no') else 'true'} ;")
    for key in ("fidelity_note", "artefact_note"):
        if h.get(key):
            out.append(f"    lg:caution {_lit(h[key])} ;")
    out += [
        '    lg:reviewStatus "draft" ;',
        f'    lg:encodedBy "lexgap-ingest {__version__}" ;',
        f'    lg:encodedOn "{draft.encoded_on}"^^xsd:date ;',
        "    lg:implements " + ", ".join(f"lgc:{c.concept.removeprefix(LGC)}" for c in ex.concepts) + " ;",
    ]
    if d.part_of:
        out.append(f"    lg:partOf <{d.part_of}> ;")
    for iri in d.uses:
        out.append(f"    lg:usesDefinition <{iri}> ;")
    for v in ex.values:
        out.append(f"    lg:{v.element} {_number(v.value)} ;")
    for term, start, end in ex.mental:
        out.append(f"    # mental element {term.rsplit('/', 1)[-1]}: {ex.text[start:end]!r} [{start}, {end}]")
    evidence = [
        f"[ lg:element lg:{v.element} ; lg:quote {_lit(ex.text[v.start:v.end])} ; lg:start {v.start} ; "
        f"lg:end {v.end} ; lg:confidence {v.confidence:.2f} ]"
        for v in ex.values
    ]
    concept_evidence = [
        f"[ lg:concept lgc:{c.concept.removeprefix(LGC)} ; lg:quote {_lit(ex.text[c.start:c.end])} ; "
        f"lg:start {c.start} ; lg:end {c.end} ; lg:confidence {c.confidence:.2f} ]"
        for c in ex.concepts
    ]
    tail = []
    if evidence:
        tail.append("    lg:evidence " + " ,\n        ".join(evidence))
    tail.append("    lg:conceptEvidence " + " ,\n        ".join(concept_evidence))
    return out + [" ;\n".join(tail) + " ."]
