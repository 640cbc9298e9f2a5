"""Registry declarations (``soilgw.core.registry``) of the enterprises app: pages, Excel import/export, API."""

from __future__ import annotations

from dataclasses import replace

from django.utils.translation import gettext as _

from soilgw.core import imports
from soilgw.core.choices import Role
from soilgw.core.permissions import department_ids
from soilgw.core.registry import RegistryConfig

from . import credit_code, geo
from .models import ConcentratedFarmlandArea, Demolition, DischargePermit, DutyRecord, Enterprise, Listing

ENTERPRISE_KEY = {"企业统一社会信用代码": "enterprise"}


def _bureau_editor(user) -> bool:
    """Registries are kept by the eco-environment bureau (soil task 1)."""
    from .models import responsible_department_ids

    return bool(user.is_superuser or department_ids(user, Role.EDITOR) & responsible_department_ids())


def _enterprise_row(data: dict) -> dict:
    if data.get("credit_code"):
        data["credit_code"] = credit_code.normalize(data["credit_code"])
    if data.get("enterprise"):
        data["enterprise"] = credit_code.normalize(data["enterprise"])
    return data


def _location_warnings(data: dict) -> list[str]:
    """Coordinates inside China but outside the county (buffered, since the boundary is approximate)."""
    try:
        lon, lat = float(data.get("lon")), float(data.get("lat"))
    except (TypeError, ValueError):
        return []
    if geo.in_china(lon, lat) and not geo.near_county(lon, lat):
        return [_("location %(lon)s, %(lat)s is more than %(km)s km outside the county boundary")
                % {"lon": lon, "lat": lat, "km": int(geo.BOUNDARY_BUFFER_M / 1000)}]
    return []


def _enterprise_context(request, obj) -> dict:
    from soilgw.plans.obligations.views import obligations_of

    # sites link to their former user from the sites app (``Site.enterprise``, related name ``sites``)
    sites = list(obj.sites.all()) if hasattr(obj, "sites") else []
    return {"obligations": obligations_of(obj), "timeline_url": f"{ENTERPRISE.detail_url(obj)}duties/",
            "sites": sites}


ENTERPRISE = RegistryConfig(
    model=Enterprise, namespace="enterprises", slug="enterprises",
    list_fields=["name", "credit_code", "township", "industry_code", "concentrated_area", "is_sample"],
    import_columns={"企业名称": "name", "统一社会信用代码": "credit_code", "行业代码": "industry_code",
                    "乡镇": "township", "地址": "address", "经度": "lon", "纬度": "lat",
                    "联系人": "contact_person", "联系电话": "contact_phone", "示例数据": "is_sample"},
    natural_key=("credit_code",), fk_lookups={"township": "name"}, scope_field="id", row_hook=_enterprise_row, row_warnings=_location_warnings,
    example={"credit_code": credit_code.example_code},
    detail_template="enterprises/enterprise_detail.html", detail_context=_enterprise_context,
)
LISTING = RegistryConfig(
    model=Listing, namespace="enterprises", slug="listings",
    list_fields=["enterprise", "list_kind", "listed_on", "delisted_on", "publication"],
    import_columns={**ENTERPRISE_KEY, "名录": "list_kind", "纳入日期": "listed_on", "移出日期": "delisted_on",
                    "名录发布文件": "publication"},
    natural_key=("enterprise", "list_kind", "listed_on"), fk_lookups={"enterprise": "credit_code"},
    scope_field="enterprise", row_hook=_enterprise_row,
)
PERMIT = RegistryConfig(
    model=DischargePermit, namespace="enterprises", slug="discharge-permits",
    list_fields=["number", "enterprise", "status", "issued_on", "valid_until", "status_changed_on"],
    import_columns={**ENTERPRISE_KEY, "许可证编号": "number", "状态": "status", "发证日期": "issued_on",
                    "有效期至": "valid_until", "注销/撤销日期": "status_changed_on"},
    natural_key=("number",), fk_lookups={"enterprise": "credit_code"},
    scope_field="enterprise", row_hook=_enterprise_row,
)
DUTY_RECORD = RegistryConfig(
    model=DutyRecord, namespace="enterprises", slug="duty-records",
    list_fields=["enterprise", "kind", "date", "comprehensive", "exceeds_beyond_boundary", "connected"],
    import_columns={**ENTERPRISE_KEY, "类别": "kind", "日期": "date", "范围": "scope", "发现问题": "findings",
                    "整改情况": "rectification", "全面系统监测": "comprehensive",
                    "污染扩散出厂界": "exceeds_beyond_boundary", "已联网": "connected",
                    "计划拆除开始日期": "planned_start", "报告文号": "report_reference", "监测点位": "points"},
    form_fields=["enterprise", "kind", "date", "scope", "findings", "rectification", "comprehensive",
                 "exceeds_beyond_boundary", "connected", "planned_start", "report_reference", "points"],
    natural_key=("enterprise", "kind", "date"), fk_lookups={"enterprise": "credit_code", "points": "code"},
    scope_field="enterprise", row_hook=_enterprise_row,
    detail_template="enterprises/duty_record_detail.html",
    detail_context=lambda request, obj: {"results": obj.results()[:500]},
)
DEMOLITION = RegistryConfig(
    model=Demolition, namespace="enterprises", slug="demolitions",
    list_fields=["enterprise", "description", "planned_start", "ended_on"],
    import_columns={**ENTERPRISE_KEY, "拆除内容": "description", "计划开始日期": "planned_start",
                    "结束日期": "ended_on"},
    natural_key=("enterprise", "planned_start"), fk_lookups={"enterprise": "credit_code"},
    scope_field="enterprise", row_hook=_enterprise_row,
)
AREA = RegistryConfig(
    model=ConcentratedFarmlandArea, namespace="enterprises", slug="concentrated-areas",
    list_fields=["name", "special_limits_from", "source", "is_sample"],
    import_columns={"名称": "name", "范围(GeoJSON)": "geometry", "特别排放限值执行日期": "special_limits_from",
                    "来源": "source", "示例数据": "is_sample"},
    natural_key=("name",),
)
REGISTRIES = (ENTERPRISE, LISTING, PERMIT, DUTY_RECORD, DEMOLITION, AREA)


def _recompute_once(commit):
    """Write an import's rows with the obligation hooks paused, then recompute what they touch once."""

    def wrapped(parsed, batch, user):
        from soilgw.plans.obligations import engine

        with engine.paused():
            summary = commit(parsed, batch, user)
        engine.refresh_for([form.instance for form in parsed.payload])
        return summary

    return wrapped


for _config in REGISTRIES:
    _config.import_kind = imports.register(replace(_config.import_kind, commit=_recompute_once(_config.import_kind.commit)))
