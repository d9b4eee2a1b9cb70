"""`lexgap evaluate-ingest`: the measure itself. Paragraphs of one article are read together, in order,
as ingest reads a text; `--alone` reads each excerpt by itself."""

from __future__ import annotations

import json

import pytest

from lexgap.nlp.evaluate import CONTEXTS, evaluate, unit_of, _paragraph_key

LAW = "https://w3id.org/lexgap/law/"


def test_unit_is_the_article():
    assert unit_of(LAW + "aut/stgb/126a/2") == LAW + "aut/stgb/126a"
    # a provision right below its act is an article of its own
    assert unit_of(LAW + "gbr/pca-1978/1") == LAW + "gbr/pca-1978/1"


def test_paragraphs_in_natural_order():
    keys = ["10", "2a", "1", "2", "1@pja-2006"]
    ordered = sorted(keys, key=lambda k: _paragraph_key(LAW + "x/y/1/" + k))
    assert ordered == ["1", "1@pja-2006", "2", "2a", "10"]


@pytest.fixture(scope="module")
def austria():
    # StGB § 126a(2): "Wer durch die Tat an den Daten einen 5 000 Euro übersteigenden Schaden herbeiführt,
    # ist mit Freiheitsstrafe bis zu zwei Jahren zu bestrafen" names no conduct of its own: "die Tat" is
    # paragraph 1's data interference.
    return {c: evaluate(jurisdictions=["AUT"], languages=["de"], context=c) for c in CONTEXTS}


def errors_of(result, identifier):
    return next((e for e in result.errors if e["provision"] == identifier), None)


def test_an_aggravation_takes_its_article_concepts(austria):
    alone = errors_of(austria["alone"], "aut-stgb-126a-2")
    assert alone is not None and "data-interference" in alone["missing"]
    together = errors_of(austria["article"], "aut-stgb-126a-2")
    assert together is None or "data-interference" not in together["missing"]
    assert austria["article"].overall.tp > austria["alone"].overall.tp


def test_unknown_context_is_refused():
    with pytest.raises(ValueError, match="unknown context"):
        evaluate(languages=["de"], context="sentence")


def test_cli_json_names_its_context(invoke):
    out = {}
    for flag in ([], ["--alone"]):
        result = invoke("evaluate-ingest", "-j", "AUT", "-l", "de", "--format", "json", *flag)
        assert result.exit_code == 0, result.stdout
        out[tuple(flag)] = json.loads(result.stdout)
    assert out[()]["context"] == "article" and out[("--alone",)]["context"] == "alone"
    for data in out.values():
        for key in ("concept_precision", "concept_recall", "concept_f1", "age_accuracy", "penalty_accuracy", "provisions"):
            assert key in data["overall"] and key in data["languages"]["de"]


LGC = "https://w3id.org/lexgap/concept/"


def read_article(lang: str, *texts: str):
    """Extract each paragraph, then read them together as one article (paragraphs labelled 1, 2, …):
    the extractions before and after, as concept sets."""
    from lexgap.load import ONTOLOGY_DIR
    from lexgap.nlp.draft import inherit
    from lexgap.nlp.extract import extract
    from lexgap.nlp.vocabulary import concept_groups

    exs = [extract(t, lang) for t in texts]
    before = [{c.concept for c in ex.concepts} for ex in exs]
    inherit([("u", str(i + 1), ex) for i, ex in enumerate(exs)], concept_groups(str(ONTOLOGY_DIR)), lang)
    return before, exs


# A paragraph that only sets a term takes its article's offence, unless it is worded as a penalty clause
# separate from the offence (grammar.penalty_clause), which stays `sanctions` (grammar examples).
INHERIT_ROWS = [
    ("en", "A person who knowingly possesses child pornography commits an offence.",
     "Where the act is committed by an organised group, the person is liable to imprisonment for a term not exceeding ten years.", True),
    ("en", "A person who knowingly possesses child pornography commits an offence.",
     "A person guilty of an offence under this section shall be liable to imprisonment for a term not exceeding ten years.", False),
    # the clause adds a circumstance of its own ("which results in …"): an aggravated form
    ("en", "A person who knowingly possesses child pornography commits an offence.",
     "A person who commits an offence under subsection (1) which results in a significant financial loss is liable to imprisonment for a term not exceeding twenty years.", True),
    ("es", "El que distribuyere pornografía infantil será reprimido con prisión de seis meses a cuatro años.",
     "La pena será de uno a seis años de prisión cuando el autor fuere funcionario público.", False),
    # a clause raising the penalties of the article by a fraction, with no term of its own
    ("es", "El que distribuyere pornografía infantil será reprimido con prisión de seis meses a cuatro años.",
     "Las penas señaladas en el inciso anterior se aumentarán hasta en la mitad cuando el autor fuere funcionario público.", False),
]


@pytest.mark.parametrize("lang,first,second,inherits", INHERIT_ROWS)
def test_inherit_or_penalty_clause(lang, first, second, inherits):
    before, exs = read_article(lang, first, second)
    assert before[0] and LGC + "sanctions" in before[1]
    got = {c.concept for c in exs[1].concepts}
    if inherits:
        assert before[0] <= got and LGC + "sanctions" not in got
    else:
        assert got == {LGC + "sanctions"}


# What an aggravated form cites (grammar examples in the drafting style of each code).
CITED_ROWS = [
    ("de", "(3b) Wer die Tat nach Abs. 3 oder Abs. 3a begeht, ist mit Freiheitsstrafe bis zu drei Jahren zu bestrafen.", ["3", "3a"]),
    ("de", "(2) Wer die Tat gegen ein Computersystem der kritischen Infrastruktur (§ 74 Abs. 1 Z 11) begeht", []),
    ("cs", "(4) Odnětím svobody na dvě léta až šest let bude pachatel potrestán, spáchá-li čin uvedený v odstavci 3", ["3"]),
    ("ru", "5. Деяния, предусмотренные частью первой или второй настоящей статьи, если они повлекли тяжкие последствия", ["1", "2"]),
    ("sl", "(4) Če je bilo dejanje iz drugega ali tretjega odstavka tega člena storjeno v hudodelski združbi", ["2", "3"]),
    ("hu", "(3) A büntetés egy évtől öt évig terjedő szabadságvesztés, ha a (2) bekezdésben meghatározott bűncselekmény", ["2"]),
    ("it", "Quando ricorre taluna delle circostanze di cui all'articolo 617-quater, quarto comma, la pena è della reclusione", []),
    ("en", "A person guilty of an offence under this section shall be liable to imprisonment", []),
]


@pytest.mark.parametrize("lang,text,cited", CITED_ROWS)
def test_cited_paragraphs(lang, text, cited):
    from lexgap.nlp.draft import cited_paragraphs

    assert cited_paragraphs(text, lang) == cited


def test_an_aggravation_takes_the_paragraph_it_cites():
    before, exs = read_article(
        "de",
        "(1) Wer eine kinderpornographische Darstellung herstellt, wird mit Freiheitsstrafe bis zu fünf Jahren bestraft.",
        "(2) Wer eine kinderpornographische Darstellung besitzt, wird mit Freiheitsstrafe bis zu drei Jahren bestraft.",
        "(3) Wer die Tat nach Abs. 2 gewerbsmäßig begeht, ist mit Freiheitsstrafe bis zu fünf Jahren zu bestrafen.",
    )
    assert LGC + "csam-possession" in before[1]
    got = {c.concept for c in exs[2].concepts}
    assert LGC + "csam-possession" in got and LGC + "csam-production" not in got


SV_BASE = "Den som innehar en pornografisk bild av ett barn döms för barnpornografibrott till fängelse i högst två år."


def test_an_aggravated_form_naming_only_its_family_takes_the_cited_offences():
    # "döms för grovt barnpornografibrott": the family name (csam-offences) of the paragraph it cites
    before, exs = read_article(
        "sv", SV_BASE,
        "Är brott som avses i första stycket att anse som grovt, döms för grovt barnpornografibrott till fängelse i högst sex år.",
    )
    assert LGC + "csam-offences" in before[1] and LGC + "csam-possession" not in before[1]
    got = {c.concept for c in exs[1].concepts}
    assert LGC + "csam-possession" in got and LGC + "csam-offences" not in got


def test_a_paragraph_that_extends_the_one_it_cites_takes_its_offences():
    before, exs = read_article("sv", SV_BASE, "Första stycket gäller även den som begår en sådan gärning av oaktsamhet.")
    assert not before[1]
    second = exs[1]
    assert LGC + "csam-possession" in {c.concept for c in second.concepts}
    # the evidence is the paragraph word
    assert all("stycke" in second.text[c.start : c.end].lower() for c in second.concepts)
