"""The domain core stays headless: importing it must not load UI, SQL or the other packages."""

from __future__ import annotations

import subprocess
import sys

import pytest

FORBIDDEN = ("textual", "sqlalchemy", "sqlmodel", "db", "tui", "sources", "httpx")
CORE_MODULES = ["factcheck", "factcheck.text", "factcheck.model", "factcheck.errors", "factcheck.extraction"]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_no_ui_or_storage(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} pulled in {result.stdout.strip()}"


def test_cli_parser_does_not_load_textual() -> None:
    """Scripted commands start fast: building the parser must not import the Textual app."""
    code = "import sys; from tui.cli import build_parser; build_parser(); print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
