"""GIS files of the spatial registries (issue #18 item 7): export → import round trips in every format and CRS,
GCJ-02/BD-09 picks, files without a CRS, and hostile uploads."""

from __future__ import annotations

import io
import json
import warnings
import zipfile

import numpy as np
import pytest
import shapely
from django.test import override_settings
from pyogrio.raw import write as ogr_write
from pyproj import Geod

from soilgw.core import gisfiles, imports
from soilgw.groundwater import registries as R
from tests.groundwater.conftest import SQUARE, square

GEOD = Geod(ellps="WGS84")
FORMATS_AND_CRS = [("gpkg", "EPSG:4326"), ("gpkg", "EPSG:4546"), ("shp", "EPSG:4326"), ("shp", "EPSG:4547"),
                   ("kml", "EPSG:4326"), ("geojson", "EPSG:4326"), ("geojson", "EPSG:4490"),
                   ("shp", "EPSG:4525")]
EXTENSION = {"gpkg": "x.gpkg", "shp": "x.zip", "kml": "x.kml", "geojson": "x.geojson"}


@pytest.fixture
def editor(county, make_user):
    return make_user("gis-editor", "eeb", "editor")


def _wells():
    from soilgw.core.models import Township
    from soilgw.groundwater.models import AbandonedWell

    town = Township.objects.get(name="古绛镇")
    AbandonedWell.objects.create(code="FJ-1", kind="borehole", township=town, lon=111.6212345678, lat=35.5012345678,
                                 registered_on="2023-02-01", depth_m=120.5, notes="旧井，已登记")
    AbandonedWell.objects.create(code="FJ-2", kind="water_well", township=town, lon=112.61, lat=35.47,
                                 registered_on="2023-03-01", cross_contamination=True)


def _waste():
    from soilgw.groundwater.models import MiningWasteSite

    MiningWasteSite.objects.create(code="KZ-1", name="测试废石堆", discovered_by="satellite",
                                   discovered_on="2023-03-01", geometry=SQUARE, volume_m3=1200)
    multi = {"type": "MultiPolygon", "coordinates": [square(111.70, 35.45, 0.003)["coordinates"],
                                                     square(111.72, 35.46, 0.002)["coordinates"]]}
    MiningWasteSite.objects.create(code="KZ-2", name="第二处", discovered_by="drone", discovered_on="2024-05-01",
                                   geometry=multi, downstream_farmland_polluted=True)


def _snapshot(config) -> dict:
    """code → (attribute cells as the Excel export writes them, coordinates [degree])."""
    out = {}
    for obj in config.model._default_manager.all():
        values = dict(zip(config.editable_fields, config._row_values(obj), strict=True))
        if "lon" in values:
            coords = np.array([[values.pop("lon"), values.pop("lat")]])
        else:
            coords = shapely.get_coordinates(shapely.geometry.shape(json.loads(values.pop("geometry"))))
        out[obj.code] = (values, coords)
    return out


def _round_trip(client, editor, config, fmt, crs):
    client.force_login(editor)
    before = _snapshot(config)
    resp = client.get(_list_url(config) + f"?export={fmt}&crs={crs}")
    assert resp.status_code == 200, resp.content
    config.model._default_manager.all().delete()
    batch = imports.run_import(config.import_kind.kind, EXTENSION[fmt], resp.content, editor)
    assert batch.status == "accepted", batch.report
    assert any("EPSG:" + crs.split(":")[1] in w["reason"] for w in batch.report["warnings"]), batch.report
    after = _snapshot(config)
    assert before.keys() == after.keys()
    for code, (values, coords) in before.items():
        assert after[code][0] == values, code
        assert after[code][1].shape == coords.shape
        assert np.abs(after[code][1] - coords).max() < 1e-6, (code, after[code][1] - coords)


def _list_url(config) -> str:
    from django.urls import reverse

    return reverse(f"{config.namespace}:{config.url_name('list')}")


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "crs"), FORMATS_AND_CRS)
def test_point_registry_round_trip(client, editor, fmt, crs):
    _wells()
    _round_trip(client, editor, R.ABANDONED_WELL, fmt, crs)


@pytest.mark.django_db
@pytest.mark.parametrize(("fmt", "crs"), FORMATS_AND_CRS)
def test_polygon_registry_round_trip(client, editor, fmt, crs):
    _waste()
    _round_trip(client, editor, R.MINING_WASTE, fmt, crs)


@pytest.mark.django_db
def test_shapefile_zip_lists_parts_and_column_table(client, editor):
    _wells()
    client.force_login(editor)
    resp = client.get(_list_url(R.ABANDONED_WELL) + "?export=shp&crs=EPSG:4546")
    names = zipfile.ZipFile(io.BytesIO(resp.content)).namelist()
    assert {f"abandoned_wells{p}" for p in (".shp", ".shx", ".dbf", ".prj", ".cpg")} <= set(names)
    table = zipfile.ZipFile(io.BytesIO(resp.content)).read("abandoned_wells_fields.csv").decode("utf-8-sig")
    assert "cross_cont,串层污染,cross_contamination" in table
    assert all(len(n.encode()) <= 10 for n in gisfiles.dbf_names(R.ABANDONED_WELL.editable_fields))


@pytest.mark.django_db
def test_kml_in_a_projected_crs_and_unknown_format_refused(client, editor):
    client.force_login(editor)
    prefix = _list_url(R.ABANDONED_WELL) + ""
    assert client.get(prefix + "?export=kml&crs=EPSG:4546").status_code == 400
    assert client.get(prefix + "?export=geojson&crs=EPSG:3857").status_code == 400


@pytest.mark.django_db
def test_api_export_with_filters(client, editor):
    _wells()
    client.force_login(editor)
    resp = client.get("/api/abandoned-wells/export/?fmt=geojson&code=FJ-2")
    assert resp.status_code == 200, resp.content
    doc = json.loads(resp.content)
    assert [f["properties"]["编号"] for f in doc["features"]] == ["FJ-2"]
    assert doc["features"][0]["geometry"]["coordinates"] == [112.61, 35.47]
    assert doc["features"][0]["properties"]["串层污染"] in ("是", "yes")  # as the active language writes it


def _geojson(points, crs_member=None) -> bytes:
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(p)},
         "properties": {"编号": f"FJ-G{i}", "类型": "borehole", "乡镇": "古绛镇", "登记日期": "2023-02-01"}}
        for i, p in enumerate(points)]}
    if crs_member:
        doc["crs"] = {"type": "name", "properties": {"name": crs_member}}
    return json.dumps(doc, ensure_ascii=False).encode()


@pytest.mark.django_db
def test_gcj02_pick_lands_on_the_published_wgs84_position(editor):
    from soilgw.groundwater.models import AbandonedWell

    # wandergis/coordtransform test/app.js: wgs84togcj02(116.404, 39.915) = (116.41024449916938, 39.91640428150164)
    batch = imports.run_import(R.ABANDONED_WELL.import_kind.kind, "pick.geojson",
                               _geojson([(116.41024449916938, 39.91640428150164)]), editor, options={"crs": "GCJ-02"})
    assert batch.status == "accepted", batch.report
    well = AbandonedWell.objects.get(code="FJ-G0")
    assert GEOD.inv(well.lon, well.lat, 116.404, 39.915)[2] < 1.0


@pytest.mark.django_db
def test_bd09_pick_converted(editor):
    from soilgw.groundwater.models import AbandonedWell

    # hujiulong/gcoord test/unit/crs/BD09.spec.ts: BD09 → WGS84 of (123, 45) = (122.98762210, 44.99171540) to 1e-5°
    batch = imports.run_import(R.ABANDONED_WELL.import_kind.kind, "pick.geojson", _geojson([(123.0, 45.0)]), editor,
                               options={"crs": "BD-09"})
    assert batch.status == "accepted", batch.report
    well = AbandonedWell.objects.get(code="FJ-G0")
    assert well.lon == pytest.approx(122.98762210, abs=1e-5) and well.lat == pytest.approx(44.99171540, abs=1e-5)


@pytest.mark.django_db
def test_file_crs_wins_over_the_choice_and_says_so(editor):
    batch = imports.run_import(R.ABANDONED_WELL.import_kind.kind, "gk.geojson",
                               _geojson([(556_000.0, 3_929_000.0)], "urn:ogc:def:crs:EPSG::4546"), editor,
                               options={"crs": "EPSG:4326"})
    assert batch.status == "accepted", batch.report
    assert any("4546" in w["reason"] and "4326" in w["reason"] for w in batch.report["warnings"])


def _shapefile_zip(with_prj: bool) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        geom = np.array([shapely.to_wkb(shapely.Point(556_000.0, 3_929_000.0))], dtype=object)
        fields = ["code", "kind", "township", "registered"]
        data = [np.array([v], dtype=object) for v in ("FJ-S1", "borehole", "古绛镇", "2023-02-01")]
        with warnings.catch_warnings():  # a file without .prj is what this fixture is for
            warnings.filterwarnings("ignore", "'crs' was not provided", UserWarning)
            ogr_write(str(Path(tmp, "w.shp")), geom, data, fields, driver="ESRI Shapefile", geometry_type="Point",
                      crs="EPSG:4546" if with_prj else None, encoding="UTF-8")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            for p in Path(tmp).iterdir():
                z.write(p, p.name)
        return buf.getvalue()


@pytest.mark.django_db
def test_shapefile_without_prj_needs_a_crs_choice(editor):
    from soilgw.groundwater.models import AbandonedWell

    kind = R.ABANDONED_WELL.import_kind.kind
    batch = imports.run_import(kind, "wells.zip", _shapefile_zip(with_prj=False), editor)
    assert batch.status == "rejected"
    assert ".prj" in batch.report["problems"][0]["reason"]  # no CRS stated: choose one
    batch = imports.run_import(kind, "wells.zip", _shapefile_zip(with_prj=False), editor, options={"crs": "EPSG:4546"})
    assert batch.status == "accepted", batch.report
    well = AbandonedWell.objects.get(code="FJ-S1")
    assert 111 < well.lon < 112 and 35 < well.lat < 36  # 556 km E in the CM 111°E zone: Jiang County


@pytest.mark.django_db
def test_bad_feature_rejects_the_whole_file_naming_row_and_column(editor):
    from soilgw.groundwater.models import AbandonedWell

    # the second point is in GK metres although the file says WGS84: outside any valid longitude
    batch = imports.run_import(R.ABANDONED_WELL.import_kind.kind, "bad.geojson",
                               _geojson([(111.6, 35.5), (556_000.0, 3_929_000.0)]), editor)
    assert batch.status == "rejected"
    problems = batch.report["problems"]
    assert [(p["row"], p["column"]) for p in problems] == [(2, "经度")], problems
    assert AbandonedWell.objects.count() == 0


@pytest.mark.django_db
def test_zip_with_parent_paths_refused(editor):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../evil.shp", b"x")
        z.writestr("../../evil.dbf", b"x")
    batch = imports.run_import(R.ABANDONED_WELL.import_kind.kind, "evil.zip", buf.getvalue(), editor)
    assert batch.status == "rejected"
    assert "../" in batch.report["problems"][0]["reason"]


@pytest.mark.django_db
def test_kml_entity_expansion_and_oversized_kml_refused(editor):
    kind = R.ABANDONED_WELL.import_kind.kind
    laughs = (b'<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
              b'<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>&b;</name></Document></kml>')
    batch = imports.run_import(kind, "laughs.kml", laughs, editor)
    assert batch.status == "rejected" and "DTD" in batch.report["problems"][0]["reason"]
    huge = b'<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>' + b" " * 5000 + b"</Document></kml>"
    with override_settings(SOILGW_MAX_UPLOAD_BYTES=4096):
        batch = imports.run_import(kind, "huge.kml", huge, editor)
    assert batch.status == "rejected" and "limit" in batch.report["problems"][0]["reason"]


@pytest.mark.django_db
def test_gis_files_only_for_spatial_registries(editor):
    from soilgw.enforcement import registries as E

    assert ".gpkg" not in E.LEAD.import_kind.extensions
    assert ".gpkg" in R.MINING_WASTE.import_kind.extensions
    fake = b"not sqlite" + b"\0" * 100
    batch = imports.run_import(R.MINING_WASTE.import_kind.kind, "x.gpkg", fake, editor)
    assert batch.status == "rejected" and "not a valid .gpkg" in batch.report["problems"][0]["reason"]
