"""The main menu: each domain app registers its entries in ``AppConfig.ready``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    label: str  # lazy-translated
    url_name: str
    order: int = 50


_ITEMS: list[NavItem] = []


def register(label, url_name: str, order: int = 50) -> None:
    """Add a menu entry (ignored if ``url_name`` is already registered)."""
    if all(item.url_name != url_name for item in _ITEMS):
        _ITEMS.append(NavItem(label, url_name, order))


def items() -> list[NavItem]:
    return sorted(_ITEMS, key=lambda i: i.order)
