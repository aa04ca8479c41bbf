"""KDS ui layer."""
