/* Piper diagram (plotly) from the #piper-data json_script: the two triangles and the diamond with 20 % grid
   lines, tick percentages and ion labels at the apexes, samples coloured by point (a legend entry per point
   when there are few). Geometry as soilgw.assessment.piper places the samples (gap g between the triangles). */
(function () {
  const el = document.getElementById("piper-chart");
  if (!el) return;
  const data = JSON.parse(JSON.parse(document.getElementById("piper-data").textContent));
  const esc = window.soilgwText.esc;
  const h = Math.sqrt(3) / 2, g = 0.2, steps = [0.2, 0.4, 0.6, 0.8];
  const lerp = (p, q, t) => [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
  const line = (pts, color, width) => ({ x: pts.map(p => p[0]), y: pts.map(p => p[1]), mode: "lines",
    line: { color: color, width: width }, showlegend: false, hoverinfo: "skip" });
  const traces = [], notes = [];
  const label = (p, text, opts) => notes.push(Object.assign({ x: p[0], y: p[1], text: text, showarrow: false,
    font: { size: 12 } }, opts || {}));
  // a triangle: its outline, lines of constant fraction of each apex ion, percentages along one edge
  function triangle(a, b, c, names) {
    traces.push(line([a, b, c, a], "#444", 1));
    [[a, b, c], [b, c, a], [c, a, b]].forEach(([v, u, w]) => steps.forEach(t =>
      traces.push(line([lerp(u, v, t), lerp(w, v, t)], "#ddd", 0.6))));
    steps.forEach(t => label(lerp(a, b, t), String(Math.round(t * 100)), { yshift: -10, font: { size: 9, color: "#777" } }));
    label(a, names[0], { yshift: -22 });
    label(b, names[1], { yshift: -22 });
    label(c, names[2], { yshift: 14 });
  }
  triangle([0, 0], [1, 0], [0.5, h], ["Ca²⁺", "Na⁺+K⁺", "Mg²⁺"]);
  triangle([1 + g, 0], [2 + g, 0], [1.5 + g, h], ["HCO₃⁻+CO₃²⁻", "Cl⁻", "SO₄²⁻"]);
  // the diamond: bottom (Na+K, HCO3), left (Ca+Mg = 100 %), right (Cl+SO4 = 100 %), top
  const bot = [1 + g / 2, h * g], left = [0.5 + g / 2, h * (1 + g)], right = [1.5 + g / 2, h * (1 + g)],
    top = [1 + g / 2, h * (2 + g)];
  traces.push(line([bot, right, top, left, bot], "#444", 1));
  steps.forEach(t => {
    traces.push(line([lerp(bot, left, t), lerp(right, top, t)], "#ddd", 0.6));
    traces.push(line([lerp(bot, right, t), lerp(left, top, t)], "#ddd", 0.6));
  });
  label(lerp(bot, left, 0.5), "Ca²⁺+Mg²⁺", { xshift: -38, textangle: 60 });
  label(lerp(bot, right, 0.5), "Cl⁻+SO₄²⁻", { xshift: 38, textangle: -60 });
  label(lerp(left, top, 0.5), "SO₄²⁻+Cl⁻", { xshift: -38, textangle: -60, font: { size: 10, color: "#777" } });
  label(lerp(right, top, 0.5), "Ca²⁺+Mg²⁺", { xshift: 38, textangle: 60, font: { size: 10, color: "#777" } });
  // samples coloured by point; a legend entry per point when there are few enough to read
  const points = [...new Set(data.map(d => d.point))];
  const palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#393b79", "#637939"];
  const legend = points.length <= palette.length;
  const colour = p => palette[points.indexOf(p) % palette.length];
  const groups = legend ? points.map(p => [p, data.filter(d => d.point === p)]) : [["", data]];
  groups.forEach(([name, rows]) => ["cation", "anion", "diamond"].forEach((part, i) => traces.push({
    x: rows.map(d => d[part + "_x"]), y: rows.map(d => d[part + "_y"]), text: rows.map(d => esc(d.point)),
    mode: "markers", type: "scatter", name: esc(name), legendgroup: name, showlegend: legend && i === 0,
    hovertemplate: "%{text}<extra></extra>",
    marker: { size: 6, opacity: 0.75, color: legend ? colour(name) : rows.map(d => colour(d.point)) } })));
  Plotly.newPlot("piper-chart", traces, { xaxis: { visible: false, scaleanchor: "y", range: [-0.15, 2.35] },
    yaxis: { visible: false, range: [-0.12, h * (2 + g) + 0.1] }, annotations: notes, margin: { t: 10, l: 10, r: 10, b: 10 },
    legend: { orientation: "v", x: 1, y: 1 }, hovermode: "closest" },
    { displaylogo: false, toImageButtonOptions: { format: "png", filename: "piper" } });
  el.dataset.loaded = "1";
})();
