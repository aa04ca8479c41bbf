"""Where a printer is, written as one line of text (Settings, `KDS_PRINTER`):

    tcp://HOST[:PORT]      a network printer's raw-printing port (9100 when left out)
    file:///dev/usb/lp0    a printer the OS exposes as a device: USB (usblp) or a serial port
                           already set up (stty); the bytes are written to it as they are
    qt:NAME                a system printer, through Qt's print support (the app draws the
                           ticket; "qt:" alone is the system's default printer)
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

RAW_PORT = 9100
PRINTER_ENV = "KDS_PRINTER"   # integrators and test harnesses: docs/PRINTING.md


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    """A network printer (ESC/POS over raw TCP)."""

    host: str
    port: int = RAW_PORT

    def __str__(self) -> str:
        return f"tcp://{self.host}:{self.port}"

    @property
    def label(self) -> str:
        return self.host


@dataclass(frozen=True, slots=True)
class DevicePrinter:
    """An ESC/POS printer the OS exposes as a device file (USB line printer, serial port)."""

    path: str

    def __str__(self) -> str:
        return f"file://{self.path}"

    @property
    def label(self) -> str:
        return self.path


@dataclass(frozen=True, slots=True)
class SystemPrinter:
    """A printer of the operating system (CUPS, Windows), drawn to through Qt."""

    name: str = ""   # "" = the default printer

    def __str__(self) -> str:
        return f"qt:{self.name}"

    @property
    def label(self) -> str:
        return self.name or "default printer"


Printer = PrinterAddress | DevicePrinter | SystemPrinter


def parse_printer(text: str) -> Printer:
    """One printer from its text; anything else is refused with a ValueError that says why."""
    text = text.strip()
    if text.startswith("qt:"):
        return SystemPrinter(text[3:].strip())
    parts = urlsplit(text)
    if parts.scheme == "file" and parts.path.startswith("/") and not parts.netloc:
        return DevicePrinter(unquote(parts.path))
    if parts.scheme != "tcp" or not parts.hostname:
        raise ValueError(f"a printer is tcp://HOST:PORT, file:///dev/... or qt:NAME, "
                         f"not {text!r}")
    try:
        port = parts.port or RAW_PORT
    except ValueError as exc:
        raise ValueError(f"bad printer port in {text!r}") from exc
    return PrinterAddress(parts.hostname, port)
