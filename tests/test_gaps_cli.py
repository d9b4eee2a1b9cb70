"""The gap commands, called in-process: output contracts and exit codes (0 fine, 1 findings, 2 bad input)."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "gaps"))

from gapcases import CASES, COMMON, KB_FILES  # noqa: E402

from lexgap.cli import app  # noqa: E402
from lexgap.cli.gaps import parse_param  # noqa: E402
from lexgap.load import ANALYSIS_DIR  # noqa: E402

runner = CliRunner()
DATA = ["--data", str(COMMON)] + [arg for path in KB_FILES for arg in ("--data", str(path))]


def run(*args: str):
    return runner.invoke(app, list(args))


def test_gaps_json_contract_and_statuses():
    result = run("gaps", "-j", "XAD", "-i", "tst", "--as-of", "2026-11-28", "--format", "json", *DATA)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["requirement"] for r in rows] == ["tst-1-1-a", "tst-1-1-b", "tst-1-1-c", "tst-2", "tst-10"]
    possession = rows[1]
    assert {k: possession[k] for k in ("jurisdiction", "instrument", "article", "requirement", "concept", "status")} == {
        "jurisdiction": "XAD",
        "instrument": "tst",
        "article": "1",
        "requirement": "tst-1-1-b",
        "concept": "csam-possession",
        "status": "met",
    }
    assert possession["provisions"] == ["Code s. 10(3)", "Code s. 11(3)"]
    assert possession["failed_constraints"] == []
    assert "persons under 18" in possession["reason"]


@pytest.mark.parametrize("fmt", ["csv", "md", "table"])
def test_gaps_other_formats(fmt):
    result = run("gaps", "-j", "XAE", "--as-of", "2026-11-28", "--format", fmt, *DATA)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        row = next(r for r in rows if r["requirement"] == "tst-1-1-b")
        assert (row["status"], row["failed_constraints"], row["provisions"]) == (
            "partial", "penalty", "Code s. 10(3); Code s. 11(3)"
        )
    elif fmt == "md":
        assert result.stdout.startswith("| jurisdiction | instrument | article |")
        assert "| partial |" in result.stdout
    else:
        assert "partial" in result.stdout and "1(1)(b)" in result.stdout


def test_as_of_changes_the_result():
    before = run("gaps", "-j", "XAI", "--as-of", "2005-01-01", "-f", "json", *DATA)
    after = run("gaps", "-j", "XAI", "--as-of", "2021-01-01", "-f", "json", *DATA)
    status = lambda out: {r["requirement"]: r["status"] for r in json.loads(out.stdout)}  # noqa: E731
    assert status(before)["tst-1-1-b"] == "partial" and status(after)["tst-1-1-b"] == "met"
    assert status(before)["tst-1-1-a"] == "met" and status(after)["tst-1-1-a"] == "missing"


def test_fail_on_exits_1_only_when_found():
    found = run("gaps", "-j", "XAE", "--as-of", "2026-11-28", "-f", "json", "--fail-on", "missing,partial", *DATA)
    assert found.exit_code == 1
    assert "result(s) with status missing, partial" in found.stderr
    clean = run("gaps", "-j", "XAA", "--as-of", "2026-11-28", "-f", "json", "--fail-on", "missing,partial", *DATA)
    assert clean.exit_code == 0, clean.output


@pytest.mark.parametrize(
    "args, message",
    [
        (("gaps", "-j", "ZZZ"), "error: unknown jurisdiction: ZZZ"),
        (("gaps", "-j", "XAA", "-i", "nope"), "error: unknown instrument: nope"),
        (("gaps", "-j", "XAA", "--as-of", "2026-13-01"), "error: --as-of: not a date"),
        (("gaps", "-j", "XAA", "--fail-on", "bad"), "error: --fail-on: unknown status 'bad'"),
        (("compare", "--concept", "no-such-concept"), "error: unknown concept: no-such-concept"),
        (("gaps", "-j", "XAA", "--endpoint", "http://x", "--data", "x.ttl"), "error: give either --endpoint or --data"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, message):
    result = run(*args, *(DATA if "--endpoint" not in args else ()))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_endpoint_address_is_one_line():
    result = run("gaps", "-j", "XAA", "--endpoint", "ftp://x")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: not an http(s) endpoint address: 'ftp://x'"


def test_bad_data_file_is_one_line(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix lg: <https://w3id.org/lexgap/ontology#> .\nlg:x lg:y \n", encoding="utf-8")
    result = run("gaps", "-j", "XAA", "--data", str(broken))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {broken}:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_matrix_has_every_jurisdiction_and_requirement():
    result = run("matrix", "-i", "tst", "--as-of", "2026-11-28", *DATA)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(CASES) * 5
    assert {r["jurisdiction"] for r in rows} == {c.jurisdiction for c in CASES}
    as_json = json.loads(run("matrix", "-i", "tst", "--as-of", "2026-11-28", "-f", "json", *DATA).stdout)
    assert [(r["jurisdiction"], r["requirement"], r["status"]) for r in as_json] == [
        (r["jurisdiction"], r["requirement"], r["status"]) for r in rows
    ]


def test_compare_table_and_json():
    result = run("compare", "--concept", "csam-possession", "-j", "XAD,XAB", "--as-of", "2026-11-28", "-f", "json", *DATA)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["jurisdiction"], r["coverage"], r["provision"]) for r in rows] == [
        ("XAB", "missing", ""), ("XAD", "provision", "Code s. 10(3)"), ("XAD", "provision", "Code s. 11(3)")
    ]
    assert rows[2]["values"]["childAgeFrom"] == "14"
    table = run("compare", "--concept", "csam-possession", "-j", "XAD", "--as-of", "2026-11-28", *DATA)
    assert table.exit_code == 0 and "maxPenal" in table.stdout and "10(3)" in table.stdout


def test_query_binds_parameters_as_values():
    query = str(ANALYSIS_DIR / "report-implementing-provisions.rq")
    result = run("query", query, "--param", "concept=lgc:csam-offences", "--param", "jurisdiction=lgj:XAQ",
                 "-f", "json", *DATA)
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["citation"], r["implements"]) for r in rows] == [
        ("Code s. 1", "https://w3id.org/lexgap/concept/csam-production")
    ]
    # Two values for one parameter: both jurisdictions.
    both = run("query", query, "-p", "concept=lgc:csam-possession", "-p", "jurisdiction=lgj:XAD",
               "-p", "jurisdiction=lgj:XAE", "-f", "csv", *DATA)
    assert sorted({r["jurisdiction"][-3:] for r in csv.DictReader(io.StringIO(both.stdout))}) == ["XAD", "XAE"]


def test_query_value_is_never_pasted_as_text():
    # A value that would change the query if pasted stays one plain literal that matches nothing.
    query = str(ANALYSIS_DIR / "report-implementing-provisions.rq")
    evil = 'x" } ?s ?p ?o { "'
    result = run("query", query, "-p", f"concept={evil}", "-f", "json", *DATA)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_query_check_with_rows_exits_1(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        "@prefix lg: <https://w3id.org/lexgap/ontology#> .\n"
        "<https://w3id.org/lexgap/law/x/1> a lg:Provision ; lg:childAgeFrom 18 ; lg:childAgeThreshold 14 .\n",
        encoding="utf-8",
    )
    check = str(ANALYSIS_DIR / "check-age-range.rq")
    assert run("query", check, *DATA).exit_code == 0
    result = run("query", check, "-f", "json", "--data", str(broken))
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["threshold"] == 14


@pytest.mark.parametrize(
    "args, message",
    [
        (("query", "no-such.rq"), "error: no-such.rq: no such query file"),
        (("query", str(ANALYSIS_DIR / "gap-matrix.rq"), "-p", "novalue"), "error: --param 'novalue': expected name=value"),
        (("query", str(ANALYSIS_DIR / "gap-matrix.rq"), "-p", "nosuch=1"), "the query has no variable ?nosuch"),
        (("query", str(ANALYSIS_DIR / "gap-matrix.rq"), "-p", "asOf=2026-02-30"), "not a valid date"),
        (("query", str(ANALYSIS_DIR / "gap-matrix.rq"), "-p", "jurisdiction=<not an iri>"), "not a valid absolute IRI"),
    ],
)
def test_query_bad_input(args, message):
    result = run(*args, *DATA)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "text, expected",
    [
        ("j=lgj:DEU", ("j", "https://w3id.org/lexgap/jurisdiction/DEU")),
        ("j=<https://example.org/a>", ("j", "https://example.org/a")),
        ("asOf=2020-01-31", ("asOf", "2020-01-31")),
        ("n=18", ("n", 18)),
        ("x=0.5", ("x", "0.5")),
        ("b=true", ("b", True)),
        ("s=DEU", ("s", "DEU")),
        ("?v=unknown:thing", ("v", "unknown:thing")),
    ],
)
def test_parse_param(text, expected):
    name, value = parse_param(text)
    shown = value.isoformat() if hasattr(value, "isoformat") else (str(value) if not isinstance(value, (bool, int)) else value)
    assert (name, shown) == expected
