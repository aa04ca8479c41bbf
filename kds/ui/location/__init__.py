"""Location controls: order acceptance (busy / paused) and the opening-hours week editor."""
