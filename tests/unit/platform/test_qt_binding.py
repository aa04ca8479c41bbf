import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal
class Emitter(QObject):
    fired = Signal()
app = QCoreApplication([])
emitter = Emitter()
def slot(): pass
before = sys.getrefcount(True)
for _ in range(2000):
    emitter.fired.connect(slot)
    emitter.fired.disconnect(slot)
print(sys.getrefcount(True) - before)
"""


def test_installed_pyside6_keeps_references_on_signal_disconnect():
    # PySide6 6.12.0 drops a reference to True on every disconnect; qasync disconnects on each
    # socket notifier removal, so a kitchen screen doing HTTP would crash after a while.
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-500:]
    assert abs(int(out.stdout.strip())) < 50
