// The one map: every layer of the platform from its GeoJSON feed, on a plain background with the county
// and township outlines (tiles only if configured). Record text reaches the page only through soilgwText.el.
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  var el = document.getElementById("one-map");
  var config = JSON.parse(document.getElementById("one-map-config").textContent);
  var form = document.getElementById("map-filters");
  var map = L.map(el, {zoomSnap: 0.25, preferCanvas: true});
  window.soilgwOneMap = map;
  L.control.scale({imperial: false}).addTo(map);
  if (config.tiles) { L.tileLayer(config.tiles, {maxZoom: 18}).addTo(map); }
  var groups = {};
  var data = {};

  var T = window.soilgwText;  // soilgw/escape.js: record text only as textContent, links only same-origin

  function popup(p) {
    var box = T.el("div");
    box.appendChild(p.url ? T.el("a", p.label, {href: p.url}) : T.el("strong", p.label));
    [p.code, p.status_label, p.township].forEach(function (text) {
      if (text) { box.appendChild(T.el("div", text)); }
    });
    return box;
  }

  function query(layer) {
    var params = new URLSearchParams();
    var b = map.getBounds();
    params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) {
      return Math.max(Math.min(v, 180), -180).toFixed(6);
    }).join(","));
    ["township", "status", "year"].forEach(function (name) {
      var value = form.elements[name].value;
      // a status filters only the layers whose statuses include it; the others show everything
      if (name === "status" && layer.statuses.indexOf(value) < 0) { return; }
      if (value && layer.filters.indexOf(name) >= 0) { params.set(name, value); }
    });
    return layer.url + "?" + params.toString();
  }

  function checkbox(key) { return document.querySelector("#map-legend input[value='" + key + "']"); }

  function load(layer) {
    return fetch(query(layer), {credentials: "same-origin"}).then(function (r) { return r.json(); })
      .then(function (fc) {
        data[layer.key] = fc;
        groups[layer.key].clearLayers().addData(fc);
        var item = document.querySelector("#map-legend li[data-layer='" + layer.key + "'] [data-count]");
        item.textContent = "(" + fc.features.length + ")";
      });
  }

  config.layers.forEach(function (layer) {
    groups[layer.key] = L.geoJSON(null, {
      style: function (f) { return {color: f.properties.colour, weight: 1.5, fillOpacity: 0.35}; },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: 6, color: "#fff", weight: 1, fillOpacity: 0.9,
                                       fillColor: f.properties.colour});
      },
      onEachFeature: function (f, l) { l.bindPopup(popup(f.properties)); }
    }).addTo(map);
    checkbox(layer.key).addEventListener("change", function (ev) {
      if (ev.target.checked) { groups[layer.key].addTo(map); } else { map.removeLayer(groups[layer.key]); }
    });
  });

  function reload() {
    return Promise.all(config.layers.map(load)).then(function () {
      el.setAttribute("data-loaded", String(config.layers.length));
      search();
    });
  }

  function visible() {
    var features = [];
    config.layers.forEach(function (layer) {
      if (checkbox(layer.key).checked && data[layer.key]) { features = features.concat(data[layer.key].features); }
    });
    return features;
  }

  function search() {
    var q = form.elements.q.value.trim().toLowerCase();
    var list = document.getElementById("map-search-results");
    list.replaceChildren();
    if (!q) { return; }
    visible().filter(function (f) {
      return (f.properties.label + " " + f.properties.code).toLowerCase().indexOf(q) >= 0;
    }).slice(0, 20).forEach(function (f) {
      var li = T.el("li");
      var a = T.el("a", f.properties.label);
      a.setAttribute("href", "#");  // a fixed in-page link (el() admits only same-origin paths)
      a.addEventListener("click", function (ev) {
        ev.preventDefault();
        var shape = L.geoJSON(f);
        map.fitBounds(shape.getBounds(), {maxZoom: 15});
        L.popup().setLatLng(shape.getBounds().getCenter()).setContent(popup(f.properties)).openOn(map);
      });
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  document.getElementById("map-export").addEventListener("click", function () {
    var blob = new Blob([JSON.stringify({type: "FeatureCollection", features: visible()})],
                        {type: "application/geo+json"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "one-map.geojson";
    a.click();
    URL.revokeObjectURL(a.href);
  });
  form.addEventListener("change", function (ev) { if (ev.target.name !== "q") { reload(); } });
  form.elements.q.addEventListener("input", search);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  fetch(config.outline_url, {credentials: "same-origin"}).then(function (r) { return r.json(); })
    .then(function (fc) {
      var outline = L.geoJSON(fc, {
        interactive: false,
        style: function (f) {
          return f.properties.layer === "county" ? {color: "#333", weight: 2, fill: false}
            : {color: "#777", weight: 1, dashArray: "4 3", fill: false};
        }
      }).addTo(map);
      map.fitBounds(outline.getBounds());
      outline.bringToBack();
      map.on("moveend", reload);
      reload();
    });
}());
