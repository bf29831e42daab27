"""The house's floors, read from the source with ``ast`` (nothing is imported): no import circle anywhere,
and no import from a floor to one above it.

Imports inside functions and under ``if TYPE_CHECKING:`` count too: a lazy or type-only import back up
is still a tie a reader has to follow. The packages are the ones ``pyproject.toml`` ships, so a new one
is checked without being listed here.
"""

from __future__ import annotations

import ast
import tomllib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# importer prefix -> prefixes it must never import (every rule whose prefix a module starts with applies)
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "factcheck": ("db", "sources", "tui", "cli"),  # the headless core
    "sources": ("db", "tui", "cli"),  # intake: records go to storage through factcheck.records
    "db": ("sources", "tui", "cli"),  # storage: never intake's code, never a face
    "tui": ("cli",),  # the workbench never imports the command line
    "cli": ("tui.screens", "tui.dialogs", "tui.widgets", "tui.context", "tui.messages"),  # only launches tui.app
    "tui.context": ("tui.app", "tui.screens", "tui.dialogs", "tui.widgets"),
    "tui.messages": ("tui.app", "tui.screens", "tui.dialogs", "tui.widgets"),
    "tui.bidi": ("tui.app", "tui.screens", "tui.dialogs", "tui.widgets"),
    "tui.widgets": ("tui.app", "tui.screens", "tui.dialogs"),
    "tui.dialogs": ("tui.app", "tui.screens"),
    "tui.screens": ("tui.app",),  # screens are made by the app and get a WorkbenchContext
}


def _packages() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    return sorted(p.rstrip("*") for p in patterns)


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in _packages():
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "versions" in parts:  # Alembic revisions are scripts, not modules
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules ``name`` imports (``from a.b import c`` is ``a.b.c`` when that is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets += [base, *(f"{base}.{alias.name}" for alias in node.names)]
    found: set[str] = set()
    for target in targets:
        while target and target not in known:
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    """Module -> the project modules it imports. A package's ``__init__`` importing its own children
    (to re-export them) is left out: every import of a child runs the package first, so that is no circle
    a reader has to follow (as ``import_cycles.py`` counts them)."""
    modules = _modules()
    known = set(modules)
    graph = {name: _imports(name, path, known) for name, path in modules.items()}
    for name, path in modules.items():
        if path.name == "__init__.py":
            graph[name] = {t for t in graph[name] if t.rpartition(".")[0] != name}
    return graph


GRAPH = _graph()


def _within(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def test_the_walk_sees_the_house() -> None:
    assert {"factcheck.model", "db.engine", "sources.readers", "cli.review", "tui.app", "tui.screens.claims"} <= set(
        GRAPH
    )
    assert "tui.context" in GRAPH["tui.screens.base"]  # and it reads imports


def test_no_import_circle() -> None:
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as exc:
        pytest.fail(f"import circle: {' -> '.join(exc.args[1])}")


def test_no_floor_imports_one_above_it() -> None:
    wrong = []
    for module, imported in sorted(GRAPH.items()):
        banned = [f for prefix, floors in FORBIDDEN.items() if _within(module, prefix) for f in floors]
        wrong += [f"{module} imports {t}" for t in sorted(imported) if any(_within(t, f) for f in banned)]
    assert wrong == []


def test_screens_and_dialogs_never_import_the_app() -> None:
    """Said on its own because it is the rule a newcomer is most tempted to break."""
    below = [m for m in GRAPH if _within(m, "tui.screens") or _within(m, "tui.dialogs") or _within(m, "tui.widgets")]
    assert len(below) > 10
    assert [m for m in below if "tui.app" in GRAPH[m]] == []


def test_the_checks_catch_a_circle_and_a_screen_importing_the_app(tmp_path: Path) -> None:
    """The walk itself is not blind: a screen importing the app is both a circle and a wrong floor."""
    screen = tmp_path / "screen.py"
    screen.write_text("from tui.app import WorkbenchApp\n", encoding="utf-8")
    known = set(GRAPH) | {"tui.screens.fake"}
    graph = {**GRAPH, "tui.screens.fake": _imports("tui.screens.fake", screen, known)}
    graph["tui.app"] = GRAPH["tui.app"] | {"tui.screens.fake"}
    assert graph["tui.screens.fake"] == {"tui.app"}
    with pytest.raises(CycleError):
        tuple(TopologicalSorter(graph).static_order())
