"""Where a printer is: `tcp://HOST:PORT` (port 9100 when left out, the raw-printing port)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

RAW_PORT = 9100
PRINTER_ENV = "KDS_PRINTER"   # integrators and test harnesses: docs/PRINTING.md


@dataclass(frozen=True, slots=True)
class PrinterAddress:
    host: str
    port: int = RAW_PORT

    def __str__(self) -> str:
        return f"tcp://{self.host}:{self.port}"


def parse_printer(text: str) -> PrinterAddress:
    """`tcp://192.168.1.50:9100` or `tcp://kitchen-printer`; anything else is refused."""
    parts = urlsplit(text.strip())
    if parts.scheme != "tcp" or not parts.hostname:
        raise ValueError(f"a printer is tcp://HOST:PORT, not {text!r}")
    try:
        port = parts.port or RAW_PORT
    except ValueError as exc:
        raise ValueError(f"bad printer port in {text!r}") from exc
    return PrinterAddress(parts.hostname, port)
