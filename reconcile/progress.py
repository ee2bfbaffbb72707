"""Progress bars: one configuration for every long loop of a run (stderr, never stdout)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sized
from typing import Any

from .settings import Settings


def progress(items: Iterable[Any] | None, settings: Settings, desc: str, unit: str, total: int | None = None, min_total: int = 0):  # type: ignore[no-untyped-def]
    """A tqdm bar on stderr over items (or updated by hand when items is None): shown after a second,
    and not at all with --quiet or for fewer than min_total items."""
    from tqdm import tqdm

    if total is None and isinstance(items, Sized):
        total = len(items)
    return tqdm(items, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False,
                disable=settings.quiet or (total or 0) < min_total, delay=1.0)
