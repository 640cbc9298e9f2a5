/* Monitoring pages: the network map (Leaflet, no tiles) and the point chart (plotly; PNG via its toolbar). */
window.soilgwMonitoring = (function () {
  function networkMap(id) {
    const el = document.getElementById(id);
    if (!el) return null;
    const map = L.map(el, { preferCanvas: true });
    fetch(el.dataset.url, { credentials: "same-origin" }).then(r => r.json()).then(data => {
      const layer = L.geoJSON(data, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng, {
          radius: 6, color: "#333", weight: 1, fillColor: f.properties.colour, fillOpacity: 0.9 }),
        onEachFeature: (f, l) => {
          const p = f.properties, T = window.soilgwText, box = T.el("div");
          box.appendChild(T.el("a", p.code, { href: p.url }));
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(p.dataset + " · " + p.kind));
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(p.latest_class || "—"));
          l.bindPopup(box);
        },
      }).addTo(map);
      el.dataset.classes = data.features.map(f => f.properties.latest_class).sort().join(",");
      el.dataset.count = data.features.length;
      // The whole network spans continents (datasets from elsewhere): frame the chosen dataset, else the
      // points inside the county, else the county itself.
      const county = window.soilgwCountyBounds();
      const chosen = /[?&]dataset=/.test(el.dataset.url);
      const frame = L.latLngBounds([]);
      layer.eachLayer(l => { if (chosen || county.contains(l.getLatLng())) frame.extend(l.getLatLng()); });
      if (frame.isValid()) { map.fitBounds(frame.pad(0.1), { maxZoom: 15 }); } else { map.fitBounds(county); }
    });
    return map;
  }

  // plotly parses a subset of HTML in names and titles, so every label goes through soilgwText.esc.
  function pointChart(id, url, analyte, labels) {
    const el = document.getElementById(id);
    const esc = window.soilgwText.esc;
    fetch(url + "?analyte=" + encodeURIComponent(analyte), { credentials: "same-origin" })
      .then(r => r.json()).then(d => {
        const traces = [
          { x: d.detects.map(p => p.date), y: d.detects.map(p => p.value), mode: "lines+markers",
            name: esc(labels.detect), marker: { size: 7, color: "#2166ac" } },
          { x: d.nondetects.map(p => p.date), y: d.nondetects.map(p => p.value), mode: "markers",
            name: esc(labels.nondetect), marker: { size: 8, symbol: "triangle-down-open", color: "#888" } },
        ];
        const all = d.detects.concat(d.nondetects).map(p => p.date).sort();
        d.limits.forEach(l => traces.push({ x: [all[0], all[all.length - 1]], y: [l.value, l.value], mode: "lines",
          name: esc(labels.limit + " " + l.class), line: { dash: "dash", width: 1 } }));
        if (d.levels.length) {
          traces.push({ x: d.levels.map(p => p.date), y: d.levels.map(p => p.elevation ?? p.depth), yaxis: "y2",
            mode: "lines", name: esc(labels.level), line: { color: "#5aae61", width: 1 } });
        }
        Plotly.newPlot(el, traces, {
          title: esc(d.analyte + " [" + d.unit + "]"), margin: { t: 40 }, legend: { orientation: "h" },
          yaxis: { title: esc(d.unit) }, yaxis2: { title: esc(labels.level_axis), overlaying: "y", side: "right", showgrid: false },
        }, { displaylogo: false, toImageButtonOptions: { format: "png", filename: "point-" + d.analyte } });
        el.dataset.loaded = "1";
      });
  }
  return { networkMap, pointChart };
})();

// Pages pass their parameters in data- attributes (no inline script): the map's container carries data-url,
// the chart's carries data-series-url, data-analyte and data-label-* (translated legend texts).
document.addEventListener("DOMContentLoaded", function () {
  if (document.getElementById("network-map")) window.soilgwMonitoring.networkMap("network-map");
  const chart = document.getElementById("point-chart");
  if (chart && chart.dataset.analyte) {
    const d = chart.dataset;
    window.soilgwMonitoring.pointChart("point-chart", d.seriesUrl, d.analyte, { detect: d.labelDetect,
      nondetect: d.labelNondetect, limit: d.labelLimit, level: d.labelLevel, level_axis: d.labelLevelAxis });
  }
});
