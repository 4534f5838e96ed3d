"""Near-duplicate patent search: MinHash/LSH against comparing every pair, on the same texts.

Texts are made like the synthetic province's: one in twenty belongs to a mill's group of eight
copies of one template, the rest are drafted afresh (often on the same objects). Each size runs
in its own process (time and peak RSS of that size alone). The brute-force baseline compares
every pair's exact shingle Jaccard; it runs up to ``--brute-max`` texts and is extrapolated by
the number of pairs beyond that (marked ``~``). Where both ran, LSH's pairs are checked against
the baseline's (recall).

    .venv/bin/python bench/patent_lsh.py                          # 3k (baseline), 10k and 100k
    .venv/bin/python bench/patent_lsh.py --sizes 10000,100000,1000000
    .venv/bin/python bench/patent_lsh.py --province /tmp/pat10k   # + the detector on a province
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
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.synthetic import patent_text  # noqa: E402
from risk.near_duplicates import brute_force_pairs, near_duplicate_pairs  # noqa: E402
from risk.policy import load_policy  # noqa: E402

THINGS = ("电机端盖", "台灯", "拉杆箱", "中性笔", "办公椅", "充电器外壳", "防盗锁芯", "电动自行车车架")


def texts(n: int, seed: int = 1) -> dict[str, str]:
    rng = random.Random(seed)
    out: dict[str, str] = {}
    while len(out) < n:
        i = len(out)
        if rng.random() < 1 / 150 and n - i >= 8:  # 8 of every ~157 texts are copies
            base = patent_text.template(rng, rng.choice(THINGS), "结构简单", features=5)
            for j in range(8):
                tpl = patent_text.variant(rng, base) if j else base
                out[f"m{i + j:07d}"] = tpl.title() + tpl.abstract("实用新型") + tpl.claims()
        else:
            tpl = patent_text.template(rng, rng.choice(THINGS), "结构简单")
            out[f"g{i:07d}"] = tpl.title() + tpl.abstract("实用新型") + tpl.claims()
    return out


def params() -> dict:
    v = load_policy().value
    return {"shingle_size": int(v("abnormal_patent.shingle_size")),
            "num_perm": int(v("abnormal_patent.minhash_permutations")),
            "candidate_threshold": float(v("abnormal_patent.lsh_candidate_threshold")),
            "threshold": float(v("abnormal_patent.similarity_threshold"))}


def one(n: int, brute: bool) -> dict:
    """Measure one size in this process."""
    corpus = texts(n)
    p = params()
    start = time.perf_counter()
    found = near_duplicate_pairs(corpus, **p)
    lsh_s = time.perf_counter() - start
    out = {"texts": n, "lsh_seconds": round(lsh_s, 2), "pairs": len(found),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if brute:
        start = time.perf_counter()
        exact = brute_force_pairs(corpus, shingle_size=p["shingle_size"], threshold=p["threshold"])
        out["brute_seconds"] = round(time.perf_counter() - start, 2)
        want = {(x.a, x.b) for x in exact}
        got = {(x.a, x.b) for x in found}
        out["recall_vs_brute"] = round(len(want & got) / len(want), 4) if want else 1.0
    return out


def detector_time(province: Path) -> dict:
    """Ingest the province into a scratch embedded store, then time the detector alone."""
    from graph.embedded import EmbeddedStore
    from ingest.run import run_ingest
    from risk.detectors import AbnormalPatent

    meta = json.loads((province / "truth" / "meta.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        store = EmbeddedStore(Path(scratch))
        store.ensure_schema()
        run_ingest(province / "inbox", store)
        patents = sum(1 for _ in store.nodes("Patent"))
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            findings = AbnormalPatent().run(store, load_policy(), date.fromisoformat(meta["as_of"]))
            runs.append(time.perf_counter() - start)
        store.close()
    return {"province": str(province), "patents": patents, "findings": len(findings),
            "seconds_median_of_3": round(sorted(runs)[1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--brute-max", type=int, default=3000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--brute", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--province", type=Path, help="also time the detector on this province")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.brute)))
        return
    rows = []
    sizes = [int(x) for x in args.sizes.replace(" ", ",").split(",") if x]
    if not any(n <= args.brute_max for n in sizes):  # the baseline needs one measured size
        sizes.insert(0, args.brute_max)
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n)] + (["--brute"] if n <= args.brute_max else [])
        rows.append(json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout))
    measured = [r for r in rows if "brute_seconds" in r]
    if measured:
        ref = max(measured, key=lambda r: r["texts"])
        per_pair = ref["brute_seconds"] / (ref["texts"] * (ref["texts"] - 1) / 2)
        for r in rows:
            if "brute_seconds" not in r:
                r["brute_seconds"] = f"~{per_pair * r['texts'] * (r['texts'] - 1) / 2:.0f}"
    for r in rows:
        brute = float(str(r["brute_seconds"]).lstrip("~")) if "brute_seconds" in r else None
        r["ratio"] = (("~" if str(r.get("brute_seconds", "")).startswith("~") else "")
                      + f"{brute / r['lsh_seconds']:.0f}x") if brute and r["lsh_seconds"] else None
        print(json.dumps(r))
    if args.province:
        print(json.dumps(detector_time(args.province)))


if __name__ == "__main__":
    main()
