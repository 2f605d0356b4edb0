"""Consolidation: Bộ luật Hình sự (../shared/laws/Bộ luật-100-2015-QH13.docx, ≈ 430 articles) with an amending
law the bench writes (200 instructions: clauses replaced, articles inserted, points repealed, phrases
replaced), read and applied; aim < 2 s CPU (process time, best of three). Also Luật 80/2015/QH13 + Luật
63/2020/QH14 as published. Skipped when ../shared/laws is absent."""

from __future__ import annotations

import time
from pathlib import Path

from kb.amend.apply import consolidate
from parsers import parse_file, parse_text
from parsers.model import Document

LAWS = Path(__file__).resolve().parents[2] / "shared" / "laws"
CODE = LAWS / "Bộ luật-100-2015-QH13.docx"
INSTRUCTIONS = 200


def amending_text(base: Document, count: int = INSTRUCTIONS) -> str:
    """An amending law of `count` numbered instructions on `base`, in the four commonest forms."""
    articles = [n for n in base.walk() if n.kind == "dieu" and n.children]
    lines = ["QUỐC HỘI", "Luật số: 999/2026/QH15", "LUẬT", "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA BỘ LUẬT HÌNH SỰ",
             f"Quốc hội ban hành Luật sửa đổi, bổ sung một số điều của Bộ luật Hình sự số {base.number}.",
             "Điều 1. Sửa đổi, bổ sung một số điều của Bộ luật Hình sự"]
    for i in range(count):
        art = articles[(i * 7) % len(articles)]
        clause = art.children[0]
        form = i % 4
        if form == 0:
            lines.append(f"{i + 1}. Sửa đổi, bổ sung khoản {clause.num} Điều {art.num} như sau:")
            lines.append(f"“{clause.num}. Quy định mới số {i} về hành vi phạm tội.”.")
        elif form == 1:
            lines.append(f"{i + 1}. Bổ sung Điều {art.num}a vào sau Điều {art.num} như sau:")
            lines.append(f"“Điều {art.num}a. Tội mới số {i}\n1. Người nào thực hiện hành vi mới thì bị phạt tù.”.")
        elif form == 2 and clause.children:
            lines.append(f"{i + 1}. Bãi bỏ điểm {clause.children[0].num} khoản {clause.num} Điều {art.num}.")
        else:
            words = next((w for w in clause.text.split() if len(w) > 3), "phạt")
            lines.append(f"{i + 1}. Thay cụm từ “{words}” bằng cụm từ “{words} mới” tại khoản {clause.num} Điều {art.num}.")
    lines += ["Điều 2. Hiệu lực thi hành", "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2027."]
    return "\n".join(lines) + "\n"


def _best(fn, rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def run() -> dict[str, object]:
    if not CODE.is_file():
        return {"skipped": "../shared/laws is absent"}
    base = parse_file(CODE).documents[-1]
    text = amending_text(base)
    amending = parse_text(text).documents[0]
    result = consolidate(base, [amending])
    figures: dict[str, object] = {
        "code articles": sum(1 for n in base.walk() if n.kind == "dieu"),
        "instructions": INSTRUCTIONS,
        "operations applied": len(result.applied),
        "problems": len(result.problems),
        "parse amending law s": round(_best(lambda: parse_text(text)), 3),
        "consolidate s (read + apply, aim < 2)": round(_best(lambda: consolidate(base, [amending])), 3),
    }
    pair = (LAWS / "Luật-80-2015-QH13.docx", LAWS / "Luật-63-2020-QH14.docx")
    if all(p.is_file() for p in pair):
        b, a = (parse_file(p).documents[0] for p in pair)
        figures["80/2015 + 63/2020 consolidate s"] = round(_best(lambda: consolidate(b, [a])), 3)
    return figures
