"""Hostile input to ``lexgap validate``: every case gives one clear line (exit 2) or, where the input
is legal, ``valid`` — never a traceback, never more than the one problem.

tests/fixtures/hostile/ holds two kinds of case (its files are all cases):

* ``NAME.ttl`` — first line ``# expect: <the one line printed, {path} for the file>`` or
  ``# expect: valid`` ({fixtures_uri} stands for the fixtures folder's file: IRI), second line ``# why: …``; a UTF-8 byte-order mark may come before them.
* ``NAME.gen`` — too big or too deep to commit: line 1 ``# generate: KIND N``, line 2 ``# why: …``,
  then a Turtle template whose ``{{HOSTILE}}`` slot the test fills in a temporary folder, where the
  file is validated (expected lines are in GENERATED below).

Together with tests/fixtures/invalid/ (one failure each, tests/test_validate.py) this is the corpus
of bad input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_CONCEPTS, FIXTURES

HOSTILE = FIXTURES / "hostile"
FILES = sorted(HOSTILE.iterdir())
BOM = b"\xef\xbb\xbf"


def _expectation(path: Path) -> str:
    data = path.read_bytes()
    data = data[len(BOM):] if data.startswith(BOM) else data
    first = data.split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name}: first line must be '# expect: ...'"
    return first.removeprefix("# expect: ")


TTL_CASES = [(p, _expectation(p)) for p in FILES if p.suffix == ".ttl"]
GEN_FILES = [p for p in FILES if p.suffix == ".gen"]

# What a generated file must give ({path} is its temporary path).
GENERATED = {
    "huge-excerpt-50mb": "{path}:1: Turtle syntax error: one term is larger than the parser's 16 MB limit",
    "deep-nested-list": "valid",
    "deep-nested-blank-nodes": "valid",
}


def test_every_hostile_file_is_a_case():
    assert len(TTL_CASES) + len(GEN_FILES) == len(FILES)
    assert {p.stem for p in GEN_FILES} == set(GENERATED)
    # The issue asks for at least 40 bad inputs; this folder alone holds more.
    assert len(FILES) >= 40


def test_corpus_holds_both_outcomes():
    outcomes = [e == "valid" for _, e in TTL_CASES]
    assert 10 <= sum(outcomes) and sum(not o for o in outcomes) >= 25


def _check(invoke, path: Path, expected: str):
    result = invoke("validate", "--concepts", FIXTURE_CONCEPTS, path)
    assert "Traceback" not in result.output
    if expected == "valid":
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith("valid: 1 files, "), result.output
    else:
        assert result.exit_code == 2, result.output
        line = expected.replace("{path}", str(path)).replace("{fixtures_uri}", FIXTURES.resolve().as_uri())
        assert result.stdout.splitlines() == [line]
        assert result.stderr.startswith("invalid: 1 problem; 1 files, ")


@pytest.mark.parametrize(("path", "expected"), TTL_CASES, ids=[p.name for p, _ in TTL_CASES])
def test_hostile_file(invoke, path, expected):
    _check(invoke, path, expected)


def _generate(template: Path, folder: Path) -> Path:
    lines = template.read_text(encoding="utf-8").split("\n")
    kind, count = lines[0].removeprefix("# generate: ").split()
    n = int(count)
    if kind == "excerpt":
        sentence = "2. A person who possesses an indecent image of a child commits an offence. "
        hostile = '"' + sentence * (n // len(sentence)) + '"@en'
    elif kind == "list":
        hostile = "( " * n + '"x"' + " )" * n
    elif kind == "bnodes":
        hostile = "[ rdfs:seeAlso " * n + '"x"' + " ]" * n
    else:
        raise AssertionError(f"{template.name}: unknown kind {kind}")
    path = folder / (template.stem + ".ttl")
    path.write_text("\n".join(lines[2:]).replace("{{HOSTILE}}", hostile), encoding="utf-8")
    if kind == "excerpt":
        assert path.stat().st_size >= 50_000_000
    return path


@pytest.mark.parametrize("template", GEN_FILES, ids=[p.stem for p in GEN_FILES])
def test_generated_hostile_file(invoke, tmp_path, template):
    path = _generate(template, tmp_path)
    _check(invoke, path, GENERATED[template.stem])
    # validate writes nothing: the folder holds only the input.
    assert sorted(tmp_path.iterdir()) == [path]


# ---------------------------------------------------------------------------------------------
# Markup in labels and titles renders as text in real Chromium (excerpts and citations are covered
# by tests/test_browser.py; here: the jurisdiction's name, the act's title, the instrument's title).

MARKUP = {
    "jurisdiction": '<img src=x onerror="window.lexgapInjected=1">Bouvet<script>window.lexgapInjected=2</script>',
    "act": '<iframe src="javascript:window.lexgapInjected=3"></iframe>Test **Act** [x](javascript:alert(1))',
}


@pytest.fixture(scope="module")
def marked_up_site(tmp_path_factory):
    from lexgap import site
    from site_build import FIXTURE_ONTOLOGY, FIXTURE_STATUTES
    import shutil

    root = tmp_path_factory.mktemp("markup")
    statutes = root / "statutes"
    shutil.copytree(FIXTURE_STATUTES, statutes)
    replacements = {
        statutes / "national/bvt/jurisdiction.ttl": ('rdfs:label "Bouvet Island"@en', MARKUP["jurisdiction"]),
        statutes / "national/bvt/test-act.ttl": ('dcterms:title "Test Act 2021"@en', MARKUP["act"]),
    }
    for path, (old, text) in replacements.items():
        body = path.read_text(encoding="utf-8")
        assert body.count(old) == 1
        literal = text.replace("\\", "\\\\").replace('"', '\\"')
        path.write_text(body.replace(old, f'{old.split(" ", 1)[0]} "{literal}"@en'), encoding="utf-8")
    out = root / "site"
    site.build(out=out, statutes=statutes, ontology=FIXTURE_ONTOLOGY)
    return out


@pytest.mark.browser
@pytest.mark.parametrize("page", ["jurisdictions/bvt/index.html", "index.html", "jurisdictions/index.html"])
def test_markup_in_labels_is_shown_as_text(marked_up_site, page):
    from chromium import CHROMIUM, Chromium

    assert CHROMIUM.exists(), "Debian chromium is not installed"
    path = marked_up_site / page
    assert path.is_file(), page
    with Chromium(width=1280, height=900) as browser:
        browser.open(path.resolve().as_uri())
        # No injected script ran, no injected element exists.
        assert browser.js("window.lexgapInjected === undefined")
        assert browser.js("document.querySelectorAll('.md-content img[src=\"x\"], .md-content iframe').length") == 0
        assert browser.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
        assert browser.js("Array.from(document.querySelectorAll('.md-content script')).filter(s => s.textContent.includes('lexgapInjected')).length") == 0
        text = browser.js("document.body.innerText")
        # The name is on the page, as typed.
        assert "Bouvet<script>" in text or "onerror=" in text, page
    if page.startswith("jurisdictions/bvt"):
        with Chromium(width=1280, height=900) as browser:
            browser.open(path.resolve().as_uri())
            assert "<iframe src=" in browser.js("document.body.innerText")


def test_validate_prints_only_its_lines_on_stderr():
    # Library warnings (rdflib's "Parsing weird boolean") must not add lines a user has to read.
    import subprocess
    import sys

    path = HOSTILE / "boolean-as-yes.ttl"
    run = subprocess.run(
        [str(Path(sys.executable).parent / "lexgap"), "validate", "--concepts", str(FIXTURE_CONCEPTS), str(path)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert len(run.stdout.splitlines()) == 1
    assert len(run.stderr.splitlines()) == 1 and run.stderr.startswith("invalid: 1 problem"), run.stderr
