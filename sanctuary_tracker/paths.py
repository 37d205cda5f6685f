"""A record's page path, built from its URL pattern reversed once.

reverse() takes about 30 µs, and a list page names 50 to 100 records' pages (an export a
million). A detail page's path is the same text around one int or slug, so that text is
found once per view name and script prefix, by reversing a placeholder.
"""

from __future__ import annotations

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse

PLACEHOLDER = "1234567890"  # matches both <int:pk> and <slug:slug>


def path_parts(viewname: str) -> tuple[str, str]:
    """The text before and after the one int or slug of `viewname`'s path."""
    return _parts(viewname, get_script_prefix())


@lru_cache(maxsize=64)
def _parts(viewname: str, script_prefix: str) -> tuple[str, str]:
    before, after = reverse(viewname, args=[PLACEHOLDER]).split(PLACEHOLDER)
    return before, after


def page_path(viewname: str, value: int | str) -> str:
    """reverse(viewname, args=[value]), for a view that takes one int or slug."""
    before, after = path_parts(viewname)
    return f"{before}{value}{after}"


@receiver(setting_changed)
def _forget_paths(*, setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # as Django forgets its own URL caches
        _parts.cache_clear()
