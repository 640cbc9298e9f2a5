"""GIS files of the spatial registries: GeoPackage, zipped Shapefile, KML and GeoJSON, written and read.

A registry is spatial when its model has ``lon``/``lat`` fields (role ``point``: the feature is a Point) or a
GeoJSON ``geometry`` field (role ``area``: Polygon/MultiPolygon). Records are stored in WGS84 longitude/latitude
[degree] (EPSG:4326; CGCS2000 differs by centimetres, ``groundwater.geo``); a file is written in WGS84 or in
one of :data:`EXPORT_CRS` and read from the CRS it carries or the one chosen at import (:data:`IMPORT_CRS`).

Attributes are the registry's Excel columns without the geometry's own columns (lon/lat, or the area
geometry). Chinese headers are field names in GeoPackage, GeoJSON and KML. A Shapefile's dBASE names hold at
most 10 bytes, so they are the field codes (``investigation_status`` → ``investigat``, unique,
:func:`dbf_names`); the zip carries ``<layer>_fields.csv`` mapping each dBASE name to its Chinese header, and
a ``.cpg`` declaring UTF-8 for the values. Text over 254 bytes does not fit a dBASE field: such an export is
refused (use GeoPackage) rather than truncated.

Conversions are not repeated here: EPSG CRSs by pyproj through ``monitoring.geo`` (``to_lonlat``,
``from_lonlat``, ``check_coordinates`` with its Gauss–Krüger zone-prefix and swapped-axis checks), GCJ-02 and
BD-09 by ``assessment.spatial_crs``. Errors about a whole file raise :class:`GisFileError` (a ``ValueError``,
message in the user's language); errors of one feature are returned with its number.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd
import pyogrio
import shapely
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pyogrio.raw import read as ogr_read
from pyogrio.raw import write as ogr_write
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import mapping, shape

WGS84 = "EPSG:4326"
#: CGCS2000 / 3-degree Gauss–Krüger CM 111°E: the county's zone (Jiang County, Shanxi; ``sites.geo.GK_CRS``).
COUNTY_ZONE = "EPSG:4546"
GCJ02, BD09 = "GCJ-02", "BD-09"
#: CRSs a file may be written in: WGS84, CGCS2000 and the Gauss–Krüger zones covering Shanxi (110.2–114.6°E).
EXPORT_CRS = {
    WGS84: gettext_lazy("WGS84 longitude/latitude (EPSG:4326)"),
    "EPSG:4490": gettext_lazy("CGCS2000 longitude/latitude (EPSG:4490)"),
    COUNTY_ZONE: gettext_lazy("CGCS2000 / 3° Gauss–Krüger CM 111°E, the county's zone (EPSG:4546)"),
    "EPSG:4547": gettext_lazy("CGCS2000 / 3° Gauss–Krüger CM 114°E (EPSG:4547)"),
    "EPSG:4525": gettext_lazy("CGCS2000 / 3° Gauss–Krüger zone 37, easting with zone number (EPSG:4525)"),
    "EPSG:4526": gettext_lazy("CGCS2000 / 3° Gauss–Krüger zone 38, easting with zone number (EPSG:4526)"),
    "EPSG:4508": gettext_lazy("CGCS2000 / 6° Gauss–Krüger CM 111°E (EPSG:4508)"),
    "EPSG:4509": gettext_lazy("CGCS2000 / 6° Gauss–Krüger CM 117°E (EPSG:4509)"),
    "EPSG:4497": gettext_lazy("CGCS2000 / 6° Gauss–Krüger zone 19, easting with zone number (EPSG:4497)"),
    "EPSG:4498": gettext_lazy("CGCS2000 / 6° Gauss–Krüger zone 20, easting with zone number (EPSG:4498)"),
}
#: CRSs that may be chosen at import: the above and the web-map pickers' offset coordinates.
IMPORT_CRS = {**EXPORT_CRS, GCJ02: gettext_lazy("GCJ-02 (AMap/Tencent web-map picker)"),
              BD09: gettext_lazy("BD-09 (Baidu Maps picker)")}


@dataclass(frozen=True)
class GisFormat:
    key: str
    label: str
    driver: str
    extension: str  # of the downloaded / uploaded file
    content_type: str


FORMATS = {f.key: f for f in (
    GisFormat("gpkg", "GeoPackage", "GPKG", ".gpkg", "application/geopackage+sqlite3"),
    GisFormat("shp", "Shapefile (.zip)", "ESRI Shapefile", ".zip", "application/zip"),
    GisFormat("kml", "KML", "KML", ".kml", "application/vnd.google-earth.kml+xml"),
    GisFormat("geojson", "GeoJSON", "GeoJSON", ".geojson", "application/geo+json"),
)}
#: Upload extensions read as GIS files (``.json`` is GeoJSON); the import framework checks their signatures.
GIS_EXTENSIONS = (".gpkg", ".zip", ".kml", ".geojson", ".json")
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
DBF_NAME_BYTES = 10
DBF_TEXT_BYTES = 254
#: Most vertices one file may hold (all features together); a larger file is refused before it is used.
MAX_VERTICES = 2_000_000
#: Columns a KML reader adds by itself (not registry attributes).
KML_OWN_FIELDS = frozenset({"id", "Name", "name", "description", "Description", "timestamp", "begin", "end",
                            "altitudeMode", "tessellate", "extrude", "visibility", "drawOrder", "icon", "snippet"})


class GisFileError(ValueError):
    """A GIS file that cannot be written or read as a whole; the message says why (translated)."""


def spatial_role(model) -> str | None:
    """``"point"`` (lon/lat fields), ``"area"`` (a GeoJSON ``geometry`` field) or None for a model."""
    names = {f.name for f in model._meta.fields}
    if {"lon", "lat"} <= names:
        return "point"
    return "area" if "geometry" in names else None


def dbf_names(codes: list[str]) -> list[str]:
    """dBASE field names (≤ 10 ASCII bytes, unique, case-insensitively) for field codes, in order."""
    out: list[str] = []
    for code in codes:
        name, k = code[:DBF_NAME_BYTES], 1
        while name.lower() in {n.lower() for n in out}:
            suffix = str(k)
            name, k = code[:DBF_NAME_BYTES - len(suffix)] + suffix, k + 1
        out.append(name)
    return out


def crs_name(crs: str) -> str:
    """``EPSG:nnnn (name)`` for a CRS given as EPSG code or WKT, for messages."""
    try:
        c = CRS.from_user_input(crs)
    except CRSError:
        return str(crs)[:80]
    code = c.to_epsg(min_confidence=70)
    return f"EPSG:{code} ({c.name})" if code else c.name


# ---- writing ---------------------------------------------------------------------------------------------------
def _column(values: list) -> np.ndarray:
    """One attribute column: numbers stay numbers (missing → NaN), yes/no becomes 是/否, the rest text."""
    present = [v for v in values if v is not None and v != ""]
    if present and all(isinstance(v, bool) for v in present):
        return np.array([("" if v is None else (_("yes") if v else _("no"))) for v in values], dtype=object)
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        if len(present) == len(values) and all(isinstance(v, int) for v in present):
            return np.array(values, dtype="int64")
        return np.array([float(v) if v not in (None, "") else np.nan for v in values], dtype=float)
    if present and all(hasattr(v, "is_finite") for v in present):  # Decimal
        return np.array([float(v) if v not in (None, "") else np.nan for v in values], dtype=float)
    return np.array([None if v is None else str(v) for v in values], dtype=object)


def _project(geom, crs: str):
    """A WGS84 shapely geometry in ``crs`` (pyproj via ``monitoring.geo.from_lonlat``)."""
    from soilgw.monitoring.geo import from_lonlat

    if crs == WGS84:
        return geom
    return shapely.transform(geom, lambda xy: np.column_stack(from_lonlat(xy[:, 0], xy[:, 1], crs)))


def write_file(fmt: str, layer: str, columns: list[str], rows: list[list], geometries: list[dict | None], *,
               crs: str = WGS84, codes: list[str] | None = None, labels: list[str] | None = None,
               empty_type: str = "Point") -> bytes:
    """One layer as a GIS file's bytes.

    Parameters
    ----------
    fmt : a key of :data:`FORMATS`.
    layer : layer (and Shapefile) name, ASCII.
    columns, rows : attribute headers and one list of values per feature (as the Excel export gives them).
    geometries : one GeoJSON geometry per feature in WGS84 [degree], or None (no location).
    crs : a key of :data:`EXPORT_CRS`; KML is WGS84 by definition.
    codes : field codes of ``columns`` (the Shapefile's dBASE names are made from them).
    labels : one name per feature, shown as the placemark name in KML.
    empty_type : the layer's geometry type when no feature has a geometry (``Point`` or ``Polygon``).

    Raises
    ------
    GisFileError
        Unknown format or CRS, KML in another CRS than WGS84, or text too long for a Shapefile's dBASE field.
    """
    if fmt not in FORMATS:
        raise GisFileError(_("Unknown GIS format %(fmt)s; use one of %(list)s.") % {
            "fmt": fmt, "list": ", ".join(FORMATS)})
    if crs not in EXPORT_CRS:
        raise GisFileError(_("Unknown CRS %(crs)s; use one of %(list)s.") % {"crs": crs, "list": ", ".join(EXPORT_CRS)})
    if fmt == "kml" and crs != WGS84:
        raise GisFileError(_("KML is always WGS84 longitude/latitude (EPSG:4326); choose another format for %(crs)s.")
                           % {"crs": crs})
    spec = FORMATS[fmt]
    shapes = [_project(shape(g), crs) if g else None for g in geometries]
    kinds = {s.geom_type for s in shapes if s is not None}
    geometry_type = (kinds.pop() if len(kinds) == 1 else empty_type if not kinds
                     else "Unknown" if kinds - {"Polygon", "MultiPolygon"} else "MultiPolygon")
    wkb = np.array([shapely.to_wkb(s) if s is not None else None for s in shapes], dtype=object)
    names = dbf_names(codes or columns) if fmt == "shp" else list(columns)
    data = [_column([r[i] for r in rows]) for i in range(len(columns))]
    if fmt == "shp":
        _check_dbf_text(columns, data)
    if fmt == "kml" and labels is not None:  # the KML writer takes the "Name" field as the placemark's name
        names, data = ["Name", *names], [np.array(labels, dtype=object), *data]
    with tempfile.TemporaryDirectory(prefix="soilgw-gis-") as tmp:
        target = Path(tmp, f"{layer}{'.shp' if fmt == 'shp' else spec.extension}")
        options = {"encoding": "UTF-8"} if fmt == "shp" else {}
        with warnings.catch_warnings():  # GDAL's notes on mixed Polygon/MultiPolygon layers are expected
            warnings.simplefilter("ignore", RuntimeWarning)
            ogr_write(str(target), wkb, data, names, layer=layer, driver=spec.driver, crs=crs,
                      geometry_type=geometry_type, promote_to_multi=geometry_type == "MultiPolygon" or None,
                      **options)
        if fmt != "shp":
            return target.read_bytes()
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for part in SHAPEFILE_PARTS:
                if target.with_suffix(part).exists():
                    z.write(target.with_suffix(part), f"{layer}{part}")
            table = io.StringIO()
            writer = csv.writer(table)
            writer.writerow([_("dBASE field"), _("column"), _("field code")])
            writer.writerows(zip(names, columns, codes or columns, strict=True))
            z.writestr(f"{layer}_fields.csv", "\ufeff" + table.getvalue())  # BOM: Excel opens it as UTF-8
        return buf.getvalue()


def _check_dbf_text(columns: list[str], data: list[np.ndarray]) -> None:
    for header, col in zip(columns, data, strict=True):
        if col.dtype != object:
            continue
        for i, v in enumerate(col):
            if v is not None and len(v.encode("utf-8")) > DBF_TEXT_BYTES:
                raise GisFileError(_("Column %(column)s of feature %(n)s holds %(bytes)s bytes of text; a Shapefile "
                                     "field holds at most 254. Export as GeoPackage instead.")
                                   % {"column": header, "n": i + 1, "bytes": len(v.encode("utf-8"))})


# ---- reading ---------------------------------------------------------------------------------------------------
@dataclass
class GisTable:
    """One layer read from a file: attributes as text, geometries in WGS84 and what reading found.

    ``frame`` has one row per feature (all cells text, blank = ""); ``geometries`` one GeoJSON dict in WGS84
    [degree] or None per feature; ``problems`` ``(feature number from 1, reason)`` of features whose coordinates
    cannot be right; ``notes`` say which CRS was used and why.
    """

    layer: str
    frame: pd.DataFrame
    geometries: list[dict | None]
    problems: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def read_file(path: Path, filename: str, choice: str | None, role: str) -> GisTable:
    """Read the one layer of an uploaded GIS file (see the module docstring).

    Parameters
    ----------
    path : the stored upload; ``filename`` its name (the extension decides the format).
    choice : the CRS chosen at import (a key of :data:`IMPORT_CRS`), or None/"".
    role : ``"point"`` or ``"area"`` (:func:`spatial_role`).

    Raises
    ------
    GisFileError
        Unsafe or unreadable file, several layers, no CRS and none chosen, a CRS conflicting with the choice,
        or more than :data:`MAX_VERTICES` vertices.
    """
    ext = Path(filename).suffix.lower()
    if choice and choice not in IMPORT_CRS:
        raise GisFileError(_("Unknown CRS %(crs)s; use one of %(list)s.") % {"crs": choice, "list": ", ".join(IMPORT_CRS)})
    with tempfile.TemporaryDirectory(prefix="soilgw-gis-") as tmp:
        source, encoding, states_crs = path, None, True
        if ext == ".zip":
            source, encoding = _unzip_shapefile(path, Path(tmp))
        elif ext == ".kml":
            _check_kml(path)
        elif ext in (".geojson", ".json"):
            states_crs = _check_geojson(path)
        try:
            layers = pyogrio.list_layers(str(source))
            if len(layers) != 1:
                raise GisFileError(_("The file holds %(n)s layers (%(names)s); upload one layer per file.") % {
                    "n": len(layers), "names": "、".join(str(n) for n in layers[:, 0])})
            meta, _fids, wkb, values = ogr_read(str(source), encoding=encoding)
        except pyogrio.errors.DataSourceError as exc:
            raise GisFileError(_("The file cannot be read as %(ext)s: %(reason)s") % {"ext": ext, "reason": exc}) from None
    file_crs = meta.get("crs")
    if ext == ".kml" or not states_crs:  # WGS84 by the format's specification, not stated in the file
        file_crs = None if choice in (GCJ02, BD09) or (ext != ".kml" and choice) else WGS84
    crs, notes = _source_crs(file_crs, choice or "")
    fields = [str(n) for n in meta["fields"]]
    keep = [i for i, n in enumerate(fields) if not (ext == ".kml" and n in KML_OWN_FIELDS)]
    frame = pd.DataFrame({fields[i]: [_text(v) for v in values[i]] for i in keep}, index=range(len(wkb)))
    shapes = [shapely.force_2d(shapely.from_wkb(g)) if g is not None else None for g in wkb]
    if sum(shapely.get_num_coordinates(s) for s in shapes if s is not None) > MAX_VERTICES:
        raise GisFileError(_("The file holds more than %(n)s vertices; split it.") % {"n": MAX_VERTICES})
    table = GisTable(str(layers[0, 0]), frame, [], notes=notes)
    for n, geom in enumerate(shapes, start=1):
        try:
            table.geometries.append(mapping(to_wgs84(geom, crs, role)) if geom is not None and not geom.is_empty
                                    else None)
        except ValueError as exc:
            table.geometries.append(None)
            table.problems.append((n, str(exc)))
    return table


def _text(value) -> str:
    """A cell as the sheet reader gives it: text, blank for missing, whole numbers without ``.0``."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return _("yes") if value else _("no")
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, np.datetime64):
        return "" if np.isnat(value) else str(value)[:10] if str(value).endswith("T00:00:00.000") else str(value)
    return str(value).strip()


def _unzip_shapefile(path: Path, tmp: Path) -> tuple[Path, str | None]:
    """The one Shapefile of a zip, extracted under plain names into ``tmp``; and the dBASE encoding to use.

    Entries with absolute or ``..`` paths, links, or several ``.shp`` files are refused; only the Shapefile's
    own parts are extracted (sizes already bounded by ``imports.zip_problems``).
    """
    with zipfile.ZipFile(path) as z:
        entries = z.infolist()
        for e in entries:
            if unsafe_zip_name(e.filename) or stat.S_ISLNK(e.external_attr >> 16):
                raise GisFileError(_("The archive entry %(name)s points outside the archive; refused.") % {
                    "name": e.filename})
        shp = [e for e in entries if e.filename.lower().endswith(".shp") and not e.is_dir()]
        if len(shp) != 1:
            raise GisFileError(_("A zipped Shapefile must hold exactly one .shp file; this one holds %(n)s.") % {
                "n": len(shp)})
        stem = shp[0].filename[:-4]
        parts = {e.filename[len(stem):].lower(): e for e in entries if e.filename[:len(stem)] == stem
                 and e.filename[len(stem):].lower() in SHAPEFILE_PARTS}
        missing = [p for p in (".shx", ".dbf") if p not in parts]
        if missing:
            raise GisFileError(_("The Shapefile lacks %(parts)s.") % {"parts": "、".join(missing)})
        for part, e in parts.items():
            (tmp / f"layer{part}").write_bytes(z.read(e))
    encoding = None
    if ".cpg" not in parts:  # no declared encoding: UTF-8 if the attributes decode so, else Chinese GB18030
        try:
            (tmp / "layer.dbf").read_bytes().decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            encoding = "GB18030"
    return tmp / "layer.shp", encoding


def unsafe_zip_name(name: str) -> bool:
    """True for an archive entry name that is absolute, has ``..`` parts, a drive or backslashes."""
    p = PurePosixPath(name)
    return name.startswith(("/", "\\")) or "\\" in name or ".." in p.parts or (len(name) > 1 and name[1] == ":")


def _check_kml(path: Path) -> None:
    """A KML must be XML with a ``<kml`` element and no DTD (entity expansion could blow it up while parsed)."""
    head = path.read_bytes()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise GisFileError(_("The KML declares a DTD or entities; refused (they can expand without bound)."))
    if b"<kml" not in head[:4096]:
        raise GisFileError(_("The file is not a KML document (no <kml> element)."))


def _check_geojson(path: Path) -> bool:
    """Whether a GeoJSON FeatureCollection (or Feature) names its CRS (a ``crs`` member); GDAL reports
    EPSG:4326 either way. Raises :class:`GisFileError` for other JSON."""
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GisFileError(_("The file is not valid GeoJSON: %(reason)s") % {"reason": exc}) from None
    if not isinstance(doc, dict) or doc.get("type") not in ("FeatureCollection", "Feature"):
        raise GisFileError(_("A GeoJSON import must be a FeatureCollection (or one Feature)."))
    return "crs" in doc


def _same_crs(a: str, b: str) -> bool:
    ca, cb = CRS.from_user_input(a), CRS.from_user_input(b)
    ea, eb = ca.to_epsg(min_confidence=70), cb.to_epsg(min_confidence=70)
    return ea == eb if ea and eb else ca.equals(cb, ignore_axis_order=True)


def _source_crs(file_crs: str | None, choice: str) -> tuple[str, list[str]]:
    """The CRS the file's coordinates are in, and a note saying where it came from.

    A CRS the file carries (.prj, GeoPackage srs, a GeoJSON ``crs`` member) wins over the choice; KML and a
    GeoJSON without ``crs`` are WGS84 by their specifications unless GCJ-02/BD-09 (or, for GeoJSON, another
    CRS) is chosen, because web-map tools write those offsets into such files.
    """
    if file_crs:
        stated = crs_name(file_crs)
        if choice in (GCJ02, BD09):
            if not CRS.from_user_input(file_crs).is_geographic:
                raise GisFileError(_("The file states the projected CRS %(crs)s; %(choice)s applies only to "
                                     "longitude/latitude.") % {"crs": stated, "choice": choice})
            return choice, [_("Coordinates read as %(choice)s (the file states %(crs)s) and converted to WGS84.")
                            % {"choice": choice, "crs": stated}]
        if choice and not _same_crs(choice, file_crs):
            return file_crs, [_("The file carries its own CRS %(crs)s; it was used instead of the chosen %(choice)s.")
                              % {"crs": stated, "choice": choice}]
        return file_crs, [_("The file carries its own CRS %(crs)s.") % {"crs": stated}]
    if not choice:
        raise GisFileError(_("The file states no coordinate reference system (a Shapefile needs its .prj); choose "
                             "the CRS of its coordinates when importing."))
    return choice, [_("Coordinates read in the chosen CRS %(crs)s.") % {"crs": IMPORT_CRS[choice]}]


def to_wgs84(geom, crs: str, role: str):
    """A shapely geometry in ``crs`` (EPSG/WKT, GCJ-02 or BD-09) as WGS84 longitude/latitude [degree].

    Points go through ``monitoring.geo.check_coordinates`` (zone-number prefix, swapped axes); every result
    must lie in China's bounding box (``assessment.spatial_crs.CHINA_BOX``). Raises ``ValueError`` (with
    ``CoordinateError``'s Chinese/English message for points) naming what is wrong.
    """
    from soilgw.assessment import spatial_crs
    from soilgw.monitoring.geo import check_coordinates, to_lonlat

    allowed = ("Point", "MultiPoint") if role == "point" else ("Polygon", "MultiPolygon")
    if geom.geom_type not in allowed:
        raise ValueError(_("geometry is a %(kind)s; this registry takes %(allowed)s") % {
            "kind": geom.geom_type, "allowed": "/".join(allowed)})
    if geom.geom_type == "MultiPoint":
        if len(geom.geoms) != 1:
            raise ValueError(_("a point registry takes one point per record, not %(n)s") % {"n": len(geom.geoms)})
        geom = geom.geoms[0]
    if geom.geom_type == "Point" and crs not in (GCJ02, BD09):
        _x, _y, lon, lat, _note = check_coordinates(geom.x, geom.y, crs,
                                                    area=lambda lo, la: bool(spatial_crs.in_china(lo, la)))
        return shapely.Point(lon, lat)

    def convert(xy: np.ndarray) -> np.ndarray:
        if crs == GCJ02:
            out = spatial_crs.gcj02_to_wgs84(xy[:, 0], xy[:, 1])
            return np.column_stack((out.lon, out.lat))
        if crs == BD09:
            out = spatial_crs.bd09_to_wgs84(xy[:, 0], xy[:, 1])
            return np.column_stack((out.lon, out.lat))
        return np.column_stack(to_lonlat(xy[:, 0], xy[:, 1], crs))

    # exterior rings counter-clockwise as GeoJSON (RFC 7946) has them; Shapefiles store them clockwise
    out = shapely.orient_polygons(shapely.transform(geom, convert))
    coords = shapely.get_coordinates(out)
    if not np.all(np.isfinite(coords)) or not np.all(spatial_crs.in_china(coords[:, 0], coords[:, 1])):
        raise ValueError(_("after conversion from %(crs)s the geometry lies outside China; is the CRS right?")
                         % {"crs": crs if crs in (GCJ02, BD09) else crs_name(crs)})
    return out
