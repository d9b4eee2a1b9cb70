"""Measure ingest against the hand encodings (the gold standard).

For every hand-encoded provision in a language the pipeline reads, ingest runs on its verbatim excerpt
and the proposals are compared with what the hand encoding states. The excerpts of one article are read
together, in order, as ingest reads a text: a paragraph that only sets the penalty of "the act of
paragraph 1" is proposed with that paragraph's concepts (``context="article"``, the default;
``"alone"`` reads every excerpt by itself).

- concepts: precision, recall and F1 over (provision, concept) pairs, micro-averaged. Both sides are
  reduced to their most specific concepts first (a group concept is dropped when a narrower one of it is
  in the same set), since "implements csam-possession" already implies "implements csam-offences";
- age threshold and maximum penalty: exact-match accuracy over the provisions where the hand encoding
  states the value on words of the excerpt itself, or where ingest proposes one. A value the hand
  encoding takes from a linked definition (its evidence quote is not in this excerpt) is left out: the
  excerpt alone cannot show it. A proposal where the hand encoding states nothing counts as wrong.

With ``sources``, ingest also reads each source file whole; every hand-encoded provision is matched with
the proposed provision whose text overlaps it most, which measures segmentation as well
(``segmentation``: share of provisions whose best match covers the same text, Jaccard ≥ 0.9).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..load import ONTOLOGY_DIR, load
from .draft import inherit
from .extract import Extraction, read
from .records import Record, most_specific, read_records
from .pipeline import LANGUAGES, build
from .vocabulary import concept_groups, concept_hierarchy

CONTEXTS = ("article", "alone")

COLUMNS = [
    "language", "provisions", "concept_precision", "concept_recall", "concept_f1",
    "age_accuracy", "age_cases", "penalty_accuracy", "penalty_cases",
]

# A hand-encoded provision: the gold standard the proposals are compared with.
Gold = Record


@dataclass
class Tally:
    provisions: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    age_ok: int = 0
    age_n: int = 0
    pen_ok: int = 0
    pen_n: int = 0
    tokens: int = 0

    def add(self, other: "Tally") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "provisions": self.provisions,
            "concept_precision": round(p, 3),
            "concept_recall": round(r, 3),
            "concept_f1": round(f, 3),
            "age_accuracy": round(self.age_ok / self.age_n, 3) if self.age_n else None,
            "age_cases": self.age_n,
            "penalty_accuracy": round(self.pen_ok / self.pen_n, 3) if self.pen_n else None,
            "penalty_cases": self.pen_n,
        }


@dataclass
class Result:
    languages: dict[str, Tally]
    overall: Tally
    errors: list[dict]
    skipped_languages: dict[str, int]
    seconds: float
    sources: dict | None = None
    context: str = "article"

    def as_json(self) -> dict:
        out = {
            "languages": {lang: t.as_dict() for lang, t in sorted(self.languages.items())},
            "overall": self.overall.as_dict(),
            "skipped_languages": self.skipped_languages,
            "context": self.context,
            "tokens_per_second": round(self.overall.tokens / self.seconds) if self.seconds else None,
            "errors": self.errors,
        }
        if self.sources is not None:
            out["sources"] = self.sources
        return out

    def rows(self) -> list[dict]:
        rows = [{"language": lang, **t.as_dict()} for lang, t in sorted(self.languages.items())]
        rows.append({"language": "overall", **self.overall.as_dict()})
        if self.sources is not None:
            for lang, d in sorted(self.sources["languages"].items()):
                rows.append({"language": f"{lang} (full text)", **d})
            rows.append({"language": "overall (full text)", **self.sources["overall"]})
        return rows


def gold_provisions(graph=None) -> list[Gold]:
    """The hand-encoded provisions (``lg:encodedBy "hand"``) of ``graph`` (default: the knowledge base)."""
    graph = graph if graph is not None else load()
    return [r for r in read_records(graph) if r.encoded_by == "hand"]


def predicted_penalty(ex: Extraction):
    if ex.value("maxPenaltyLife"):
        return "life"
    years = ex.value("maxPenaltyYears")
    return round(float(years), 2) if years is not None else None


def score(gold: Gold, ex: Extraction, broader: dict[str, str]) -> tuple[Tally, dict | None]:
    t = Tally(provisions=1, tokens=ex.tokens)
    want = most_specific(gold.concepts, broader)
    got = most_specific({c.concept for c in ex.concepts}, broader)
    t.tp, t.fp, t.fn = len(want & got), len(got - want), len(want - got)
    age = ex.value("childAgeThreshold")
    if not gold.age_elsewhere and (gold.age is not None or age is not None):
        t.age_n, t.age_ok = 1, int(gold.age == age)
    pen = predicted_penalty(ex)
    if not gold.penalty_elsewhere and (gold.penalty is not None or pen is not None):
        t.pen_n, t.pen_ok = 1, int(gold.penalty == pen)
    error = None
    if t.fp or t.fn or t.age_n != t.age_ok or t.pen_n != t.pen_ok:
        short = lambda s: sorted(c.rsplit("/", 1)[-1] for c in s)  # noqa: E731
        error = {"provision": gold.identifier, "missing": short(want - got), "extra": short(got - want)}
        if t.age_n != t.age_ok:
            error["age"] = {"hand": gold.age, "ingest": age}
        if t.pen_n != t.pen_ok:
            error["penalty"] = {"hand": gold.penalty, "ingest": pen}
    return t, error


def evaluate(
    sources: Path | None = None,
    graph=None,
    ontology_dir: str = str(ONTOLOGY_DIR),
    jurisdictions: list[str] | None = None,
    languages: list[str] | None = None,
    context: str = "article",
) -> Result:
    """``jurisdictions``: ISO3 codes to measure on (default: every hand-encoded jurisdiction); ``languages``: ISO 639-1 codes (default:
    every language the pipeline reads). Measure
    on the encodings the rules were tuned on, or on others to see how the rules carry over.
    ``context``: "article" reads each excerpt with the other hand-encoded paragraphs of its article, in
    order, as ingest reads a text (a paragraph that only sets the penalty of "the act of paragraph 1"
    takes that paragraph's concepts, see :func:`draft.inherit`); "alone" reads each excerpt by itself."""
    if context not in CONTEXTS:
        raise ValueError(f"unknown context {context!r}: use one of {', '.join(CONTEXTS)}")
    golds = gold_provisions(graph)
    if jurisdictions:
        wanted = {j.upper() for j in jurisdictions}
        golds = [g for g in golds if g.iso3 in wanted]
    if languages:
        golds = [g for g in golds if g.lang in set(languages)]
    broader = concept_hierarchy(ontology_dir)
    tallies: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    errors: list[dict] = []
    skipped: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    by_lang: dict[str, list[Gold]] = defaultdict(list)
    for g in golds:
        if g.lang in LANGUAGES:
            by_lang[g.lang].append(g)
        else:
            skipped[g.lang] += 1
    groups = concept_groups(ontology_dir)
    for lang, items in sorted(by_lang.items()):
        nlp = build(lang, ontology_dir)
        extractions = list(read(nlp, (g.excerpt for g in items)))
        if context == "article":
            # the paragraphs of one article, in order, as ingest reads them in a text
            order = sorted(range(len(items)), key=lambda i: (unit_of(items[i].iri), _paragraph_key(items[i].iri)))
            inherit(((unit_of(items[i].iri), _paragraph(items[i].iri), extractions[i]) for i in order), groups, lang)
        for g, ex in zip(items, extractions):
            t, err = score(g, ex, broader)
            tallies[lang].add(t)
            overall.add(t)
            if err:
                errors.append(err)
    seconds = time.perf_counter() - started
    result = Result(dict(tallies), overall, errors, dict(skipped), seconds, context=context)
    if sources is not None:
        result.sources = _evaluate_sources(sources, by_lang, broader, ontology_dir)
    return result


def unit_of(iri: str) -> str:
    """The article a provision belongs to, from its address: ``…/law/aut/stgb/126a/2`` → ``…/126a``; a
    provision directly below its act (``…/law/gbr/pca-1978/1``) is its own unit."""
    parts = iri.split("/law/", 1)[-1].split("/")  # jurisdiction, act, article, paragraph…
    return iri.rsplit("/", 1)[0] if len(parts) > 3 else iri


def _paragraph(iri: str) -> str:
    """The paragraph label of a provision within its article ("…/126a/2" → "2"); "" for a whole article."""
    return iri.rsplit("/", 1)[-1] if unit_of(iri) != iri else ""


def _paragraph_key(iri: str) -> tuple:
    """Natural order of the last part of an address: 1 < 1a < 2 < 10; a later version after its paragraph."""
    last = iri.rsplit("/", 1)[-1]
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[^\d]+", last))


def _evaluate_sources(root: Path, by_lang: dict[str, list[Gold]], broader, ontology_dir: str) -> dict:
    """Ingest each source file whole; match every hand provision with the best-overlapping piece."""
    from .draft import draft_source

    languages: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    seg_ok: dict[str, int] = defaultdict(int)
    missing_files = 0
    drafts = {}
    for lang, items in sorted(by_lang.items()):
        for g in items:
            if not g.source_file:
                continue
            path = root / g.source_file
            if not path.is_file():
                missing_files += 1
                continue
            key = (str(path), g.iso3, lang)
            if key not in drafts:
                drafts[key] = draft_source(path, g.iso3, lang, ontology_dir=ontology_dir)
            draft = drafts[key]
            body = draft.source.body
            best, best_j = None, 0.0
            span = _locate(body, g.excerpt)
            for p in draft.provisions:
                if span is None:
                    break
                inter = max(0, min(span[1], p.piece.end) - max(span[0], p.piece.start))
                union = max(span[1], p.piece.end) - min(span[0], p.piece.start)
                j = inter / union if union else 0.0
                if j > best_j:
                    best, best_j = p, j
            if best is None:
                t = Tally(provisions=1, fn=len(most_specific(g.concepts, broader)))
            else:
                t, _ = score(g, best.extraction, broader)
                seg_ok[lang] += int(best_j >= 0.9)
            languages[lang].add(t)
            overall.add(t)
    out_langs = {}
    for lang, t in languages.items():
        out_langs[lang] = {**t.as_dict(), "segmentation": round(seg_ok[lang] / t.provisions, 3) if t.provisions else None}
    total = sum(seg_ok.values())
    return {
        "languages": out_langs,
        "overall": {**overall.as_dict(), "segmentation": round(total / overall.provisions, 3) if overall.provisions else None},
        "missing_files": missing_files,
    }


def _locate(body: str, excerpt: str) -> tuple[int, int] | None:
    """Where an excerpt sits in a body, whitespace aside."""
    words = excerpt.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, body)
    return (m.start(), m.end()) if m else None
