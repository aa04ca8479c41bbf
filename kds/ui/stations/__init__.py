"""Several screens in one kitchen: what a station or expo screen shows (kds.kitchen.stations)."""
