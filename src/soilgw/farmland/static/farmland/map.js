// Category map: units from the farmland GeoJSON endpoint on a blank background (no internet tiles).
(function () {
  document.querySelectorAll("[data-geojson]").forEach(function (el) {
    var map = L.map(el, { attributionControl: false });
    map.fitBounds(window.soilgwCountyBounds());
    fetch(el.dataset.geojson, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          style: function (f) {
            return { color: "#333", weight: 0.5, fillColor: f.properties.colour, fillOpacity: 0.75 };
          },
          onEachFeature: function (f, l) {
            var p = f.properties, a = document.createElement("a");
            a.href = p.url; a.textContent = p.code;
            var box = document.createElement("div");
            box.appendChild(a);
            box.appendChild(document.createTextNode(
              " · " + (p.category_label || "—") + " · " + p.area_mu + " mu · " + p.rule_set));
            l.bindPopup(box);
          }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds()); }
        el.dataset.features = data.features.length;
        el.classList.add("loaded");
      });
  });
})();
