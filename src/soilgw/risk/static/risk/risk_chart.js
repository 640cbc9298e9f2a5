// Pathway contributions (stacked 100 % bars per chemical), one chart for CR and one for HQ; PNG download.
(function () {
  const data = JSON.parse(document.getElementById("risk-chart-data").textContent);
  function draw(id, key) {
    const el = document.getElementById(id);
    const traces = data.pathways
      .filter(function (p) { return p[key].some(function (v) { return v; }); })
      .map(function (p) {
        return { type: "bar", orientation: "h", name: p.label + " (" + p.code + ")", y: data.chemicals,
                 x: p[key].map(function (v) { return v === null ? 0 : v; }) };
      });
    const layout = { barmode: "stack", title: { text: el.dataset.title }, xaxis: { range: [0, 100], ticksuffix: " %" },
                     yaxis: { automargin: true }, margin: { t: 50, r: 20 }, height: 140 + 40 * data.chemicals.length,
                     legend: { orientation: "h", y: -0.25 } };
    Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true });
    el.dataset.rendered = "1";
  }
  draw("chart-cr", "cr_pct");
  draw("chart-hq", "hq_pct");
  function png(id, name) {
    return function () { Plotly.downloadImage(document.getElementById(id), { format: "png", filename: name, width: 1000, height: 500 }); };
  }
  document.getElementById("download-cr-png").addEventListener("click", png("chart-cr", "risk-pathways-cr"));
  document.getElementById("download-hq-png").addEventListener("click", png("chart-hq", "risk-pathways-hq"));
})();
