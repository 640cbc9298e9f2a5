"""Idempotent loaders run by ``soilgw load-county-data``.

Each app registers loaders keyed on natural keys (running twice creates no duplicates); they run in
dependency order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

import yaml


@dataclass(frozen=True)
class Loader:
    name: str
    func: Callable[[], str]
    depends_on: tuple[str, ...] = field(default_factory=tuple)


_LOADERS: dict[str, Loader] = {}


def register_loader(name: str, depends_on: tuple[str, ...] = ()):
    """Decorator registering ``func() -> summary`` as loader ``name`` running after ``depends_on``."""

    def wrap(func: Callable[[], str]) -> Callable[[], str]:
        _LOADERS[name] = Loader(name, func, tuple(depends_on))
        return func

    return wrap


def ordered_loaders() -> list[Loader]:
    """Loaders in dependency order. Raises ``ValueError`` on an unknown dependency or a cycle."""
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name not in _LOADERS:
            raise ValueError(f"loader dependency {name!r} is not registered (known: {sorted(_LOADERS)})")
        if name in visiting:
            raise ValueError(f"loader dependency cycle through {name!r}")
        visiting.add(name)
        for dep in _LOADERS[name].depends_on:
            visit(dep)
        visiting.discard(name)
        done.append(name)

    for name in sorted(_LOADERS):
        visit(name)
    return [_LOADERS[n] for n in done]


def read_yaml(package: str, name: str):
    """Parse YAML file ``name`` shipped in ``package``."""
    return yaml.safe_load((resources.files(package) / name).read_text(encoding="utf-8"))


@register_loader("departments")
def load_departments() -> str:
    """Departments, the county government and townships from ``core/data/departments.yaml``."""
    from .models import Department, Township

    data = read_yaml("soilgw.core.data", "departments.yaml")
    for order, row in enumerate(data["departments"]):
        Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "name_en": row.get("name_en", ""),
                "kind": row["kind"],
                "admin_code": data["county"]["admin_code"],
                "aliases": row.get("aliases", []),
                "order": order,
            },
        )
    for order, row in enumerate(data["townships"], start=100):
        dept, _ = Department.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": f"{row['name']}人民政府",
                "name_en": f"{row['name']} government",
                "kind": "township",
                "admin_code": row["admin_code"],
                "aliases": [row["name"], f"{row['name']}政府"],
                "order": order,
            },
        )
        Township.objects.update_or_create(
            admin_code=row["admin_code"],
            defaults={"department": dept, "name": row["name"], "code_verified": row.get("code_verified", True)},
        )
    return f"{len(data['departments'])} departments, {len(data['townships'])} townships"
