// Groundwater map: the county outline and every registry layer on a blank background (no internet tiles).
(function () {
  "use strict";
  var el = document.getElementById("gw-map");
  if (!el || typeof L === "undefined") { return; }
  var style = {
    county: {color: "#555", weight: 2, fill: false},
    key_zone: {color: "#8e44ad", weight: 1, fillOpacity: 0.08},
    recharge: {color: "#2980b9", weight: 1, dashArray: "4", fillOpacity: 0.08},
    protection: {color: "#1abc9c", weight: 2, fillOpacity: 0.2},
    mining_waste: {color: "#a0522d", weight: 2, fillOpacity: 0.4}
  };
  var pointColour = {pollution_source: "#c0392b", abandoned_well: "#7f8c8d", drinking_source: "#2471a3",
                     reinjection: "#d68910"};
  var map = L.map(el, {zoomSnap: 0.25});
  var tiles = el.getAttribute("data-tiles");
  if (tiles) { L.tileLayer(tiles, {maxZoom: 18}).addTo(map); }
  fetch(el.getAttribute("data-url"), {credentials: "same-origin"}).then(function (r) { return r.json(); })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (f) { return style[f.properties.layer] || {}; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, {radius: 6, color: "#fff", weight: 1, fillOpacity: 0.9,
                                         fillColor: pointColour[f.properties.layer] || "#333"});
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
      if (bounds.isValid()) { map.fitBounds(bounds); } else { map.setView([35.49, 111.63], 10); }
      el.setAttribute("data-features", String(data.features.length));
    });
}());
