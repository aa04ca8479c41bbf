import subprocess
import sys

from kds import __version__


def test_version_flag_prints_package_version():
    out = subprocess.run([sys.executable, "-m", "kds.app", "--version"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"kds {__version__}"
