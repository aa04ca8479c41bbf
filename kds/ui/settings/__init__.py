"""The kitchen's settings, editable by touch."""

from kds.ui.settings.screen import SettingsScreen

__all__ = ["SettingsScreen"]
