"""A Word 97-2003 .doc (or RTF) → text, by LibreOffice's headless converter to .docx, then the .docx reader.

LibreOffice runs in a private temporary directory with its own throw-away profile (so it neither
touches the user's nor collides with a running instance), with a timeout after which it is killed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from parsers.errors import ParseError
from parsers.readers import docx, limits
from parsers.readers.source import SourceText

_HOW_TO = (
    "open it in Word or LibreOffice and save as .docx, or run: soffice --headless --convert-to docx FILE"
)


def soffice() -> str | None:
    """The LibreOffice binary, if installed (VBKB_SOFFICE names one explicitly)."""
    explicit = os.environ.get("VBKB_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(raw: bytes, path: Path) -> SourceText:
    binary = soffice()
    kind = "an RTF file" if raw.startswith(b"{\\rtf") else "a .doc (Word 97-2003)"
    if binary is None:
        raise ParseError(f"{path}: reading {kind} needs LibreOffice, which is not installed: {_HOW_TO}")
    with tempfile.TemporaryDirectory(prefix="vbkb-doc-") as tmp:
        work = Path(tmp)
        source = work / ("input.rtf" if raw.startswith(b"{\\rtf") else "input.doc")
        source.write_bytes(raw)
        _convert(binary, source, work, path)  # may raise on timeout
        out = work / "input.docx"
        if not out.is_file():
            raise ParseError(f"{path}: LibreOffice could not convert {kind} (corrupt file?): {_HOW_TO}")
        converted = docx.read(out.read_bytes(), path)
    return SourceText(converted.text, "doc", ("converted from .doc by LibreOffice",) + converted.warnings)


def _convert(binary: str, source: Path, work: Path, path: Path) -> None:
    timeout = limits.current().convert_timeout_s
    cmd = [
        binary,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "docx",
        "--outdir",
        str(work),
        str(source),
    ]
    env = dict(os.environ, HOME=str(work))
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=work,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise ParseError(f"{path}: cannot start LibreOffice ({exc.strerror or exc}): {_HOW_TO}") from None
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        # LibreOffice forks helpers: end the whole session it leads, not just the first process.
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise ParseError(
            f"{path}: LibreOffice took over {timeout} s to convert the .doc and was stopped"
        ) from None
