"""A cooperation page in a real browser: the site built from the network fixture knowledge base
(tests/network/kb, where every answer is known), opened from file:// in headless Chromium.

Checks what a reader relies on: the picture names the safe havens and the unknown jurisdiction, draws
one edge per cooperating pair, follows the colour scheme (dark mode) and still shows in print, and its
nodes link to the jurisdictions' pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chromium import Chromium
from lexgap import site
from lexgap.load import load
from lexgap.network import Analysis
from site_build import temporary
from test_browser import browser  # noqa: F401  (the site tests' Chromium fixture, shared)

KB = Path(__file__).parent / "network" / "kb"
AS_OF = "2026-11-28"
PAGE = "network/cooperation/csam-possession/index.html"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built() -> Path:
    out = temporary("lexgap-network-site-") / "site"
    report = site.build(out=out, statutes=KB, as_of=AS_OF)
    assert report.pages > 40
    return out


def _open(browser: Chromium, built: Path, page: str = PAGE) -> None:
    browser.open((built / page).as_uri())
    browser.wait_for("document.querySelector('svg.lg-net-coop') !== null")


def test_every_network_page_is_built(built):
    analysis = Analysis(load([KB]), as_of=AS_OF)
    for concept in analysis.offence_concepts():
        assert (built / "network" / "cooperation" / concept.rsplit("/", 1)[-1] / "index.html").is_file()
    for code in ("xna", "xnb", "xnc", "xnd", "xne", "xnf"):
        assert (built / "network" / "peers" / code / "index.html").is_file()
    assert (built / "network" / "crosswalk" / "index.html").is_file()
    assert (built / "network" / "index.html").is_file()
    assert (built / "methodology-network.html").is_file()


def test_the_picture_names_what_it_shows(browser, built):
    _open(browser, built)
    assert browser.text("h1") == "Cooperation on Possessing child sexual abuse material"
    svg = "document.querySelector('svg.lg-net-coop')"
    assert browser.js(f"{svg}.querySelector('title').textContent") == (
        "Cooperation on Possessing child sexual abuse material: threshold 1 year, law as of 2026-11-28"
    )
    desc = browser.js(f"{svg}.querySelector('desc').textContent")
    assert desc.startswith("6 jurisdictions; 1 pair can cooperate (2 jurisdictions linked); ")
    assert "safe havens: XNC, XNF" in desc
    assert "unknown: XND" in desc
    assert "below the threshold: XNE" in desc
    # One edge (XNA–XNB); node shapes by state; the legend adds one of each kind.
    assert browser.js(f"{svg}.querySelectorAll('line.lg-net-edge').length") == 1
    assert browser.js(f"[...{svg}.querySelectorAll('a g.lg-net-haven text')].map(t => t.textContent)") == ["XNC", "XNF"]
    assert browser.js(f"[...{svg}.querySelectorAll('a g.lg-net-unknown text')].map(t => t.textContent)") == ["XND"]
    assert browser.js(f"[...{svg}.querySelectorAll('a g.lg-net-below text')].map(t => t.textContent)") == ["XNE"]
    assert browser.js(f"[...{svg}.querySelectorAll('a g.lg-net-link text')].map(t => t.textContent)") == ["XNA", "XNB"]
    hint = browser.js(f"[...{svg}.querySelectorAll('a g')].find(g => g.textContent.endsWith('XNC')).querySelector('title').textContent")
    assert hint == "Netland C (XNC): narrower conduct only; threshold reaches it; highest maximum 2 years"


def test_the_page_lists_safe_havens_and_unknown(browser, built):
    _open(browser, built)
    havens = browser.js("document.getElementById('safe-havens').nextElementSibling.innerText")
    assert "Netland C (XNC)" in havens and "Netland F (XNF)" in havens
    assert "requires intent to distribute" in havens
    unknown = browser.js("document.getElementById('unknown').nextElementSibling.innerText")
    assert unknown.startswith("Netland D (XND)")
    # The pair matrix: XNA–XNB in both directions is the only "can cooperate" cell.
    assert browser.js("document.querySelectorAll('svg.lg-net-matrix g.lg-net-pair-yes rect').length") == 2 + 1  # + legend


def test_colours_follow_the_scheme_and_text_stays_readable(browser, built):
    _open(browser, built)
    stroke = "getComputedStyle([...document.querySelectorAll('svg.lg-net-coop a g.lg-net-haven circle')][1]).stroke"
    text_fill = "getComputedStyle(document.querySelector('svg.lg-net-coop a text')).fill"
    page_text = "getComputedStyle(document.querySelector('.md-typeset')).color"
    browser.js("document.body.setAttribute('data-md-color-scheme', 'default')")
    light = browser.js(stroke)
    assert browser.js(text_fill) == browser.js(page_text)
    browser.js("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = browser.js(stroke)
    assert light != dark  # the safe-haven ring takes the dark scheme's colour
    assert browser.js(text_fill) == browser.js(page_text)  # node labels follow the text colour
    browser.js("document.body.setAttribute('data-md-color-scheme', 'default')")


def test_the_picture_prints(browser, built):
    _open(browser, built)
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        width = browser.js("document.querySelector('svg.lg-net-coop').getBoundingClientRect().width")
        assert width > 200
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")
    assert browser.pdf().startswith(b"%PDF")


def test_a_node_links_to_its_jurisdiction(browser, built):
    _open(browser, built)
    target = browser.js(
        "new URL([...document.querySelectorAll('svg.lg-net-coop a')].find(a => a.textContent.endsWith('XNA'))"
        ".getAttribute('href'), location.href).href"
    )
    assert target.endswith("/jurisdictions/xna/index.html")
    browser.open(target)
    assert "Netland A" in browser.text("h1")
