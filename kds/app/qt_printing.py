"""System printers (CUPS, Windows) through Qt's print support: `qt:NAME` in Settings.

The worker (kds.printing.worker) builds ESC/POS bytes for every printer; for a system printer
they are read back into lines (kds.printing.preview) and drawn (kds.ui.print_paint), one page
per copy. `qt:pdf:/path/file.pdf` draws to a PDF file instead (tests, or a kitchen that wants
its tickets filed). Drawing runs on the app's (GUI) thread, where Qt's painters belong; handing
a page to the spooler takes milliseconds.
"""

from __future__ import annotations

from kds.kitchen.print_ticket import columns_for
from kds.printing.address import Printer, SystemPrinter
from kds.printing.preview import decode
from kds.printing.worker import Send, send_escpos

PDF = "pdf:"
MM_PER_INCH = 25.4


def print_on_system(printer: SystemPrinter, data: bytes, paper_mm: int) -> None:
    """Raises OSError when the printer is unknown or will not start (the worker retries)."""
    from PySide6.QtGui import QPainter
    from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

    from kds.ui.print_paint import draw_ticket

    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer.name.startswith(PDF):
        qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        qprinter.setOutputFileName(printer.name[len(PDF):])
    elif printer.name:
        if printer.name not in QPrinterInfo.availablePrinterNames():
            raise OSError(f"no printer named {printer.name!r} on this system")
        qprinter.setPrinterName(printer.name)
    elif not QPrinterInfo.defaultPrinterName():
        raise OSError("this system has no default printer")
    painter = QPainter()
    if not painter.begin(qprinter):
        raise OSError("the printer would not start")
    try:
        page = qprinter.pageRect(QPrinter.Unit.DevicePixel)
        width = min(page.width(), paper_mm / MM_PER_INCH * qprinter.resolution())
        for number, lines in enumerate(decode(data)):
            if number:
                qprinter.newPage()
            draw_ticket(painter, lines, columns_for(paper_mm), width, page.height())
    finally:
        painter.end()


def qt_sender(paper_mm: int) -> Send:
    """The worker's sender for a printer list that may hold system printers."""
    async def send(printer: Printer, data: bytes) -> None:
        if isinstance(printer, SystemPrinter):
            print_on_system(printer, data, paper_mm)
        else:
            await send_escpos(printer, data)
    return send
