"""The `kb` command line: a thin layer over library functions that the tests call directly.

Each subcommand is one `_cmd_*` function; bad input ends with one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from kb.errors import KbError
from parsers.errors import ParseError


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# --- kb parse -------------------------------------------------------------------------------------
def _setup_parse(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="the documents as JSON")
    fmt.add_argument("--akn", action="store_true", help="the normative document as Akoma Ntoso XML")


def _cmd_parse(args: argparse.Namespace) -> int:
    from parsers import parse_file, to_akn
    from parsers.outline import outline

    result = parse_file(args.file)
    if args.json:
        _print_json(result.to_dict())
    elif args.akn:
        sys.stdout.write(to_akn(result.documents[-1]).decode("utf-8"))
    else:
        for warning in result.warnings:
            print(f"cảnh báo: {warning}", file=sys.stderr)
        sys.stdout.write(outline(result))
    return 0


COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "parse": ("parse a file and print its documents", _setup_parse, _cmd_parse),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description="vbkb: Vietnamese legal documents knowledge base")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (help_text, setup, run) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        setup(p)
        p.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except (ParseError, KbError) as exc:
        print(f"kb: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kb: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line, never a traceback
        print(f"kb: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
