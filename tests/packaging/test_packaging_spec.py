"""The PyInstaller spec bundles resources and metadata, keeps the Qt modules the app uses and
drops the heavy ones; the shell scripts parse; the Windows script installs what the spec builds."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def spec_list(name: str) -> list[str]:
    """A module-level list literal from kds.spec, read without running PyInstaller."""
    tree = ast.parse((PACKAGING / "kds.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in kds.spec")


def qt_modules_the_app_imports() -> set[str]:
    """Every PySide6 module named in an import anywhere in kds/ (at the top or on demand)."""
    found: set[str] = set()
    for path in (PACKAGING.parent / "kds").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            found |= {name.split(".")[1] for name in names if name.startswith("PySide6.")}
    return found


def test_spec_excludes_heavy_qt_modules_but_keeps_every_module_the_app_imports() -> None:
    """The bundle once dropped QtPrintSupport while `qt:NAME` printers import it on demand."""
    unused = set(spec_list("UNUSED_QT"))
    assert {"QtWebEngineCore", "Qt3DCore", "QtPdf", "QtQuick3D", "QtQml"} <= unused
    used = qt_modules_the_app_imports()
    assert {"QtCore", "QtGui", "QtWidgets", "QtCharts", "QtPrintSupport"} <= used
    assert not unused & used, unused & used


def test_modules_imported_on_demand_are_named_for_the_bundle_and_the_self_test() -> None:
    """PyInstaller cannot see imports inside functions: the spec names them, and the installed
    app's self-test imports them, so a bundle without one fails its test, not a kitchen."""
    from kds.app.selftest import ON_DEMAND_QT

    hidden = (PACKAGING / "kds.spec").read_text(encoding="utf-8")
    for module in ON_DEMAND_QT:
        assert f'"PySide6.{module}"' in hidden, module
    assert {"QtCharts", "QtPrintSupport", "QtSvg", "QtMultimedia"} <= set(ON_DEMAND_QT)


def test_spec_bundles_resources_metadata_and_the_entry_point() -> None:
    text = (PACKAGING / "kds.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "resources"), "resources")' in text
    assert 'copy_metadata("kds")' in text
    assert "run_kds.py" in text
    assert "from kds.app import main" in (PACKAGING / "run_kds.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", ["build_bundle.sh", "build_deb.sh", "test_deb.sh", "test_upgrade.sh"])
def test_shell_scripts_are_executable_and_parse(script: str) -> None:
    path = PACKAGING / script
    assert path.stat().st_mode & 0o111
    subprocess.run(["bash", "-n", str(path)], check=True)


def test_windows_installer_has_shortcuts_autostart_and_uninstaller() -> None:
    iss = (PACKAGING / "windows" / "kds.iss").read_text(encoding="utf-8")
    assert r'Source: "..\out\dist\kds\*"' in iss
    assert "{autoprograms}" in iss and "{autodesktop}" in iss
    assert "{userstartup}" in iss          # optional start with Windows
    assert "Tasks: startwithwindows" in iss
    assert r"SetupIconFile=..\..\resources\icons\kds.ico" in iss
    assert "UninstallDisplayIcon" in iss


def project_version() -> str:
    import tomllib
    with open(PACKAGING.parent / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def test_windows_and_macos_recipes_build_the_project_version() -> None:
    # Inno Setup's default and the recipes' file names follow pyproject.toml (0.1.0 -> 0.2.0 left
    # them behind once); the macOS bundle reads the version from pyproject.toml itself.
    version = project_version()
    iss = (PACKAGING / "windows" / "kds.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{version}"' in iss
    for recipe in ("windows/BUILD.md", "macos/BUILD.md"):
        text = (PACKAGING / recipe).read_text(encoding="utf-8")
        named = set(re.findall(r"(?:kds-setup-|KDS-|AppVersion=)(\d+\.\d+\.\d+)", text))
        assert named == {version}, (recipe, named)
    spec = (PACKAGING / "kds.spec").read_text(encoding="utf-8")
    assert "version=VERSION" in spec and '"LSMinimumSystemVersion": "13.0"' in spec
