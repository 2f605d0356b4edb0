"""Validity statuses against hand-checked labels (eval/labels/validity.json): the share of documents whose
status (label and date) is right. Files of ../shared are skipped when the folder is absent."""

from __future__ import annotations

import json
from pathlib import Path

from kb.validity import file_statuses
from parsers import parse_file

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "eval" / "labels" / "validity.json"


def _path(name: str) -> Path:
    return ROOT / name if name.startswith("corpus/") else ROOT.parent / "shared" / name


def evaluate() -> dict[str, dict[str, float]]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    right = label_right = total = 0
    cache: dict[str, list] = {}
    for row in data["documents"]:
        path = _path(row["file"])
        if not path.is_file():
            continue
        if row["file"] not in cache:
            cache[row["file"]] = file_statuses(parse_file(path), data["as_of"])
        status = cache[row["file"]][row["document"]]
        total += 1
        label_right += status.label == row["label"]
        right += (status.label, status.since) == (row["label"], row["since"])
    if not total:
        return {}
    return {"validity": {"documents": float(total), "label_right": label_right / total, "status_right": right / total}}
