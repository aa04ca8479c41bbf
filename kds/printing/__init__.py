"""The printer room: kitchen tickets out to thermal printers (ESC/POS over the network).

Qt-free. It reads the print queue in the store and the ticket's words from the kitchen
(kds.kitchen.print_ticket); only the app starts it. See docs/PRINTING.md.
"""
