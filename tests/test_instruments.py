"""International instruments: what a lawyer checks first, the crosswalk, and the CLI contract.

The golden files ``tests/golden/crosswalk-<concept>.{json,csv}`` are the exact output of
``lexgap crosswalk --concept <concept> --format json|csv``; review a change to them as a diff. To
regenerate after a deliberate data change, run that command and write its output to the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from lexgap.instruments import CROSSWALK_QUERY, crosswalk, list_instruments
from lexgap.load import STATUTES_DIR, load
from lexgap.vocab import DCTERMS, LG, LGC, LGI, RDF, SKOS

GOLDEN = Path(__file__).parent / "golden"
INSTRUMENT_FILES = sorted((STATUTES_DIR / "instruments").glob("*.ttl"))
STATUS_FILES = sorted((STATUTES_DIR / "status").glob("*.ttl"))
INT_SOURCES = [
    line.strip()
    for line in (GOLDEN / "int-source-files.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
GOLDEN_CONCEPTS = ["csam-possession", "grooming"]
# The first wave of jurisdictions whose treaty status is recorded (statutes/status/<iso3>.ttl).
FIRST_WAVE = ["BRA", "CAN", "DEU", "FRA", "GBR", "IND", "JPN", "KEN", "PHL", "USA", "ZAF"]


def norm(text) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def kb():
    return load()


def node(kb, identifier: str) -> URIRef:
    found = [s for s in kb.subjects(LG.identifier, Literal(identifier)) if isinstance(s, URIRef)]
    assert len(found) == 1, f"{identifier}: {len(found)} nodes"
    return found[0]


def constraints_of(kb, requirement: URIRef) -> dict[str, dict]:
    """Constraint slug (last IRI segment) -> its values, for table-driven checks."""
    out = {}
    for c in kb.objects(requirement, LG.constraint):
        value = kb.value(c, LG.value)
        minimum = kb.value(c, LG.permittedMinimum)
        out[str(c).rsplit("/", 1)[1]] = {
            "element": str(kb.value(c, LG.element)).rsplit("#", 1)[1],
            "operator": str(kb.value(c, LG.operator)),
            "value": value.toPython() if value is not None else str(kb.value(c, LG.valueNode)).rsplit("#", 1)[1],
            "min": minimum.toPython() if minimum is not None else None,
            "modality": str(kb.value(c, LG.modality)).rsplit("#", 1)[1],
            "reservable": sorted(str(x) for x in kb.objects(c, LG.reservableUnder)),
        }
    return out


# ---------------------------------------------------------------------------------------------------
# The files and their sources
# ---------------------------------------------------------------------------------------------------


def test_one_file_per_instrument(kb):
    ids = sorted(str(kb.value(i, LG.identifier)) for i in kb.subjects(RDF.type, LG.Instrument))
    assert len(INSTRUMENT_FILES) == len(ids) == 6
    assert sorted(p.stem for p in INSTRUMENT_FILES) == ids


@pytest.mark.parametrize("source_file", INT_SOURCES)
def test_every_int_source_file_is_encoded(kb, source_file):
    assert (None, LG.sourceFile, Literal(source_file)) in kb, f"{source_file} is named by no lg:sourceFile"


def test_source_file_list_is_complete(kb):
    assert len(INT_SOURCES) == 40 == len(set(INT_SOURCES))
    named = {str(f) for f in kb.objects(None, LG.sourceFile) if str(f).startswith("int/")}
    assert named == set(INT_SOURCES)


def test_available_texts_have_provenance_and_unavailable_ones_are_drafts(kb):
    articles = sorted(kb.subjects(RDF.type, LG.Article))
    assert len(articles) >= 69  # as first encoded; guards against a file silently dropping out
    for art in articles:
        status = str(kb.value(art, LG.textStatus))
        texts = list(kb.objects(art, LG.text))
        if status == "not-available":
            assert not texts, art
            assert str(kb.value(art, LG.reviewStatus)) == "draft", art
            assert any("official text: http" in str(n) for n in kb.objects(art, LG.note)), art
            for req in kb.subjects(LG.article, art):
                assert str(kb.value(req, LG.reviewStatus)) == "draft", req
                assert kb.value(req, LG.excerpt) is None, req
        else:
            assert len(texts) == 1 and texts[0].language == str(kb.value(art, LG.language)), art
            for prop in (LG.sourceFile, LG.sourceUrl, LG.retrievedFrom, LG.sourceType):
                assert kb.value(art, prop) is not None, (art, prop)
            assert (status == "available") == (texts[0].language == "en"), art


def test_excerpts_are_passages_of_the_encoded_texts(kb):
    """Requirement and constraint excerpts quote the text of an article read from the same source file."""
    texts: dict[str, list[str]] = {}
    for holder, text in kb.subject_objects(LG.text):
        texts.setdefault(str(kb.value(holder, LG.sourceFile)), []).append(norm(text))
    checked = 0
    for holder, excerpt in kb.subject_objects(LG.excerpt):
        if not str(holder).startswith(str(LGI)):
            continue
        source = str(kb.value(holder, LG.sourceFile))
        assert source in texts, f"{holder}: {source} holds no encoded article text"
        assert any(norm(excerpt) in t for t in texts[source]), f"{holder}: excerpt not in the text of {source}"
        checked += 1
    assert checked >= 190  # as first encoded


def test_requirements_of_available_articles_quote_their_words(kb):
    for req in kb.subjects(RDF.type, LG.Requirement):
        art = kb.value(req, LG.article)
        if str(kb.value(art, LG.textStatus)) != "not-available":
            assert kb.value(req, LG.excerpt) is not None, f"{req} rests on an available text but quotes none"
            assert str(kb.value(req, LG.reviewStatus)) == "reviewed", req


def test_reservation_clauses_name_an_article_of_the_same_instrument(kb):
    """One clause per requirement (so the crosswalk has one row each), and "9(4)" names article 9."""
    for holder, clause in kb.subject_objects(LG.reservableUnder):
        req = holder if (holder, RDF.type, LG.Requirement) in kb else next(kb.subjects(LG.constraint, holder))
        assert len(list(kb.objects(holder, LG.reservableUnder))) == 1, holder
        number = re.match(r"^(\d+)\(\d+\)$", str(clause))
        assert number, f"{holder}: {clause!r} is not a clause like 9(4)"
        instrument = kb.value(kb.value(req, LG.article), LG.instrument)
        numbers = {str(kb.value(a, LG.number)) for a in kb.subjects(LG.instrument, instrument)}
        assert number.group(1) in numbers, f"{holder}: {clause} names no article of {instrument}"


# ---------------------------------------------------------------------------------------------------
# What a lawyer checks first: requirement id -> expected modality, reservation and constraints
# ---------------------------------------------------------------------------------------------------

REQUIREMENTS = [
    # (requirement, concept, article number, mandatory, reservable under, {constraint slug: {field: value}})
    ("budapest-2", "illegal-access", "2", True, None,
     {"security-measures": {"element": "requiresSecurityInfringement", "value": False, "modality": "optional"}}),
    ("budapest-4-1", "data-interference", "4", True, None,
     {"serious-harm": {"element": "requiresSeriousHarm", "value": False, "modality": "mandatory", "reservable": ["4(2)"]}}),
    ("budapest-9-1-e", "csam-possession", "9", True, "9(4)",
     {"age": {"element": "childAgeThreshold", "operator": "ge", "value": 18, "min": 16, "reservable": []},
      "visual": {"value": "material-visual", "modality": "mandatory", "reservable": []},
      "appearing-minor": {"value": "material-appearing-minor", "reservable": ["9(4)"]},
      "realistic": {"value": "material-realistic", "reservable": ["9(4)"]},
      "no-distribution-intent": {"element": "requiresIntentToDistribute", "value": False, "modality": "mandatory"}}),
    ("budapest-9-1-d", "csam-procuring", "9", True, "9(4)", {}),
    ("budapest-9-1-a", "csam-production", "9", True, None, {}),
    ("budapest-9-3", "definition-child", "9", False, None, {"age": {"value": 18, "min": 16}}),
    ("budapest-11-2", "attempt", "11", True, "11(3)", {}),
    ("budapest-22-1-d", "jurisdiction-nationality", "22", True, "22(2)", {}),
    ("lanzarote-3-a", "definition-child", "3", False, None, {"age": {"value": 18, "min": None}}),
    ("lanzarote-20-1-a", "csam-production", "20", True, "20(3)", {"realistic": {"reservable": ["20(3)"]}}),
    ("lanzarote-20-1-c", "csam-distribution", "20", True, None, {"realistic": {"reservable": [], "modality": "mandatory"}}),
    ("lanzarote-20-1-e", "csam-possession", "20", True, "20(3)",
     {"age": {"value": 18}, "no-distribution-intent": {"value": False, "modality": "mandatory"}}),
    ("lanzarote-20-1-f", "csam-access", "20", True, "20(4)", {}),
    ("lanzarote-21-1-c", "csam-live-performance", "21", True, "21(2)", {}),
    ("lanzarote-23", "grooming", "23", True, None, {"meeting-step": {"element": "requiresMeeting", "modality": "optional"}}),
    ("lanzarote-24-2", "attempt", "24", True, "24(3)", {}),
    ("opsc-3-1-c-possession", "csam-possession", "3", True, None,
     {"purpose": {"element": "requiresIntentToDistribute", "value": False, "modality": "optional"}}),
    ("un-cybercrime-14-1-c", "csam-possession", "14", True, None,
     {"age": {"value": 18, "min": None}, "written": {"value": "material-written", "modality": "optional"},
      "no-distribution-intent": {"modality": "mandatory"}}),
    ("un-cybercrime-15-1", "grooming", "15", True, None, {"meeting-step": {"modality": "optional"}}),
    ("un-cybercrime-11-1-a", "misuse-of-devices", "11", True, "11(3)", {}),
    ("un-cybercrime-9-1", "data-interference", "9", True, None, {"serious-harm": {"modality": "optional", "reservable": []}}),
    ("eu-2011-93-5-2", "csam-possession", "5", True, None, {}),
    ("eu-2011-93-6-1", "grooming", "6", True, None,
     {"max-penalty": {"element": "maxPenaltyYears", "operator": "ge", "value": 1, "modality": "mandatory"}}),
    ("eu-2011-93-25-2", "access-blocking", "25", False, None, {}),
    ("icmec-model-4", "csam-possession", "4", True, None, {"no-distribution-intent": {"value": False}}),
]


@pytest.mark.parametrize("identifier,concept,article,mandatory,reservable,expected", REQUIREMENTS, ids=[r[0] for r in REQUIREMENTS])
def test_requirement(kb, identifier, concept, article, mandatory, reservable, expected):
    req = node(kb, identifier)
    assert kb.value(req, LG.concept) == LGC[concept]
    assert str(kb.value(kb.value(req, LG.article), LG.number)) == article
    assert (kb.value(req, LG.modality) == LG.mandatory) is mandatory
    clauses = [str(c) for c in kb.objects(req, LG.reservableUnder)]
    assert clauses == ([reservable] if reservable else [])
    actual = constraints_of(kb, req)
    for slug, fields in expected.items():
        assert slug in actual, f"{identifier}: no constraint {slug} (has {sorted(actual)})"
        for key, value in fields.items():
            assert actual[slug][key] == value, f"{identifier}/{slug}: {key} is {actual[slug][key]!r}, expected {value!r}"


def test_un_convention_articles_carry_the_numbers_printed_in_the_arabic_text(kb):
    """The number of each Arabic article is the one its own heading prints (المادة N), not a list's."""
    for art in kb.subjects(LG.instrument, LGI["un-cybercrime"]):
        text = kb.value(art, LG.text)
        if text is None:
            continue
        heading = next(t for t in kb.objects(art, DCTERMS.title) if t.language == "ar")
        assert heading and str(kb.value(art, LG.textStatus)) == "other-language"
        source = str(kb.value(art, LG.sourceFile))
        assert source == f"int/un-cybercrime_art{int(str(kb.value(art, LG.number))):02d}_ar.txt"


# ---------------------------------------------------------------------------------------------------
# Treaty status
# ---------------------------------------------------------------------------------------------------


def test_one_status_file_per_first_wave_jurisdiction():
    assert sorted(p.stem.upper() for p in STATUS_FILES) == FIRST_WAVE


@pytest.mark.parametrize("code", FIRST_WAVE)
def test_status_is_unknown_unless_sourced(kb, code):
    jurisdiction = rdflib.URIRef(f"https://w3id.org/lexgap/jurisdiction/{code}")
    parts = [p for p in kb.subjects(LG.jurisdiction, jurisdiction) if (p, RDF.type, LG.Participation) in kb]
    treaties = {i for i in kb.subjects(RDF.type, LG.Instrument) if str(kb.value(i, LG.instrumentType)) != "model-law"}
    assert {kb.value(p, LG.instrument) for p in parts} == treaties
    for p in parts:
        dated = any(kb.value(p, prop) is not None for prop in (LG.signed, LG.ratified, LG.inForceForState))
        if str(kb.value(p, LG.consentKind)) == "unknown":
            assert not dated, f"{p}: dates without a known kind of consent"
            assert "Not yet reviewed" in str(kb.value(p, LG.statusNote)), p
        if dated:
            assert kb.value(p, LG.sourceUrl) is not None, f"{p}: dates without a source"


# ---------------------------------------------------------------------------------------------------
# Crosswalk
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("concept", GOLDEN_CONCEPTS)
def test_crosswalk_golden_json(invoke, concept):
    result = invoke("crosswalk", "--concept", concept, "--format", "json")
    assert result.exit_code == 0, result.stderr
    expected = (GOLDEN / f"crosswalk-{concept}.json").read_text(encoding="utf-8")
    assert result.stdout == expected


def test_crosswalk_golden_csv(invoke):
    result = invoke("crosswalk", "--concept", "csam-possession", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "crosswalk-csam-possession.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["concept"] for r in rows] == ["csam-possession"] * len(rows)


def test_golden_files_are_all_tested():
    files = sorted(p.name for p in GOLDEN.glob("crosswalk-*"))
    assert files == sorted([f"crosswalk-{c}.json" for c in GOLDEN_CONCEPTS] + ["crosswalk-csam-possession.csv"])


def test_crosswalk_links_possession_across_the_instruments(kb):
    rows = {(r["instrument"], r["ref"]): r for r in crosswalk(kb, "csam-possession")}
    for key in [("budapest", "9(1)(e)"), ("lanzarote", "20(1)(e)"), ("un-cybercrime", "14(1)(c)"),
                ("opsc", "3(1)(c)"), ("eu-2011-93", "5(2)")]:
        assert key in rows, f"{key} missing from the csam-possession crosswalk"
    # OPSC requires possession to be covered only for the listed purposes: the optional constraint says so.
    assert "requiresIntentToDistribute eq false (optional)" in rows[("opsc", "3(1)(c)")]["constraints"]
    assert "requiresIntentToDistribute eq false" in rows[("budapest", "9(1)(e)")]["constraints"]
    assert rows[("budapest", "9(1)(e)")]["reservable_under"] == "9(4)"


def test_crosswalk_links_grooming(kb):
    keys = {(r["instrument"], r["article"]) for r in crosswalk(kb, "grooming")}
    assert {("lanzarote", "23"), ("eu-2011-93", "6"), ("un-cybercrime", "15")} <= keys


def test_crosswalk_of_a_group_brings_its_narrower_concepts(kb):
    group = LGC["csam-offences"]
    below = set(kb.objects(group, SKOS.narrower)) | set(kb.subjects(SKOS.broader, group))
    ids = {str(c).rsplit("/", 1)[1] for c in below | {group}}
    rows = crosswalk(kb, "csam-offences")
    assert {"csam-offences", "csam-possession", "csam-production"} <= {r["concept"] for r in rows}
    assert rows == [r for r in crosswalk(kb) if r["concept"] in ids]


def test_crosswalk_lists_every_requirement_once_in_a_stable_order(kb):
    rows = crosswalk(kb)
    assert len(rows) == len(set(kb.subjects(RDF.type, LG.Requirement))) == len({r["requirement"] for r in rows})
    keys = [(r["concept"], r["instrument"]) for r in rows]
    assert keys == sorted(keys)
    assert crosswalk(kb) == rows


def test_crosswalk_query_gives_the_same_rows_on_rdflib_and_oxigraph(kb):
    memory = rdflib.Graph()
    for triple in kb:
        memory.add(triple)
    query = CROSSWALK_QUERY.read_text(encoding="utf-8")
    binding = {"concept": LGC["csam-possession"]}
    oxigraph_rows = [tuple(map(str, r)) for r in kb.query(query, initBindings=binding)]
    rdflib_rows = [tuple(map(str, r)) for r in memory.query(query, initBindings=binding)]
    assert oxigraph_rows == rdflib_rows and len(oxigraph_rows) >= 5


def test_crosswalk_query_file_says_what_it_answers():
    text = CROSSWALK_QUERY.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    for label in ("# Question:", "# Parameters:", "# Columns:"):
        assert any(line.startswith(label) for line in header), label
    assert text.strip().splitlines()[-1].startswith("ORDER BY")


# ---------------------------------------------------------------------------------------------------
# CLI contract
# ---------------------------------------------------------------------------------------------------


def test_instruments_json_counts_match_the_graph(invoke, kb):
    result = invoke("instruments", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows] == ["budapest", "eu-2011-93", "icmec-model", "lanzarote", "opsc", "un-cybercrime"]
    for row in rows:
        assert {"id", "title", "articles", "requirements"} <= set(row)
        instrument = LGI[row["id"]]
        articles = set(kb.subjects(LG.instrument, instrument)) & set(kb.subjects(RDF.type, LG.Article))
        requirements = {r for a in articles for r in kb.subjects(LG.article, a)}
        assert (row["articles"], row["requirements"]) == (len(articles), len(requirements)), row["id"]
    assert rows == list_instruments(kb)


def test_instruments_table(invoke):
    result = invoke("instruments")
    assert result.exit_code == 0
    assert "budapest" in result.stdout and "opsc" in result.stdout


@pytest.mark.parametrize(
    "concept,message",
    [
        ("CSAM possession", "not a concept id"),
        ("csam_possession", "not a concept id"),
        ("no-such-concept", "unknown concept"),
    ],
)
def test_crosswalk_bad_concept_is_one_line_and_exit_2(invoke, concept, message):
    result = invoke("crosswalk", "--concept", concept)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
