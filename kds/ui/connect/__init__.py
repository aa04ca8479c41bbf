"""Connecting this screen to HubRise: first run, OAuth sign-in, connection details, disconnect."""

from kds.ui.connect.first_run import FirstRunScreen
from kds.ui.connect.info_screen import ConnectionInfoScreen
from kds.ui.connect.oauth_screen import OAuthConnectScreen

__all__ = ["ConnectionInfoScreen", "FirstRunScreen", "OAuthConnectScreen"]
