"""One loader for every versioned standards table shipped as package data.

Tables live in ``soilgw/standards/data/<name>.csv`` where ``<name>`` is the standard and year
(``gb15618_2018``, ``gbt14848_2017`` …). Provenance for each file is in ``data/README.md``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

_PACKAGE = "soilgw.standards.data"


def available_tables() -> list[str]:
    """Names of every shipped table, sorted (``load_table`` accepts exactly these)."""
    root = resources.files(_PACKAGE)
    return sorted(p.name[: -len(".csv")] for p in root.iterdir() if p.name.endswith(".csv"))


@cache
def _read(name: str) -> pd.DataFrame:
    path = resources.files(_PACKAGE) / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def load_table(name: str) -> pd.DataFrame:
    """Return a copy of standards table ``name`` with every column as text.

    Parameters
    ----------
    name : str
        Table name, e.g. ``"gb36600_2018"``.

    Raises
    ------
    KeyError
        If no such table is shipped; the message names the table and says how to list the keys.
    """
    if name not in available_tables():
        raise KeyError(
            f"no standards table {name!r}; list them with soilgw.standards.loader.available_tables() "
            f"(shipped: {', '.join(available_tables())})"
        )
    return _read(name).copy()
