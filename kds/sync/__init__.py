"""KDS sync layer."""
