"""Run every evaluation module in eval/ (each has `evaluate() -> dict[str, dict[str, float]]`),
print the figures and what changed against the last committed report, then rewrite the report.

A module's result maps a metric group ("structure", "references" ...) to named figures
(precision, recall, f1, baseline_*). Commit eval/report.json with the change that moved it.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

REPORT = Path(__file__).with_name("report.json")


def _run_all() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    package = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(package)]), key=lambda i: i.name):
        if info.name.startswith("_") or info.name in {"labels"}:
            continue
        module = importlib.import_module(f"eval.{info.name}")
        if hasattr(module, "evaluate"):
            results.update(module.evaluate())
    return results


def _delta(old: float | None, new: float) -> str:
    if old is None:
        return "(new)"
    d = new - old
    return "" if abs(d) < 1e-9 else f"({'+' if d > 0 else ''}{d:.3f})"


def main() -> int:
    previous = json.loads(REPORT.read_text(encoding="utf-8")) if REPORT.exists() else {}
    results = _run_all()
    for group, figures in results.items():
        print(f"{group}")
        for name, value in figures.items():
            old = previous.get(group, {}).get(name)
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {name:<28} {shown:>8} {_delta(old, value) if isinstance(value, (int, float)) else ''}")
    lost = [g for g in previous if g not in results]
    if lost:
        print("groups no longer reported: " + ", ".join(lost))
    REPORT.write_text(json.dumps(results, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
