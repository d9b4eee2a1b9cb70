"""The encoding assistant, table by table: numbers, ages, penalties, concepts, segmentation (tests/ingest/
*.yaml, each row named by its id), then the command: a draft from a source text validates, and once
marked reviewed loads into the knowledge base and shows up in gap results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from lexgap.nlp import numbers
from lexgap.nlp.extract import extract
from lexgap.nlp.segment import provisions

TABLES = Path(__file__).parent / "ingest"
SOURCES = TABLES / "sources"
TABLE_NAMES = {"numbers", "ages", "penalties", "concepts", "segments"}
LGC = "https://w3id.org/lexgap/concept/"


def rows(name: str) -> list:
    data = yaml.safe_load((TABLES / f"{name}.yaml").read_text(encoding="utf-8"))["rows"]
    return [pytest.param(r, id=r["id"]) for r in data]


def test_every_table_is_read_and_none_is_empty():
    # A table added without a test, or a test whose table shrank to nothing, fails here.
    assert {p.stem for p in TABLES.glob("*.yaml")} == TABLE_NAMES
    counts = {name: len(rows(name)) for name in TABLE_NAMES}
    assert all(n >= 6 for n in counts.values()), counts
    ids = [r.id for name in TABLE_NAMES for r in rows(name)]
    assert len(ids) == len(set(ids))


def test_every_language_is_in_the_value_tables():
    # Each language ingest accepts has at least one age and one penalty case of its own.
    from lexgap.nlp.pipeline import LANGUAGES

    for name in ("ages", "penalties"):
        assert {r.values[0]["lang"] for r in rows(name)} == set(LANGUAGES), name


@pytest.mark.parametrize(
    "lang, text, tokens",
    [
        ("zh", "处5年以下有期徒刑", ["处", "5", "年", "以", "下", "有", "期", "徒", "刑"]),
        ("zh", "第 18条  ok", ["第", "18", "条", " ", "ok"]),
        ("th", "จำคุก ๑๘ ปี", ["จ", "ำ", "ค", "ุ", "ก", "๑๘", "ป", "ี"]),
        ("ko", "13세 미만의 child-data", ["13", "세", "미", "만", "의", "child", "-", "data"]),
    ],
    ids=["zh-digits-stay-whole", "zh-double-space", "th-thai-digits", "ko-latin-run"],
)
def test_char_tokenizer_keeps_the_text_and_cuts_unspaced_scripts(lang, text, tokens):
    import spacy

    from lexgap.nlp.languages import CharTokenizer

    doc = CharTokenizer(spacy.blank("xx").vocab)(text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space] == [t for t in tokens if t.strip()]


def test_every_language_builds_without_downloads():
    # spacy.blank plus the rule components, for every language the command accepts
    from lexgap.nlp.pipeline import LANGUAGES, build

    assert len(LANGUAGES) == 30
    for lang in LANGUAGES:
        nlp = build(lang)
        assert nlp.lang == lang
        assert nlp.pipe_names[0] == "lexgap_words"


@pytest.mark.parametrize("row", rows("numbers"))
def test_number(row):
    value = numbers.phrase_value(row["tokens"].split(), row["lang"])
    assert value == row["value"]


@pytest.mark.parametrize("row", rows("ages"))
def test_age(row):
    ex = extract(row["text"], row["lang"])
    assert ex.value("childAgeThreshold") == row["under"]
    assert ex.value("childAgeFrom") == row.get("age_from")
    for v in ex.values:  # the evidence span is where the age is written
        assert row["text"][v.start : v.end].split()[-1].rstrip(".,;") in row["text"]
        assert 0 < v.confidence <= 1


@pytest.mark.parametrize("row", rows("penalties"))
def test_penalty(row):
    ex = extract(row["text"], row["lang"])
    assert ex.value("maxPenaltyLife") == row.get("life")
    assert ex.value("maxPenaltyYears") == row.get("max")
    assert ex.value("minPenaltyYears") == row.get("min")
    for v in ex.values:
        assert re.search(r"\w", row["text"][v.start : v.end])  # the words of the duration


@pytest.mark.parametrize("row", rows("concepts"))
def test_concepts(row):
    ex = extract(row["text"], row["lang"])
    got = {c.concept.removeprefix(LGC) for c in ex.concepts}
    assert set(row["concepts"]) <= got, got
    assert not set(row.get("absent", [])) & got, got
    for c in ex.concepts:  # every proposal points at words of the text
        assert 0 <= c.start < c.end <= len(row["text"])


@pytest.mark.parametrize("row", rows("segments"))
def test_segments(row):
    pieces = provisions(row["text"], row["lang"])
    assert ["/".join(p.path) for p in pieces] == row["paths"]
    for p in pieces:  # offsets slice the text exactly
        assert row["text"][p.start : p.end] == p.text


def test_patterns_come_from_the_ontology_labels():
    # The one source of phrases: every phrase pattern is a SKOS label in the language, with its IRI.
    import rdflib

    from lexgap.load import ONTOLOGY_DIR
    from lexgap.nlp.vocabulary import concept_patterns, label_files

    graph = rdflib.Graph()
    for name in ("concepts.ttl", "terms.ttl"):
        graph.parse(ONTOLOGY_DIR / name)
    for path in label_files(ONTOLOGY_DIR):
        graph.parse(path)
    labels = {(str(s), str(o)) for s, p, o in graph if getattr(o, "language", None) == "de"}
    patterns = concept_patterns("de")
    assert len(patterns) > 100
    assert all((p["id"], p["pattern"]) in labels for p in patterns)


def test_label_files_hold_only_labels_of_their_language_on_known_subjects():
    # ontology/labels/<lang>.ttl: labels in <lang> only, on concepts and terms defined elsewhere, and
    # never the same label for two concepts or two terms (a phrase must point at one of each).
    import rdflib
    from rdflib.namespace import SKOS

    from lexgap.load import ONTOLOGY_DIR
    from lexgap.nlp.languages import SETUP
    from lexgap.nlp.vocabulary import LGT, label_files
    from lexgap.vocab import LGC

    base = rdflib.Graph()
    for name in ("concepts.ttl", "terms.ttl"):
        base.parse(ONTOLOGY_DIR / name)
    known = set(base.subjects(rdflib.RDF.type, SKOS.Concept))
    files = label_files(ONTOLOGY_DIR)
    assert files, "ontology/labels/ holds the per-language labels"
    owners: dict[tuple[str, str], set] = {}
    added: set[tuple[str, str]] = set()
    for s, p, o in base:
        if p in (SKOS.prefLabel, SKOS.altLabel) and getattr(o, "language", None):
            owners.setdefault((o.language, str(o).casefold()), set()).add(s)
    for path in files:
        lang = path.stem
        assert lang in SETUP, f"{path.name}: not a drafting language"
        g = rdflib.Graph().parse(path)
        assert len(g) > 0, path.name
        for s, p, o in g:
            assert p in (SKOS.altLabel, SKOS.hiddenLabel), f"{path.name}: {p} (only skos:altLabel or hiddenLabel)"
            assert s in known, f"{path.name}: {s} is not a concept or term of concepts.ttl/terms.ttl"
            assert getattr(o, "language", None) == lang, f"{path.name}: {o!r} is not @{lang}"
            owners.setdefault((lang, str(o).casefold()), set()).add(s)
            added.add((lang, str(o).casefold()))
    # a concept and a term may share a label ("child pornography" names the group and the material),
    # two concepts or two terms may not
    shared = {
        k: v for k, v in owners.items()
        if k in added and any(sum(str(s).startswith(ns) for s in v) > 1 for ns in (str(LGC), str(LGT)))
    }
    assert not shared, f"labels naming two subjects: {sorted(shared)[:5]}"


# --------------------------------------------------------------------------------------------------
# The command


def test_ingest_rejects_bad_input_in_one_line(invoke, tmp_path):
    source = SOURCES / "ken" / "CMCA2018_s24.txt"
    empty = tmp_path / "empty.txt"
    empty.write_text("jurisdiction: KEN\n---\n\n", encoding="utf-8")
    cases = [
        ([tmp_path / "missing.txt", "-j", "KEN", "-l", "en"], "no such file"),
        ([source, "-j", "XYZ", "-l", "en"], "unknown jurisdiction"),
        ([source, "-j", "KEN", "-l", "ja"], "unsupported language"),
        ([empty, "-j", "KEN", "-l", "en"], "no text"),
    ]
    for args, message in cases:
        result = invoke("ingest", *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_ingest_writes_a_draft_with_evidence_spans(invoke, tmp_path):
    out = tmp_path / "ken.ttl"
    result = invoke("ingest", SOURCES / "ken" / "CMCA2018_s24.txt", "-j", "KEN", "-l", "en", "--out", out)
    assert result.exit_code == 0, result.output
    import rdflib

    from lexgap.vocab import LG

    graph = rdflib.Graph().parse(out)
    provs = set(graph.subjects(LG.reviewStatus, rdflib.Literal("draft")))
    assert len(provs) >= 2
    # s. 24(1) lists its offences under a short lead-in: each paragraph is a provision; (d) carries the penalty
    s1 = rdflib.URIRef("https://w3id.org/lexgap/law/ken/cmca-2018/24/1/d")
    assert s1 in provs
    assert graph.value(s1, LG.sourceFile) == rdflib.Literal("ken/CMCA2018_s24.txt")
    assert str(graph.value(s1, LG.sourceUrl)) == "https://new.kenyalaw.org/akn/ke/act/2018/5/"
    assert str(graph.value(s1, LG.sourceType)) == "3P"  # the header states no source_type
    assert str(graph.value(s1, LG.encodedBy)).startswith("lexgap-ingest ")
    assert float(graph.value(s1, LG.maxPenaltyYears)) == 25.0
    excerpt = str(graph.value(s1, LG.excerpt))
    for node in list(graph.objects(s1, LG.evidence)) + list(graph.objects(s1, LG.conceptEvidence)):
        start, end = int(graph.value(node, LG.start)), int(graph.value(node, LG.end))
        assert excerpt[start:end] == str(graph.value(node, LG.quote))
        assert 0 < float(graph.value(node, LG.confidence)) <= 1
    implements = {str(c).removeprefix(LGC) for c in graph.objects(s1, LG.implements)}
    assert "csam-possession" in implements
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed, not left behind


@pytest.mark.parametrize(
    "provision, label, ident",
    [
        ("137. člen (Neupravičeno prisluškovanje in zvočno snemanje)", "137. člen", "137"),
        ("173.a člen (Pridobivanje oseb)", "173.a člen", "173a"),
        ("Articolul 360 [illegal access to a computer system]", "Articolul 360", "360"),
        ("Стаття 156-1. Домагання дитини для сексуальних цілей [grooming]", "Стаття 156-1", "156-1"),
        ("Art. 241-B", "Art. 241-B", "241-b"),
        ("", "", ""),
    ],
)
def test_header_unit_reads_the_provision_line(provision, label, ident):
    from lexgap.nlp.draft import header_unit

    assert header_unit(provision) == (label, ident)


def test_texts_without_headings_take_their_unit_from_the_header(tmp_path):
    # One article per file with the heading only in the header: two files of one act must not draft
    # the same identifiers, and the citation names the article (grammar example, not statute wording).
    from lexgap.nlp.draft import draft_source

    ids, cites = [], []
    for number in ("10", "11"):
        path = tmp_path / f"act_{number}.txt"
        path.write_text(
            f"jurisdiction: ROU\ninstrument: Codul penal\nprovision: Articolul {number} [example]\n---\n"
            "(1) Accesul, fără drept, la un sistem informatic se pedepsește cu închisoare de la 3 luni la 3 ani.\n"
            "(2) Fapta se pedepsește cu închisoare de la 2 la 7 ani.\n",
            encoding="utf-8",
        )
        draft = draft_source(path, "ROU", "ro")
        ids += [p.identifier for p in draft.provisions]
        cites += [p.citation for p in draft.provisions]
    assert len(ids) == 4 and len(set(ids)) == 4, ids
    assert any(i.endswith("-10-1") for i in ids) and any(i.endswith("-11-2") for i in ids), ids
    assert any("Articolul 11" in c for c in cites), cites


def test_a_penalty_only_paragraph_is_proposed_with_its_units_offence(invoke, tmp_path):
    # "(2) … an offence under subsection (1) … is liable to …": the aggravated form of (1), proposed with
    # (1)'s concepts at low confidence instead of `sanctions` (an aggravated form implements its offence),
    # its evidence the words that set the penalty (grammar example).
    source = tmp_path / "act.txt"
    source.write_text(
        "jurisdiction: KEN\ninstrument: Example Act, 2020\n---\nSection 5\n"
        "(1) A person who intentionally possesses child pornography commits an offence and is liable to "
        "imprisonment for a term not exceeding five years.\n"
        "(2) Where the act in subsection (1) is committed by an organised group, the person is liable to "
        "imprisonment for a term not exceeding ten years.\n"
        "(3) A person who commits an offence under subsection (1) on a second occasion is liable to "
        "imprisonment for a term not exceeding twelve years.\n",
        encoding="utf-8",
    )
    out = tmp_path / "draft.ttl"
    result = invoke("ingest", source, "-j", "KEN", "-l", "en", "--out", out)
    assert result.exit_code == 0, result.output
    assert invoke("validate", out).exit_code == 0
    import rdflib

    from lexgap.vocab import LG

    graph = rdflib.Graph().parse(out)
    second = next(s for s in graph.subjects(LG.identifier, None) if str(s).endswith("/5/2"))
    implements = {str(c).removeprefix(LGC) for c in graph.objects(second, LG.implements)}
    assert "csam-possession" in implements and "sanctions" not in implements, implements
    inherited = [n for n in graph.objects(second, LG.conceptEvidence) if str(graph.value(n, LG.concept)).endswith("csam-possession")]
    assert len(inherited) == 1
    assert float(graph.value(inherited[0], LG.confidence)) == 0.4
    assert "ten years" in str(graph.value(inherited[0], LG.quote))
    first = next(s for s in graph.subjects(LG.identifier, None) if str(s).endswith("/5/1"))
    assert "sanctions" not in {str(c).removeprefix(LGC) for c in graph.objects(first, LG.implements)}
    # "an offence under subsection (1) … is liable": a penalty clause separate from its offence stays sanctions
    third = next(s for s in graph.subjects(LG.identifier, None) if str(s).endswith("/5/3"))
    assert {str(c).removeprefix(LGC) for c in graph.objects(third, LG.implements)} == {"sanctions"}


def test_reviewed_draft_validates_loads_and_shows_in_gap_results(invoke, tmp_path):
    from lexgap.gaps import compute_gaps
    from lexgap.load import STATUTES_DIR, load
    from lexgap.validate import validate

    out = tmp_path / "esp.ttl"
    result = invoke("ingest", SOURCES / "esp" / "CP1995_art183.txt", "-j", "ESP", "-l", "es", "--out", out)
    assert result.exit_code == 0, result.output
    report = validate([out])
    assert report.ok, [str(p) for p in report.problems]
    reviewed = tmp_path / "esp-reviewed.ttl"
    reviewed.write_text(out.read_text(encoding="utf-8").replace('"draft"', '"reviewed"'), encoding="utf-8")
    assert validate([reviewed]).ok
    graph = load([STATUTES_DIR, reviewed])
    results = compute_gaps(graph, jurisdictions=["ESP"])
    citing = [r for r in results if any(pid.startswith("esp-") for pid in r.provision_ids)]
    assert citing, "no gap result cites the ingested provisions"
    assert {r.status for r in citing} & {"met", "partial"}, {r.status for r in citing}
