"""A fake network ticket printer for the demo and test harnesses: it listens like a thermal
printer on port 9100 and files each ticket it gets as text (and, with --png, as an image).

    python -m kds.tools.fakeprinter --port 9100 --out /tmp/kds-printer --png
    KDS_PRINTER=tcp://127.0.0.1:9100 kds --demo

`scripts/dev demo-print` starts both. The bytes are read back with kds.printing.preview, so the
files show what a real printer would have printed (large lines spaced out, reverse in [ ]).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
from pathlib import Path

from kds.kitchen.print_ticket import PrintLine, columns_for
from kds.printing.preview import decode, preview_text

log = logging.getLogger(__name__)
DOTS_PER_COLUMN = 12   # font A on a 203 dpi head: 48 columns = 576 dots (80 mm)


class FakePrinterServer:
    def __init__(self, out: Path, *, paper_mm: int = 80, png: bool = False) -> None:
        self.out, self.paper_mm, self.png = out, paper_mm, png
        self.count = 0
        self.server: asyncio.Server | None = None
        self.filed: asyncio.Queue[Path] = asyncio.Queue()   # each ticket's file, as written

    async def start(self, host: str = "127.0.0.1", port: int = 9100) -> int:
        self.out.mkdir(parents=True, exist_ok=True)
        self.server = await asyncio.start_server(self._job, host, port)
        return int(self.server.sockets[0].getsockname()[1])

    async def _job(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        data = await reader.read()   # a raw-printing job ends when the sender closes
        writer.close()
        for lines in decode(data):
            self.count += 1
            path = self.out / f"ticket-{self.count:04d}"
            path.with_suffix(".txt").write_text(preview_text(lines) + "\n", encoding="utf-8")
            if self.png:
                render_png(lines, columns_for(self.paper_mm), path.with_suffix(".png"))
            log.info("printed %s", path)
            self.filed.put_nowait(path)

    async def serve_forever(self) -> None:
        assert self.server is not None
        await self.server.serve_forever()


def render_png(lines: list[PrintLine], columns: int, path: Path) -> None:
    """The ticket as a 203 dpi head prints it (kds.ui.print_paint), with the cut below."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    from kds.ui.print_paint import draw_ticket, natural_size

    _ = QGuiApplication.instance() or QGuiApplication([])
    margin, width = 16, columns * DOTS_PER_COLUMN
    natural_width, natural_height = natural_size(lines, columns)
    height = int(natural_height * width / natural_width) + 2 * margin + 40
    image = QImage(width + 2 * margin, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.translate(margin, margin)
    draw_ticket(painter, lines, columns, width)
    painter.resetTransform()
    painter.setPen(QColor("gray"))
    painter.drawText(0, height - 32, width + 2 * margin, 24, Qt.AlignmentFlag.AlignCenter,
                     "✂ - - - cut - - -")
    painter.end()
    image.save(str(path))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fakeprinter", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9100)
    parser.add_argument("--out", type=Path, default=Path("kds-printer"))
    parser.add_argument("--paper", type=int, choices=(58, 80), default=80)
    parser.add_argument("--png", action="store_true", help="also draw each ticket as a PNG")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    server = FakePrinterServer(args.out, paper_mm=args.paper, png=args.png)

    async def run() -> None:
        port = await server.start(args.host, args.port)
        log.info("fake printer on tcp://%s:%s, tickets in %s", args.host, port, args.out)
        await server.serve_forever()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
