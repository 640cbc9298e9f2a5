from django.http import HttpResponse


def _todo(request, *a, **k):
    return HttpResponse("")


network_map = points_geojson = point_detail = point_series = exceedances = trend_matrix = piper = export = _todo
