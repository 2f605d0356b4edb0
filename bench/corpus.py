"""The shared benchmark corpus: >= 2,000 documents made from ../shared/corpus-wild and corpus/.

Each source file is copied several times with its numbers varied (every digit run shifted), so copies
differ in text and in document numbers but keep their real structure and mess.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WILD = ROOT.parent / "shared" / "corpus-wild"
OUT = Path(__file__).parent / "out" / "corpus"
TARGET = 2000
_DIGITS = re.compile(r"\d+")


def sources() -> list[Path]:
    files = sorted(p for p in WILD.glob("*.md") if p.name.lower() != "readme.md") if WILD.is_dir() else []
    return files + sorted((ROOT / "corpus").glob("*.[tm][xd]*"))


def _vary(text: str, k: int) -> str:
    return _DIGITS.sub(lambda m: str(int(m.group(0)) + k) if len(m.group(0)) < 6 else m.group(0), text)


def build(target: int = TARGET) -> Path:
    """Write the corpus once (kept between runs); returns its folder."""
    files = sources()
    if OUT.is_dir() and len(list(OUT.iterdir())) >= target:
        return OUT
    OUT.mkdir(parents=True, exist_ok=True)
    copies = -(-target // max(1, len(files)))
    for k in range(copies):
        for src in files:
            text = src.read_text(encoding="utf-8-sig", errors="replace")
            (OUT / f"{k:02d}-{src.stem}{src.suffix}").write_text(_vary(text, k) if k else text, encoding="utf-8")
    return OUT


def run() -> dict[str, object]:
    out = build()
    files = list(out.iterdir())
    return {"documents": len(files), "megabytes": round(sum(f.stat().st_size for f in files) / 1e6, 1)}
