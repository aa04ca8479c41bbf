"""`kds-sim`: serve the HubRise simulator on a local port (demo mode, manual testing)."""

from __future__ import annotations

import argparse
import logging
import threading

from kds.clock import SystemClock
from kds.sim.event_queue import EXCLUSION_MODES, PER_CLIENT
from kds.sim.generator import OrderGenerator
from kds.sim.server import serve_in_thread
from kds.sim.world import DEMO_KDS_TOKEN, DEMO_PLATFORM_TOKEN, World

log = logging.getLogger("kds.sim")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kds-sim", description=(
        "Local HubRise simulator: API on http://HOST:PORT/v1, OAuth on /oauth2/v1."))
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument("--token", action="append", default=[], metavar="T",
                        help="extra KDS connection token (repeatable); "
                             f"'{DEMO_KDS_TOKEN}' always works")
    parser.add_argument("--platform-token", default=DEMO_PLATFORM_TOKEN,
                        help="token of the ordering-platform connection used by the generator")
    parser.add_argument("--no-rate-limits", action="store_true",
                        help="turn HubRise's rate limits off (demos)")
    parser.add_argument("--generate-every", type=float, default=0.0, metavar="SECONDS",
                        help="create a demo order every SECONDS (0 = never)")
    parser.add_argument("--client-id", help="OAuth client id accepted by /oauth2/v1/token")
    parser.add_argument("--client-secret", help="OAuth client secret for --client-id")
    parser.add_argument("--exclude-own-events", choices=EXCLUSION_MODES, default=PER_CLIENT,
                        help="who does not get the events a connection generates: every "
                             "connection of its client (per-client, HubRise's words read "
                             "literally) or only itself (per-connection)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (ids, generator)")
    return parser


def build_world(args: argparse.Namespace) -> World:
    world = World(SystemClock(), rate_limits=not args.no_rate_limits, seed=args.seed,
                  exclude_own_events=args.exclude_own_events)
    for index, token in enumerate(args.token, start=1):
        world.add_connection(token, "kds", f"screen-{index}")
    if args.platform_token != DEMO_PLATFORM_TOKEN:
        world.add_connection(args.platform_token, "deliveroo-demo")
    if args.client_id and args.client_secret:
        world.oauth.add_client(args.client_id, args.client_secret)
    return world


def _generate(world: World, every: float, token: str, seed: int | None,
              stop: threading.Event) -> None:
    generator = OrderGenerator(world, world.clock, seed, token=token)
    while not stop.wait(every):
        try:
            generator.step()
        except Exception:  # keep generating even if one body is refused
            log.exception("demo order generation failed")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if bool(args.client_id) != bool(args.client_secret):
        parser.error("--client-id and --client-secret go together")
    if args.generate_every < 0:
        parser.error("--generate-every must be positive")
    logging.basicConfig(level=logging.INFO)
    world = build_world(args)
    stop = threading.Event()
    try:
        server = serve_in_thread(world, args.host, args.port)
    except RuntimeError as exc:
        parser.exit(1, f"kds-sim: {exc} (is port {args.port} free?)\n")
    print(f"HubRise simulator on {server.base_url}", flush=True)
    if args.generate_every > 0:
        threading.Thread(target=_generate, daemon=True, name="kds-sim-generator", args=(
            world, args.generate_every, args.platform_token, args.seed, stop)).start()
    try:
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
