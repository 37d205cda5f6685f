from django.apps import AppConfig


class SanctuaryTrackerConfig(AppConfig):
    """The project package doubles as the app that owns sources and citations."""

    name = "sanctuary_tracker"
    verbose_name = "Sources"
