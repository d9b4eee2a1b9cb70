"""Synthetic knowledge bases shaped like the real one, for the gap benchmarks.

The instruments, the ontology and the concept scheme are the project's own files; only the national law
is invented: N jurisdictions (codes ``S0001``…, never real ones), each with about 60 provisions in three
acts, review coverage, reservations and participations. Element values are drawn around each
requirement's own constraint values (read from the instrument files), so the statuses come out mixed
(met, partial, missing, unknown, reserved) and every code path of the engine is exercised: age ranges
split over two provisions, values inherited from definitions, dated versions, suspensions, permitted and
impermissible reservations. Nothing here is law: the values are random, the words are filler.

    python benchmarks/synthetic.py --jurisdictions 200 --out /tmp/kb200
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lexgap.gapdata import read_kb
from lexgap.load import ONTOLOGY_DIR, STATUTES_DIR, load
from lexgap.store import open_store
from lexgap.vocab import LG

PREFIXES = """@prefix lg:   <https://w3id.org/lexgap/ontology#> .
@prefix lgc:  <https://w3id.org/lexgap/concept/> .
@prefix lgj:  <https://w3id.org/lexgap/jurisdiction/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""

FILLER = (
    "whoever person shall be liable punished imprisonment term years fine offence material image data computer "
    "system access without right intentionally child minor depiction distributes possesses produces makes "
    "available procures transmits obtains offers section act subsection paragraph pursuant provided that where"
).split()


@dataclass(frozen=True)
class Manifest:
    base_files: list[Path]  # ontology, concepts and instrument files (the project's own)
    jurisdiction_files: list[Path]  # one generated file per jurisdiction, in code order
    codes: list[str]
    requirements: int

    @property
    def files(self) -> list[Path]:
        return self.base_files + self.jurisdiction_files


def base_files() -> list[Path]:
    ontology = [ONTOLOGY_DIR / name for name in ("lexgap.ttl", "concepts.ttl") if (ONTOLOGY_DIR / name).exists()]
    return ontology + sorted((STATUTES_DIR / "instruments").glob("*.ttl"))


class _Shape:
    """What the instruments ask for, read once: concepts, their constraints, reservable requirements."""

    def __init__(self, files: list[Path]):
        kb = read_kb(open_store(load(files, include_ontology=False)))
        self.requirements = kb.requirements
        self.materials = sorted(str(m) for m in kb.labels if "/ontology#material-" in str(m))
        self.booleans = sorted(str(e) for e, r in kb.element_ranges.items() if kb.is_boolean(e))
        # Leaf concepts that some requirement reaches (a group requirement is met through its members).
        leaves: set[str] = set()
        self.constraints: dict[str, list] = {}
        for req in kb.requirements:
            if req.concept is None:
                continue
            members = [c for c in kb.closure(req.concept) if c not in kb.narrower] or [req.concept]
            for concept in members:
                leaves.add(str(concept))
                self.constraints.setdefault(str(concept), []).extend(req.constraints)
        self.concepts = sorted(leaves)
        self.groups = sorted(str(g) for g in kb.narrower)
        self.reservable = [
            (str(r.iri), str(r.instrument), r.reservable_under) for r in kb.requirements if r.reservable_under
        ]
        self.instruments = sorted(str(i) for i in kb.instruments)


def _lit(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return f'"{value}"^^xsd:decimal'
    if isinstance(value, int):
        return str(value)
    return f'"{value}"'


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(n))


def _values(rng: random.Random, shape: _Shape, concept: str) -> dict[str, list[str]]:
    """Element values around the constraints on ``concept``: often meeting them, sometimes not."""
    out: dict[str, list[str]] = {}
    for c in shape.constraints.get(concept, ()):
        element = str(c.element) if c.element else None
        if element is None or rng.random() < 0.1:  # unstated now and then: an undetermined constraint
            continue
        if c.operator == "covers":
            chosen = {m for m in shape.materials if rng.random() < 0.5}
            if rng.random() < 0.75 and c.value_node is not None:
                chosen.add(str(c.value_node))
            out[element] = [f"<{m}>" for m in sorted(chosen)] or [f"<{shape.materials[0]}>"]
        elif isinstance(c.value, bool):
            out[element] = [_lit(c.value if rng.random() < 0.8 else not c.value)]
        elif isinstance(c.value, (int, Decimal)) and not isinstance(c.value, bool):
            low = c.permitted_minimum if c.permitted_minimum is not None else c.value
            options = [c.value, c.value, low, max(0, int(c.value) - 4)]
            if c.element == LG.maxPenaltyYears:
                options = [c.value * 2, c.value * 5, c.value, c.value / 2]
            pick = rng.choice(options)
            out[element] = [_lit(Decimal(str(pick)) if isinstance(c.value, Decimal) else int(pick))]
    return out


def jurisdiction_ttl(index: int, shape: _Shape, rng: random.Random, provisions: int = 60) -> tuple[str, str]:
    code = f"S{index:04d}"
    low = code.lower()
    law = f"https://w3id.org/lexgap/law/{low}"
    lines = [PREFIXES, f'lgj:{code} a lg:Jurisdiction ; lg:iso3 "{code}" ; rdfs:label "Synthetic {code}"@en ;']
    lines.append(f'    lg:region "Synthetic" ; lg:legalFamily "{rng.choice(["civil", "common", "mixed"])}" .')
    reviewed = [g for g in shape.groups if rng.random() < 0.7] + [c for c in shape.concepts if rng.random() < 0.1]
    if reviewed:
        lines.append(f"<{law}/coverage> a lg:ReviewCoverage ; lg:jurisdiction lgj:{code} ;")
        lines.append("    lg:reviewedConcept " + ", ".join(f"<{c}>" for c in sorted(set(reviewed))) + " ;")
        lines.append('    lg:reviewedOn "2026-11-01"^^xsd:date .')
    acts = [f"{law}/act-{k}" for k in range(1, 4)]
    for k, act in enumerate(acts, start=1):
        lines.append(f'<{act}> a lg:Act ; lg:identifier "{low}-act-{k}" ; lg:jurisdiction lgj:{code} ; '
                     f'dcterms:title "Synthetic Act {k}"@en ; lg:shortTitle "Act {k}" .')
    # Definitions: provisions that state values others inherit.
    definitions = []
    for d in range(3):
        iri = f"{law}/act-1/def-{d}"
        definitions.append(iri)
        concept = rng.choice(shape.concepts)
        values = _values(rng, shape, concept)
        lines.append(_provision(iri, f"{low}-act-1-def-{d}", code, acts[0], f"Act 1 s. {d + 1}", [], values, rng))
    count = len(definitions)
    section = 10
    concepts = rng.sample(shape.concepts, k=min(len(shape.concepts), max(1, int(len(shape.concepts) * 0.8))))
    while count < provisions:
        concept = concepts[(count - len(definitions)) % len(concepts)]
        section += 1
        act = rng.choice(acts)
        act_no = acts.index(act) + 1
        values = _values(rng, shape, concept)
        iri = f"{law}/act-{act_no}/{section}"
        ident = f"{low}-act-{act_no}-{section}"
        extra = []
        roll = rng.random()
        age = str(LG.childAgeThreshold)
        if age in values and roll < 0.15 and count + 2 <= provisions:
            # Split protection: the younger ages in one subsection, the rest up to the drawn threshold in
            # the next (the split point is arbitrary: three quarters of the threshold).
            threshold = values[age]
            split = str(max(1, int(threshold[0]) * 3 // 4))
            values[age] = [split]
            lines.append(_provision(iri + "/1", ident + "-1", code, act, f"Act {act_no} s. {section}(1)", [concept], values, rng))
            upper = dict(values)
            upper[age] = threshold
            upper[str(LG.childAgeFrom)] = [split]
            lines.append(_provision(iri + "/2", ident + "-2", code, act, f"Act {act_no} s. {section}(2)", [concept], upper, rng))
            count += 2
            continue
        if roll < 0.25:
            values.pop(age, None)
            extra.append(f"lg:usesDefinition <{rng.choice(definitions)}>")
        elif rng.random() < 0.45:
            extra.append(f"lg:usesDefinition <{rng.choice(definitions)}>")  # relied on, values of its own
        elif roll < 0.30 and count + 2 <= provisions:
            # A dated amendment: the old version until 2015, the new one from then.
            lines.append(_provision(iri, ident, code, act, f"Act {act_no} s. {section} (2005)", [concept],
                                    _values(rng, shape, concept), rng,
                                    ['lg:inForceFrom "2005-01-01"^^xsd:date', 'lg:inForceUntil "2015-01-01"^^xsd:date']))
            extra += [f"lg:supersedes <{iri}>", 'lg:inForceFrom "2015-01-01"^^xsd:date']
            iri, ident = iri + "@2015-01-01", ident + "-2015-01-01"
            count += 1
        elif roll < 0.32:
            extra += ['lg:suspendedFrom "2020-01-01"^^xsd:date', 'lg:suspendedUntil "2021-01-01"^^xsd:date']
        lines.append(_provision(iri, ident, code, act, f"Act {act_no} s. {section}", [concept], values, rng, extra))
        count += 1
    for instrument in shape.instruments:
        name = instrument.rsplit("/", 1)[1]
        lines.append(f'<https://w3id.org/lexgap/status/{low}/{name}> a lg:Participation ; lg:jurisdiction lgj:{code} ;'
                     f' lg:instrument <{instrument}> ; lg:consentKind "{rng.choice(["ratification", "not-party"])}" .')
    for n, (requirement, instrument, clause) in enumerate(shape.reservable):
        roll = rng.random()
        if roll < 0.25:
            invokes = clause if roll < 0.2 else clause + "-x"  # now and then a clause that does not permit it
            lines.append(f'<https://w3id.org/lexgap/status/{low}/res-{n}> a lg:Reservation ; lg:jurisdiction lgj:{code} ;'
                         f' lg:instrument <{instrument}> ; lg:reservationKind "reservation" ; lg:invokes "{invokes}" ;'
                         f' lg:lifts <{requirement}> ; lg:madeOn "2010-01-01"^^xsd:date .')
    return code, "\n".join(lines) + "\n"


def _provision(iri, ident, code, act, citation, concepts, values, rng, extra=()) -> str:
    parts = [
        f"<{iri}> a lg:Provision",
        f'lg:identifier "{ident}"',
        f"lg:act <{act}>",
        f"lg:jurisdiction lgj:{code}",
        f'lg:citation "{citation}"',
        'lg:language "en"',
        f'lg:excerpt "{_words(rng, 45)}"@en',
        f'lg:sourceFile "synthetic/{ident}.txt"',
        f'lg:sourceUrl "https://example.org/synthetic/{ident}"^^xsd:anyURI',
        'lg:sourceType "OFF"',
        "lg:sourcePartial false",
        'lg:textVersion "consolidated"',
        'lg:reviewStatus "reviewed"',
        'lg:encodedBy "synthetic"',
        'lg:encodedOn "2026-11-28"^^xsd:date',
        f'lg:retrievedFrom "synthetic copy of {ident}"',
        f'lg:inForceNote "{_words(rng, 8)}"',
        *list(extra),
    ]
    # Counts per provision as in the bundled knowledge base: ~1.4 cautions, ~0.75 notes, ~0.3 titles,
    # ~0.25 cross-references.
    parts += [f'lg:caution "{_words(rng, 10)}"' for _ in range(rng.choice((1, 1, 2)))]
    if rng.random() < 0.75:
        parts.append(f'lg:note "{_words(rng, 12)}"')
    if rng.random() < 0.3:
        parts.append(f'dcterms:title "{_words(rng, 4)}"@en')
    if rng.random() < 0.25:
        parts.append(f"lg:refersTo <{act}>")
    if concepts:
        parts.append("lg:implements " + ", ".join(f"<{c}>" for c in concepts))
    evidence = []
    for element, vals in sorted(values.items()):
        parts.append(f"<{element}> " + ", ".join(vals))
        evidence.append(f'[ lg:element <{element}> ; lg:quote "{_words(rng, 4)}" ]')
    if evidence:
        parts.append("lg:evidence " + ", ".join(evidence))
    return " ;\n    ".join(parts) + " ."


def generate(out: Path, jurisdictions: int = 200, provisions: int = 60, seed: int = 1) -> Manifest:
    """Write one Turtle file per synthetic jurisdiction under ``out``; return the files to load."""
    base = base_files()
    shape = _Shape(base)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files, codes = [], []
    for index in range(1, jurisdictions + 1):
        code, text = jurisdiction_ttl(index, shape, rng, provisions)
        path = out / f"{code.lower()}.ttl"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        codes.append(code)
    return Manifest(base, files, codes, len(shape.requirements))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", type=int, default=200)
    parser.add_argument("--provisions", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.jurisdictions, args.provisions, args.seed)
    print(f"{len(manifest.jurisdiction_files)} jurisdictions written to {args.out} ({manifest.requirements} requirements)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
