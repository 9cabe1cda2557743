"""Modules share what they mean to share by public names, and each rule is declared once."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "tui"


def _trees(folder: Path) -> dict[str, ast.Module]:
    return {str(path.relative_to(ROOT.parent)): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*.py"))}


def test_the_domain_imports_no_private_name_of_another_module() -> None:
    """handout.py used to take slides.py's `_FENCE` and `_closes`, opening.py deckload's
    `_pretty` and `_load_single_file`: what another module needs is public."""
    private = [f"{path}: {node.module}.{alias.name}"
               for path, tree in _trees(ROOT / "domain").items()
               for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tui")
               for alias in node.names if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert private == []


def test_no_regular_expression_is_declared_twice() -> None:
    """The fence and table-row patterns were compiled in both measure.py and slide_pieces.py."""
    where: dict[str, list[str]] = defaultdict(list)
    for path, tree in _trees(ROOT).items():
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "compile" and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                where[node.args[0].value.lstrip("^")].append(path)
    assert {pattern: paths for pattern, paths in where.items() if len(paths) > 1} == {}


# Called by the standard library (html.parser.HTMLParser), not by podium's own code.
CALLBACKS = {"handle_starttag", "handle_endtag", "handle_data"}


def test_every_domain_function_is_used() -> None:
    """Each function and method of tui/domain is named somewhere else in tui (check.bank_paths,
    Learner._off and yamlsource.problem_at were not; the answer readers were reached only
    through a name built at run time)."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in ROOT.rglob("*.py"))
    unused = []
    for path, tree in _trees(ROOT / "domain").items():
        bodies = [tree.body] + [node.body for node in tree.body if isinstance(node, ast.ClassDef)]
        for body in bodies:
            for node in body:
                if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                        and not node.name.startswith("__") and node.name not in CALLBACKS
                        and len(re.findall(rf"\b{node.name}\b", text)) < 2):
                    unused.append(f"{path}: {node.name}")
    assert unused == []


def test_no_test_module_imports_another() -> None:
    """What tests share lives in tests/support/ (and conftest.py), never in another test module."""
    tests = Path(__file__).resolve().parent
    offenders = []
    for path in sorted(tests.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            offenders += [f"{path.name}: {name}" for name in names if name.startswith("tests.test_")]
    assert offenders == []
