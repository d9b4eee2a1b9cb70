"""Throughput of the ingest pipeline: tokens per second over every bundled hand-encoded excerpt.

Run: ``.venv/bin/python benchmarks/ingest.py [--repeat N]``. Pipeline construction (reading the ontology,
building the patterns) is timed apart from processing, since a session builds each language once.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the excerpts (best is reported)")
    parser.add_argument("--by-language", action="store_true", help="also print tokens per second per language")
    args = parser.parse_args()

    from lexgap.nlp.evaluate import gold_provisions
    from lexgap.nlp.extract import read
    from lexgap.nlp.pipeline import LANGUAGES, build

    by_lang = defaultdict(list)
    for g in gold_provisions():
        if g.lang in LANGUAGES:
            by_lang[g.lang].append(g.excerpt)
    started = time.perf_counter()
    pipelines = {lang: build(lang) for lang in by_lang}
    built = time.perf_counter() - started
    best = None
    per_lang: dict[str, tuple[int, float]] = {}
    for _ in range(args.repeat):
        tokens, t0 = 0, time.perf_counter()
        for lang, texts in by_lang.items():
            n, t1 = 0, time.perf_counter()
            for ex in read(pipelines[lang], texts):  # what ingest does: fold, run, map offsets back
                n += ex.tokens
            spent = time.perf_counter() - t1
            if lang not in per_lang or spent < per_lang[lang][1]:
                per_lang[lang] = (n, spent)
            tokens += n
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    excerpts = sum(len(v) for v in by_lang.values())
    print(f"excerpts: {excerpts} in {', '.join(sorted(by_lang))}; tokens: {tokens}")
    print(f"pipeline construction: {built:.2f} s for {len(pipelines)} languages")
    print(f"processing: {best:.3f} s (best of {args.repeat}) = {tokens / best:,.0f} tokens/s")
    if args.by_language:
        for lang, (n, spent) in sorted(per_lang.items(), key=lambda kv: kv[1][0] / kv[1][1]):
            print(f"  {lang}: {n:,} tokens in {spent:.3f} s = {n / spent:,.0f} tokens/s")


if __name__ == "__main__":
    main()
