"""Parse throughput on the benchmark corpus (>= 2,000 documents): MB/s and documents/s on one core, and
peak memory (tracemalloc, on the largest file, and the process's maximum resident set).

Throughput is given per CPU second of this single-threaded process (what one core does) and per wall-clock
second (which also counts the time other processes on a shared machine took from it).

Files are read into memory first, so the figures are the parser's (`parse_text`), not the disk's.
"""

from __future__ import annotations

import resource
import time
import tracemalloc
from pathlib import Path

from bench.corpus import build
from parsers import parse_text


def _load(folder: Path) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".md", ".txt"):
            out.append((path.name, path.read_text(encoding="utf-8", errors="replace"), path.suffix[1:]))
    return out


def run() -> dict[str, object]:
    docs = _load(build())
    size = sum(len(text.encode("utf-8")) for _, text, _ in docs)
    nodes = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for name, text, fmt in docs:
        result = parse_text(text, source=name, fmt=fmt)
        nodes += sum(1 for doc in result.documents for _ in doc.walk())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start  # one process, one thread: the CPU time of one core
    name, text, fmt = max(docs, key=lambda d: len(d[1]))
    tracemalloc.start()
    parse_text(text, source=name, fmt=fmt)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Issue 14's worst repeated-label case: 200,000 "Điều 1." lines (every eid a clash) must stay under 10 s.
    start = time.perf_counter()
    parse_text("Điều 1.\n" * 200_000, source="<200k Điều 1.>")
    repeated = time.perf_counter() - start
    return {
        "files": len(docs),
        "megabytes": round(size / 1e6, 1),
        "seconds (wall)": round(seconds, 2),
        "seconds (CPU, one core)": round(cpu, 2),
        "MB/s (CPU time)": round(size / 1e6 / cpu, 2),
        "MB/s (wall clock)": round(size / 1e6 / seconds, 2),
        "documents/s (CPU time)": round(len(docs) / cpu, 1),
        "nodes": nodes,
        "largest file (MB)": round(len(text.encode("utf-8")) / 1e6, 2),
        "peak memory parsing it (MB)": round(peak / 1e6, 1),
        "200,000 'Điều 1.' lines (s)": round(repeated, 2),
        "max resident set (MB)": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<32} {value}")
