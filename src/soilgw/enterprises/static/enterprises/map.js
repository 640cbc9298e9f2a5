// Enterprises map: county outline, concentrated farmland areas, enterprises (red: with an overdue duty).
(function () {
  "use strict";
  var el = document.getElementById("enterprise-map");
  if (!el || typeof L === "undefined") { return; }
  var style = {county: {color: "#555", weight: 2, fill: false},
               area: {color: "#b9770e", weight: 1, fillOpacity: 0.15}};
  var colour = {enterprise: "#2471a3", overdue: "#c0392b"};
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
      if (bounds.isValid()) { map.fitBounds(bounds); } else { map.setView([35.49, 111.63], 10); }
      el.setAttribute("data-features", String(data.features.length));
    });
}());
