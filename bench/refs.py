"""`kb refs` and `kb cited-by` on a KB of the benchmark corpus: p50/p95 latency (aim: p95 < 50 ms); the
time to load the whole citation graph and to run `kb check` once."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from bench.corpus import build as build_corpus
from kb.citations.checks import run_checks
from kb.citations.graph import build_graph, cited_by_db, from_db, refs_db
from kb.pipeline import build
from kb.store.db import open_db

OUT = Path(__file__).parent / "out"
SAMPLE = 200
ROUNDS = 3


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _timed(fn, args: list, rounds: int = ROUNDS) -> list[float]:
    out = []
    for arg in args:
        fn(arg)  # warm
        for _ in range(rounds):
            started = time.perf_counter()
            fn(arg)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _stats(prefix: str, ms: list[float]) -> dict[str, object]:
    return {f"{prefix} calls": len(ms), f"{prefix} p50 ms": round(statistics.median(ms), 2),
            f"{prefix} p95 ms": round(_percentile(ms, 0.95), 2), f"{prefix} max ms": round(max(ms), 2)}


def run(db_path: Path | None = None, rebuild: bool = True) -> dict[str, object]:
    OUT.mkdir(exist_ok=True)
    db_path = db_path or OUT / "bench-kb.db"
    if rebuild:
        build([build_corpus()], db_path)  # incremental: reuses bench/build.py's KB when it is current
    db = open_db(db_path)
    rng = random.Random(7)
    doc_ids = [r["doc_id"] for r in db.query("SELECT doc_id FROM documents")]
    docs = rng.sample(doc_ids, min(SAMPLE, len(doc_ids)))
    cited = [r["target_doc"] for r in db.query(
        'SELECT target_doc, count(*) AS n FROM "references" WHERE target_doc IS NOT NULL '
        "GROUP BY target_doc ORDER BY n DESC LIMIT 100")]
    provisions = [f"{r['target_doc']}:{r['target_eid']}" for r in db.query(
        'SELECT DISTINCT target_doc, target_eid FROM "references" WHERE target_doc IS NOT NULL '
        "AND target_eid LIKE 'art_%' LIMIT 100")]
    targets = rng.sample(cited, min(50, len(cited))) + rng.sample(provisions, min(50, len(provisions)))
    refs_ms = _timed(lambda d: refs_db(db, d), docs)
    cited_ms = _timed(lambda t: cited_by_db(db, t), targets)
    started = time.perf_counter()
    view = from_db(db)
    graph = build_graph(view)
    graph_s = time.perf_counter() - started
    started = time.perf_counter()
    findings = run_checks(view)
    check_s = time.perf_counter() - started
    references = db.execute('SELECT count(*) FROM "references"').fetchone()[0]
    db.conn.close()
    return {
        "documents": len(doc_ids), "references": references,
        **_stats("refs", refs_ms), **_stats("cited-by", cited_ms),
        "graph nodes": graph.number_of_nodes(), "graph edges": graph.number_of_edges(),
        "graph load s": round(graph_s, 2), "check s": round(check_s, 2), "check findings": len(findings),
    }
