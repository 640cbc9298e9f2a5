"""Pages of the enforcement app beyond the registries: the overview and the accountability board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from soilgw.core.clock import as_of
from soilgw.core.permissions import is_internal

from .accountability import lagging
from .registries import REGISTRIES


@login_required
def index(request):
    """Every registry of the app with its record count."""
    if not is_internal(request.user):
        raise PermissionDenied
    registries = [(c.model._meta.verbose_name_plural, reverse(f"enforcement:{c.url_name('list')}"),
                   c.model._default_manager.count()) for c in REGISTRIES]
    return render(request, "enforcement/index.html", {"registries": registries})


@login_required
def accountability(request):
    """Townships and departments with overdue milestones or tasks, and the summons already issued."""
    if not is_internal(request.user):
        raise PermissionDenied
    on = as_of()
    from .registries import SUMMONS

    return render(request, "enforcement/accountability.html", {"as_of": on, "can_raise": SUMMONS.can_create(request.user),
                                                                **lagging(on)})
