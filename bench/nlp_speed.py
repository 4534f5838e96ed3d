"""Extraction speed against bare jieba segmentation of the same documents, in the same run.

    .venv/bin/python bench/nlp_speed.py [--seconds 5] [--docs DIR]

Documents: DIR, else the real judgments ($IPCREDIT_REAL_DOCS or /work/shared/realdata/judgments)
when present, else the province samples. Single-process rounds alternate ``jieba.lcut``, the full
spaCy pipeline (``nlp.pipeline.extract``) and the rules without spaCy (``extract_document``) until
jieba and the pipeline have each run for at least ``--seconds`` (and three rounds); the median
round gives characters per second per core.
The batch figure runs ``extract_many`` on every core; the machine's load average is printed
beside it, since other work on the machine takes cores from the batch. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.evaluate import decode  # noqa: E402

REAL = Path(os.environ.get("IPCREDIT_REAL_DOCS")
            or Path(__file__).resolve().parents[2] / "shared" / "realdata" / "judgments")
SAMPLES = ROOT / "samples" / "province"


def documents(folder: Path | None) -> tuple[str, list[str]]:
    """(where from, texts) of the documents to time."""
    if folder is None:
        folder = REAL if REAL.is_dir() and any(REAL.glob("*.txt")) else None
    if folder is not None:
        paths = sorted(folder.glob("*.txt"))
        return str(folder), [decode(p.read_bytes()) for p in paths]
    paths = sorted(p for p in SAMPLES.rglob("*") if p.suffix in (".txt", ".html"))
    return str(SAMPLES), [decode(p.read_bytes()) for p in paths]


def _round(func: Callable[[str], object], texts: list[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        func(text)
    return time.perf_counter() - start


def single_process(texts: list[str], seconds: float) -> dict[str, float]:
    """Median chars/s of each contender over alternating rounds."""
    import jieba

    from nlp.extract import extract_document
    from nlp.pipeline import extract, get_pipeline

    jieba.setLogLevel(60)
    jieba.initialize()
    get_pipeline()
    contenders = {"jieba_lcut": jieba.lcut, "pipeline": extract, "rules_only": extract_document}
    for func in contenders.values():
        func(texts[0])
    chars = sum(map(len, texts))
    timings: dict[str, list[float]] = {name: [] for name in contenders}
    compared = ("jieba_lcut", "pipeline")
    while min(sum(timings[n]) for n in compared) < seconds or len(timings["pipeline"]) < 3:
        for name, func in contenders.items():
            timings[name].append(_round(func, texts))
    return {name: chars / statistics.median(t) for name, t in timings.items()} | {
        "rounds": len(timings["pipeline"])}


def batch(texts: list[str], seconds: float) -> dict[str, float]:
    """Wall-clock chars/s of ``extract_many`` on every core, on enough copies for ``seconds``."""
    from nlp.pipeline import extract_many

    cores = os.cpu_count() or 1
    chars = sum(map(len, texts))
    one = _round(lambda _: list(extract_many(texts, n_process=1)), [""])
    copies = max(1, int(seconds * cores / max(one, 1e-6)))
    work = texts * copies
    start = time.perf_counter()
    results = list(extract_many(work, n_process=cores))
    wall = time.perf_counter() - start
    assert len(results) == len(work)
    return {"cores": cores, "documents": len(work), "chars_per_s": chars * copies / wall,
            "chars_per_s_per_core": chars * copies / wall / cores}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--docs", type=Path, default=None)
    args = parser.parse_args()
    source, texts = documents(args.docs)
    load = os.getloadavg()[0]
    single = single_process(texts, args.seconds)
    report = {
        "documents": source, "count": len(texts), "chars": sum(map(len, texts)),
        "per_core_chars_per_s": {k: round(v) for k, v in single.items() if k != "rounds"},
        "rounds": single["rounds"],
        "pipeline_vs_jieba": round(single["pipeline"] / single["jieba_lcut"], 3),
        "goal_pipeline_vs_jieba": 0.5,
        "batch_all_cores": {k: round(v) for k, v in batch(texts, args.seconds).items()},
        "load_average_before": round(load, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
