"""The cost curve (issue 12): KBs of 10,000, 30,000 and 100,000 documents, every figure at every size.

`python -m bench scale` (`make bench-scale`). Sizes come from VBKB_SCALE_SIZES (default "10000,30000,100000").
The corpus is made once under bench/out/scale/corpus/ from the real files (../shared/corpus-wild, vbpl,
laws and corpus/, read to text once): copy k of a source has its numbers shifted by k (`bench.corpus`),
its issuer's province and a share of its words changed, so document numbers, citation targets and the FTS
vocabulary grow as they would. Size N is the first N files in name order, so each KB starts as a copy of
the next smaller one and its build (incremental) parses only the new files: an interrupted build goes on
where it stopped. Run it niced (`nice -n 15`) on a shared machine. Nothing is extrapolated: a size whose
build is not finished is reported as such.
"""

from __future__ import annotations

import functools
import json
import os
import random
import resource
import shutil
import time
from pathlib import Path

from bench.build import QUERIES
from bench.corpus import _vary
from bench.corpus import sources as seed_sources

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = Path(__file__).parent / "out" / "scale"
CORPUS = OUT / "corpus"
PROVINCES = ("Cao Bằng", "Sơn La", "Bắc Giang", "Sóc Trăng", "Hà Giang", "Lào Cai", "Nghệ An", "Đắk Lắk",
             "Quảng Ninh", "Cà Mau", "Long An", "Thái Bình")
ACTORS = ("xã", "sở tư pháp", "Ban Dân tộc")  # a level word, a common body, a rare one
WORD_SHARE = 0.03  # share of words a copy changes: new words for the FTS vocabulary


def sizes() -> list[int]:
    return [int(s) for s in os.environ.get("VBKB_SCALE_SIZES", "10000,30000,100000").split(",") if s.strip()]


def _texts() -> list[tuple[str, str]]:
    """(stem, text) of every real source, read to text once (docx and html through the readers)."""
    from parsers import parse_file

    cache = OUT / "sources"
    cache.mkdir(parents=True, exist_ok=True)
    files = list(seed_sources())
    for folder, pattern in (("vbpl", "*.html"), ("laws", "*.docx")):
        files += sorted((SHARED / folder).glob(pattern)) if (SHARED / folder).is_dir() else []
    out = []
    for src in files:
        cached = cache / f"{src.stem}.txt"
        if not cached.exists():
            try:
                text = parse_file(src).text if src.suffix in (".html", ".docx") else src.read_text(
                    encoding="utf-8-sig", errors="replace")
            except Exception as exc:  # noqa: BLE001 - a source the readers refuse is left out of the corpus
                print(f"  scale: {src.name} left out ({type(exc).__name__})", flush=True)
                continue
            cached.write_text(text, encoding="utf-8")
        out.append((src.stem, cached.read_text(encoding="utf-8")))
    return out


def _vary_copy(text: str, k: int) -> str:
    """Copy k: numbers shifted, the province named changed, a share of words given a copy-specific form."""
    if k == 0:
        return text
    text = _vary(text, k)
    for i, name in enumerate(PROVINCES):
        text = text.replace(name, PROVINCES[(i + k) % len(PROVINCES)])
    rng = random.Random(k)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * WORD_SHARE)):
        if words[i].isalpha():
            words[i] = f"{words[i]}{k % 997}"
    return " ".join(words)


def make_corpus(n: int) -> list[Path]:
    """The first n files of the scale corpus (written when missing)."""
    CORPUS.mkdir(parents=True, exist_ok=True)
    texts = _texts()
    paths = []
    for i in range(n):
        k, (stem, text) = divmod(i, len(texts))[0], texts[i % len(texts)]
        path = CORPUS / f"{k:05d}-{stem[:60]}.txt"
        if not path.exists():
            path.write_text(_vary_copy(text, k), encoding="utf-8")
        paths.append(path)
    return paths


def _ms(fn, args: list, rounds: int = 3) -> list[float]:
    out = []
    for arg in args:
        fn(arg)
        for _ in range(rounds):
            started = time.perf_counter()
            fn(arg)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def _cpu_s() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _documents(db_path: Path) -> int:
    import sqlite3

    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]


def _build_kb(n: int, smaller: Path | None) -> tuple[Path, dict[str, object]]:
    from kb import workers
    from kb.pipeline import build

    files = make_corpus(n)
    db_path = OUT / f"kb-{n}.db"
    if not db_path.exists() and smaller is not None and smaller.exists():
        shutil.copy(smaller, db_path)  # the smaller KB's files are unchanged here: only new ones are parsed
    before = _documents(db_path)
    cpu, started = _cpu_s(), time.perf_counter()
    report = build(files, db_path)
    workers._shutdown()  # the kept workers' CPU time counts once they are reaped
    wall, cpu = time.perf_counter() - started, _cpu_s() - cpu
    added = report.documents - before
    source = sum(p.stat().st_size for p in files)
    figures: dict[str, object] = {
        "files": len(files), "documents": report.documents, "nodes": report.nodes,
        "parsed this run": len(report.parsed), "failed": len(report.failed),
        "build docs/s (wall, this run)": round(added / wall, 1) if added > 0 else None,
        "build docs/s (CPU, this run)": round(added / cpu, 1) if added > 0 and cpu else None,
        "peak RSS MB (build, largest process)": round(max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            / 1024),
        "source MB": round(source / 1e6, 1), "kb.db MB": round(db_path.stat().st_size / 1e6, 1),
        "kb.db / source": round(db_path.stat().st_size / source, 2),
    }
    again = build(files, db_path)
    figures["no-change rebuild s"] = round(again.seconds, 2)
    victim = files[len(files) // 2]
    original = victim.read_bytes()
    try:
        victim.write_bytes(original + "\n\nĐoạn thêm để đo việc dựng lại một tệp.\n".encode())
        figures["one-file rebuild s"] = round(build(files, db_path).seconds, 2)
    finally:
        victim.write_bytes(original)
    build(files, db_path)
    return db_path, figures


def _queries(db_path: Path) -> dict[str, object]:
    from kb.citations.checks import run_checks
    from kb.citations.graph import cited_by_db, from_db, refs_db
    from kb.duties.queries import find_duties
    from kb.store.db import open_db
    from kb.store.search import search
    from parsers.normalise import strip_diacritics

    db = open_db(db_path)
    rng = random.Random(12)
    queries = list(QUERIES) + [strip_diacritics(q) for q in QUERIES]
    queries = (queries * 3)[:100]
    figures: dict[str, object] = {}
    ms = _ms(lambda q: search(db, q), queries, rounds=1)
    figures |= {"search p50 ms": _p(ms, 0.5), "search p95 ms": _p(ms, 0.95)}
    for actor in ACTORS:
        ms = _ms(lambda a: find_duties(db, a), [actor])
        figures[f"duties {actor} p95 ms"] = _p(ms, 0.95)
    ids = [r[0] for r in db.execute("SELECT doc_id FROM documents ORDER BY random() LIMIT 100")]
    ms = _ms(lambda d: refs_db(db, d), ids, rounds=1)
    figures |= {"refs p50 ms": _p(ms, 0.5), "refs p95 ms": _p(ms, 0.95)}
    top = db.execute('SELECT target_doc FROM "references" WHERE target_doc IS NOT NULL '
                     "GROUP BY target_doc ORDER BY count(*) DESC LIMIT 1").fetchone()
    if top:
        ms = _ms(lambda t: cited_by_db(db, t), [top[0]])
        figures["cited-by (most cited) p95 ms"] = _p(ms, 0.95)
    started = time.perf_counter()
    view = from_db(db)
    run_checks(view)
    figures["check s"] = round(time.perf_counter() - started, 2)
    started = time.perf_counter()
    from_db(db, rng.choice(ids))
    figures["graph around one document s"] = round(time.perf_counter() - started, 3)
    db.conn.close()
    return figures


def _pages(db_path: Path) -> dict[str, object]:
    from bench.app import _time_pages

    figures: dict[str, object] = {}
    _time_pages(db_path, CORPUS, "page ", figures)
    return figures


def run() -> dict[str, object]:
    from kb.store import db as store

    store.code_fingerprint = functools.cache(store.code_fingerprint)  # others' edits must not force re-parsing
    figures: dict[str, object] = {}
    smaller = None
    for n in sizes():
        db_path, built = _build_kb(n, smaller)
        size = {f"{n} {k}": v for k, v in built.items()}
        size |= {f"{n} {k}": v for k, v in _queries(db_path).items()}
        if os.environ.get("VBKB_SCALE_PAGES", "1") == "1":
            size |= {f"{n} {k}": v for k, v in _pages(db_path).items()}
        # each size's figures as soon as they are known (the next size takes hours) and kept beside its KB
        for key, value in size.items():
            print(f"  {key:<40} {value}", flush=True)
        (OUT / f"figures-{n}.json").write_text(json.dumps(size, ensure_ascii=False, indent=2), encoding="utf-8")
        figures |= size
        smaller = db_path
    return figures
