// The site and its neighbours (within about 1 km) from /api/sites/geojson/, drawn on a blank background.
(function () {
  const el = document.getElementById("site-map");
  if (!el || !window.L) return;
  const siteId = Number(el.dataset.site);
  const map = L.map(el, { attributionControl: false });
  const colour = (stage) => ({ on_register: "#c0392b", control_remediation: "#d35400",
    effectiveness_evaluation: "#e67e22", suspected: "#7f8c8d" }[stage] || "#2c7fb8");
  fetch(el.dataset.url, { credentials: "same-origin" }).then((r) => r.json()).then((data) => {
    let mine = null;
    const layer = L.geoJSON(data, {
      style: (f) => ({ color: colour(f.properties.stage), weight: f.id === siteId ? 3 : 1,
        fillOpacity: f.id === siteId ? 0.4 : 0.15 }),
      onEachFeature: (f, l) => {
        const p = f.properties;
        l.bindTooltip(window.soilgwText.el("span", `${p.parcel_code} ${p.name} · ${p.stage}`));
        if (f.id === siteId) mine = l;
      },
    }).addTo(map);
    const bounds = (mine || layer).getBounds();
    if (bounds.isValid()) map.fitBounds(bounds.pad(2));
  });
})();
