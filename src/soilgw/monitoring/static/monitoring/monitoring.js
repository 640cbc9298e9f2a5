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

  // The figure comes built from the server (soilgw.monitoring.chart, labels translated there); plotly parses a
  // subset of HTML in names, texts and titles, so each of them goes through soilgwText.esc before drawing.
  function escapeFigure(fig) {
    const esc = window.soilgwText.esc;
    fig.data.forEach(t => {
      t.name = esc(t.name);
      if (Array.isArray(t.text)) t.text = t.text.map(esc);
    });
    ["title", "xaxis", "yaxis", "yaxis2"].forEach(k => {
      const o = k === "title" ? fig.layout : fig.layout[k];
      const title = o && o.title;
      if (title && title.text !== undefined) title.text = esc(title.text);
    });
    return fig;
  }

  function pointChart(id, url, analyte) {
    const el = document.getElementById(id);
    fetch(url + "?analyte=" + encodeURIComponent(analyte), { credentials: "same-origin" })
      .then(r => r.json()).then(d => {
        const fig = escapeFigure(d.figure);
        Plotly.newPlot(el, fig.data, fig.layout, { displaylogo: false, responsive: true,
          toImageButtonOptions: { format: "png", filename: "point-" + d.analyte } });
        el.dataset.loaded = "1";
      });
  }
  return { networkMap, pointChart };
})();

// Pages pass their parameters in data- attributes (no inline script): the map's container carries data-url,
// the chart's carries data-series-url and data-analyte.
document.addEventListener("DOMContentLoaded", function () {
  if (document.getElementById("network-map")) window.soilgwMonitoring.networkMap("network-map");
  const chart = document.getElementById("point-chart");
  if (chart && chart.dataset.analyte) {
    window.soilgwMonitoring.pointChart("point-chart", chart.dataset.seriesUrl, chart.dataset.analyte);
  }
});
