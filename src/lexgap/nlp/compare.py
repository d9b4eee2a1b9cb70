"""Untouched drafts against their reviewed encodings: how good was the assistant on law it had not seen,
and how much did review change? (``lexgap evaluate-drafts``)

Inputs: a folder of drafts as ``lexgap ingest`` wrote them (``benchmarks/drafts/<iso3>/*.ttl``), and the
reviewed encodings (default: the knowledge base's ``statutes/``).

Which provisions take part:
- drafted: every provision of every draft file (a draft holds only pieces with a proposed concept);
- reviewed: every provision with ``lg:reviewStatus "reviewed"`` of a drafted jurisdiction whose
  ``lg:sourceFile`` is one of the files drafted (the file named in each draft's header and on its
  provisions). Reviewed provisions resting on other files are counted apart (``reviewed_other_files``),
  since the assistant never read them.

Matching rule: a draft provision and a reviewed one can match when they have the same jurisdiction and
the same source file. Their closeness is the Jaccard index of their excerpts as word sequences: words
(``\\w+``, lower case) that the two excerpts share in the same order (the matching blocks of
:class:`difflib.SequenceMatcher`), M, over the words of either, M / (|A| + |B| − M). Both excerpts are
verbatim slices of the same source text, so this measures how far they cover the same stretch of it,
while whitespace, line breaks and punctuation do not count; words in order, not a bag of words, so that
two subsections sharing boilerplate ("commits an offence and is liable to imprisonment") are not taken
for each other. Pairs at or above :data:`MATCH_THRESHOLD` are matched one to one, closest first. A reviewed provision left unmatched was added by review (or cut differently);
a draft provision left unmatched was dropped by review (or cut differently).

Scores, per jurisdiction, per language (the draft's; the reviewed one's for provisions review added) and
overall:
- concepts: precision / recall / F1 over (provision, concept) pairs after reducing each side to its most
  specific concepts; an unmatched draft provision's concepts are false positives and an unmatched
  reviewed provision's are false negatives, so segmentation counts; ``matched_concept_f1`` scores the
  matched pairs only;
- age threshold and maximum penalty: exact-match accuracy over matched pairs where the reviewed
  encoding states the value on words of its own excerpt, or the draft proposes one (a value the reviewed
  encoding takes from a linked definition is left out, as in ``evaluate-ingest``);
- review change: ``changed_by_review`` is the share of matched pairs whose concepts, age or penalty
  differ; ``added_by_review`` and ``dropped_by_review`` count the unmatched provisions.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..load import LoadError, load, new_graph, parse_file
from .records import Record, most_specific, read_records

MATCH_THRESHOLD = 0.5

_HEADER = re.compile(r"^# Draft proposed by (?P<tool>lexgap-ingest \S+) from (?P<file>\S+) on ", re.MULTILINE)
_WORD = re.compile(r"\w+")

# Table columns (short names: a table has room for 80 characters); JSON keeps the full names.
COLUMNS = ["group", "drafted", "reviewed", "matched", "added", "dropped", "changed",
           "P", "R", "F1", "F1 matched", "age", "age n", "penalty", "pen n"]
_SHORT = {
    "added": "added_by_review", "dropped": "dropped_by_review", "changed": "changed_by_review",
    "P": "concept_precision", "R": "concept_recall", "F1": "concept_f1", "F1 matched": "matched_concept_f1",
    "age": "age_accuracy", "age n": "age_cases", "penalty": "penalty_accuracy", "pen n": "penalty_cases",
}


class DraftsError(ValueError):
    """Bad input: no such folder, no drafts in it, a draft that does not parse."""


@dataclass
class Drafts:
    records: list[Record]
    files: dict[str, set[str]]  # iso3 → source files drafted
    tools: dict[str, set[str]]  # iso3 → "lexgap-ingest <version>" seen
    draft_files: int


@dataclass
class Tally:
    drafted: int = 0
    reviewed: int = 0
    matched: int = 0
    changed: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    m_tp: int = 0
    m_fp: int = 0
    m_fn: int = 0
    age_ok: int = 0
    age_n: int = 0
    pen_ok: int = 0
    pen_n: int = 0

    def add(self, other: "Tally") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def as_dict(self) -> dict:
        def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        p, r, f = f1(self.tp, self.fp, self.fn)
        return {
            "drafted": self.drafted,
            "reviewed": self.reviewed,
            "matched": self.matched,
            "added_by_review": self.reviewed - self.matched,
            "dropped_by_review": self.drafted - self.matched,
            "changed_by_review": round(self.changed / self.matched, 3) if self.matched else None,
            "concept_precision": round(p, 3),
            "concept_recall": round(r, 3),
            "concept_f1": round(f, 3),
            "matched_concept_f1": round(f1(self.m_tp, self.m_fp, self.m_fn)[2], 3) if self.matched else None,
            "age_accuracy": round(self.age_ok / self.age_n, 3) if self.age_n else None,
            "age_cases": self.age_n,
            "penalty_accuracy": round(self.pen_ok / self.pen_n, 3) if self.pen_n else None,
            "penalty_cases": self.pen_n,
        }


@dataclass
class Comparison:
    jurisdictions: dict[str, Tally]
    languages: dict[str, Tally]
    overall: Tally
    details: dict[str, dict] = field(default_factory=dict)  # iso3 → files, tools, reviewed_other_files
    pairs: list[dict] = field(default_factory=list)  # every matched, added or dropped provision

    def as_json(self) -> dict:
        return {
            "jurisdictions": {
                iso3: {**t.as_dict(), **self.details.get(iso3, {})} for iso3, t in sorted(self.jurisdictions.items())
            },
            "languages": {lang: t.as_dict() for lang, t in sorted(self.languages.items())},
            "overall": self.overall.as_dict(),
            "match_threshold": MATCH_THRESHOLD,
            "provisions": self.pairs,
        }

    def rows(self) -> list[dict]:
        """One row per jurisdiction, per language ("lang xx") and overall, under the table's short names."""
        groups = [(iso3, t) for iso3, t in sorted(self.jurisdictions.items())]
        groups += [(f"lang {lang}", t) for lang, t in sorted(self.languages.items())]
        groups.append(("overall", self.overall))
        out = []
        for name, t in groups:
            d = t.as_dict()
            out.append({"group": name, **{c: d.get(_SHORT.get(c, c)) for c in COLUMNS[1:]}})
        return out


# --------------------------------------------------------------------------------------------------
# Reading


def read_drafts(folder: Path | str, jurisdiction: str | None = None) -> Drafts:
    """Every ``*.ttl`` below ``folder``, parsed as drafts (:class:`DraftsError` on bad input)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DraftsError(f"{folder}: no such folder")
    paths = sorted(p for p in folder.rglob("*.ttl") if p.is_file())
    if not paths:
        raise DraftsError(f"{folder}: no draft files (*.ttl)")
    graph = new_graph()
    files: dict[str, set[str]] = defaultdict(set)
    tools: dict[str, set[str]] = defaultdict(set)
    header_files: list[tuple[str, str, str]] = []  # (draft path, tool, source file)
    for path in paths:
        try:
            parse_file(graph, path)
        except LoadError as exc:
            raise DraftsError(str(exc)) from None
        head = path.read_text(encoding="utf-8")[:2000]
        m = _HEADER.search(head)
        if m:
            header_files.append((str(path), m.group("tool"), m.group("file")))
    records = [r for r in read_records(graph) if not jurisdiction or r.iso3 == jurisdiction]
    for r in records:
        if r.source_file:
            files[r.iso3].add(r.source_file)
        if r.encoded_by:
            tools[r.iso3].add(r.encoded_by)
    for _, tool, source in header_files:
        # A draft with no provision still says which file was read; the file's folder is the jurisdiction
        # (lg:sourceFile is written "<iso3>/<file>").
        iso3 = source.split("/", 1)[0].upper()
        if not jurisdiction or iso3 == jurisdiction:
            files[iso3].add(source)
            tools[iso3].add(tool)
    if not records and not files:
        raise DraftsError(f"{folder}: no draft provisions" + (f" for {jurisdiction}" if jurisdiction else ""))
    return Drafts(records, dict(files), dict(tools), len(paths))


# --------------------------------------------------------------------------------------------------
# Matching and scoring


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def jaccard(a: str, b: str) -> float:
    """Jaccard index of two excerpts as word sequences: shared words in order over the words of either."""
    x, y = _words(a), _words(b)
    # The shared words in order are never more than the shared words as bags: a cheap bound first.
    bx, by = Counter(x), Counter(y)
    common = sum((bx & by).values())
    if not common or common / (len(x) + len(y) - common) < MATCH_THRESHOLD:
        return common / (len(x) + len(y) - common) if common else 0.0
    shared = sum(block.size for block in SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
    return shared / (len(x) + len(y) - shared)


def match(drafted: list[Record], reviewed: list[Record]) -> list[tuple[Record, Record, float]]:
    """One-to-one pairs of the same jurisdiction and source file, closest first, Jaccard ≥ threshold."""
    by_key: dict[tuple[str, str | None], list[Record]] = defaultdict(list)
    for r in reviewed:
        by_key[(r.iso3, r.source_file)].append(r)
    candidates = []
    for d in drafted:
        for r in by_key.get((d.iso3, d.source_file), []):
            j = jaccard(d.excerpt, r.excerpt)
            if j >= MATCH_THRESHOLD:
                candidates.append((j, d.identifier, r.identifier, d, r))
    pairs, used_d, used_r = [], set(), set()
    for j, _, _, d, r in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if d.iri in used_d or r.iri in used_r:
            continue
        used_d.add(d.iri)
        used_r.add(r.iri)
        pairs.append((d, r, j))
    return pairs


def _short(concepts: set[str]) -> list[str]:
    return sorted(c.rsplit("/", 1)[-1] for c in concepts)


def compare(
    drafts: Drafts, reviewed_graph, broader: dict[str, str], jurisdiction: str | None = None
) -> Comparison:
    codes = set(drafts.files) | {r.iso3 for r in drafts.records}
    if jurisdiction:
        codes &= {jurisdiction}
    all_reviewed = [r for r in read_records(reviewed_graph) if r.status == "reviewed" and r.iso3 in codes]
    reviewed = [r for r in all_reviewed if r.source_file in drafts.files.get(r.iso3, set())]
    drafted = [d for d in drafts.records if d.iso3 in codes]
    pairs = match(drafted, reviewed)
    juris: dict[str, Tally] = defaultdict(Tally)
    langs: dict[str, Tally] = defaultdict(Tally)
    overall = Tally()
    out_pairs: list[dict] = []

    def count(t: Tally, iso3: str, lang: str) -> None:
        juris[iso3].add(t)
        langs[lang or "?"].add(t)
        overall.add(t)

    matched_d = {d.iri for d, _, _ in pairs}
    matched_r = {r.iri for _, r, _ in pairs}
    for d, r, j in pairs:
        want, got = most_specific(r.concepts, broader), most_specific(d.concepts, broader)
        t = Tally(drafted=1, reviewed=1, matched=1)
        t.tp = t.m_tp = len(want & got)
        t.fp = t.m_fp = len(got - want)
        t.fn = t.m_fn = len(want - got)
        age_case = not r.age_elsewhere and (r.age is not None or d.age is not None)
        pen_case = not r.penalty_elsewhere and (r.penalty is not None or d.penalty is not None)
        t.age_n, t.age_ok = int(age_case), int(age_case and r.age == d.age)
        t.pen_n, t.pen_ok = int(pen_case), int(pen_case and r.penalty == d.penalty)
        changed = want != got or (age_case and r.age != d.age) or (pen_case and r.penalty != d.penalty)
        t.changed = int(changed)
        count(t, d.iso3, d.lang)
        out_pairs.append({
            "jurisdiction": d.iso3, "draft": d.identifier, "reviewed": r.identifier, "jaccard": round(j, 3),
            "changed": changed, "missing": _short(want - got), "extra": _short(got - want),
            **({"age": {"reviewed": r.age, "draft": d.age}} if age_case and r.age != d.age else {}),
            **({"penalty": {"reviewed": r.penalty, "draft": d.penalty}} if pen_case and r.penalty != d.penalty else {}),
        })
    for d in drafted:
        if d.iri not in matched_d:
            count(Tally(drafted=1, fp=len(most_specific(d.concepts, broader))), d.iso3, d.lang)
            out_pairs.append({"jurisdiction": d.iso3, "draft": d.identifier, "reviewed": None,
                              "dropped_by_review": True, "extra": _short(most_specific(d.concepts, broader))})
    for r in reviewed:
        if r.iri not in matched_r:
            count(Tally(reviewed=1, fn=len(most_specific(r.concepts, broader))), r.iso3, r.lang)
            out_pairs.append({"jurisdiction": r.iso3, "draft": None, "reviewed": r.identifier,
                              "added_by_review": True, "missing": _short(most_specific(r.concepts, broader))})
    details = {}
    for iso3 in sorted(codes):
        juris.setdefault(iso3, Tally())
        details[iso3] = {
            "source_files": sorted(drafts.files.get(iso3, set())),
            "drafted_by": sorted(drafts.tools.get(iso3, set())),
            "reviewed_other_files": sum(1 for r in all_reviewed if r.iso3 == iso3) - sum(1 for r in reviewed if r.iso3 == iso3),
        }
    out_pairs.sort(key=lambda p: (p["jurisdiction"], p.get("draft") or "", p.get("reviewed") or ""))
    return Comparison(dict(juris), dict(langs), overall, details, out_pairs)


def evaluate_drafts(
    drafts_dir: Path | str,
    reviewed: list[Path | str] | None = None,
    jurisdiction: str | None = None,
) -> Comparison:
    """Read the drafts below ``drafts_dir`` and compare them with the reviewed encodings in ``reviewed``
    (files or folders; default: the knowledge base's statutes)."""
    from .vocabulary import concept_hierarchy

    drafts = read_drafts(drafts_dir, jurisdiction)
    try:
        graph = load(reviewed or None)
    except LoadError as exc:
        raise DraftsError(str(exc)) from None
    return compare(drafts, graph, concept_hierarchy(), jurisdiction)
