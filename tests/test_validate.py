"""`lexgap validate`: one broken fixture per failure kind, the valid fixture KB, and the bundled data.

Each file in tests/fixtures/invalid/ starts with

    # expect: <the exact line lexgap validate prints, {path} standing for the file's path>
    # check: <the shape (lgsh:...) or Python check that must find it>

and must produce exactly that one problem: a fixture that also trips another check is a broken fixture.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from conftest import FIXTURE_CONCEPTS, FIXTURES, VALID_KB
from lexgap.validate import CHECK_NAMES, Problem, validate

INVALID_DIR = FIXTURES / "invalid"
INVALID_FILES = sorted(INVALID_DIR.iterdir())


def _header(path: Path) -> tuple[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# expect: "), f"{path.name}: first line must be '# expect: ...'"
    assert lines[1].startswith("# check: "), f"{path.name}: second line must be '# check: ...'"
    return lines[0].removeprefix("# expect: "), lines[1].removeprefix("# check: ")


CASES = [(path, *_header(path)) for path in INVALID_FILES if path.suffix == ".ttl"]


def test_every_invalid_fixture_is_a_case():
    # The folder holds only cases: nothing may be skipped by the glob above.
    assert len(CASES) == len(INVALID_FILES)
    assert len(CASES) >= 14


@pytest.mark.parametrize(("path", "expected", "check"), CASES, ids=[c[0].name for c in CASES])
def test_invalid_fixture_prints_its_one_line(invoke, path, expected, check):
    result = invoke("validate", "--concepts", FIXTURE_CONCEPTS, path)
    assert result.exit_code == 2, result.output
    assert result.stdout.splitlines() == [expected.replace("{path}", str(path))]
    assert result.stderr.startswith("invalid: 1 problem; 1 files, ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("path", "expected", "check"), CASES, ids=[c[0].name for c in CASES])
def test_invalid_fixture_is_found_by_the_named_check(path, expected, check):
    report = validate([path], concepts=FIXTURE_CONCEPTS)
    assert [p.check for p in report.problems] == [check]
    assert check.startswith("lgsh:") or check in CHECK_NAMES


def test_python_checks_each_have_a_fixture():
    covered = {check for _, _, check in CASES}
    assert set(CHECK_NAMES) <= covered, sorted(set(CHECK_NAMES) - covered)


def test_valid_fixture_passes(invoke):
    result = invoke("validate", "--concepts", FIXTURE_CONCEPTS, VALID_KB)
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"valid: 4 files, \d{3} triples, \d+ nodes checked in \d+\.\d s\n", result.stdout)


def test_valid_fixture_report_counts():
    report = validate([VALID_KB], concepts=FIXTURE_CONCEPTS)
    assert report.ok and report.problems == []
    assert len(report.files) == 4
    assert report.triples > 150
    assert report.nodes >= 20  # named nodes and evidence blank nodes


def test_bundled_data_is_valid(invoke):
    # The knowledge base that ships with lexgap must pass its own validation.
    result = invoke("validate")
    assert result.exit_code == 0, result.stdout[:4000] + result.stderr
    assert result.stdout.startswith("valid: ")


# --- behaviour that needs more than one file ------------------------------------------------------

PREFIXES = """\
@prefix lg:      <https://w3id.org/lexgap/ontology#> .
@prefix lgc:     <https://w3id.org/lexgap/concept/> .
@prefix lgj:     <https://w3id.org/lexgap/jurisdiction/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def provision(name: str, identifier: str | None = None, extra: str = "", excerpt: str = "A person who possesses an image of a child commits an offence.") -> str:
    """A complete, valid provision of the fixture act; ``extra`` adds statements."""
    return f"""
<https://w3id.org/lexgap/law/ata/example-act/{name}> a lg:Provision ;
    lg:identifier "{identifier or 'ata-example-act-' + name}" ;
    lg:act <https://w3id.org/lexgap/law/ata/example-act> ;
    lg:jurisdiction lgj:ATA ;
    lg:citation "EA s. {name}" ; lg:language "en" ;
    lg:excerpt "{excerpt}"@en ;
    lg:sourceFile "ata/EA.txt" ;
    lg:sourceUrl "https://example.org/ata/example-act"^^xsd:anyURI ;
    lg:sourceType "OFF" ; lg:reviewStatus "reviewed" ;
    lg:implements lgc:csam-possession {extra} .
"""


CONTEXT = PREFIXES + """
lgj:ATA a lg:Jurisdiction ; lg:iso3 "ATA" ; rdfs:label "Antarctica"@en .
<https://w3id.org/lexgap/law/ata/example-act> a lg:Act ;
    lg:identifier "ata-example-act" ; lg:jurisdiction lgj:ATA ; dcterms:title "Example Act"@en .
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lines(report) -> list[str]:
    return [str(p) for p in report.problems]


def test_identifier_used_by_nodes_in_two_files(tmp_path):
    a = write(tmp_path, "a.ttl", CONTEXT + provision("1"))
    b = write(tmp_path, "b.ttl", PREFIXES + provision("2", identifier="ata-example-act-1"))
    assert lines(validate([tmp_path], concepts=FIXTURE_CONCEPTS)) == [
        f'{b}: lgl:ata/example-act/2: lg:identifier "ata-example-act-1" is also used by lgl:ata/example-act/1 in {a}'
    ]


def test_same_node_declared_in_two_files(tmp_path):
    a = write(tmp_path, "a.ttl", CONTEXT + provision("1"))
    b = write(tmp_path, "b.ttl", PREFIXES + provision("1"))
    assert lines(validate([tmp_path], concepts=FIXTURE_CONCEPTS)) == [
        f'{b}: lgl:ata/example-act/1: lg:identifier "ata-example-act-1" is already declared in {a}'
    ]


def test_links_resolve_across_files(tmp_path):
    # A definition in another file of the same run is no dangling link, and its excerpt backs the quote.
    write(tmp_path, "a.ttl", CONTEXT + provision("1", excerpt="In this Act a child is a person under sixteen."))
    write(
        tmp_path,
        "b.ttl",
        PREFIXES
        + provision(
            "2",
            extra="""; lg:usesDefinition <https://w3id.org/lexgap/law/ata/example-act/1> ;
            lg:childAgeThreshold 16 ;
            lg:evidence [ lg:element lg:childAgeThreshold ; lg:quote "a person  under\\n sixteen" ]""",
        ),
    )
    assert validate([tmp_path], concepts=FIXTURE_CONCEPTS).problems == []


def test_quote_is_found_through_part_of_chains(tmp_path):
    # (1)(a) is part of (1), which is part of the section whose excerpt states the penalty.
    write(
        tmp_path,
        "a.ttl",
        CONTEXT
        + provision("9", excerpt="9. Whoever does any act in subsection (1) is liable to imprisonment for up to ten years.")
        + provision("9/1", identifier="ata-example-act-9-1", excerpt="(1) Any of these acts:",
                    extra="; lg:partOf <https://w3id.org/lexgap/law/ata/example-act/9>")
        + provision(
            "9/1/a",
            identifier="ata-example-act-9-1-a",
            excerpt="(a) possessing an image of a child.",
            extra="""; lg:partOf <https://w3id.org/lexgap/law/ata/example-act/9/1> ; lg:maxPenaltyYears 10.0 ;
            lg:evidence [ lg:element lg:maxPenaltyYears ; lg:quote "up to ten years" ]""",
        ),
    )
    assert validate([tmp_path], concepts=FIXTURE_CONCEPTS).problems == []


def test_quote_comparison_is_case_sensitive(tmp_path):
    path = write(
        tmp_path,
        "a.ttl",
        CONTEXT
        + provision(
            "1",
            extra="""; lg:maxPenaltyYears 1.0 ;
            lg:evidence [ lg:element lg:maxPenaltyYears ; lg:quote "a Person who possesses" ]""",
        ),
    )
    assert lines(validate([path], concepts=FIXTURE_CONCEPTS)) == [
        f"{path}: lgl:ata/example-act/1: lg:evidence quote for lg:maxPenaltyYears not found in the excerpt "
        'or linked definitions: "a Person who possesses"'
    ]


def test_syntax_errors_stop_the_other_checks(tmp_path):
    # A broken file would make every link into it look dangling: report only what does not parse.
    write(tmp_path, "a.ttl", CONTEXT + provision("1", extra="; lg:usesDefinition <https://w3id.org/lexgap/law/ata/example-act/2>"))
    b = write(tmp_path, "b.ttl", PREFIXES + "\n\nlgj:ATA rdfs:comment 'unterminated .\n")
    c = write(tmp_path, "c.ttl", PREFIXES + "lgj:ATA lg:iso3 \n")  # the object is missing: found at the end, line 8
    report = validate([tmp_path], concepts=FIXTURE_CONCEPTS)
    assert [(p.path, p.line, p.check) for p in report.problems] == [(str(b), 9, "syntax"), (str(c), 8, "syntax")]


def test_problems_are_sorted_and_stable(tmp_path):
    write(tmp_path, "b.ttl", CONTEXT + provision("2", extra='; lg:citation "again"'))
    write(tmp_path, "a.ttl", PREFIXES + provision("1", extra="; lg:maxPenaltyYears 2.0"))
    first = lines(validate([tmp_path], concepts=FIXTURE_CONCEPTS))
    assert first == lines(validate([tmp_path], concepts=FIXTURE_CONCEPTS))
    assert first == sorted(first) and len(first) == 2
    assert first[0].startswith(f"{tmp_path / 'a.ttl'}: lgl:ata/example-act/1: lg:maxPenaltyYears has a value")
    assert first[1] == f"{tmp_path / 'b.ttl'}: lgl:ata/example-act/2: lg:citation has 2 values, at most 1 allowed"


def test_problem_lines():
    assert str(Problem("a.ttl", 3, "", "Turtle syntax error: x")) == "a.ttl:3: Turtle syntax error: x"
    assert str(Problem("a.ttl", None, "lgj:ATA", "rdfs:label is missing")) == "a.ttl: lgj:ATA: rdfs:label is missing"
    assert str(Problem("a.ttl", 2, "", "first\nsecond")) == "a.ttl:2: first second"


def test_progress_is_reported_for_every_stage():
    seen = []
    validate([VALID_KB], concepts=FIXTURE_CONCEPTS, progress=lambda stage, done, total: seen.append((stage, done, total)))
    last = {stage: (done, total) for stage, done, total in seen}
    assert set(last) == {"parse", "shapes", "checks"}
    assert all(done == total for done, total in last.values())


# --- command-line contract -----------------------------------------------------------------------


def test_missing_path_is_one_line_exit_2(invoke, tmp_path):
    result = invoke("validate", tmp_path / "nope")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {tmp_path / 'nope'}: no such file or folder\n"


def test_missing_concepts_file_is_one_line_exit_2(invoke, tmp_path):
    result = invoke("validate", "--concepts", tmp_path / "none.ttl", VALID_KB)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none.ttl'}: no such file\n"


@pytest.mark.parametrize("command", ["validate", "concepts", "audit-sources", "version"])
def test_every_command_has_help(invoke, command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert f"lexgap {command}" in result.stdout


def test_version(invoke):
    result = invoke("version")
    out = result.stdout.splitlines()
    assert result.exit_code == 0
    assert re.fullmatch(r"lexgap \d+\.\d+\.\d+", out[0])
    assert out[1].startswith("dataset ") and len(out[1]) > len("dataset ")
