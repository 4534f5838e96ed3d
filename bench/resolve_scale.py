"""Entity resolution at register scale: blocked matching against a brute-force all-pairs baseline.

Usage: .venv/bin/python bench/resolve_scale.py [--sizes 10000,100000,1000000] [--mentions 1000]
       [--brute-mentions 100] [--brute-max 100000] [--seed 7]

A register of N Jiangsu-style companies (district + two-character trade word + industry + legal
form, so trade words repeat across cities as they do in life) is indexed; ``--mentions`` of them
are printed the ways documents print names (as registered, 有限责任公司, 江苏省 prefix, no place,
traditional characters) and resolved. The baseline, in the same run, scores the first
``--brute-mentions`` of those mentions against every company of the register (sizes up to
``--brute-max``) with the same matcher and decision rule: the ratio is the cost blocking saves, and
``agreement`` says whether the blocked decisions equal the all-pairs ones. Times are CPU seconds of
this process (``time.process_time``), so other work on a shared machine does not inflate them.
Prints one JSON object (and each size's row on stderr as it finishes).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import opencc  # noqa: E402
from stdnum.cn import uscc as stdnum_uscc  # noqa: E402

from graph.records import Node  # noqa: E402
from ingest.matching.names import places  # noqa: E402
from ingest.resolve import CompanyResolver  # noqa: E402

TRADE = ("恒达盛鑫华泰瑞丰源诚信隆兴宏嘉和佳新锐金银宝汇联创博正中天海龙凤美雅韵澜湖鼎晟昌昊泽润远航"
         "德福康乐安宁永顺通益利峰云星辰光明阳春秋景翔飞腾跃卓越尚品优臻易佰万千百合众欣悦")
INDUSTRY = ("服饰", "纺织", "化妆品", "电器", "机械", "五金", "家具", "灯饰", "箱包", "食品", "文具", "电子")
FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司")
VARIANTS = ("exact", "legal_form", "province", "no_region", "traditional")
_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _districts() -> list[tuple[str, str]]:
    """(code, 'city + district' prefix) for Jiangsu's districts and county-level cities."""
    by_code: dict[str, str] = {}
    for name, codes in places().items():
        for code in codes:
            if code.startswith("32") and len(code) in (4, 6) and name[-1] in "市区县":
                by_code.setdefault(code, name)
    out = []
    for code, name in sorted(by_code.items()):
        if len(code) == 6 and code[:4] in by_code:
            out.append((code, by_code[code[:4]] + name))
    return out


def _uscc(rng: random.Random, region: str) -> str:
    body = "91" + region + "".join(rng.choice(_ALPHABET) for _ in range(9))
    return body + stdnum_uscc.calc_check_digit(body)


def register(n: int, seed: int) -> list[Node]:
    rng, districts, seen, nodes = random.Random(seed), _districts(), set(), []
    while len(nodes) < n:
        code, prefix = rng.choice(districts)
        name = prefix + rng.choice(TRADE) + rng.choice(TRADE) + rng.choice(INDUSTRY) + rng.choice(FORMS)
        if name in seen:
            continue
        seen.add(name)
        uscc = _uscc(rng, code)
        nodes.append(Node("Company", uscc, {"name": name, "uscc": uscc, "region": code,
                                            "kind": "registered"}))
    return nodes


def printed(node: Node, variant: str, strip: str, to_traditional: opencc.OpenCC) -> str:
    name = str(node.props["name"])
    if variant == "legal_form" and name.endswith("有限公司") and not name.endswith("股份有限公司"):
        return name[:-4] + "有限责任公司"
    if variant == "province":
        return "江苏省" + name
    if variant == "no_region":
        return name[len(strip):]
    if variant == "traditional":
        return to_traditional.convert(name)
    return name


def _brute(resolver: CompanyResolver, name: str) -> str:
    """The all-pairs baseline: the same matcher over every registered company."""
    query, _ = resolver._query(name, None, None, None)
    ranked = resolver.matcher.rank(query, resolver.index.companies.values())
    chosen = next((s for s in ranked if s.decision == "chosen"), None)
    return chosen.candidate_id if chosen else "new_name"


def run(size: int, mentions: int, brute_mentions: int, brute_max: int, seed: int) -> dict:
    started = time.process_time()
    nodes = register(size, seed)
    generated = time.process_time()
    resolver = CompanyResolver()
    for node in nodes:
        resolver.learn(node)
    indexed = time.process_time()
    rng = random.Random(seed + 1)
    prefixes = dict(_districts())
    to_traditional = opencc.OpenCC("s2t")
    sample = [(node, rng.choice(VARIANTS)) for node in rng.sample(nodes, min(mentions, size))]
    texts = [printed(n, v, prefixes[str(n.props["region"])], to_traditional) for n, v in sample]
    outcomes, sizes, decisions = {"right": 0, "wrong": 0, "unresolved": 0}, [], []
    t0 = time.process_time()
    for (node, _variant), text in zip(sample, texts, strict=True):
        resolution = resolver.resolve(text)
        decisions.append(resolution.node_id if resolution.method != "new_name" else "new_name")
        outcomes["right" if resolution.node_id == node.id else
                 "unresolved" if resolution.method == "new_name" else "wrong"] += 1
    blocked_s = time.process_time() - t0
    for text in texts:
        candidates, _report = resolver.index.lookup(resolver._query(text, None, None, None)[0])
        sizes.append(len(candidates))
    result = {
        "companies": size, "mentions": len(texts), "generate_s": round(generated - started, 1),
        "index_s": round(indexed - generated, 1), "blocked_ms_per_mention": round(
            blocked_s / len(texts) * 1000, 3),
        "candidates": {"mean": round(statistics.mean(sizes), 1), "median": statistics.median(sizes),
                       "p95": sorted(sizes)[int(len(sizes) * 0.95)], "max": max(sizes)},
        "outcomes": outcomes, "largest_block": max(resolver.index.block_sizes()),
    }
    if size <= brute_max and brute_mentions:
        k = min(brute_mentions, len(texts))
        t0 = time.process_time()
        brute = [_brute(resolver, text) for text in texts[:k]]
        brute_s = time.process_time() - t0
        result["brute_force_ms_per_mention"] = round(brute_s / k * 1000, 2)
        result["ratio"] = round(result["brute_force_ms_per_mention"] /
                                result["blocked_ms_per_mention"], 1)
        result["agreement"] = round(sum(a == b for a, b in zip(brute, decisions[:k], strict=True))
                                    / k, 4)
        result["brute_mentions"] = k
    result["peak_rss_mb"] = _peak_mb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--mentions", type=int, default=1000)
    parser.add_argument("--brute-mentions", type=int, default=100)
    parser.add_argument("--brute-max", type=int, default=100000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.replace(" ", ",").split(",") if s):
        rows.append(run(size, args.mentions, args.brute_mentions, args.brute_max, args.seed))
        sys.stderr.write(json.dumps(rows[-1], ensure_ascii=False) + "\n")  # progress, row by row
    sys.stdout.write(json.dumps({"runs": rows}, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
