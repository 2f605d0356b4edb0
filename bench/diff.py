"""Speed of the version diff (kb/diff.py): the Cao Bằng pair including parsing, and a generated pair of
200-article regulations (articles of ../shared/corpus-wild regulations, or of the Cao Bằng Quy chế
repeated when it is absent, edited by a seeded script). Peak memory is the process's peak resident
size (spaCy and its models included)."""

from __future__ import annotations

import importlib
import os
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path

from eval.diff_synthetic import ArticleSpec, build, edit, specs_of

ROOT = Path(__file__).resolve().parent.parent
OLD = ROOT / "corpus" / "cao-bang-2022-qd-03-quy-che-phoi-hop-theo-doi-thi-hanh-phap-luat.md"
NEW = ROOT / "corpus" / "cao-bang-2026-du-thao-quy-che-phoi-hop-to-chuc-thi-hanh-vbqppl.txt"
WILD = ROOT.parent / "shared" / "corpus-wild"
ARTICLES = 200


def _measure(fn: Callable[[], object]) -> tuple[str, float]:
    """ "CPU s (wall s)" (CPU time is the steadier figure on a shared machine), and the process's peak
    resident memory so far in MiB (tracemalloc would slow the diff several times over)."""
    from kb.diff.ops import clean

    clean.cache_clear()  # every run pays for its own tokenising
    _tokens_cache_clear()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return f"{cpu:.3f} ({wall:.3f})", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tokens_cache_clear() -> None:
    from kb.diff import ops as diff_ops

    diff_ops._tokens_cached.cache_clear()


def _articles(n: int) -> list[ArticleSpec]:
    from kb.diff.align import main_document
    from parsers import parse_file

    paths = sorted(WILD.glob("*.md")) if WILD.is_dir() else []
    out: list[ArticleSpec] = []
    for path in paths + [OLD] * n:
        out += [a for a in specs_of(main_document(parse_file(path))) if a.clauses]
        if len(out) >= n:
            break
    return out[:n]


def run() -> dict[str, object]:
    from kb.diff.align import diff_documents, load_side

    start = time.perf_counter()
    # The optional enrichments load spaCy and their data once per process: timed apart.
    importlib.import_module("kb.actors")
    importlib.import_module("kb.citations")
    importlib.import_module("kb.duties")

    imports = time.perf_counter() - start
    diff_documents(load_side(str(OLD)), load_side(str(NEW)))  # warm caches (registry, catalog)
    cao_bang, cao_bang_mb = _measure(lambda: diff_documents(load_side(str(OLD)), load_side(str(NEW))))
    align_only, _ = _measure(lambda: diff_documents(load_side(str(OLD)), load_side(str(NEW)), facts=False))
    specs = _articles(ARTICLES)
    donors = _articles(ARTICLES + 20)[ARTICLES:]
    new_specs, _ = edit(
        specs,
        random.Random(200),
        donors=donors,
        n_delete=10,
        n_insert=10,
        n_move=5,
        n_split=5,
        n_reword=20,
        n_rewrite=5,
    )
    old_doc, new_doc = build(specs), build(new_specs)
    big_align, _ = _measure(lambda: diff_documents(old_doc, new_doc, facts=False))
    big, big_mb = _measure(lambda: diff_documents(old_doc, new_doc))
    n = f"{len(specs)} vs {len(new_specs)} articles"
    return {
        "imports of spaCy-based enrichments (s, once)": round(imports, 2),
        "Cao Bằng parse + diff + facts, CPU s (wall s), aim < 0.5": cao_bang,
        "Cao Bằng parse + alignment and word diff, CPU s (wall s)": align_only,
        "peak RSS after Cao Bằng (MiB)": round(cao_bang_mb, 1),
        f"{n}: alignment and word diff, CPU s (wall s)": big_align,
        f"{n}: with facts incl. duty extraction, CPU s (wall s), aim < 5": big,
        f"peak RSS after {n} (MiB)": round(big_mb, 1),
        "load average (1 min) at the end": round(os.getloadavg()[0], 1),
    }


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:<55} {value}")
