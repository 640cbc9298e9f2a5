"""``/api/public/``: the portal's disclosed lists as JSON, public fields only (no login)."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from soilgw.core.permissions import public_page

from ..disclosure import BY_SLUG


class DisclosedListSerializer(serializers.Serializer):
    """One disclosed list; each row holds that list's public fields only."""

    slug = serializers.CharField()
    title = serializers.CharField()
    explanation = serializers.CharField()
    count = serializers.IntegerField()
    results = serializers.ListField(child=serializers.DictField(), help_text="{public field: value} per record")


class DisclosureSerializer(serializers.Serializer):
    """A disclosed list as the index names it."""

    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()


@extend_schema(responses=DisclosureSerializer(many=True))
@public_page
@api_view(["GET"])
@permission_classes([AllowAny])
def disclosed_index(request):
    """Every list the portal discloses, with its address."""
    return Response(DisclosureSerializer([
        {"slug": slug, "title": str(d.title),
         "url": request.build_absolute_uri(reverse("public-list", args=[slug]))}
        for slug, d in BY_SLUG.items()], many=True).data)


@extend_schema(responses=DisclosedListSerializer)
@public_page
@api_view(["GET"])
@permission_classes([AllowAny])
def disclosed_list(request, slug: str):
    """``{"slug", "title", "explanation", "count", "results": [{public field: value}]}``."""
    disclosure = BY_SLUG.get(slug)
    if disclosure is None:
        raise Http404(slug)
    rows = disclosure.rows()
    return Response({"slug": slug, "title": str(disclosure.title), "explanation": str(disclosure.explanation),
                     "count": len(rows), "results": rows})
