"""The shape of the code: no import circles among the project's modules, and no module of the project
found by importlib or __import__ in library code (a module imports what it uses, by name)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("parsers", "kb", "app_pages")


def _modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Project modules `name` imports anywhere in its body (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor if is_package else anchor[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, *( [base] if base else [])])
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def import_graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(name, path, modules):
            # a package's __init__ naming its own public functions is not a circle with its members
            if not target.startswith(name + ".") and not name.startswith(target + "."):
                graph.add_edge(name, target)
    return graph


def test_no_import_circles() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(import_graph()) if len(c) > 1]
    assert cycles == []


def _dynamic_imports(path: Path) -> list[str]:
    """importlib.import_module / __import__ / find_spec calls naming a project module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in {"import_module", "__import__", "find_spec"}:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_dynamic_imports_in_library_code() -> None:
    found = [hit for path in _modules().values() for hit in _dynamic_imports(path)]
    assert found == []


# A table of (source, expected project imports) proving the checker reads each import form.
IMPORT_FORMS = [
    ("from kb.model import Duty\n", {"kb.model"}),
    ("import kb.store\n", {"kb.store"}),
    ("def f():\n    from parsers import parse_file\n", {"parsers"}),
    ("from kb import model\n", {"kb.model"}),
    ("import json\n", set()),
]


def test_import_forms(tmp_path: Path) -> None:
    modules = _modules()
    for source, expected in IMPORT_FORMS:
        path = tmp_path / "probe.py"
        path.write_text(source, encoding="utf-8")
        assert _imports("probe", path, modules) == expected, source
