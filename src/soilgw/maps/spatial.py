"""The one map's spatial questions, on the map layers (shapely 2 STRtree; distances in EPSG:4546 [m]).

- :func:`within`: every feature of the other layers within a distance of one feature;
- :func:`sites_in_protection_zones`: development-land sites intersecting a drinking-water protection zone or
  recharge area (reuses ``soilgw.groundwater.spatial.intersecting_pairs``);
- :func:`farmland_near_mining_waste`: farmland units within a distance of a mining-waste site (reuses
  ``soilgw.assessment.proximity.mining_waste_proximity``; distance only, no flow direction).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import shape

from soilgw.assessment.proximity import BASIS, PROJECTED_CRS, mining_waste_proximity, to_projected

from .layers import BY_KEY, LAYERS


def check_distance(value) -> float:
    """A search distance [m] from text; ``ValueError`` unless a finite number in 0..100 000."""
    try:
        d = float(value)
    except (TypeError, ValueError):
        raise ValueError("distance_m: give a number of metres") from None
    if not math.isfinite(d) or d < 0 or d > 100_000:
        raise ValueError("distance_m: must be between 0 and 100000 m")
    return d


def within(user, layer_key: str, pk: int, distance_m: float) -> list[dict]:
    """Features of every other layer within ``distance_m`` [m] of feature ``pk`` of ``layer_key`` that ``user``
    may read.

    Returns ``[{"layer", "id", "label", "url", "distance_m"}]`` sorted by distance (0 = touching or inside).

    Raises
    ------
    KeyError
        Unknown layer, or no such feature with a location.
    """
    layer = BY_KEY[layer_key]
    obj = layer.queryset(user).filter(pk=pk).first()
    if obj is None:
        raise KeyError(f"{layer_key}.{pk}")
    centre = to_projected([shape(layer.geometry(obj))])[0]
    out = []
    for other in LAYERS:
        records = [o for o in other.queryset(user) if not (other is layer and o.pk == obj.pk)]
        if not records:
            continue
        geoms = to_projected([other.geometry(o) for o in records])
        tree = shapely.STRtree(geoms)
        hits = tree.query(centre, predicate="dwithin", distance=distance_m)
        dist = shapely.distance(geoms[hits], centre) if len(hits) else np.array([])
        out += [{"layer": other.key, "id": records[i].pk, "label": str(records[i]),
                 "url": records[i].get_absolute_url() if hasattr(records[i], "get_absolute_url") else "",
                 "distance_m": round(float(d), 1)} for i, d in zip(hits, dist, strict=True)]
    return sorted(out, key=lambda r: (r["distance_m"], r["layer"], r["id"]))


def sites_in_protection_zones(user) -> list[dict]:
    """``[{"site", "parcel_code", "source", "zone"}]`` for every site intersecting a zone or recharge area."""
    from soilgw.groundwater.spatial import intersecting_pairs

    zones = [*BY_KEY["protection_zones"].queryset(user), *BY_KEY["recharge_areas"].queryset(user)]
    sites = list(BY_KEY["sites"].queryset(user))
    pairs = intersecting_pairs([shape(z.geometry) for z in zones], [shape(s.geometry) for s in sites])
    return [{"site": sites[j].pk, "parcel_code": sites[j].parcel_code, "site_name": sites[j].name,
             "source": zones[i].source.code, "zone": str(getattr(zones[i], "get_level_display", lambda: "recharge")())}
            for i, j in zip(pairs[0], pairs[1], strict=True)]


def farmland_near_mining_waste(user, distance_m: float) -> dict:
    """Farmland units within ``distance_m`` [m] of each mining-waste site, with each site's nearest unit."""
    units = list(BY_KEY["farmland"].queryset(user))
    sites = list(BY_KEY["mining_waste"].queryset(user))
    if not units or not sites:
        return {"distance_m": distance_m, "crs": PROJECTED_CRS, "basis": BASIS, "pairs": []}
    result = mining_waste_proximity(to_projected([u.geometry for u in units]),
                                    to_projected([s.geometry for s in sites]), distance_m,
                                    unit_ids=[u.pk for u in units], site_ids=[s.pk for s in sites])
    code = {u.pk: u.code for u in units} | {("s", s.pk): s.code for s in sites}
    return {"distance_m": result.distance_m, "crs": result.crs, "basis": result.basis,
            "pairs": [{"mining_waste": int(r.site_id), "mining_waste_code": code[("s", r.site_id)],
                       "unit": int(r.unit_id), "unit_code": code[r.unit_id], "distance_m": round(float(r.distance_m), 1)}
                      for r in result.pairs.itertuples()]}
