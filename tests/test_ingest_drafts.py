"""`lexgap evaluate-drafts`: untouched drafts against reviewed encodings, one fixture case per folder
(tests/ingest/drafts/<case>/: draft/ as ingest writes drafts, reviewed/ as a small reviewed knowledge base,
expected.yaml with the figures a reader can check by hand); then bad input, one line each; then the
helper script that writes drafts for a jurisdiction."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

CASES = Path(__file__).parent / "ingest" / "drafts"
SOURCES = Path(__file__).parent / "ingest" / "sources"
SCRIPT = Path(__file__).parents[1] / "scripts" / "draft-jurisdiction"


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir())


def test_every_case_folder_is_a_case():
    # One expected.yaml per case folder, and every case has drafts and a reviewed knowledge base.
    expected = sorted(CASES.glob("*/expected.yaml"))
    assert len(expected) == len(case_dirs()) >= 8
    for case in case_dirs():
        assert list((case / "draft").rglob("*.ttl")) and list((case / "reviewed").rglob("*.ttl")), case.name


@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_case(invoke, case):
    spec = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    args = ["evaluate-drafts", case / "draft", "--reviewed", case / "reviewed", "--format", "json"]
    if spec.get("jurisdiction"):
        args += ["--jurisdiction", spec["jurisdiction"]]
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    expect = spec["expect"]
    for key, value in expect.get("overall", {}).items():
        assert got["overall"][key] == value, (key, got["overall"])
    for group in ("jurisdictions", "languages"):
        for name, fields in expect.get(group, {}).items():
            for key, value in fields.items():
                assert got[group][name][key] == value, (group, name, key, got[group][name])
    if "jurisdiction_keys" in expect:
        assert sorted(got["jurisdictions"]) == expect["jurisdiction_keys"]
    if "language_keys" in expect:
        assert sorted(got["languages"]) == expect["language_keys"]
    # The groups add up: per-jurisdiction and per-language counts sum to the overall ones.
    for group in ("jurisdictions", "languages"):
        for key in ("drafted", "reviewed", "matched"):
            assert sum(g[key] for g in got[group].values()) == got["overall"][key], (group, key)
    # Every provision is listed once: matched, added or dropped.
    listed = got["provisions"]
    assert len(listed) == got["overall"]["matched"] + got["overall"]["added_by_review"] + got["overall"]["dropped_by_review"]


def test_table_output_names_each_group(invoke):
    case = CASES / "two-jurisdictions-by-language"
    result = invoke("evaluate-drafts", case / "draft", "--reviewed", case / "reviewed", "--format", "csv")
    assert result.exit_code == 0, result.output
    groups = [line.split(",")[0] for line in result.stdout.strip().splitlines()[1:]]
    assert groups == ["FRA", "KEN", "lang en", "lang fr", "overall"]


def test_bad_input_is_one_line(invoke, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "x.ttl").write_text("@prefix lg: <https://w3id.org/lexgap/ontology#> .\n<a> lg:b \n", encoding="utf-8")
    good = CASES / "same-provision-same-values" / "draft"
    cases = [
        ([tmp_path / "missing"], "no such folder"),
        ([empty], "no draft files"),
        ([broken], "x.ttl:"),
        ([good, "--jurisdiction", "XYZ"], "unknown jurisdiction"),
        ([good, "--reviewed", tmp_path / "nowhere"], "no such file or folder"),
    ]
    for args, message in cases:
        result = invoke("evaluate-drafts", *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


# --------------------------------------------------------------------------------------------------
# scripts/draft-jurisdiction


def _run_script(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LEXGAP_DRAFTS_DIR": str(cwd / "drafts")}
    return subprocess.run([str(SCRIPT), *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=600)


def test_script_drafts_every_file_with_its_language_and_records_the_tool(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES / "ken", sources / "ken")
    # a file without a language line is drafted in the language given on the command line
    body = (SOURCES / "ken" / "CMCA2018_s24.txt").read_text(encoding="utf-8")
    (sources / "ken" / "no-language.txt").write_text(
        "\n".join(line for line in body.split("\n") if not line.startswith("language:")), encoding="utf-8"
    )
    result = _run_script("KEN", sources, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    drafts = sorted(p.name for p in (tmp_path / "drafts" / "ken").glob("*.ttl"))
    assert drafts == ["CMCA2018_s24.ttl", "no-language.ttl"]
    text = (tmp_path / "drafts" / "ken" / "CMCA2018_s24.ttl").read_text(encoding="utf-8")
    assert text.startswith("# Drafted by scripts/draft-jurisdiction: lexgap ")
    assert "# Draft proposed by lexgap-ingest " in text and 'lg:reviewStatus "draft"' in text
    # an existing draft is kept (it is the untouched record), unless --force
    again = _run_script("KEN", sources, "--lang", "en", cwd=tmp_path)
    assert again.returncode == 0 and "kept" in again.stderr


def test_script_refuses_a_file_without_a_language(tmp_path):
    sources = tmp_path / "sources"
    (sources / "ken").mkdir(parents=True)
    (sources / "ken" / "x.txt").write_text("jurisdiction: KEN\n---\n24. Title\n\n(1) Text.\n", encoding="utf-8")
    result = _run_script("KEN", sources, cwd=tmp_path)
    assert result.returncode == 2
    assert "x.txt: no language: line" in result.stderr
    assert not list((tmp_path / "drafts").rglob("*.ttl"))
