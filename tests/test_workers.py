"""The child processes of `kb.workers` load the caller's modules, whatever folder they start in."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_fake import hostile_parse

from kb import pipeline, workers


def test_a_worker_started_in_a_folder_holding_another_kb_imports_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "__init__.py").write_text('raise SystemExit("another kb")\n', encoding="utf-8")
    doc = tmp_path / "a.txt"
    doc.write_text("01/2020/QĐ-UBND\nĐiều một.", encoding="utf-8")
    workers._shutdown()  # the next worker starts here
    monkeypatch.chdir(tmp_path)
    assert pipeline.parse(doc, hostile_parse).documents[0].number == "01/2020/QĐ-UBND"
    workers._shutdown()
