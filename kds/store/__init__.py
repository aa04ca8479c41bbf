"""KDS store layer."""
