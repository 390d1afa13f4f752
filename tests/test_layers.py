"""The import direction is a rule: db/ and services/ never import PySide6 (or desktop/)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

QT_FREE = ("db", "services", "cli")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("package", ["db", "services"])
def test_package_never_imports_qt_or_the_gui(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(
            n for n in _imports(path) if n.split(".")[0] in {"PySide6", "desktop", "cli"}
        )
        for path in (REPO / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_db_never_imports_services() -> None:
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "db").rglob("*.py")
        if any(n.split(".")[0] == "services" for n in _imports(p))
    ]
    assert offenders == []


def test_importing_every_qt_free_module_loads_no_qt() -> None:
    modules = [
        ".".join(p.relative_to(REPO).with_suffix("").parts)
        for package in ("db", "services")
        for p in (REPO / package).rglob("*.py")
        if "migrations" not in p.parts
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
