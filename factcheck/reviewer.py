"""Who is making a change: ``--reviewer``, else ``FACTCHECK_REVIEWER``, else the name remembered in the
user's config file (``factcheck reviewer NAME``), else the OS user.

The config file is ``config.toml`` in the user's config directory (``platformdirs`` when installed,
else ``$XDG_CONFIG_HOME/factcheck``, else ``~/.config/factcheck``); ``FACTCHECK_CONFIG_DIR`` overrides it
(the tests point it at a temporary directory).
"""

from __future__ import annotations

import getpass
import json
import os
import tomllib
from pathlib import Path

from factcheck.errors import InvalidValueError, StorageError

__all__ = ["config_path", "remember_reviewer", "remembered_reviewer", "resolve_reviewer"]


def config_path() -> Path:
    override = os.environ.get("FACTCHECK_CONFIG_DIR")
    if override:
        return Path(override) / "config.toml"
    try:
        from platformdirs import user_config_dir
    except ImportError:  # pragma: no cover - platformdirs comes with Textual
        base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        return Path(base) / "factcheck" / "config.toml"
    return Path(user_config_dir("factcheck", appauthor=False)) / "config.toml"


def _clean(candidate: str) -> str:
    name = " ".join(candidate.split())
    if not name:
        raise InvalidValueError("reviewer name is empty")
    if any(not ch.isprintable() for ch in name):
        raise InvalidValueError("reviewer name holds control characters")
    return name


def remembered_reviewer() -> str | None:
    """The name saved in the config file, None when there is no file or no name in it."""
    path = config_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StorageError(f"{path}: cannot read the factcheck config file ({exc})") from None
    value = data.get("reviewer")
    return _clean(value) if isinstance(value, str) and value.strip() else None


def remember_reviewer(name: str) -> Path:
    """Save ``name`` as this user's reviewer identity; returns the config file written."""
    name = _clean(name)
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # A JSON string with ensure_ascii is a valid TOML basic string (same escapes).
    path.write_text(f"reviewer = {json.dumps(name)}\n", encoding="utf-8")
    return path


def resolve_reviewer(explicit: str | None = None) -> str:
    for candidate in (explicit, os.environ.get("FACTCHECK_REVIEWER")):
        if candidate is not None:
            return _clean(candidate)
    remembered = remembered_reviewer()
    if remembered is not None:
        return remembered
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"
