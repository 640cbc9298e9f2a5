"""Progress bars for the CLI: on standard error, and only when standard error is a terminal.

Every long ``soilgw`` command (``load-county-data``, ``assess``, ``trend``, ``stats``, ``krige``) shows its
progress through :func:`bar`. Redirected to a file or a pipe, standard error gets no bar (a log would fill with
carriage-return frames), and standard output never does: it carries the data (``--out -``) alone.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tqdm import tqdm


def bar(iterable: Iterable | None = None, *, desc: str, total: int | None = None, unit: str = "it") -> tqdm:
    """A tqdm bar on standard error, written only if standard error is a terminal (otherwise disabled).

    Use it as tqdm: iterate over it, or call ``update(n)``; :meth:`tqdm.write` prints a line without
    breaking the bar.
    A command without a loop counts its stages: ``total=`` their number, ``update()`` after each.
    """
    stream = sys.stderr
    return tqdm(iterable, desc=desc, total=total, unit=unit, file=stream,
                disable=not (hasattr(stream, "isatty") and stream.isatty()), leave=False, dynamic_ncols=True)

