"""KDS sim layer."""
