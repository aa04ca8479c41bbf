"""KDS hubrise layer."""
