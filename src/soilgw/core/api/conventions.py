"""The API's list conventions, for every endpoint alike (settings ``REST_FRAMEWORK``).

- ``?page=`` and ``?page_size=`` (default 50, at most :data:`MAX_PAGE_SIZE`);
- ``?ordering=field`` / ``-field`` on any field the list shows, ``?search=`` over a registry's text fields;
- an unknown query parameter is a 400 naming it and the parameters the endpoint knows: a mistyped filter
  (``?twonship=…``) must not silently return every record;
- every error body is a JSON object (``{"detail": …}`` or ``{field: [messages]}``), as the schema documents,
  also for a ``?format=csv`` request.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from .renderers import CSVRenderer

#: The largest page a client may ask for (a full registry export is the Excel export's job).
MAX_PAGE_SIZE = 1000


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination with a client-chosen ``page_size`` up to :data:`MAX_PAGE_SIZE`."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend that refuses query parameters the endpoint does not know (400).

    Known: the filter set's filters, pagination, ordering, search and format parameters, and what the view
    lists in ``extra_query_params`` (e.g. the GeoJSON action's ``bbox``). Views without a filter set are
    left as they are (their own serializers validate their query).
    """

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            known = set(filterset.filters) | _common_parameters(view)
            unknown = sorted(set(request.query_params) - known)
            if unknown:
                raise ValidationError({name: [_("Unknown query parameter; this list knows: %(known)s.") % {
                    "known": ", ".join(sorted(known))}] for name in unknown})
        return super().filter_queryset(request, queryset, view)


def _common_parameters(view) -> set[str]:
    names = {api_settings.ORDERING_PARAM, api_settings.SEARCH_PARAM, api_settings.URL_FORMAT_OVERRIDE}
    paginator = getattr(view, "paginator", None)
    if paginator is not None:
        names |= {getattr(paginator, "page_query_param", None), getattr(paginator, "page_size_query_param", None)}
    names |= set(getattr(view, "extra_query_params", ()))
    return {n for n in names if n}


def exception_handler(exc, context):
    """DRF's handler, with a bare list of messages (``raise ValidationError("…")`` in a filter backend)
    answered as ``{"detail": "…"}``, and in JSON even when CSV was asked for: clients read one error shape."""
    response = drf_exception_handler(exc, context)
    request = context.get("request")
    if response is not None and isinstance(getattr(request, "accepted_renderer", None), CSVRenderer):
        # a refused ?format=csv request still gets the JSON error body the schema documents
        request.accepted_renderer, request.accepted_media_type = JSONRenderer(), JSONRenderer.media_type
    if response is not None and isinstance(response.data, list):
        response.data = {"detail": " ".join(str(m) for m in response.data)}
    return response
