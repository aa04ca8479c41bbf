"""Which release the upgrade check installs first (packaging/previous_release.sh): the newest v*
tag, else the commit packaging/previous-release names (CI's clone may carry no tags), else none."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "packaging" / "previous_release.sh"


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True, env=env).stdout.strip()


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "packaging").mkdir()
    shutil.copy2(SCRIPT, tmp_path / "packaging" / SCRIPT.name)
    for n in (1, 2):
        (tmp_path / f"f{n}").write_text(str(n))
        git(tmp_path, "add", f"f{n}")
        git(tmp_path, "commit", "-q", "-m", f"c{n}")
    return tmp_path


def previous(repo: Path, **env: str) -> tuple[str, str]:
    environ = {k: v for k, v in os.environ.items() if k != "KDS_PREVIOUS_REF"}
    done = subprocess.run(["packaging/previous_release.sh"], cwd=repo, capture_output=True,
                          text=True, check=True, env={**environ, **env})
    return done.stdout.strip(), done.stderr.strip()


def name_release(repo: Path, tag: str, commit: str) -> None:
    (repo / "packaging" / "previous-release").write_text(f"# comment\n{tag} {commit}\n")


def test_the_newest_tag_when_the_checkout_has_tags(repo: Path) -> None:
    git(repo, "tag", "-a", "v0.9.0", "-m", "old", "HEAD~1")
    git(repo, "tag", "-a", "v0.10.0", "-m", "new", "HEAD")
    name_release(repo, "v0.9.0", git(repo, "rev-parse", "HEAD~1"))
    assert previous(repo)[0] == "v0.10.0"


def test_the_named_commit_when_a_clone_has_no_tags(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD~1")
    name_release(repo, "v0.1.0", first)
    assert previous(repo)[0] == first


def test_nothing_and_the_reason_when_neither_is_there(repo: Path) -> None:
    name_release(repo, "v0.1.0", "0" * 40)
    ref, why = previous(repo)
    assert ref == ""
    assert "v0.1.0" in why and "not in this checkout" in why


def test_the_environment_wins(repo: Path) -> None:
    git(repo, "tag", "-a", "v1.0.0", "-m", "x", "HEAD")
    first = git(repo, "rev-parse", "HEAD~1")
    assert previous(repo, KDS_PREVIOUS_REF=first)[0] == first


def test_the_committed_release_is_in_this_repository_and_its_tag_agrees() -> None:
    lines = [x for x in (REPO / "packaging" / "previous-release").read_text().splitlines()
             if x and not x.startswith("#")]
    tag, commit = lines[0].split()
    assert git(REPO, "cat-file", "-t", commit) == "commit"
    tagged = subprocess.run(["git", "-C", str(REPO), "rev-parse", "-q", "--verify",
                             f"{tag}^{{commit}}"], capture_output=True, text=True, check=False)
    if tagged.returncode == 0:  # a clone without tags has only the commit to check
        assert tagged.stdout.strip() == commit
