from functools import lru_cache

from .clock import as_of


@lru_cache(maxsize=1)
def county_bbox() -> str:
    """``min_lon,min_lat,max_lon,max_lat`` of the bundled county boundary (WGS84) [degree]: every map's
    default extent, so that a map never opens at world scale."""
    import shapely.geometry

    from soilgw.groundwater.loaders import county_geometry

    return ",".join(f"{v:.5f}" for v in shapely.geometry.shape(county_geometry()).bounds)


def platform(request) -> dict:
    """Values every page shows: the judging date and whether the user is internal or external."""
    from .navigation import items
    from .permissions import external_account, is_internal

    user = request.user
    return {
        "soilgw_as_of": as_of(),
        "soilgw_internal": is_internal(user),
        "soilgw_external": external_account(user) if user.is_authenticated else None,
        "soilgw_nav": items(),
        "soilgw_county_bbox": county_bbox(),
    }
