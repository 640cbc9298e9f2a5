"""Investigation data of a site: the monitoring app's soil samples and results at the site's points, judged
with the GB 36600 core (``soilgw.assessment.development_land``) for the site's planned land class."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from soilgw.assessment.development_land import DevelopmentLandAssessment, assess_gb36600

from .choices import LandClass

#: Surface / subsurface split [m]: HJ 25.3-2019's default surface-layer thickness d = 50 cm (recalled, not
#: verified: shared notes hj25_3_risk_model.md list d as site-specific); the risk page lets the user change it.
SURFACE_DEPTH_M = 0.5


@dataclass(frozen=True)
class SiteAssessment:
    """The GB 36600 assessment of a site's soil results and its summary by depth."""

    land_class: str
    assessment: DevelopmentLandAssessment | None
    by_depth: pd.DataFrame
    conclusion: str  # development_land conclusion, "" when there are no soil results
    values_verified: bool
    risk_inputs: tuple = ()  # (chemical, surface max, subsurface max) [mg/kg] of the analytes above screening


def site_results(site) -> pd.DataFrame:
    """Soil results of the site's investigation points: one row per result, with point and depth [m]."""
    from soilgw.monitoring.models import Result

    rows = (Result.objects.filter(point__sites=site, sample__medium="soil", catalogued=True, value__isnull=False)
            .values_list("sample_id", "point__code", "sample__depth_top", "sample__depth_bottom", "analyte",
                         "value", "qualifier", "detection_limit", "unit"))
    df = pd.DataFrame(list(rows), columns=["sample_id", "point", "depth_top", "depth_bottom", "analyte", "value",
                                           "qualifier", "detection_limit", "unit"])
    df["sample_id"] = df["sample_id"].astype(str)
    df["site_id"] = str(site.pk)
    return df


def _depth_label(top, bottom) -> str:
    if pd.isna(top):
        return "—"
    return f"{top:g}" if pd.isna(bottom) or bottom == top else f"{top:g}–{bottom:g}"


def assess_site(site) -> SiteAssessment:
    """Assess the site's soil results for its planned land class (first-class when the use is unknown)."""
    land_class = site.land_class
    df = site_results(site)
    if df.empty:
        return SiteAssessment(land_class, None, pd.DataFrame(), "", True)
    number = "1" if land_class == LandClass.CLASS_1 else "2"
    result = assess_gb36600(df.drop(columns=["point", "depth_top", "depth_bottom"]), land_class=number)
    r = result.results
    depth = df.drop_duplicates("sample_id").set_index("sample_id")
    labels = {sid: _depth_label(t, b) for sid, t, b in zip(depth.index, depth["depth_top"], depth["depth_bottom"],
                                                               strict=True)}
    tops = depth["depth_top"].to_dict()
    frame = pd.DataFrame({"depth": r["sample_id"].map(labels), "top": r["sample_id"].map(tops),
                          "analyte": r["analyte_code"].astype(str), "value": r["value_std"],
                          "screening": r["screening_value"], "intervention": r["intervention_value"],
                          "exceeds_s": r["exceeds_screening"].fillna(False).astype(bool),
                          "exceeds_g": r["exceeds_intervention"].fillna(False).astype(bool)})
    hit = frame[frame["exceeds_s"]]
    by_depth = (hit.groupby(["top", "depth", "analyte"], dropna=False, sort=True)
                .agg(samples=("value", "size"), max_value=("value", "max"), screening=("screening", "first"),
                     intervention=("intervention", "first"), above_intervention=("exceeds_g", "sum"))
                .reset_index().drop(columns="top"))
    sites = result.sites
    conclusion = str(sites["conclusion"].iloc[0]) if len(sites) else ""
    verified = bool(sites["values_verified"].all()) if len(sites) else True
    return SiteAssessment(land_class, result, by_depth, conclusion, verified, _risk_inputs(frame))


def _risk_inputs(frame: pd.DataFrame) -> tuple:
    """Maximum concentration per analyte above screening in surface (top above ``SURFACE_DEPTH_M``) and
    subsurface soil; the maximum is the conservative representative concentration."""
    from soilgw.standards.analytes import lookup

    concern = frame[frame["exceeds_s"]]["analyte"].unique()
    out = []
    for code in concern:
        rows = frame[frame["analyte"] == code]
        surface = rows[rows["top"].fillna(0) < SURFACE_DEPTH_M]["value"].max()
        sub = rows[rows["top"].fillna(0) >= SURFACE_DEPTH_M]["value"].max()
        out.append((lookup(code).name_en, None if pd.isna(surface) else float(surface),
                    None if pd.isna(sub) else float(sub)))
    return tuple(out)
