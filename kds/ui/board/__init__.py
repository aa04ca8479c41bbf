"""The kitchen board: tickets, their painting, the board screen and its alerts."""
