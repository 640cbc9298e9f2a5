// Layer maps on a blank background (no internet tiles). Every element with class "layer-map" draws the
// GeoJSON of its data-url: data-styles maps a feature's properties.layer to a polygon style, data-colours
// to a point colour; properties.label (and url) make the popup; data-tiles optionally names a tile URL.
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  document.querySelectorAll(".layer-map").forEach(function (el) {
    var style = JSON.parse(el.getAttribute("data-styles") || "{}");
    var colour = JSON.parse(el.getAttribute("data-colours") || "{}");
    var map = L.map(el, {zoomSnap: 0.25});
    var tiles = el.getAttribute("data-tiles");
    if (tiles) { L.tileLayer(tiles, {maxZoom: 18}).addTo(map); }
    fetch(el.getAttribute("data-url"), {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) { return style[f.properties.layer] || {}; },
          pointToLayer: function (f, latlng) {
            return L.circleMarker(latlng, {radius: 6, color: "#fff", weight: 1, fillOpacity: 0.9,
                                           fillColor: colour[f.properties.layer] || "#333"});
          },
          onEachFeature: function (f, l) {
            var p = f.properties;
            var a = document.createElement(p.url ? "a" : "span");
            a.textContent = p.label;
            if (p.url) { a.href = p.url; }
            l.bindPopup(a);
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds); } else { map.fitBounds(window.soilgwCountyBounds()); }
        el.setAttribute("data-features", String(data.features.length));
      });
  });
}());
