"""Stand-in parsers for the time-budget and worker tests (issue 14, items 2 and 11): module-level
functions, so that a child process can be sent them. Each behaves like `kb_fake.fake_parse` unless the
file's name says otherwise:

- "slow…": runs until killed, holding the interpreter lock (a regex that backtracks, as a hostile file
  makes the real patterns do); its process id goes to $VBKB_TEST_PID_FILE when that is set;
- "die…": its process is killed (as by the kernel when memory runs out); "once…" only the first time
  (a marker file next to it remembers);
- "locked…": PermissionError, as reading a file of another user;
- a file whose text holds "ĂN BỘ NHỚ" (whatever its name): takes memory in 64 MB blocks, kept, until
  MemoryError (as a file that blows up a parser would), then parses normally past 8 GB.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import numpy
from kb_fake import fake_parse

from parsers.model import ParseResult

_BACKTRACKS = re.compile(r"(a+)+b")


def hostile_parse(path: Path) -> ParseResult:
    name = Path(path).name
    if name.startswith("slow"):
        pid_file = os.environ.get("VBKB_TEST_PID_FILE")
        if pid_file:
            Path(pid_file).write_text(str(os.getpid()), encoding="utf-8")
        while True:
            _BACKTRACKS.match("a" * 22)
    if name.startswith("die") or (name.startswith("once") and not _marked(Path(path))):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("locked"):
        raise PermissionError(13, "Permission denied", str(path))
    if "ĂN BỘ NHỚ" in Path(path).read_text(encoding="utf-8"):
        _eat_memory()
    return fake_parse(path)


def _eat_memory() -> None:
    held = []
    for _ in range(128):  # 8 GB of address space; calloc'd pages are never touched: no real memory is used
        held.append(numpy.zeros(64 * 1024 * 1024, dtype=numpy.uint8))  # MemoryError when refused


def _marked(path: Path) -> bool:
    marker = path.with_name(f".{path.name}.tried")
    if marker.exists():
        return True
    marker.write_text("1", encoding="utf-8")
    return False
