"""Building the site: the command, strict mkdocs, reproducible bytes, no broken internal link, the
downloads, and a failed build that leaves the previous site in place."""

from __future__ import annotations

import csv
import hashlib
import html.parser
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest

from lexgap import site
from lexgap.load import PROJECT_ROOT, STATUTES_DIR, ontology_paths
from site_build import FIXTURE_ONTOLOGY, FIXTURE_STATUTES, bundled_site, fixture_site, temporary


# ---- the command ----------------------------------------------------------------------------------


def test_site_command_builds_and_summarises(invoke, tmp_path):
    out = tmp_path / "built"
    result = invoke("site", "--out", out, "--statutes", FIXTURE_STATUTES, "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["jurisdictions"] == 3
    assert summary["out"] == str(out.resolve())
    assert (out / "index.html").is_file() and (out / "reports" / "example" / "bvt" / "index.html").is_file()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--as-of", "2026-02-30"], "error: not a date (YYYY-MM-DD): '2026-02-30'"),
        (["--statutes", "no/such/folder"], "error: --statutes no/such/folder: no such folder"),
    ],
    ids=["impossible date", "missing folder"],
)
def test_site_command_bad_input_is_one_line_exit_2(invoke, tmp_path, args, message):
    result = invoke("site", "--out", tmp_path / "x", *args)
    assert result.exit_code == 2
    assert result.stderr.strip() == message
    assert not (tmp_path / "x").exists()


def test_failed_build_leaves_the_previous_site_untouched(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("previous site")
    # A configuration whose navigation names a page that does not exist: strict mkdocs must fail.
    config = tmp_path / "mkdocs.yml"
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: docs", f"docs_dir: {PROJECT_ROOT / 'docs'}").replace(
        "  - src/lexgap/pages/mkdocs_hook.py", f"  - {PROJECT_ROOT / 'src/lexgap/pages/mkdocs_hook.py'}"
    )
    config.write_text(text + "  - Missing: no-such-page.md\n", encoding="utf-8")
    with pytest.raises(site.SiteError, match="mkdocs build failed"):
        site.build(out=out, statutes=FIXTURE_STATUTES, ontology=FIXTURE_ONTOLOGY, config_file=config)
    assert (out / "index.html").read_text() == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mkdocs.yml", "site"]  # no staging folder left


def test_edit_links_point_at_the_data_files():
    out, _report = fixture_site()

    def edit(page: str) -> list[str]:
        return re.findall(r'<a href="([^"]+)" title="Edit this page"', (out / page).read_text(encoding="utf-8"))

    base = "https://github.com/lexgap/lexgap/edit/main/"
    assert edit("jurisdictions/bvt/index.html") == [base + "statutes/national/bvt/jurisdiction.ttl"]
    assert edit("instruments/example/art-3/index.html") == [base + "statutes/instruments/example.ttl"]
    assert edit("methodology.html") == [base + "docs/methodology.md"]
    assert edit("index.html") == []  # the home page comes from the whole knowledge base, no one file


# ---- the bundled site -----------------------------------------------------------------------------


def test_plain_mkdocs_build_strict_has_no_warning(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env={"PATH": str(mkdocs.parent), "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)},
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    warnings = [line for line in done.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert warnings == []
    assert (tmp_path / "site" / "reports" / "budapest").is_dir()


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_data_are_byte_identical():
    # Both builds read one snapshot of the bundled data, so that an edit to statutes/ between them (the
    # working tree is live while tests run) cannot make them differ.
    snapshot = temporary("lexgap-snapshot-")
    shutil.copytree(STATUTES_DIR, snapshot / "statutes")
    ontology = tuple(Path(shutil.copy(p, snapshot)) for p in ontology_paths())
    first, second = snapshot / "first", snapshot / "second"
    site.build(out=first, statutes=snapshot / "statutes", ontology=ontology)
    site.build(out=second, statutes=snapshot / "statutes", ontology=ontology)
    a, b = _digest(first), _digest(second)
    assert sorted(a) == sorted(b)
    differ = [name for name in a if a[name] != b[name]]
    assert differ == []


def test_sitemap_is_dated_as_of_the_law():
    out, report = bundled_site()
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (out / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {report.as_of}


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name in ("href", "src"):
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(values[name])


def broken_links(folder: Path, base_path: str = "/lexgap/") -> list[str]:
    """Every internal href/src of every HTML page that does not reach a file (or an id in it).

    Links are relative, except on mkdocs's 404 page, which must work at any depth and so uses paths from
    the server root (``/lexgap/assets/…``, from ``site_url``): those are read relative to ``base_path``.
    """
    parsed: dict[Path, _Links] = {}

    def parse(page: Path) -> _Links:
        if page not in parsed:
            parser = _Links()
            parser.feed(page.read_text(encoding="utf-8"))
            parsed[page] = parser
        return parsed[page]

    pages = sorted(folder.rglob("*.html"))
    assert pages, "no HTML page in the built site"
    problems = []
    for page in pages:
        for link in parse(page).links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith(("mailto:", "data:", "javascript:")):
                continue
            path = unquote(parts.path)
            if path.startswith(base_path):
                target = (folder / path[len(base_path):]).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(folder)}: {link}"
            if not target.is_file() or folder.resolve() not in target.parents:
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{where} (no such anchor)")
    return problems


def test_no_broken_internal_link_in_the_bundled_site():
    out, _report = bundled_site()
    assert broken_links(out) == []


def test_no_broken_internal_link_in_the_fixture_site():
    out, _report = fixture_site()
    assert broken_links(out) == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    (tmp_path / "index.html").write_text(
        '<a href="missing.html">x</a><a href="index.html#nowhere">y</a><a id="here" href="#here">z</a>'
        '<a href="/lexgap/index.html">root</a><a href="/lexgap/gone.html">gone</a>'
    )
    assert broken_links(tmp_path) == [
        "index.html: missing.html (no such file)",
        "index.html: index.html#nowhere (no such anchor)",
        "index.html: /lexgap/gone.html (no such file)",
    ]


def test_downloads_parse_and_hold_the_same_graph():
    out, _report = bundled_site()
    downloads = out / "downloads"
    counts = {}
    for name, fmt in (("lexgap.ttl", ox.RdfFormat.TURTLE), ("lexgap.nt", ox.RdfFormat.N_TRIPLES), ("lexgap.jsonld", ox.RdfFormat.JSON_LD)):
        counts[name] = len(set(ox.parse((downloads / name).read_bytes(), format=fmt)))
    assert len(set(counts.values())) == 1 and counts["lexgap.nt"] > 1000, counts
    per_jurisdiction = sorted(p.stem for p in (downloads / "jurisdictions").glob("*.ttl"))
    profiles = sorted(p.name for p in (out / "jurisdictions").iterdir() if p.is_dir())
    assert per_jurisdiction == profiles
    queries = sorted(p.name for p in (downloads / "queries").glob("*.rq"))
    assert queries == sorted(p.name for p in (PROJECT_ROOT / "analysis").glob("*.rq"))


def test_gap_matrix_csv_has_one_row_per_cell():
    out, _report = bundled_site()
    rows = list(csv.DictReader(io.StringIO((out / "downloads" / "gap-matrix.csv").read_text(encoding="utf-8"))))
    jurisdictions = len([p for p in (out / "jurisdictions").iterdir() if p.is_dir()])
    requirements = len({r["requirement"] for r in rows})
    assert len(rows) == jurisdictions * requirements
    assert {r["status"] for r in rows} <= {"met", "partial", "missing", "reserved", "not-applicable", "unknown"}


def test_every_report_is_at_its_stable_address_with_a_cite_block():
    out, _report = bundled_site()
    instruments = sorted(p.name for p in (out / "instruments").iterdir() if p.is_dir())
    jurisdictions = sorted(p.name for p in (out / "jurisdictions").iterdir() if p.is_dir())
    reports = sorted((out / "reports").glob("*/*/index.html"))
    assert len(reports) == len(instruments) * len(jurisdictions)
    for page in reports[:: max(1, len(reports) // 20)]:
        text = page.read_text(encoding="utf-8")
        address = "https://lexgap.github.io/lexgap/" + page.parent.relative_to(out).as_posix() + "/"
        assert f'class="lg-address">{address}</a>' in text
        assert re.search(r'<code class="lg-hash">[0-9a-f]{12}</code>', text)
