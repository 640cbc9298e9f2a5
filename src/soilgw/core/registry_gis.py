"""GIS files for spatial registries (``core.gisfiles``): the list page's and API's download, and the import's reading.

A spatial registry (model with ``lon``/``lat`` or a GeoJSON ``geometry``) exports its filtered list as
GeoPackage, zipped Shapefile, KML or GeoJSON with the Excel export's columns (the geometry's own columns
become the feature's geometry) in WGS84 or a CRS of ``gisfiles.EXPORT_CRS`` (``?export=gpkg&crs=EPSG:4546`` on
the list page, ``GET <api>/export/?fmt=gpkg&crs=…``). Its import reads those files into the same cells an
Excel sheet gives (``经度``/``纬度`` or ``范围(GeoJSON)`` in WGS84), so every registry rule applies unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action

from . import gisfiles, imports


def geometry_fields(config) -> tuple[str, ...]:
    """The editable fields a registry's feature geometry stands for (lon/lat, or the area geometry)."""
    role = gisfiles.spatial_role(config.model)
    return ("lon", "lat") if role == "point" else ("geometry",) if role == "area" else ()


def is_gis_upload(config, filename: str) -> bool:
    return bool(geometry_fields(config)) and Path(filename).suffix.lower() in gisfiles.GIS_EXTENSIONS


def export_response(config, queryset, fmt: str, crs: str) -> HttpResponse:
    """The records as a GIS file download; 400 with the (translated) reason for a bad format or CRS."""
    geo = geometry_fields(config)
    keep = [i for i, name in enumerate(config.editable_fields) if name not in geo]
    columns = [config.headers()[i] for i in keep]
    codes = [config.editable_fields[i] for i in keep]
    rows, geometries, labels = [], [], []
    for obj in queryset:
        values = config._row_values(obj)
        rows.append([values[i] for i in keep])
        if geo == ("lon", "lat"):
            geometries.append({"type": "Point", "coordinates": [obj.lon, obj.lat]}
                              if obj.lon is not None and obj.lat is not None else None)
        else:
            geometries.append(obj.geometry or None)
        labels.append(str(obj))
    try:
        content = gisfiles.write_file(fmt, config.slug.replace("-", "_"), columns, rows, geometries, crs=crs,
                                      codes=codes, labels=labels, empty_type="Point" if len(geo) == 2 else "Polygon")
    except gisfiles.GisFileError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    spec = gisfiles.FORMATS[fmt]
    resp = HttpResponse(content, content_type=spec.content_type)
    resp["Content-Disposition"] = f'attachment; filename="{config.slug}{spec.extension}"'
    return resp


def api_export(config):
    """The list-level API action ``GET <api>/export/?fmt=gpkg|shp|kml|geojson&crs=EPSG:…`` (filters apply)."""
    @extend_schema(parameters=[
        OpenApiParameter("fmt", str, enum=list(gisfiles.FORMATS), description="GIS file format (default geojson)"),
        OpenApiParameter("crs", str, enum=list(gisfiles.EXPORT_CRS), description="CRS (default EPSG:4326)"),
    ], responses={**{(200, f.content_type): OpenApiTypes.OBJECT if f.key == "geojson" else OpenApiTypes.BINARY
                     for f in gisfiles.FORMATS.values()},
                  400: OpenApiTypes.STR})
    @action(detail=False, methods=["get"], url_path="export", url_name="export", extra_query_params=("fmt", "crs"))
    def export(view, request):
        qs = view.filter_queryset(view.get_queryset())
        return export_response(config, qs, request.query_params.get("fmt") or "geojson",
                               request.query_params.get("crs") or gisfiles.WGS84)

    return export


def tables(config, path: Path, filename: str, options: dict, parsed: imports.Parsed):
    """The one layer of a GIS upload as ``[(layer, frame)]`` with sheet-like text cells (feature n = row n).

    dBASE names (``gisfiles.dbf_names``) are renamed to the registry's headers and the geometry (in WGS84)
    fills the lon/lat or geometry cells. The CRS used is a warning of ``parsed``; a feature whose coordinates
    cannot be right is a problem naming its row and the geometry column. Raises ``gisfiles.GisFileError``
    (a ``ValueError``: the import reports it for the whole file).
    """
    geo = geometry_fields(config)
    table = gisfiles.read_file(path, filename, (options or {}).get("crs"), gisfiles.spatial_role(config.model))
    head = config.column_header
    header = config.headers()
    attrs = [n for n in config.editable_fields if n not in geo]
    known = set(header) | set(config.editable_fields)
    by_dbf = dict(zip(gisfiles.dbf_names(attrs), attrs, strict=True))
    frame = table.frame.rename(columns={c: head(by_dbf[c]) for c in table.frame.columns
                                        if c not in known and c in by_dbf})
    frame = frame.drop(columns=[head(n) for n in geo if head(n) in frame.columns])
    if geo == ("lon", "lat"):
        cells = {head("lon"): [repr(g["coordinates"][0]) if g else "" for g in table.geometries],
                 head("lat"): [repr(g["coordinates"][1]) if g else "" for g in table.geometries]}
    else:
        cells = {head("geometry"): [json.dumps(g) if g else "" for g in table.geometries]}
    frame = pd.concat([frame, pd.DataFrame(cells, index=frame.index)], axis=1)
    parsed.warnings += [imports.Problem(note, filename, table.layer) for note in table.notes]
    parsed.problems += [imports.Problem(reason, filename, table.layer, n, head(geo[0]))
                        for n, reason in table.problems]
    return [(table.layer, frame)]


def drop_echoes(config, problems: list[imports.Problem], n_read: int) -> list[imports.Problem]:
    """``problems`` without the form's complaints about the geometry cells of features whose geometry already
    failed while reading (the first ``n_read`` problems): one reason per fault."""
    columns = {config.column_header(n) for n in geometry_fields(config)}
    failed = {p.row for p in problems[:n_read]}
    return problems[:n_read] + [p for p in problems[n_read:] if not (p.row in failed and p.column in columns)]


def crs_choices() -> list[tuple[str, str]]:
    """``(value, label)`` of the import's CRS picker, the file's own CRS first."""
    return [("", _("as the file states (required if it states none)")),
            *((k, str(v)) for k, v in gisfiles.IMPORT_CRS.items())]
