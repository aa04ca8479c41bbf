"""A local HubRise simulator (Starlette app + in-memory world) for demo mode and tests."""

from kds.sim.app import create_app
from kds.sim.errors import SimError
from kds.sim.oauth import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

__all__ = ["DEMO_CLIENT_ID", "DEMO_CLIENT_SECRET", "DEMO_KDS_TOKEN", "DEMO_PLATFORM_TOKEN",
           "SimError", "World", "create_app"]
