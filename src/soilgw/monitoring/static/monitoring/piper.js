/* Piper diagram (plotly) from the #piper-data json_script; legend names from data-label-*; labels escaped. */
(function () {
  const el = document.getElementById("piper-chart");
  if (!el) return;
  const data = JSON.parse(JSON.parse(document.getElementById("piper-data").textContent));
  const esc = window.soilgwText.esc;
  const h = Math.sqrt(3) / 2, g = 0.2;
  const outline = (xs, ys) => ({ x: xs, y: ys, mode: "lines", line: { color: "#444", width: 1 }, showlegend: false, hoverinfo: "skip" });
  const traces = [
    outline([0, 1, 0.5, 0], [0, 0, h, 0]),
    outline([1 + g, 2 + g, 1.5 + g, 1 + g], [0, 0, h, 0]),
    // diamond corners as soilgw.assessment.piper places them: bottom (1 + g/2, H·g), top (1 + g/2, H·(2 + g))
    outline([1 + g / 2, 1.5 + g / 2, 1 + g / 2, 0.5 + g / 2, 1 + g / 2], [h * g, h * (1 + g), h * (2 + g), h * (1 + g), h * g]),
  ];
  const pts = (kx, ky, name, color) => ({ x: data.map(d => d[kx]), y: data.map(d => d[ky]), text: data.map(d => window.soilgwText.esc(d.point)),
    mode: "markers", name: name, marker: { size: 6, color: color, opacity: 0.7 } });
  traces.push(pts("cation_x", "cation_y", esc(el.dataset.labelCations), "#2166ac"));
  traces.push(pts("anion_x", "anion_y", esc(el.dataset.labelAnions), "#b2182b"));
  traces.push(pts("diamond_x", "diamond_y", esc(el.dataset.labelDiamond), "#1b7837"));
  Plotly.newPlot("piper-chart", traces, { xaxis: { visible: false, scaleanchor: "y" }, yaxis: { visible: false },
    margin: { t: 20 }, legend: { orientation: "h" } }, { displaylogo: false, toImageButtonOptions: { format: "png", filename: "piper" } });
  el.dataset.loaded = "1";
})();
