"""The funding overview: reserve admission rates per year, quarters to report, every registry."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse

from soilgw.core.clock import as_of
from soilgw.core.permissions import is_internal

from .models import Disbursement, FundProject, admission_rates
from .registries import REGISTRIES


@login_required
def index(request):
    if not is_internal(request.user):
        raise PermissionDenied
    on = as_of()
    unreported = (Disbursement.objects.filter(reported_on__isnull=True, period_end__lt=on)
                  .select_related("project").order_by("period_end"))
    return render(request, "funding/index.html", {
        "as_of": on, "rates": admission_rates(), "unreported": unreported,
        "projects": FundProject.objects.select_related("township").order_by("code"),
        "registries": [(c.model._meta.verbose_name_plural, reverse(f"funding:{c.url_name('list')}"))
                       for c in REGISTRIES],
    })
