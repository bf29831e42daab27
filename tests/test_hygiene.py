"""The domain core stays headless: importing it must not load UI, SQL or the other packages."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "sqlalchemy", "sqlmodel", "db", "tui", "sources", "httpx")


def _core_modules() -> list[str]:
    """Every module of the domain core, found on disk so a new one is checked without listing it."""
    import pkgutil

    import factcheck

    return ["factcheck", *sorted(m.name for m in pkgutil.walk_packages(factcheck.__path__, "factcheck."))]


CORE_MODULES = _core_modules()


def test_core_modules_import_no_ui_or_storage() -> None:
    assert len(CORE_MODULES) > 10  # the walk found the package
    code = (
        "import sys, importlib\n"
        f"for module in {CORE_MODULES!r}:\n"
        "    importlib.import_module(module)\n"
        f"    bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "    if bad:\n"
        "        print(module, ','.join(bad))\n"
        "        break\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("module", ["factcheck", "factcheck.extraction", "factcheck.matching", "factcheck.reports"])
def test_each_core_package_alone_is_headless(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"


def test_cli_parser_does_not_load_textual_or_the_database_layer() -> None:
    """Scripted commands and --help start fast: the parser imports neither the app nor SQLAlchemy."""
    code = (
        "import sys; from cli import build_parser; build_parser(); "
        "print(sorted(m for m in ('textual', 'sqlalchemy', 'sqlmodel') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
