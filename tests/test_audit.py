"""`lexgap audit-sources`: excerpts are verbatim passages of the body of their source files.

The sources used here are the invented texts in tests/fixtures/valid/sources/ (never the real source
folder, which only CI's separate `lexgap audit-sources ../shared/sources` reads).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import VALID_KB
from lexgap.audit import Mismatch, audit, audit_sources, longest_prefix_in
from lexgap.load import load

SOURCES = VALID_KB / "sources"


@pytest.fixture(scope="module")
def kb():
    return load([VALID_KB], include_ontology=False)


@pytest.fixture
def sources(tmp_path) -> Path:
    """A private copy of the fixture sources that a test may break."""
    return Path(shutil.copytree(SOURCES, tmp_path / "sources"))


def test_fixture_excerpts_all_match(kb):
    result = audit(SOURCES, kb)
    assert result.mismatches == []
    # 4 provisions, 1 article text, 1 requirement excerpt (checked against its article's file).
    assert (result.checked, result.files) == (6, 4)


def test_changed_word_is_reported_with_where_the_match_stops(kb, sources):
    path = sources / "ata" / "EA_s2_as-enacted.txt"
    path.write_text(path.read_text().replace("up to two years", "up to 2 years"))
    # The excerpt is 124 characters; everything up to "two years." (10 characters) still matches.
    assert [str(m) for m in audit_sources(sources, kb)] == [
        'lgl:ata/example-act/2 lg:excerpt: ata/EA_s2_as-enacted.txt: excerpt "2. A person who possesses '
        'an indecent image of a child commi" not in the source text; the longest matching prefix stops '
        'at character 114 of 124, before "two years."'
    ]


def test_mismatch_fields(kb, sources):
    path = sources / "ata" / "EA_s1.txt"
    path.write_text(path.read_text().replace("eighteen", "sixteen"))
    (mismatch,) = audit_sources(sources, kb)
    assert mismatch == Mismatch(
        node="lgl:ata/example-act/1",
        prop="lg:excerpt",
        source_file="ata/EA_s1.txt",
        kind="not-found",
        excerpt_start='1. In this Act, "child" means a person under the age of eigh',
        matched=len('1. In this Act, "child" means a person under the age of '),
        length=len('1. In this Act, "child" means a person under the age of eighteen years.'),
        stops_before="eighteen years.",
    )


def test_missing_source_file(kb, sources):
    (sources / "int" / "EXAMPLE_art03.txt").unlink()
    assert [str(m) for m in audit_sources(sources, kb)] == [
        "lgi:example/art/3 lg:text: int/EXAMPLE_art03.txt: source file not found",
        "lgi:example/req/3-1 lg:excerpt: int/EXAMPLE_art03.txt: source file not found",
    ]


def test_text_before_the_separator_does_not_count(kb, sources):
    # The excerpt is in the header only: the body is what follows the first line that is exactly '---'.
    path = sources / "ata" / "EA_s1.txt"
    path.write_text(
        'note: 1. In this Act, "child" means a person under the age of eighteen years.\n---\n'
        '1. In this Act, "kid" means a person under the age of eighteen years.\n'
    )
    assert [m.node for m in audit_sources(sources, kb)] == ["lgl:ata/example-act/1"]


def test_no_separator(kb, sources):
    (sources / "ata" / "EA_s1.txt").write_text('1. In this Act, "child" means a person under the age of eighteen years.\n')
    assert [str(m) for m in audit_sources(sources, kb)] == [
        "lgl:ata/example-act/1 lg:excerpt: ata/EA_s1.txt: source file has no '---' line before the text"
    ]


def test_whitespace_differences_are_ignored_but_case_is_not(kb, sources):
    path = sources / "ata" / "EA_s1.txt"
    path.write_text('h: x\n---\n1.\tIn this Act,\n\n   "child"  means a person\r\nunder the age of eighteen   years.\n')
    assert audit_sources(sources, kb) == []
    path.write_text('h: x\n---\n1. In this Act, "Child" means a person under the age of eighteen years.\n')
    assert [m.matched for m in audit_sources(sources, kb)] == [len('1. In this Act, "')]


def test_source_path_may_not_leave_the_folder(sources, tmp_path):
    graph = load([VALID_KB], include_ontology=False)
    from lexgap.vocab import LG, LGL
    from rdflib import Literal

    node = LGL["ata/example-act/1"]
    graph.set((node, LG.sourceFile, Literal("../outside.txt")))
    (tmp_path / "outside.txt").write_text('---\n1. In this Act, "child" means a person under the age of eighteen years.')
    assert [str(m) for m in audit_sources(sources, graph)] == [
        "lgl:ata/example-act/1 lg:excerpt: ../outside.txt: source path leaves the sources folder"
    ]


@pytest.mark.parametrize(
    ("text", "body", "expected"),
    [
        ("abc", "xxabcxx", 3),
        ("abd", "xxabcxx", 2),
        ("zzz", "abc", 0),
        ("", "abc", 0),
        ("abcabd", "abcabc abcab", 5),
    ],
)
def test_longest_prefix_in(text, body, expected):
    assert longest_prefix_in(text, body) == expected


# --- command line ---------------------------------------------------------------------------------


def test_cli_all_match(invoke):
    result = invoke("audit-sources", SOURCES, "--data", VALID_KB)
    assert result.exit_code == 0, result.output
    assert result.stdout == "all 6 excerpts match their source files (4 files)\n"


def test_cli_mismatch_exit_1_one_line_each(invoke, sources):
    (sources / "int" / "EXAMPLE_art03.txt").unlink()
    result = invoke("audit-sources", sources, "--data", VALID_KB)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "lgi:example/art/3 lg:text: int/EXAMPLE_art03.txt: source file not found",
        "lgi:example/req/3-1 lg:excerpt: int/EXAMPLE_art03.txt: source file not found",
    ]
    assert result.stderr == "2 of 6 excerpts do not match their source files\n"


def test_cli_json(invoke, sources):
    (sources / "ata" / "EA_s2.txt").unlink()
    result = invoke("audit-sources", sources, "--data", VALID_KB, "--format", "json")
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [(r["node"], r["kind"]) for r in records] == [
        ("lgl:ata/example-act/2@2022-01-01", "missing-file"),
        ("lgl:ata/example-act/2@2022-01-01/2", "missing-file"),
    ]


def test_cli_missing_folder_exit_2(invoke, tmp_path):
    result = invoke("audit-sources", tmp_path / "nope", "--data", VALID_KB)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'nope'}: no such folder\n"
