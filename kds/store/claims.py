"""Who is sending an outbox entry: a claim owner (host, process id, start token) and a lease.

Two KDS processes on one data dir (a double-click, an autostart plus a manual start) or a tool
may open the same file. An entry handed to one sender is not handed to another, nor rewritten
by a later tap, until that sender reports it or its claim is stale: its lease ran out, or its
process is gone (checked on this host only).
"""

from __future__ import annotations

import os
import secrets
import socket

# Longer than one PATCH can take on the wire (client timeout 10 s). A sender still waiting
# after it (a rate-limit hold) loses the entry to another sender, and then cannot mark it sent.
CLAIM_LEASE_S = 120.0


def new_owner() -> str:
    """This store's claim owner; the token tells apart two stores (or a reused pid)."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(6)}"


def owner_is_gone(owner: str) -> bool:
    """The claiming process has ended (a killed app): its claims can be released at once.

    Only provable for a process of this host on a POSIX system; elsewhere the lease decides.
    """
    parts = owner.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != _host() or os.name != "posix":
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # PermissionError: alive, another user's
        return False
    return False


def _host() -> str:
    return socket.gethostname().replace(":", "_")
