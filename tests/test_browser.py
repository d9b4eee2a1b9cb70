"""The built site in real headless Chromium (Debian's /usr/bin/chromium, started here): what a person sees.

The fixture site (tests/fixtures/site, invented data) is served from a loopback HTTP server, because the
search box fetches its index. Screenshots go to tests/artifacts/ (git-ignored) for a person to review.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from chromium import CHROMIUM, Chromium
from site_build import bundled_site, fixture_site

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).parent / "artifacts"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def served():
    """The fixture site on http://127.0.0.1:<port>/ for the duration of the module."""
    folder, _report = fixture_site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", folder
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), "Debian chromium is not installed (apt-get install chromium)"
    with Chromium(width=1280, height=900) as chrome:
        yield chrome


def shot(browser: Chromium, name: str) -> None:
    path = browser.screenshot(ARTIFACTS / f"{name}.png")
    assert path.stat().st_size > 10_000  # a real picture, not an empty page


def status_words(browser: Chromium, scope: str = "body") -> list[str]:
    return browser.js(
        f"Array.from(document.querySelectorAll('{scope} .lg-status')).map(e => e.innerText.trim())"
    )


def test_home_page(browser, served):
    base, _folder = served
    browser.open(base + "index.html")
    assert browser.js("document.title") == "lexgap"
    body = browser.text(".md-content")
    assert "lexgap: cybercrime and child-protection law compared" in body
    assert "law stated as of 2026-01-15" in body
    figures = browser.js("Array.from(document.querySelectorAll('.lg-figures li')).map(e => e.innerText.replace(/\\s+/g, ' ').trim())")
    assert figures[:2] == ["3 jurisdictions", "1 instrument"]
    chart = browser.js("(() => { const s = document.querySelector('svg.lg-heatmap'); return [s.querySelector('title').textContent, s.querySelectorAll('rect').length]; })()")
    assert chart == ["Share of requirements met, by jurisdiction and instrument", 3]
    shot(browser, "home-light")


def _toggle_palette(browser: Chromium) -> None:
    """Click the header's light/dark switch, as a person does."""
    browser.js("document.querySelector('form[data-md-component=\"palette\"] label:not([hidden])').click()")


def test_dark_mode_changes_the_colours_not_the_words(browser, served):
    base, _folder = served
    browser.open(base + "reports/example/bvt/index.html")
    assert browser.js("document.body.getAttribute('data-md-color-scheme')") == "default"
    light = browser.js("getComputedStyle(document.querySelector('.lg-status--partial')).color")
    words = status_words(browser, ".lg-summary-table")
    _toggle_palette(browser)
    browser.wait_for("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark = browser.js("getComputedStyle(document.querySelector('.lg-status--partial')).color")
    assert light != dark
    assert status_words(browser, ".lg-summary-table") == words
    shot(browser, "report-dark")
    _toggle_palette(browser)
    browser.wait_for("document.body.getAttribute('data-md-color-scheme') === 'default'")


def test_jurisdiction_profile_shows_data_as_text(browser, served):
    base, _folder = served
    browser.open(base + "jurisdictions/bvt/index.html")
    assert browser.js("window.lexgapInjected === undefined")
    assert browser.js("document.querySelectorAll('.md-content script').length") == 0
    quote = browser.text("#bvt-test-act-3 ~ blockquote.lg-excerpt")
    assert "<script>window.lexgapInjected = true;</script>" in quote
    assert "**not bold** _not italic_ [not a link](https://example.org/x) | # not a heading" in quote
    assert "    indented line, not code" in quote
    assert "{: .not-an-attribute } &amp; stays as typed" in quote
    assert browser.js("document.querySelectorAll('.lg-excerpt strong, .lg-excerpt em, .lg-excerpt a, .lg-excerpt code').length") == 0
    # The citation with Markdown and HTML characters is a heading of plain text.
    assert browser.text("#bvt-test-act-3") == "TA s. 3 *[draft]* <i>x</i>"
    # A source address that is not http(s) is shown, never linked.
    assert browser.js("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0
    # Right-to-left text runs right to left.
    arabic = "document.querySelector('blockquote.lg-excerpt[lang=\"ar\"]')"
    assert browser.js(f"getComputedStyle({arabic}).direction") == "rtl"
    assert browser.js(f"{arabic}.innerText").startswith("٤. نص تجريبي")
    # The scorecard: distinct words for each status.
    assert status_words(browser, ".lg-scorecard thead") == ["✓ Met", "◐ Partial", "✗ Missing", "⊘ Reserved", "– Not applicable", "? Unknown"]
    shot(browser, "profile-bvt")


def test_instrument_article(browser, served):
    base, _folder = served
    browser.open(base + "instruments/example/art-3/index.html")
    assert browser.text("h1") == "Example Convention, Article 3: Possession"
    text = browser.text(".md-content")
    assert "1. Each Party shall make it an offence to possess an image of a child." in text
    assert "child age threshold: at least 18 (permitted minimum 16)" in text
    rows = browser.js(
        "Array.from(document.querySelectorAll('.lg-status-table tbody tr')).map(r => [r.cells[0].innerText, r.cells[1].innerText.replace(/\\s+/g, ' ').trim()])"
    )
    assert rows == [
        ["Antarctica (ATA)", "✓ Met EA s. 2"],
        ["Bouvet Island (BVT)", "◐ Partial TA s. 3 *[draft]* <i>x</i>"],
        ["Heard Island and McDonald Islands (HMD)", "? Unknown"],
    ]
    # The implementing provision links to its place in the profile.
    href = browser.js("document.querySelector('.lg-status-table tbody tr a[href*=\"#ata-\"]').getAttribute('href')")
    assert href == "../../../jurisdictions/ata/index.html#ata-example-act-2"
    shot(browser, "article-example-3")


def test_gap_report_and_cite_block(browser, served):
    base, _folder = served
    browser.open(base + "reports/example/bvt/index.html")
    assert browser.text("h1") == "Gap report: Bouvet Island (BVT) and the Example Convention"
    statuses = browser.js("Array.from(document.querySelectorAll('.lg-status-big')).map(e => e.innerText.trim())")
    assert statuses == ["✗ Missing", "◐ Partial", "– Not applicable"]
    text = browser.text(".md-content")
    assert "No provision in force on 2026-01-15 implements" in text and "Bouvet Island was reviewed for it on 2026-01-10" in text
    assert "Model language" in text and "Antarctica, EA s. 2" in text
    cite = browser.text(".lg-cite")
    assert "law stated as of 2026-01-15" in cite
    assert "https://lexgap.github.io/lexgap/reports/example/bvt/" in cite
    assert re.search(r"content hash [0-9a-f]{12}", cite)
    assert re.search(r"Dataset version \d+\.\d+\.\d+\+[0-9a-f]{12}", cite)
    for label in ("Plain text", "BibTeX", "CSL-JSON"):
        assert label in cite
    assert "@misc{lexgap-example-bvt-20260115," in cite
    shot(browser, "report-bvt")


def test_unknown_report_shows_no_gap(browser, served):
    base, _folder = served
    browser.open(base + "reports/example/hmd/index.html")
    statuses = browser.js("Array.from(document.querySelectorAll('.lg-status-big')).map(e => e.innerText.trim())")
    assert statuses == ["? Unknown", "? Unknown", "– Not applicable"]
    style = browser.js("getComputedStyle(document.querySelector('.lg-status-big .lg-status--unknown')).borderStyle")
    assert style == "dashed"


def test_report_prints_on_a4_without_navigation(browser, served):
    base, _folder = served
    browser.open(base + "reports/example/bvt/index.html")
    pdf = browser.pdf()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes
    (ARTIFACTS / "report-bvt.pdf").write_bytes(pdf)
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        hidden = browser.js(
            "['.md-header', '.md-sidebar--primary', '.md-search', '.md-footer'].map(s => "
            "{ const e = document.querySelector(s); return e ? getComputedStyle(e).display : 'none'; })"
        )
        assert hidden == ["none", "none", "none", "none"]
        after = browser.js("getComputedStyle(document.querySelector('.lg-facts a[href^=\"https\"]'), '::after').content")
        assert "https://" in after
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")


def test_search_finds_a_provision(browser, served):
    base, _folder = served
    browser.open(base + "index.html")
    browser.js("document.querySelector('.md-search__input').focus()")
    browser.type("Whoever holds")
    results = browser.wait_for(
        "(() => { const items = Array.from(document.querySelectorAll('.md-search-result__item')); "
        "return items.length ? items.map(i => i.innerText) : null; })()",
        timeout=30,
    )
    assert any("Bouvet Island" in r for r in results), results
    first = browser.js("document.querySelector('.md-search-result__item a').getAttribute('href')")
    assert "jurisdictions/bvt/index.html" in first
    shot(browser, "search")


def test_pages_work_from_the_file_system(browser, served):
    _base, folder = served
    browser.open((folder / "index.html").resolve().as_uri())
    href = browser.js("document.querySelector('svg.lg-heatmap a[href*=\"reports\"]').getAttribute('href')")
    assert href.endswith("/index.html")
    browser.open((folder / href).resolve().as_uri())
    assert browser.text("h1").startswith("Gap report:")


def test_bundled_site_pages_for_review(browser):
    """The real data: open each kind of page, check what every page must show, keep screenshots."""
    folder, report = bundled_site()
    pages = {
        "bundled-home": "index.html",
        "bundled-report": sorted(p.relative_to(folder).as_posix() for p in folder.glob("reports/*/*/index.html"))[0],
        "bundled-profile": sorted(p.relative_to(folder).as_posix() for p in folder.glob("jurisdictions/*/index.html"))[0],
        "bundled-article": sorted(p.relative_to(folder).as_posix() for p in folder.glob("instruments/*/art-*/index.html"))[0],
    }
    for name, page in pages.items():
        browser.open((folder / page).resolve().as_uri())
        assert browser.js("document.querySelector('.md-content h1') !== null"), page
        shot(browser, name)
    browser.open((folder / pages["bundled-report"]).resolve().as_uri())
    assert report.as_of in browser.text(".lg-cite")
