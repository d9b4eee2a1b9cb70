"""Site build benchmark: `lexgap site` on the bundled data or on a synthetic knowledge base.

    python benchmarks/site.py --jurisdictions 0 --json      # the bundled data
    python benchmarks/site.py --jurisdictions 200 --json    # 200 synthetic jurisdictions
    python benchmarks/site.py --jurisdictions 200 --without network   # leave a page generator out

Prints one JSON object (with --json) or one line: jurisdictions, pages, generate_s (read the data, compute
the gaps, render every page), mkdocs_s (the mkdocs-material build), total_s (the whole `lexgap site`
build, swap included), cpu_s (the processor time it took: on a busy machine total_s grows, this does not),
site_mb. The synthetic knowledge base (benchmarks/synthetic.py: ~60 provisions per
jurisdiction, every bundled instrument) is written to a temporary folder first and not timed.
Target: under 90 s total for 200 jurisdictions on a 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lexgap import site  # noqa: E402
from lexgap.pages import registry  # noqa: E402
from lexgap.load import STATUTES_DIR  # noqa: E402


def synthetic_statutes(root: Path, jurisdictions: int, seed: int = 1) -> Path:
    """A statutes folder: the bundled instruments and N synthetic jurisdictions."""
    import synthetic  # benchmarks/synthetic.py

    statutes = root / "statutes"
    shutil.copytree(STATUTES_DIR / "instruments", statutes / "instruments")
    synthetic.generate(statutes / "national", jurisdictions=jurisdictions, seed=seed)
    return statutes


def run(jurisdictions: int, keep: Path | None = None) -> dict:
    work = Path(tempfile.mkdtemp(prefix="lexgap-site-bench-"))
    try:
        statutes = synthetic_statutes(work, jurisdictions) if jurisdictions else None
        out = keep if keep is not None else work / "site"
        start, cpu = time.perf_counter(), time.process_time()
        report = site.build(out=out, statutes=statutes)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        data = report.to_dict()
        return {
            "jurisdictions": data["jurisdictions"],
            "synthetic": bool(jurisdictions),
            "generators": [g.name for g in registry.GENERATORS],
            "pages": data["pages"],
            "files": data["files"],
            "generate_s": data["generate_s"],
            "mkdocs_s": data["mkdocs_s"],
            "total_s": round(total, 2),
            # The build is one process on one core: on a busy machine total_s grows, cpu_s does not.
            "cpu_s": round(cpu, 2),
            "site_mb": data["site_mb"],
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", type=int, default=0, help="0: the bundled data; N: N synthetic jurisdictions")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it (default: a temporary folder)")
    parser.add_argument("--without", default="", help="page generators to leave out, by name, comma-separated")
    args = parser.parse_args(argv)
    if args.jurisdictions < 0:
        parser.error("--jurisdictions must be 0 or more")
    left_out = {name for name in args.without.split(",") if name}
    unknown = left_out - {g.name for g in registry.GENERATORS}
    if unknown:
        parser.error(f"--without: no page generator named {', '.join(sorted(unknown))}")
    registry.GENERATORS[:] = [g for g in registry.GENERATORS if g.name not in left_out]
    result = run(args.jurisdictions, args.keep)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{result['jurisdictions']} jurisdictions: {result['pages']} pages, generate {result['generate_s']} s, "
            f"mkdocs {result['mkdocs_s']} s, total {result['total_s']} s, {result['site_mb']} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
