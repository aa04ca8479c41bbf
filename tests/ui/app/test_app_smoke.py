import subprocess
import sys

import pytest

from kds import __version__

pytestmark = pytest.mark.slow  # starts the app as a process


def test_version_flag_prints_package_version():
    out = subprocess.run([sys.executable, "-m", "kds.app", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"kds {__version__}"


def test_text_size_setting_scales_the_ui_from_the_next_start(monkeypatch):
    from kds.app.start import apply_text_size

    monkeypatch.delenv("QT_SCALE_FACTOR", raising=False)
    apply_text_size(125)
    import os
    assert os.environ["QT_SCALE_FACTOR"] == "1.25"
    monkeypatch.delenv("QT_SCALE_FACTOR")
    apply_text_size(100)
    assert "QT_SCALE_FACTOR" not in os.environ
