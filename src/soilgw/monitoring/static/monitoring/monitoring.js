/* Monitoring pages: the network map (Leaflet, no tiles) and the point chart (plotly; PNG via its toolbar). */
window.soilgwMonitoring = (function () {
  function networkMap(id) {
    const el = document.getElementById(id);
    const map = L.map(el, { preferCanvas: true });
    fetch(el.dataset.url, { credentials: "same-origin" }).then(r => r.json()).then(data => {
      const layer = L.geoJSON(data, {
        pointToLayer: (f, latlng) => L.circleMarker(latlng, {
          radius: 6, color: "#333", weight: 1, fillColor: f.properties.colour, fillOpacity: 0.9 }),
        onEachFeature: (f, l) => l.bindPopup(
          `<a href="${f.properties.url}">${f.properties.code}</a><br>${f.properties.dataset} · ${f.properties.kind}` +
          `<br>${f.properties.latest_class || "—"}`),
      }).addTo(map);
      el.dataset.classes = data.features.map(f => f.properties.latest_class).sort().join(",");
      el.dataset.count = data.features.length;
      if (data.features.length) { map.fitBounds(layer.getBounds().pad(0.1)); } else { map.setView([35.5, 111.6], 9); }
    });
    return map;
  }

  function pointChart(id, url, analyte, labels) {
    const el = document.getElementById(id);
    fetch(url + "?analyte=" + encodeURIComponent(analyte), { credentials: "same-origin" })
      .then(r => r.json()).then(d => {
        const traces = [
          { x: d.detects.map(p => p.date), y: d.detects.map(p => p.value), mode: "lines+markers",
            name: labels.detect, marker: { size: 7, color: "#2166ac" } },
          { x: d.nondetects.map(p => p.date), y: d.nondetects.map(p => p.value), mode: "markers",
            name: labels.nondetect, marker: { size: 8, symbol: "triangle-down-open", color: "#888" } },
        ];
        const all = d.detects.concat(d.nondetects).map(p => p.date).sort();
        d.limits.forEach(l => traces.push({ x: [all[0], all[all.length - 1]], y: [l.value, l.value], mode: "lines",
          name: labels.limit + " " + l.class, line: { dash: "dash", width: 1 } }));
        if (d.levels.length) {
          traces.push({ x: d.levels.map(p => p.date), y: d.levels.map(p => p.elevation ?? p.depth), yaxis: "y2",
            mode: "lines", name: labels.level, line: { color: "#5aae61", width: 1 } });
        }
        Plotly.newPlot(el, traces, {
          title: d.analyte + " [" + d.unit + "]", margin: { t: 40 }, legend: { orientation: "h" },
          yaxis: { title: d.unit }, yaxis2: { title: labels.level_axis, overlaying: "y", side: "right", showgrid: false },
        }, { displaylogo: false, toImageButtonOptions: { format: "png", filename: "point-" + d.analyte } });
        el.dataset.loaded = "1";
      });
  }
  return { networkMap, pointChart };
})();
