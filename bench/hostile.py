"""The worst hostile case of issue 14 item 2 as figures: a file whose parse would run on (32,000 articles
all numbered "Điều 1.", ~720 KB: quadratic in the eid clashes before the parser stages were made linear) read under a
short time budget through `kb.pipeline.parse`, i.e. in a child process that is killed at the budget.

Figures: the wall-clock time until the one-line answer (parse done, or stopped at the budget), the
child's peak resident memory (ru_maxrss of reaped children) and the parent's.
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

BUDGET_S = 10.0


def run() -> dict[str, object]:
    from kb.errors import KbError
    from kb.pipeline import parse

    with tempfile.TemporaryDirectory(prefix="vbkb-bench-hostile-") as tmp:
        path = Path(tmp) / "dieu-1-x32000.txt"
        path.write_text("Điều 1. Nội dung.\n" * 32_000, encoding="utf-8")
        started = time.perf_counter()
        try:
            parse(path, budget=BUDGET_S)
            outcome = "parsed"
        except KbError as exc:
            outcome = str(exc)
        seconds = time.perf_counter() - started
        size = path.stat().st_size
    return {
        "hostile file (KB)": round(size / 1024),
        "budget (s)": BUDGET_S,
        "outcome": outcome,
        "seconds to the answer (wall)": round(seconds, 2),
        "peak memory of the worker (MB)": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "max resident set of this process (MB)": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
