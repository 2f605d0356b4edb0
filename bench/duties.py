"""Duties: extraction speed on the benchmark corpus, and `kb duties` latency on a 2,000-document KB.

Extraction is timed on its own (CPU seconds of `extract_duties`, files parsed beforehand) on every
SAMPLE-th file of the corpus, so the figure does not depend on how busy the machine is. The query
latency is the library call `kb duties` makes (`find_duties`), on bench/out/bench-kb.db when
bench/build.py left one with >= 2,000 documents, else on a KB built here.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench.corpus import build as build_corpus
from kb.duties.extract import extract_duties
from kb.duties.queries import find_duties
from kb.pipeline import build
from kb.store.db import open_db
from parsers import ParseError, parse_file

OUT = Path(__file__).parent / "out"
SAMPLE = 10
QUERIES = ("xã", "xa", "UBND xã", "so tu phap", "Sở Tư pháp", "sở ban ngành", "ubnd cap huyen", "so tu phao",
           "van phong ubnd tinh", "chu tich ubnd tinh", "thanh tra tinh", "phong tu phap", "huyện", "vien kiem sat")
ROUNDS = 5


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _extraction(corpus: Path) -> dict[str, object]:
    files = sorted(corpus.iterdir())[::SAMPLE]
    cpu = 0.0
    duties = documents = 0
    for path in files:
        try:
            result = parse_file(path)
        except ParseError:  # a file the parser refuses is not part of this figure
            continue
        started = time.process_time()
        for doc in result.documents:
            duties += len(extract_duties(result, doc, None))
        cpu += time.process_time() - started
        documents += len(result.documents)
    return {
        "extraction files (sample)": len(files),
        "extraction documents": documents,
        "duties extracted": duties,
        "extraction cpu s": round(cpu, 2),
        "duties/s (cpu)": round(duties / cpu, 1) if cpu else 0.0,
        "documents/s (cpu)": round(documents / cpu, 1) if cpu else 0.0,
    }


def _kb(corpus: Path) -> Path:
    shared = OUT / "bench-kb.db"
    if shared.exists():
        db = open_db(shared)
        try:
            docs = db.execute("SELECT count(*) FROM documents").fetchone()[0]
            has_duties = db["duties"].exists() and db.execute("SELECT count(*) FROM duties").fetchone()[0] > 0
        finally:
            db.conn.close()
        if docs >= 2000 and has_duties:
            return shared
    own = OUT / "duties-kb.db"
    build([corpus], own)
    return own


def _latencies(db_path: Path) -> tuple[list[float], list[float], int, int]:
    """Wall and CPU milliseconds of each query (CPU time shows the cost when the machine is shared)."""
    db = open_db(db_path)
    wall, cpu = [], []
    rows = 0
    try:
        for query in QUERIES:
            rows += len(find_duties(db, query)["duties"])  # warm the page cache for this query
            for _ in range(ROUNDS):
                started, started_cpu = time.perf_counter(), time.process_time()
                find_duties(db, query)
                wall.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
        documents = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        db.conn.close()
    return wall, cpu, rows, documents


def run() -> dict[str, object]:
    corpus = build_corpus()
    OUT.mkdir(exist_ok=True)
    figures = _extraction(corpus)
    wall, cpu, rows, documents = _latencies(_kb(corpus))
    figures.update({
        "kb documents": documents,
        "queries": len(QUERIES),
        "duties returned (all queries)": rows,
        "kb duties p50 ms": round(statistics.median(wall), 2),
        "kb duties p95 ms": round(_percentile(wall, 0.95), 2),
        "kb duties max ms": round(max(wall), 2),
        "kb duties p95 cpu ms": round(_percentile(cpu, 0.95), 2),
    })
    return figures
