"""Public portal pages (no login): the disclosed lists of ``disclosure.DISCLOSURES``."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from soilgw.core.permissions import public_page

from .disclosure import BY_SLUG, DISCLOSURES


@public_page
def index(request):
    """The portal's front page: every disclosed list with its explanation and count."""
    lists = [(d, d.records().count()) for d in DISCLOSURES]
    return render(request, "portal/index.html", {"lists": lists})


@public_page
def disclosed_list(request, slug: str):
    """One disclosed list: its public fields only, with what they mean for residents."""
    disclosure = BY_SLUG.get(slug)
    if disclosure is None:
        raise Http404(slug)
    rows = disclosure.rows()
    return render(request, "portal/list.html", {
        "disclosure": disclosure, "headers": [c.label for c in disclosure.columns],
        "rows": [[row[c.key] for c in disclosure.columns] for row in rows], "count": len(rows)})
