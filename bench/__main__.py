"""Run every benchmark module in bench/ (each has `run() -> dict[str, object]`) and print its figures.

Modules run in name order; `bench/corpus.py` builds the shared benchmark corpus (>= 2,000 documents made
from ../shared/corpus-wild and corpus/) under bench/out/ once. Pass module names to run only those;
`scale` (KBs of 10k-100k documents) runs only when named: `python -m bench scale`.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    package = Path(__file__).parent
    names = [i.name for i in pkgutil.iter_modules([str(package)]) if not i.name.startswith("_")]
    # bench/scale.py builds KBs of up to 100,000 documents (hours): it runs only when named.
    wanted = argv or sorted(n for n in names if n != "scale")
    all_figures: dict[str, object] = {}
    for name in wanted:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "run"):
            continue
        print(f"== {name}", flush=True)
        figures = module.run()
        for key, value in figures.items():
            print(f"  {key:<40} {value}")
        all_figures[name] = figures
    out = package / "out"
    out.mkdir(exist_ok=True)
    (out / "figures.json").write_text(json.dumps(all_figures, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
