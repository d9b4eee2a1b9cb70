"""The cross-border page renderers: pure functions from records to Markdown and SVG.

Golden files ``tests/network/golden/*.md`` are the exact pages for the network fixture knowledge base, to
review as diffs. After an intended change, regenerate them with ``LEXGAP_UPDATE_GOLDEN=1 pytest
tests/test_network_pages.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from lexgap.dataset import read_files
from lexgap.load import load
from lexgap.network import MEETS, NO_OFFENCE, OFFENCE, UNKNOWN, Cooperation, Node
from lexgap.pages import network as pages
from lexgap.pages.registry import GENERATORS
from lexgap.sitedata import read_site_data

KB = Path(__file__).parent / "network" / "kb"
GOLDEN = Path(__file__).parent / "network" / "golden"
AS_OF = "2026-11-28"
SVG_NS = "{http://www.w3.org/2000/svg}"
GOLDEN_PAGES = {
    "cooperation-csam-possession.md": pages.cooperation_path("csam-possession"),
    "peers-xnb.md": pages.peers_path("XNB"),
    "index.md": pages.INDEX,
}


@pytest.fixture(scope="module")
def site_data():
    return read_site_data(load([KB]), read_files(KB), AS_OF)


@pytest.fixture(scope="module")
def generated(site_data):
    return {p.path: p for p in pages.pages(site_data)}


def test_the_generator_is_registered():
    (gen,) = [g for g in GENERATORS if g.name == "network"]
    assert gen.produce is pages.pages
    assert gen.nav == ("Cross-border", "network/index.md")


def test_pages_produced(generated):
    # index + 27 offences + 6 jurisdictions' peers + crosswalk
    assert len(generated) == 1 + 27 + 6 + 1
    assert all(path.startswith("network/") and path.endswith("/index.md") or path == pages.INDEX for path in generated)


def test_golden_files_are_all_tested():
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(GOLDEN_PAGES)


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_page(generated, name):
    content = generated[GOLDEN_PAGES[name]].content
    path = GOLDEN / name
    if os.environ.get("LEXGAP_UPDATE_GOLDEN") == "1":
        path.write_text(content, encoding="utf-8")
    assert content == path.read_text(encoding="utf-8")


def _svgs(markdown: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", markdown, flags=re.S)]


@pytest.mark.parametrize("path", [pages.cooperation_path("grooming"), pages.CROSSWALK])
def test_svg_is_well_formed_accessible_and_themed(generated, path):
    svgs = _svgs(generated[path].content)
    assert svgs
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG_NS}title"), svg.find(f"{SVG_NS}desc")
        assert title is not None and title.text and desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        text = ET.tostring(svg, encoding="unicode")
        # Colours only through the site's variables (a fallback inside var() for a picture on its own).
        bare = re.sub(r"var\(--[a-z0-9-]+,#[0-9a-f]{3,6}\)", "", text)
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b", bare)
        assert "<script" not in text


def test_cooperation_svg_draws_each_node_edge_and_kind(generated):
    svg = _svgs(generated[pages.cooperation_path("grooming")].content)[0]
    lines = svg.findall(f".//{SVG_NS}line")
    assert len(lines) == 3  # XNA–XNC, XNA–XNF, XNC–XNF
    kinds = {}
    for a in svg.findall(f"{SVG_NS}a"):
        g = a.find(f"{SVG_NS}g")
        kinds[g.find(f"{SVG_NS}text").text] = g.get("class")
    assert kinds == {
        "XNA": "lg-net-link", "XNB": "lg-net-below", "XNC": "lg-net-link",
        "XND": "lg-net-unknown", "XNE": "lg-net-penalty-unknown", "XNF": "lg-net-link",
    }


def test_matrix_has_a_cell_for_every_ordered_pair(generated):
    matrix = _svgs(generated[pages.cooperation_path("illegal-access")].content)[1]
    cells = [g for g in matrix.iter(f"{SVG_NS}g") if g.find(f"{SVG_NS}title") is not None]
    assert len(cells) == 6 * 5
    verdicts = {g.find(f"{SVG_NS}title").text.split(":")[0]: g.get("class") for g in cells}
    assert verdicts["XNA–XNE"] == "lg-net-pair-yes"
    assert verdicts["XNA–XNB"] == "lg-net-pair-no"  # B has no offence
    assert verdicts["XNA–XNC"] == "lg-net-pair-maybe"  # C states no penalty


def test_crosswalk_svg_has_one_line_per_instrument_concept_pair(generated):
    svg = _svgs(generated[pages.CROSSWALK].content)[0]
    lines = svg.findall(f".//{SVG_NS}line")
    assert sorted(l.find(f"{SVG_NS}title").text for l in lines) == [
        "tnc → csam-distribution: 1 requirement",
        "tnc → csam-possession: 1 requirement",
        "tnc → grooming: 1 requirement",
        "tnc → illegal-access: 1 requirement",
    ]
    assert {l.get("class") for l in lines} == {"lg-net-mandatory"}


def test_data_is_escaped_everywhere():
    hostile = "<script>alert(1)</script>"
    node = Node("XNA", hostile, OFFENCE, MEETS, "5", (f"s. 1 {hostile}",), ("xna-1",), f"because {hostile}")
    other = Node("XNB", "B & co", NO_OFFENCE, "n/a", None, (), (), hostile)
    lost = Node("XND", "D", UNKNOWN, "n/a", None, (), (), "")
    coop = Cooperation("csam-possession", hostile, Decimal(1), AS_OF, (node, other, lost), (), (("XNA",),))
    text = pages.cooperation_page(coop, {"XNA": hostile})
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    for svg in _svgs(text):
        assert hostile in svg.find(f"{SVG_NS}title").text  # parsed back: exactly the data, as text


def test_pictures_are_left_out_above_the_drawing_limit(monkeypatch):
    # Graph and pair matrix grow with the square of the jurisdictions: above MAX_DRAWN only the lists
    # and the table are written.
    nodes = tuple(Node(f"XN{c}", c, OFFENCE, MEETS, "5", (), (), "") for c in "ABC")
    coop = Cooperation("csam-possession", "possession", Decimal(1), AS_OF, nodes, (), (("XNA", "XNB", "XNC"),))
    assert len(_svgs(pages.cooperation_page(coop, {}))) == 2
    monkeypatch.setattr(pages, "MAX_DRAWN", 2)
    text = pages.cooperation_page(coop, {})
    assert _svgs(text) == []
    assert "drawn for up to 2 jurisdictions; with 3" in text
    assert text.count("XNC") >= 1  # still listed in the table
