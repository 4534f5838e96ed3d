"""Synthetic province generation: seconds and peak memory by size, against a plain baseline.

Usage: .venv/bin/python bench/synth_speed.py [--sizes 1000,10000,100000,1000000] [--max-seconds 180]

Each measurement runs in its own process, so its peak RSS is its own. The baseline, in the same
run, writes the same number of JSON lines of company-like records with nothing else (no
documents, no truth): the ratio says what the province's documents and truth cost on top of
merely writing the registry. A larger size (100k) is added only when the 10k timing predicts it
finishes within ``--max-seconds``; sizes named in ``--sizes`` (comma- or space-separated) always
run, so ``--sizes 1000,10000,100000,1000000`` produces the million-company row. Prints one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _size_mb(root: Path) -> float:
    return round(sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 2**20, 1)


def baseline(out: Path, companies: int) -> dict:
    """Write ``companies`` JSON lines of registry-like records, nothing else."""
    rng = random.Random(1)
    started = time.perf_counter()
    with (out / "companies.jsonl").open("w", encoding="utf-8") as handle:
        for i in range(companies):
            rep = {"name": "王建国", "id_number": f"3205{rng.randrange(10**13):014d}"}
            record = {"uscc": f"9132050{i:010d}X", "name": f"苏州第{i}商贸有限公司",
                      "capital": "100万元人民币", "founded": "2018-01-01", "legal_rep": rep,
                      "shareholders": [{"name": "王建国", "kind": "person", "stake": 1.0}]}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": _peak_mb(),
            "output_mb": _size_mb(out)}


def province(out: Path, companies: int) -> dict:
    from ingest.synthetic.province import generate

    imported = _peak_mb()
    started = time.perf_counter()
    summary = generate(out, companies, seed=1)
    return {"seconds": round(time.perf_counter() - started, 2), "peak_rss_mb": _peak_mb(),
            "rss_after_import_mb": imported,
            "output_mb": _size_mb(out), "documents": summary["documents"],
            "repeat_infringers": summary["repeat_infringers"]}


def _measure(kind: str, companies: int) -> dict:
    """Run one measurement in a fresh interpreter and read its JSON back."""
    done = subprocess.run([sys.executable, __file__, "--worker", kind, str(companies)], cwd=ROOT,
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def _sizes(values: list[str]) -> list[int]:
    """``["1000,10000", "100000"]`` → ``[1000, 10000, 100000]``."""
    sizes = [int(part) for value in values for part in value.split(",") if part.strip()]
    if not sizes or min(sizes) < 10:
        raise SystemExit("--sizes: give company counts of at least 10, e.g. 1000,10000")
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", default=["1000,10000"],
                        help="company counts, comma- or space-separated")
    parser.add_argument("--max-seconds", type=float, default=180.0)
    parser.add_argument("--worker", nargs=2, metavar=("KIND", "COMPANIES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, companies = args.worker[0], int(args.worker[1])
        sys.path.insert(0, str(ROOT))
        with tempfile.TemporaryDirectory() as tmp:
            result = (province if kind == "province" else baseline)(Path(tmp), companies)
        print(json.dumps(result))
        return
    sizes = _sizes(args.sizes)
    runs = []
    for companies in sizes:
        run = {"companies": companies, "province": _measure("province", companies),
               "baseline": _measure("baseline", companies)}
        run["ratio"] = round(run["province"]["seconds"] / max(run["baseline"]["seconds"], 0.01), 1)
        runs.append(run)
        bigger = companies * 10
        predicted = run["province"]["seconds"] * 10 * 1.2
        if companies == max(_sizes(args.sizes)) and bigger not in sizes and predicted < args.max_seconds:
            sizes.append(bigger)
    print(json.dumps({"python": sys.version.split()[0], "runs": runs}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
