"""Gap-matrix benchmark: the embedded store (and optionally a local Oxigraph server) against the plain SPARQL
gap matrix on rdflib's default in-memory store, on synthetic knowledge bases shaped like the real one.

    python benchmarks/gaps.py --jurisdictions 200
    python benchmarks/gaps.py --jurisdictions 2000 --json
    python benchmarks/gaps.py --jurisdictions 200,2000 --stores embedded,endpoint

For each N it generates N synthetic jurisdictions (benchmarks/synthetic.py; ~60 provisions each, every
bundled instrument), then measures, each in a fresh process so peak memory is its own:
- per store: load time, full gap-matrix time (lexgap.gaps.compute_gaps), one jurisdiction's report time,
  peak resident memory;
- the baseline: analysis/gap-matrix.rq on rdflib's default store for the first --baseline-jurisdictions
  jurisdictions (rdflib evaluates its EXISTS filters row by row: the whole matrix would take hours).
Cells per second compare the two: cells = jurisdictions × requirements.

Targets (docs/methodology-gaps.md): 200 jurisdictions, load included, under 2 s; 2,000 under 20 s and
2 GB; at least 100 times the baseline's cells per second.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

AS_OF = "2026-11-28"
TARGETS = {200: {"load_plus_matrix_s": 2.0}, 2000: {"load_plus_matrix_s": 20.0, "peak_rss_mb": 2048}}
MIN_SPEEDUP = 100


def _peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _files(directory: Path, limit: int | None = None) -> tuple[list[Path], list[Path]]:
    from synthetic import base_files

    national = sorted(directory.glob("*.ttl"))
    return base_files(), national[:limit] if limit else national


# --------------------------------------------------------------------------------------------------
# Workers (one process each)
# --------------------------------------------------------------------------------------------------


def work_embedded(directory: Path, as_of: str) -> dict:
    from lexgap.gaps import compute_gaps
    from lexgap.store import load_graph

    base, national = _files(directory)
    start, cpu = time.perf_counter(), time.process_time()
    graph = load_graph(base + national, include_ontology=False)
    load_s, load_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    results = compute_gaps(graph, as_of=as_of)
    matrix_s, matrix_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    first = results[0].jurisdiction
    start = time.perf_counter()
    report = compute_gaps(graph, jurisdictions=[first], as_of=as_of)
    report_s = time.perf_counter() - start
    summary = _summary(_triples(graph), load_s, matrix_s, report_s, len(results), len(report), results)
    # CPU seconds next to wall seconds: on a shared machine the wall clock also counts other processes.
    summary.update(load_cpu_s=round(load_cpu_s, 3), matrix_cpu_s=round(matrix_cpu_s, 3))
    return summary


def _triples(graph) -> int:
    # len(graph) on an Oxigraph-backed rdflib graph runs COUNT(DISTINCT …), which holds every triple in
    # memory once more: count the store's quads instead (the triples sit in its default graph).
    return len(graph.store._inner)


def work_endpoint(directory: Path, as_of: str) -> dict:
    """A local Oxigraph server: load over the Graph Store protocol, then the same engine over HTTP."""
    from lexgap.gaps import compute_gaps
    from lexgap.store import load_endpoint, load_graph

    binary = Path(sys.executable).parent / "oxigraph"
    server_binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    if not server_binary:
        raise SystemExit("the oxigraph server is not installed (pip install oxigraph)")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    import requests

    with tempfile.TemporaryDirectory(prefix="lexgap-bench-server-") as location:
        server = subprocess.Popen(
            [server_binary, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 30
            while True:
                try:
                    if requests.get(f"{base_url}/query", params={"query": "ASK {}"}, timeout=1).ok:
                        break
                except requests.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("oxigraph server did not start")
                time.sleep(0.1)
            base, national = _files(directory)
            start = time.perf_counter()
            graph = load_graph(base + national, include_ontology=False)
            load_endpoint(f"{base_url}/store", graph)
            load_s = time.perf_counter() - start
            triples = _triples(graph)
            del graph
            endpoint = f"{base_url}/query"
            start = time.perf_counter()
            results = compute_gaps(endpoint, as_of=as_of)
            matrix_s = time.perf_counter() - start
            start = time.perf_counter()
            report = compute_gaps(endpoint, jurisdictions=[results[0].jurisdiction], as_of=as_of)
            report_s = time.perf_counter() - start
            summary = _summary(triples, load_s, matrix_s, report_s, len(results), len(report), results)
            summary["server_peak_rss_mb"] = _server_peak_mb(server.pid)
            return summary
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


def _server_peak_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def work_baseline(directory: Path, as_of: str, jurisdictions: int) -> dict:
    import rdflib

    from lexgap.store import RdflibStore

    base, national = _files(directory, jurisdictions)
    start = time.perf_counter()
    graph = rdflib.Graph()  # rdflib's default in-memory store, rdflib's own Turtle parser
    for path in base + national:
        graph.parse(path, format="turtle")
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    table = RdflibStore(graph).select("gap-matrix", {"asOf": date.fromisoformat(as_of)})
    matrix_s = time.perf_counter() - start
    statuses: dict[str, int] = {}
    for row in table.dicts():
        statuses[str(row["status"])] = statuses.get(str(row["status"]), 0) + 1
    return {
        "triples": len(graph),
        "load_s": round(load_s, 3),
        "matrix_s": round(matrix_s, 3),
        "cells": len(table),
        "cells_per_s": round(len(table) / matrix_s, 1) if matrix_s else None,
        "peak_rss_mb": _peak_rss_mb(),
        "statuses": dict(sorted(statuses.items())),
    }


def _summary(triples, load_s, matrix_s, report_s, cells, report_cells, results) -> dict:
    statuses: dict[str, int] = {}
    for r in results:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    return {
        "triples": triples,
        "load_s": round(load_s, 3),
        "matrix_s": round(matrix_s, 3),
        "report_s": round(report_s, 3),
        "cells": cells,
        "report_cells": report_cells,
        "cells_per_s": round(cells / matrix_s, 1) if matrix_s else None,
        "peak_rss_mb": _peak_rss_mb(),
        "statuses": dict(sorted(statuses.items())),
    }


def _in_process(kind: str, directory: Path, as_of: str, baseline: int) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, "--dir", str(directory),
               "--as-of", as_of, "--baseline-jurisdictions", str(baseline)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{kind} worker failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


# --------------------------------------------------------------------------------------------------
# One benchmark run
# --------------------------------------------------------------------------------------------------


def run(n: int, stores: list[str], baseline: int | None, as_of: str, seed: int, known: dict | None = None) -> dict:
    """One N. ``known`` is a baseline already measured on the same slice (the generator draws the first
    jurisdictions identically for every N with one seed), so one run measures it once."""
    from synthetic import generate

    with tempfile.TemporaryDirectory(prefix=f"lexgap-bench-{n}-") as tmp:
        directory = Path(tmp)
        start = time.perf_counter()
        manifest = generate(directory, jurisdictions=n, seed=seed)
        generate_s = time.perf_counter() - start
        measured = {store: _in_process(store, directory, as_of, baseline or 0) for store in stores}
        base = None
        if baseline:
            slice_size = min(baseline, n)
            base = known if known and known.get("slice") == slice_size else None
            if base is None:
                base = _in_process("baseline", directory, as_of, slice_size)
                base["slice"] = slice_size
    main = measured[stores[0]]
    out = {
        "jurisdictions": n,
        "requirements": manifest.requirements,
        "triples": main["triples"],
        "store": stores[0],
        "load_s": main["load_s"],
        "matrix_s": main["matrix_s"],
        "load_plus_matrix_s": round(main["load_s"] + main["matrix_s"], 3),
        "load_cpu_s": main.get("load_cpu_s"),
        "matrix_cpu_s": main.get("matrix_cpu_s"),
        "load_plus_matrix_cpu_s": round(main["load_cpu_s"] + main["matrix_cpu_s"], 3) if "load_cpu_s" in main else None,
        "report_s": main["report_s"],
        "peak_rss_mb": main["peak_rss_mb"],
        "cells": main["cells"],
        "cells_per_s": main["cells_per_s"],
        "statuses": main["statuses"],
        "generate_s": round(generate_s, 3),
        "stores": measured,
    }
    if base is not None:
        out.update(
            {
                "baseline_jurisdictions": min(baseline, n),
                "baseline_triples": base["triples"],
                "baseline_load_s": base["load_s"],
                "baseline_matrix_s": base["matrix_s"],
                "baseline_cells": base["cells"],
                "baseline_cells_per_s": base["cells_per_s"],
                "baseline_peak_rss_mb": base["peak_rss_mb"],
                "speedup_cells_per_s": round(main["cells_per_s"] / base["cells_per_s"], 1)
                if base["cells_per_s"]
                else None,
            }
        )
    target = TARGETS.get(n, {})
    checks = {}
    if "load_plus_matrix_s" in target:
        checks["load_plus_matrix_s"] = out["load_plus_matrix_s"] < target["load_plus_matrix_s"]
    if "peak_rss_mb" in target:
        checks["peak_rss_mb"] = out["peak_rss_mb"] < target["peak_rss_mb"]
    if base is not None and out.get("speedup_cells_per_s") is not None:
        checks["speedup"] = out["speedup_cells_per_s"] >= MIN_SPEEDUP
    out["targets_met"] = checks
    out["_baseline"] = base
    return out


def _print_table(results: list[dict]) -> None:
    rows = [
        ("jurisdictions", "jurisdictions"),
        ("triples", "triples"),
        ("load (s)", "load_s"),
        ("gap matrix (s)", "matrix_s"),
        ("load + matrix (s)", "load_plus_matrix_s"),
        ("load + matrix (CPU s)", "load_plus_matrix_cpu_s"),
        ("one jurisdiction (s)", "report_s"),
        ("peak memory (MB)", "peak_rss_mb"),
        ("cells per second", "cells_per_s"),
        ("baseline jurisdictions", "baseline_jurisdictions"),
        ("baseline load (s)", "baseline_load_s"),
        ("baseline matrix (s)", "baseline_matrix_s"),
        ("baseline cells per second", "baseline_cells_per_s"),
        ("speed-up (cells per second)", "speedup_cells_per_s"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, key in rows:
        print(f"{label:<{width}}  " + "  ".join(f"{str(r.get(key, '-')):>14}" for r in results))
    for r in results:
        for store, m in r["stores"].items():
            if store != r["store"]:
                print(f"[{r['jurisdictions']}] {store}: load {m['load_s']} s, matrix {m['matrix_s']} s, "
                      f"report {m['report_s']} s, peak {m['peak_rss_mb']} MB, server peak {m.get('server_peak_rss_mb')} MB")
        print(f"[{r['jurisdictions']}] statuses: {r['statuses']}; targets met: {r['targets_met']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jurisdictions", default="200", help="N, or several as 200,2000")
    parser.add_argument("--json", action="store_true", help="print one JSON object (a list for several N)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the rdflib baseline")
    parser.add_argument("--baseline-jurisdictions", type=int, default=12)
    parser.add_argument("--stores", default="embedded", help="embedded, endpoint (a local Oxigraph server), or both")
    parser.add_argument("--as-of", default=AS_OF)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--worker", choices=("embedded", "endpoint", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        if args.worker == "embedded":
            result = work_embedded(args.dir, args.as_of)
        elif args.worker == "endpoint":
            result = work_endpoint(args.dir, args.as_of)
        else:
            result = work_baseline(args.dir, args.as_of, args.baseline_jurisdictions)
        print(json.dumps(result))
        return 0

    sizes = [int(n) for n in str(args.jurisdictions).split(",") if n.strip()]
    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    if not sizes or any(n < 1 for n in sizes) or any(s not in ("embedded", "endpoint") for s in stores) or not stores:
        parser.error("--jurisdictions takes positive numbers; --stores embedded and/or endpoint")
    baseline = None if args.no_baseline else args.baseline_jurisdictions
    results: list[dict] = []
    known = None
    for n in sizes:
        result = run(n, stores, baseline, args.as_of, args.seed, known)
        known = result.pop("_baseline")
        results.append(result)
    if args.json:
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2))
    else:
        _print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
