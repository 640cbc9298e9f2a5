// The county's extent for every map (from <body data-county-bbox="min_lon,min_lat,max_lon,max_lat">), so that a
// map opens on the county rather than at world scale.
window.soilgwCountyBounds = function () {
  "use strict";
  var v = (document.body.getAttribute("data-county-bbox") || "").split(",").map(Number);
  return L.latLngBounds([v[1], v[0]], [v[3], v[2]]);
};
