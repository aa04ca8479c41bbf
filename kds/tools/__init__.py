"""Test and support tools that ship with KDS (fault-injecting proxy, drivers)."""
