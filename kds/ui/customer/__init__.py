"""The customer-facing display (issue 14): a public Preparing / Ready board."""
