"""Pinned and reproducible: the locks pin every distribution with hashes, the dev setup and the
bundle build install from them, and `kds --version --verbose` names the exact versions."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from kds.app.config import load_config_or_exit
from kds.app.versions import MAIN_DISTRIBUTIONS, NOT_FOUND, distribution_version

REPO = Path(__file__).resolve().parents[2]
REQ = REPO / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, str]:
    """Distribution → pinned version; fails on any line that is not `name==version` + hashes."""
    found: dict[str, str] = {}
    entries = re.split(r"\n(?=[A-Za-z0-9])", (REQ / lock).read_text(encoding="utf-8"))
    for entry in entries:
        if entry.lstrip().startswith("#") or not entry.strip():
            continue
        match = PIN.match(entry)
        assert match, f"{lock}: not an exact pin: {entry.splitlines()[0]}"
        assert "--hash=sha256:" in entry, f"{lock}: {match[1]} has no hash"
        found[normalise(match[1])] = match[2]
    return found


def project_dependency_names(extra: str | None = None) -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["optional-dependencies"][extra] if extra else project["dependencies"]
    linux = [s for s in specs if "Windows" not in s]  # the locks are resolved on Linux
    return {normalise(re.split(r"[<>=!;\[ ]", s, maxsplit=1)[0]) for s in linux}


@pytest.mark.parametrize("lock, extra", [
    ("runtime.txt", None), ("test.txt", "test"), ("build.txt", "package")])
def test_each_lock_pins_every_dependency_with_hashes(lock: str, extra: str | None) -> None:
    locked = pins(lock)
    assert project_dependency_names() <= set(locked)
    if extra:
        assert project_dependency_names(extra) <= set(locked)


@pytest.mark.parametrize("lock", ["test.txt", "build.txt"])
def test_tests_and_bundle_use_the_runtime_lock_versions(lock: str) -> None:
    runtime, other = pins("runtime.txt"), pins(lock)
    assert {name: other[name] for name in runtime} == runtime


def test_build_backend_is_locked_so_the_editable_install_downloads_nothing() -> None:
    for lock in ("test.txt", "build.txt"):
        assert {"setuptools", "wheel"} <= set(pins(lock))


def test_dev_setup_and_bundle_build_install_from_the_locks_with_hashes() -> None:
    dev = (REPO / "scripts" / "dev").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements/test.txt" in dev
    assert "--no-deps --no-build-isolation -e ." in dev
    assert "-e '.[test]'" not in dev
    bundle = (REPO / "packaging" / "build_bundle.sh").read_text(encoding="utf-8")
    assert "LOCK=requirements/build.txt" in bundle and '--require-hashes -r "$LOCK"' in bundle
    assert "'.[package]'" not in bundle


def test_spec_copies_the_metadata_verbose_version_reads() -> None:
    spec = (REPO / "packaging" / "kds.spec").read_text(encoding="utf-8")
    assert "MAIN_DISTRIBUTIONS" in spec and "copy_metadata" in spec


def test_version_verbose_prints_the_installed_versions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        load_config_or_exit(["--version", "--verbose"], {})
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("kds ")
    assert any(line.startswith("Python 3.") for line in lines)
    assert any(re.fullmatch(r"Qt 6\.\d+\.\d+", line) for line in lines)
    for name in ("PySide6-Essentials", "httpx", "qasync", "sqlite-utils"):
        assert f"{name} {version(name)}" in lines


def test_plain_version_stays_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        load_config_or_exit(["--version"], {})
    assert len(capsys.readouterr().out.splitlines()) == 1


def test_verbose_without_version_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        load_config_or_exit(["--verbose"], {})
    assert done.value.code == 2
    assert "--verbose only makes sense with --version" in capsys.readouterr().err


def test_a_missing_distribution_is_named_not_a_crash() -> None:
    def lookup(name: str) -> str:
        raise PackageNotFoundError(name)

    assert distribution_version("PySide6-Addons", lookup) == NOT_FOUND
    assert "PySide6-Essentials" in MAIN_DISTRIBUTIONS
