"""Site pages as pure functions: golden pages a person can review, and the pieces they are made of.

Golden files live in tests/golden/site/; after a deliberate change, rewrite them with
``LEXGAP_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_site_pages.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from lexgap import site
from lexgap.gaps import STATUSES
from lexgap.pages import cite, markup, paths, registry, status, svg
from lexgap.pages.describe import element_value, value_text
from lexgap.pages.page import Page
from site_build import FIXTURE_ONTOLOGY, FIXTURE_STATUTES

GOLDEN = Path(__file__).parent / "golden" / "site"
UPDATE = os.environ.get("LEXGAP_UPDATE_GOLDEN") == "1"

# (golden file, generated page): one row per golden file.
GOLDEN_PAGES = [
    ("home.md", paths.HOME),
    ("instruments-index.md", paths.INSTRUMENTS),
    ("instrument-example.md", paths.instrument("example")),
    ("article-example-3.md", paths.article("example", "3")),
    ("jurisdictions-index.md", paths.JURISDICTIONS),
    ("jurisdiction-ata.md", paths.jurisdiction("ATA")),
    ("jurisdiction-bvt.md", paths.jurisdiction("BVT")),
    ("offence-csam-possession.md", paths.offence("csam-possession")),
    ("reports-index.md", paths.REPORTS),
    ("report-example-ata.md", paths.report("example", "ATA")),
    ("report-example-bvt.md", paths.report("example", "BVT")),
    ("report-example-hmd.md", paths.report("example", "HMD")),
]


@pytest.fixture(scope="module")
def generated() -> dict[str, Page]:
    result = site.prepare(site.Options(statutes=FIXTURE_STATUTES, ontology=FIXTURE_ONTOLOGY), "https://example.org/lexgap/")
    # The version names the data files' bytes; pin it so the golden pages do not change with the ontology file.
    data = result.data
    data.dataset_version = "0.0.0+golden"
    mine = [g for g in registry.GENERATORS if g.name in {"home", "instruments", "jurisdictions", "offences", "reports"}]
    return {p.path: p for p in registry.generate(data, mine)}


def test_every_golden_file_has_a_case():
    on_disk = sorted(p.name for p in GOLDEN.glob("*.md"))
    assert on_disk == sorted(name for name, _path in GOLDEN_PAGES) or UPDATE


@pytest.mark.parametrize("name,path", GOLDEN_PAGES, ids=[n for n, _p in GOLDEN_PAGES])
def test_golden_page(generated, name, path):
    page = generated[path]
    target = GOLDEN / name
    if UPDATE:
        target.write_text(page.content, encoding="utf-8")
    assert page.content == target.read_text(encoding="utf-8"), f"{name} differs: review, then LEXGAP_UPDATE_GOLDEN=1"


def test_edit_links_name_the_data_file(generated):
    assert generated[paths.jurisdiction("BVT")].edit == "statutes/national/bvt/jurisdiction.ttl"
    assert generated[paths.article("example", "3")].edit == "statutes/instruments/example.ttl"
    assert generated[paths.offence("csam-possession")].edit == "ontology/concepts.ttl"
    assert generated[paths.HOME].edit is None


def test_unknown_is_never_shown_as_a_gap(generated):
    # HMD has nothing reviewed: its report may show Unknown and Not applicable, never Missing or Partial.
    report = generated[paths.report("example", "HMD")].content
    shown = re.findall(r'<span class="lg-status-big"><span class="lg-status lg-status--([a-z-]+)"', report)
    assert shown == ["unknown", "unknown", "not-applicable"]
    assert "Model language" not in report


def test_model_language_quotes_a_jurisdiction_that_meets_the_requirement(generated):
    report = generated[paths.report("example", "BVT")].content
    models = report.split('<div class="lg-models">', 1)[1]
    assert "Antarctica, EA s. 2" in models
    assert "2. A person who possesses an image of a child commits an offence" in models


def test_reports_are_left_out_of_search_and_profiles_are_not(generated):
    assert generated[paths.report("example", "BVT")].content.startswith("---\nsearch:\n  exclude: true\n---\n")
    assert not generated[paths.jurisdiction("BVT")].content.startswith("---")


def test_cite_block_hash_covers_the_report_above_it(generated):
    report = generated[paths.report("example", "BVT")].content
    body, block = report.split("\n## Cite this report {#cite}", 1)
    digest = re.search(r'<code class="lg-hash">([0-9a-f]{12})</code>', block).group(1)
    assert digest == cite.content_hash(body)
    assert "https://example.org/lexgap/reports/example/bvt/" in block
    assert "law stated as of <time datetime=\"2026-01-15\">" in block


# ---- escaping -------------------------------------------------------------------------------------

HOSTILE = [
    ("script", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("ampersand entity", "&amp; stays", "&amp;amp; stays"),
    ("quotes", 'a "b" \'c\'', "a &quot;b&quot; &#x27;c&#x27;"),
    ("arabic", "نص تجريبي", "نص تجريبي"),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _n, t, e in HOSTILE], ids=[n for n, _t, _e in HOSTILE])
def test_esc(text, expected):
    assert markup.esc(text) == expected


MARKDOWN_INLINE = [
    ("emphasis", "*not* _em_", "&#42;not&#42; &#95;em&#95;"),
    ("link", "[a](http://x)", "&#91;a&#93;(http://x)"),
    ("html", "<b>x</b>", "&#60;b&#62;x&#60;/b&#62;"),
    ("attr list", "x {#id}", "x &#123;&#35;id&#125;"),
    ("code and pipe", "`c` | d", "&#96;c&#96; &#124; d"),
    ("newlines collapse", "a\n\n# b", "a &#35; b"),
    ("entity stays text", "&lt;", "&#38;lt;"),
]


@pytest.mark.parametrize("text,expected", [(t, e) for _n, t, e in MARKDOWN_INLINE], ids=[n for n, _t, _e in MARKDOWN_INLINE])
def test_md(text, expected):
    assert markup.md(text) == expected


def test_excerpt_keeps_line_breaks_and_sets_direction():
    out = markup.excerpt("a\n<b>\n  c", "ar")
    assert out == '<blockquote class="lg-excerpt" dir="auto" lang="ar">a\n&lt;b&gt;\n  c</blockquote>'


@pytest.mark.parametrize(
    "url,linked",
    [("https://example.org/a?b=1", True), ("http://x.org", True), ("javascript:alert(1)", False), ("ftp://x", False), ("https://a b", False), ("", False)],
)
def test_external_links_only_http(url, linked):
    out = markup.external(url, "source")
    assert ("<a href" in out) is linked
    assert "javascript" not in out.split(">", 1)[0] if linked else True


# ---- paths ----------------------------------------------------------------------------------------

LINKS = [
    ("report to profile", paths.report("budapest", "DEU"), paths.jurisdiction("DEU"), "x", "../../../jurisdictions/deu/index.html#x"),
    ("home to page", paths.HOME, paths.HOW_TO_CITE, None, "how-to-cite.html"),
    ("same page", paths.jurisdiction("DEU"), paths.jurisdiction("DEU"), "a", "index.html#a"),
    ("to a download", paths.DOWNLOADS, paths.download("lexgap.ttl"), None, "lexgap.ttl"),
]


@pytest.mark.parametrize("source,target,fragment,expected", [row[1:] for row in LINKS], ids=[row[0] for row in LINKS])
def test_url(source, target, fragment, expected):
    assert paths.url(source, target, fragment) == expected


def test_stable_address_is_the_folder():
    assert paths.address("https://example.org/site/", paths.report("budapest", "DEU")) == "https://example.org/site/reports/budapest/deu/"
    assert paths.address("https://example.org/site", paths.HOW_TO_CITE) == "https://example.org/site/how-to-cite.html"


# ---- statuses, citations, charts ------------------------------------------------------------------


def test_every_status_has_its_own_word_icon_and_class():
    assert set(status.WORDS) == set(STATUSES) == set(status.ICONS) == set(status.MEANINGS)
    assert len(set(status.WORDS.values())) == len(set(status.ICONS.values())) == len(STATUSES)
    legend = status.legend()
    for s in STATUSES:
        assert f"lg-status--{s}" in legend and status.WORDS[s] in legend


def test_share_met_counts_neither_optional_nor_reserved():
    count = status.counts(["met", "partial", "unknown", "not-applicable", "reserved", "met"])
    assert status.share_met(count) == 0.5
    assert status.share_met(status.counts(["not-applicable"])) is None


def _citation(**changes) -> cite.Citation:
    fields = dict(
        title="Gap report: A & B {x}", address="https://example.org/r/", dataset_version="0.1.0+abc",
        as_of="2026-01-15", content_hash="0123456789ab", key="lexgap-x",
    )
    fields.update(changes)
    return cite.Citation(**fields)


def test_bibtex_escapes_special_characters():
    bib = cite.bibtex(_citation())
    assert r"title     = {{Gap report: A \& B \{x\}}}" in bib
    assert bib.startswith("@misc{lexgap-x,") and bib.endswith("}")


def test_csl_json_is_valid_json_with_the_four_facts():
    item = json.loads(cite.csl_json(_citation()))[0]
    assert item["URL"] == "https://example.org/r/" and item["version"] == "0.1.0+abc"
    assert item["issued"] == {"date-parts": [[2026, 1, 15]]}
    assert "0123456789ab" in item["note"] and "2026-01-15" in item["note"]


def test_plain_citation_names_version_date_address_and_hash():
    text = cite.plain(_citation())
    for part in ("0.1.0+abc", "2026-01-15", "https://example.org/r/", "0123456789ab"):
        assert part in text


def test_heatmap_has_title_desc_and_escaped_labels():
    out = svg.heatmap("T <1>", "D", [("Col & 1", "a.html")], [("<Row>", None, [svg.Cell(0.5, "1 / 2", "tip", "r.html")])])
    assert '<title id="heatmap-title">T &lt;1&gt;</title>' in out and '<desc id="heatmap-desc">D</desc>' in out
    assert "&lt;Row&gt;" in out and "Col &amp; 1" in out and 'class="lg-heat-2"' in out


def test_bar_chart_scales_to_the_longest_bar():
    out = svg.bar_chart("T", "D", [svg.Bar("A", 10, "10 years"), svg.Bar("B", 5, "5 years")], unit="years")
    widths = [float(w) for w in re.findall(r'<rect class="lg-bar" x="\d+" y="[\d.]+" width="([\d.]+)"', out)]
    assert widths == [320.0, 160.0]


VALUES = [
    ("boolean", True, "yes"),
    ("decimal", Decimal("10.0"), "10"),
    ("half", Decimal("0.50"), "0.5"),
    ("integer", 18, "18"),
]


@pytest.mark.parametrize("value,expected", [(v, e) for _n, v, e in VALUES], ids=[n for n, _v, _e in VALUES])
def test_value_text(value, expected):
    assert value_text(value, {}) == expected


def test_element_values_use_labels_for_iris():
    from rdflib import URIRef

    labels = {"material-visual": "visual depictions"}
    assert element_value([URIRef("https://w3id.org/lexgap/ontology#material-visual")], labels) == "visual depictions"


def test_two_generators_may_not_write_one_page():
    def twice(_data):
        yield Page("x.md", "a")

    gens = [registry.Generator("a", twice), registry.Generator("b", twice)]
    with pytest.raises(registry.DuplicatePage, match="b: page x.md is produced twice"):
        registry.generate(None, gens)
