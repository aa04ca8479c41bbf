"""The kitchen's rules, Qt-free, each written once."""
