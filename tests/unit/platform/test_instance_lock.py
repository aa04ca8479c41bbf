from pathlib import Path

import pytest

from kds.platform.instance import AlreadyRunning, InstanceLock


def test_one_lock_per_data_dir_and_released_on_close(tmp_path: Path) -> None:
    first = InstanceLock(tmp_path)
    first.acquire()
    with pytest.raises(AlreadyRunning):
        InstanceLock(tmp_path).acquire()
    first.release()
    with InstanceLock(tmp_path) as again:
        assert again.held


def test_the_lock_file_is_never_followed_through_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep")
    (tmp_path / "kds.lock").symlink_to(target)
    with pytest.raises(OSError):
        InstanceLock(tmp_path).acquire()
    assert target.read_text() == "keep"
