"""The project's settings for `make bench`: the timing middleware and the synthetic data
command on top; production and the test suite never load this module."""

from sanctuary_tracker.settings import *  # noqa: F403
from sanctuary_tracker.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
MIDDLEWARE = ["bench.middleware.BenchTimingMiddleware", *MIDDLEWARE]
