"""National law: what a lawyer checks first, evidence for every element value, and the CLI contract.

Expected facts live in ``tests/national/<iso3>.yaml``, one file per folder under ``statutes/national/``,
written so a lawyer can read and check them against the excerpts::

    # What a lawyer checks first for Germany. Values come from the excerpts quoted in statutes/national/deu/.
    jurisdiction: DEU
    facts:
      - question: Which provision criminalises possession of child sexual abuse material?
        provision: deu-stgb-184b-3        # lg:identifier of the provision
        citation: "StGB § 184b(3)"        # lg:citation, exactly
        concepts: [csam-possession]       # each must be among the provision's lg:implements
        elements: {childAgeThreshold: 14, maxPenaltyYears: 5}   # effective values (own or inherited)
        reviewed: [csam-possession]       # optional: concept areas the coverage must list
        absent_elements: [maxPenaltyLife] # optional: elements the provision must NOT carry

``elements`` compares the effective value (own value, else one inherited through lg:usesDefinition);
lists compare as sets (``materialCovers: [material-visual, material-realistic]``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lexgap.cli import app
from lexgap.load import STATUTES_DIR, load
from lexgap.national import effective_elements, list_jurisdictions, provisions
from lexgap.nlp.numbers import phrase_value, word_values

FIXTURES = Path(__file__).parent / "national"
YAML_FILES = sorted(FIXTURES.glob("*.yaml"))
NATIONAL_DIRS = sorted(p for p in (STATUTES_DIR / "national").iterdir() if p.is_dir())

def states_number(quote: str, value: float, lang: str = "en") -> bool:
    """True when the quote writes the value (years, or the same span in months) in digits or words."""
    quote = unicodedata.normalize("NFKC", quote)  # full-width digits (１８歳) compare as 18
    if reads_number(quote, value, lang):
        return True
    for form in spoken(value):
        # Digits ("18", not inside "118") and Japanese numerals (十八, no spaces around them).
        pattern = rf"(?<!\d){re.escape(form)}(?!\d)" if form[0].isdigit() else re.escape(form)
        if re.search(pattern, quote):
            return True
    return False


KANJI_DIGITS = "〇一二三四五六七八九"
def kanji(n: int) -> str:
    """Japanese numerals for 1..99 as statutes write them (十八, 五, 二十)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else KANJI_DIGITS[tens] + "十")
    return head + (KANJI_DIGITS[ones] if ones else "")


def spoken(value: float) -> list[str]:
    """Digits and Japanese numerals for a number of years, or the same span in months (number words of
    every language are read by :func:`reads_number`, with the encoding assistant's number reader)."""
    forms = []
    for n, unit in ((value, "y"), (value * 12, "m")):
        if float(n) != int(n) or n <= 0:
            continue
        n = int(n)
        forms.append(str(n))
        if n < 100:
            forms.append(kanji(n))
    return forms


# German ordinals name ages ("vor Vollendung des vierzehnten Lebensjahres" = under 14).
ORDINAL_ENDINGS = {"de": ("ten", "te", "ter", "tes", "sten", "ste")}


def thai_number_runs(quote: str) -> list[str]:
    """Number words of a Thai quote, as separate tokens, each run closed by a bracket pair."""
    words = sorted(word_values("th"), key=len, reverse=True)
    out: list[str] = []
    i = 0
    while i < len(quote):
        word = next((w for w in words if quote.startswith(w, i)), None)
        if word is None:
            if out and out[-1] != ")":
                out += ["(", ")"]  # ends a run: phrase_value never joins across it
            i += 1
            continue
        out.append(word)
        i += len(word)
    return out


def reads_number(quote: str, value: float, lang: str) -> bool:
    """Read the quote with the encoding assistant's number reader (number words of every language it
    knows, e.g. Italian "dieci", Dutch "twaalf", Greek "δέκα") and look for the value in years or months."""
    base = lang.split("-")[0].lower()
    # An apostrophe inside a word belongs to it (Ukrainian "п’яти", "дев'яти").
    tokens = re.findall(r"[^\W_]+(?:[-'’ʼ][^\W_]+)*|\(|\)", quote)
    wanted = {float(value), float(value) * 12}
    if base == "th":
        # Thai writes no spaces between words: read runs of number words found side by side
        # ("ไม่เกินสิบแปดปี" → สิบ แปด → 18).
        tokens = thai_number_runs(quote) + tokens
    singles = [phrase_value([t], base) for t in tokens]
    numbers = [v for v in singles if v is not None]
    # "un anno e sei mesi" = 1.5 years: a number of years followed by a number of months.
    if any(a + b / 12 == float(value) for a, b in zip(numbers, numbers[1:]) if 0 < b < 12):
        return True
    # "δέκα πέντε" (ten five) = 15, as older Greek statutes write the teens in two words.
    if any(a == 10 and b is not None and 1 <= b <= 9 and a + b == float(value)
           for a, b in zip(singles, singles[1:]) if a is not None):
        return True
    for i in range(len(tokens)):
        for width in (1, 2, 3, 4):
            window = tokens[i:i + width]
            if len(window) < width:
                break
            candidates = [window]
            if width == 1:
                elided = re.split(r"['’ʼ]", window[0])[-1]
                if elided != window[0]:
                    candidates.append([elided])  # French elision: "d’un" is "un"
                for ending in ORDINAL_ENDINGS.get(base, ()):
                    low = window[0].lower()
                    if low.endswith(ending) and len(low) > len(ending) + 2:
                        candidates.append([low[: -len(ending)]])
            for cand in candidates:
                if phrase_value(cand, base) in wanted:
                    return True
    return pipeline_reads(quote, wanted, base)


def pipeline_reads(quote: str, wanted: set[float], lang: str) -> bool:
    """The encoding assistant's own readers, for forms a word-by-word reading misses: a number glued to
    its unit ("шестнадцатилетнего", aged sixteen) and unit words that carry their number (Arabic
    "سنة", a year; "سنتين", two years). Only numbers, ages and durations are read, no concept."""
    from lexgap.nlp.extract import fold
    from lexgap.nlp.pipeline import LANGUAGES, build

    if lang not in LANGUAGES:
        return False
    doc = build(lang)(fold(quote)[0])
    found = {float(t._.lg_value) for t in doc if t._.lg_value is not None}
    for age in doc._.lg_ages or []:
        found |= {float(v) for v in (age.under, age.age_from) if v is not None}
    for term in doc._.lg_penalties or []:
        if term.years is not None:
            found.add(float(term.years))
    return bool(found & wanted)


def norm(text: str) -> str:
    return " ".join(str(text).split())


@pytest.fixture(scope="module")
def kb():
    return load()


@pytest.fixture(scope="module")
def records(kb):
    return {j["code"]: provisions(kb, j["code"]) for j in list_jurisdictions(kb)}


def all_provisions(records):
    return [rec for recs in records.values() for rec in recs]


# ---------------------------------------------------------------------------------------------------
# (b) expected facts, one YAML file per jurisdiction folder
# ---------------------------------------------------------------------------------------------------


def test_one_expected_file_per_jurisdiction_folder():
    assert NATIONAL_DIRS, "no jurisdiction folders under statutes/national"
    assert len(YAML_FILES) == len(NATIONAL_DIRS)
    assert sorted(p.stem for p in YAML_FILES) == sorted(p.name for p in NATIONAL_DIRS)


@pytest.mark.parametrize("path", YAML_FILES, ids=[p.stem for p in YAML_FILES])
def test_lawyer_facts(path, kb, records):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    code = data["jurisdiction"]
    assert code == path.stem.upper(), f"{path.name}: jurisdiction {code} does not match the file name"
    assert data["facts"], f"{path.name}: no facts"
    assert code in records, f"{path.name}: {code} is not in the knowledge base"
    by_id = {rec["id"]: rec for rec in records[code]}
    reviewed = set(next(j for j in list_jurisdictions(kb) if j["code"] == code)["reviewed_areas"])
    for fact in data["facts"]:
        where = f"{path.name}: {fact['question']}"
        rec = by_id.get(fact["provision"])
        assert rec is not None, f"{where}: no provision {fact['provision']}"
        assert rec["citation"] == fact["citation"], where
        assert set(fact.get("concepts", [])) <= set(rec["concepts"]), where
        values = effective_elements(rec)
        for key, expected in (fact.get("elements") or {}).items():
            assert key in values, f"{where}: {rec['id']} has no {key}"
            got = values[key]
            if isinstance(expected, list):
                assert set(got if isinstance(got, list) else [got]) == set(expected), f"{where}: {key}"
            else:
                assert got == expected, f"{where}: {key} is {got!r}, expected {expected!r}"
        for key in fact.get("absent_elements", []):
            assert key not in values, f"{where}: {rec['id']} should carry no {key}"
        assert set(fact.get("reviewed", [])) <= reviewed, f"{where}: coverage lacks {fact.get('reviewed')}"


def test_expected_files_state_facts_counted(records):
    # Every file names at least three facts, so a file cannot shrink to nothing unnoticed.
    for path in YAML_FILES:
        facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
        assert len(facts) >= 3, path.name


# ---------------------------------------------------------------------------------------------------
# (c) every element value rests on words of the excerpt (or of a linked definition)
# ---------------------------------------------------------------------------------------------------


def reachable_excerpts(rec, by_iri_records):
    """The provision's excerpt and those of every definition reached through lg:usesDefinition."""
    texts, todo, seen = [], [rec], set()
    while todo:
        cur = todo.pop()
        if cur["id"] in seen:
            continue
        seen.add(cur["id"])
        texts.append(norm(cur["excerpt"] or ""))
        todo.extend(by_iri_records[d] for d in cur["uses_definitions"] if d in by_iri_records)
    return texts


def test_every_element_value_has_evidence_in_the_excerpt(records):
    recs = all_provisions(records)
    assert recs, "no provisions in the knowledge base"
    by_id = {rec["id"]: rec for rec in recs}
    problems = []
    checked = 0
    for rec in recs:
        texts = reachable_excerpts(rec, by_id)
        quotes: dict[str, list[str]] = {}
        for ev in rec["evidence"]:
            quotes.setdefault(ev["element"], []).append(norm(ev["quote"]))
            if not any(norm(ev["quote"]) in t for t in texts):
                problems.append(f"{rec['id']}: quote for {ev['element']} not in excerpt: {ev['quote']!r}")
        for key, value in rec["elements"].items():
            checked += 1
            if key not in quotes:
                problems.append(f"{rec['id']}: {key} = {value!r} has no lg:evidence")
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                if not any(states_number(q, value, rec.get("language") or "en") for q in quotes[key]):
                    problems.append(f"{rec['id']}: {key} = {value} not stated in its quote {quotes[key]}")
    assert checked > 0
    assert not problems, "\n".join(problems)


def test_linked_definitions_exist(records):
    by_id = {rec["id"] for recs in records.values() for rec in recs}
    missing = [(rec["id"], d) for rec in all_provisions(records) for d in rec["uses_definitions"] if d not in by_id]
    assert not missing


# ---------------------------------------------------------------------------------------------------
# (d) every provision carries what a page needs to cite and warn
# ---------------------------------------------------------------------------------------------------

REQUIRED = ("id", "citation", "excerpt", "source_file", "source_url", "source_type", "review_status", "language")


def test_every_provision_has_citation_source_and_status(records):
    recs = all_provisions(records)
    assert recs
    problems = [f"{rec['iri']}: no {key}" for rec in recs for key in REQUIRED if not rec.get(key)]
    problems += [f"{rec['id']}: review_status {rec['review_status']!r}" for rec in recs
                 if rec["review_status"] not in ("draft", "reviewed")]
    problems += [f"{rec['id']}: source_type {rec['source_type']!r}" for rec in recs
                 if rec["source_type"] not in ("OFF", "OFF-M", "3P")]
    # A third-party copy must say so to the reader.
    problems += [f"{rec['id']}: 3P source without lg:caution" for rec in recs
                 if rec["source_type"] == "3P" and not rec["cautions"]]
    assert not problems, "\n".join(problems)


def test_identifiers_are_unique(records):
    ids = [rec["id"] for rec in all_provisions(records)]
    assert len(ids) == len(set(ids))


def test_versions_are_dated(records):
    # A provision replaced by a later version ends where the later one begins (or says why it cannot).
    by_id = {rec["id"]: rec for rec in all_provisions(records)}
    for rec in by_id.values():
        for old_id in rec["supersedes"]:
            old = by_id[old_id]
            assert old["in_force_until"] or old["in_force_note"], old_id
            if old["in_force_until"] and rec["in_force"]:
                assert old["in_force_until"] <= rec["in_force"], (old_id, rec["id"])


# ---------------------------------------------------------------------------------------------------
# (e) CLI contract
# ---------------------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_jurisdictions_json(records):
    result = runner.invoke(app, ["jurisdictions", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["code"] for r in rows} == set(records)
    for row in rows:
        assert {"code", "name", "provisions", "reviewed_areas"} <= set(row)
        assert row["provisions"] == len(records[row["code"]])


@pytest.mark.parametrize("code", [p.stem.upper() for p in YAML_FILES])
def test_cli_show_json(code, records):
    result = runner.invoke(app, ["show", code.lower(), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == len(records[code]) > 0
    keys = {"id", "citation", "concepts", "elements", "excerpt", "source_url", "source_file", "in_force",
            "review_status", "source_type"}
    for row in rows:
        assert keys <= set(row)
        assert isinstance(row["elements"], dict) and isinstance(row["concepts"], list)


def test_cli_show_markdown_quotes_excerpts(records):
    code = sorted(records)[0]
    result = runner.invoke(app, ["show", code, "--format", "md"])
    assert result.exit_code == 0, result.output
    first = records[code][0]
    assert f"**{first['citation']}**" in result.stdout
    first_line = next(line for line in first["excerpt"].splitlines() if line.strip())
    assert f"> {first_line.strip()}" in result.stdout


@pytest.mark.parametrize("bad", ["XYZ", "DE", "12A", "DEUX"])
def test_cli_show_bad_code_is_one_line_exit_2(bad):
    result = runner.invoke(app, ["show", bad, "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and bad.upper() in lines[0].upper()
