"""Print every unit of a file with its document index and eid, whole text included: what a labeller
reads beside the source when writing duty labels (no program-derived duty is shown).

    python -m eval.units FILE [--doc N]
"""

from __future__ import annotations

import argparse
import sys

from parsers import parse_file


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.units")
    ap.add_argument("file")
    ap.add_argument("--doc", type=int, default=None)
    args = ap.parse_args(argv)
    result = parse_file(args.file)
    for i, doc in enumerate(result.documents):
        if args.doc is not None and i != args.doc:
            continue
        print(f"=== document {i}: {doc.doc_type} {doc.number or '(no number)'} — {doc.title or ''}")
        for node in doc.walk():
            head = f" [{node.heading}]" if node.heading else ""
            print(f"--- {i} {node.eid}{head}")
            if node.text.strip():
                print(node.text.strip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
