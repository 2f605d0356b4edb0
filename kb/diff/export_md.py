"""A version diff as plain text (the default `kb diff` output) and as Markdown (`kb diff --md`)."""

from __future__ import annotations

from kb.diff.ops import Op
from kb.diff.result import DiffResult
from kb.diff.view import STATUS_VI, address, fact_line, hidden, level_name, marked, rows, unit_name
from kb.model import STATUSES


def _summary_line(result: DiffResult) -> str:
    counts = result.summary()
    return ", ".join(f"{STATUS_VI[s].lower()} {counts[s]}" for s in STATUSES if counts[s])


def to_text(result: DiffResult) -> str:
    """Summary, one line per article (old → new, how alike, what changed in words), then the facts."""
    out = [
        f"CŨ:  {result.old.label}",
        f"MỚI: {result.new.label}",
        f"Tổng hợp ({level_name(result)}): {_summary_line(result)}",
        "",
    ]
    for row in rows(result):
        p = row.pair
        old = unit_name(p, "old") or "—"
        new = unit_name(p, "new") or "—"
        alike = f"{round(p.alignment.similarity * 100)}%" if old != "—" and new != "—" else "—"
        out.append(f"{old:<10} → {new:<10} {alike:>4}  {row.note}")
    if result.facts:
        out += ["", "Những thay đổi chính:"]
        for f in result.facts:
            where = " → ".join(address(x) for x in (f.old_eid, f.new_eid) if x)
            out.append(f"- {fact_line(f)}" + (f"  [{where}]" if where else ""))
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    for ch in "\\`*_[]<>#|~":
        text = text.replace(ch, "\\" + ch)
    return text


def _md_ops(ops: list[Op], hide: frozenset[int]) -> str:
    parts = []
    for op in ops:
        if op.op == "delete" and not marked(op, hide):
            continue
        text = _md_escape(op.text).replace("\n", "  \n")
        if not marked(op, hide) or not text.strip():
            parts.append(text)
        elif op.op == "insert":
            parts.append(f"**{text.strip()}**" + (" " if text.endswith(" ") else ""))
        else:
            parts.append(f"~~{text.strip()}~~" + (" " if text.endswith(" ") else ""))
    return "".join(parts)


def to_markdown(result: DiffResult, hide_subs: bool = False) -> str:
    hide = hidden(result, hide_subs)
    out = [
        f"# So sánh: {_md_escape(result.old.label)} → {_md_escape(result.new.label)}",
        "",
        f"**Tổng hợp ({level_name(result)}):** {_summary_line(result)}",
        "",
    ]
    if result.facts:
        out += ["## Những thay đổi chính", ""]
        out += [
            f"- {_md_escape(fact_line(f))} ({address(f.old_eid) or '—'} → {address(f.new_eid) or '—'})"
            for f in result.facts
        ]
        out.append("")
    out += ["## Theo từng điều", ""]
    for row in rows(result):
        p = row.pair
        title = " → ".join(x for x in (unit_name(p, "old"), unit_name(p, "new")) if x)
        out += [f"### {title} — {STATUS_VI[p.status]}", "", f"*{_md_escape(row.note)}*", ""]
        out += [_md_ops(list(row.ops), hide), ""]
    return "\n".join(out)
