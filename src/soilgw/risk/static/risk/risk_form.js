// Risk form: add chemical rows (Django formset) and show the selected land class's defaults as placeholders.
(function () {
  const total = document.querySelector("#id_chem-TOTAL_FORMS");
  const body = document.querySelector("#chemical-rows tbody");
  document.querySelector("#add-chemical").addEventListener("click", function () {
    const rows = body.querySelectorAll("tr.chem-row");
    const clone = rows[rows.length - 1].cloneNode(true);
    const n = parseInt(total.value, 10);
    clone.querySelectorAll("input").forEach(function (el) {
      el.name = el.name.replace(/chem-\d+-/, "chem-" + n + "-");
      el.id = el.id.replace(/chem-\d+-/, "chem-" + n + "-");
      el.value = "";
    });
    clone.querySelectorAll(".errorlist").forEach(function (el) { el.remove(); });
    body.appendChild(clone);
    total.value = n + 1;
  });
  const landClass = document.querySelector("#id_land_class");
  function placeholders() {
    const key = "default-" + landClass.value;  // data-default-1 → dataset["default-1"]
    document.querySelectorAll("input[data-default-1]").forEach(function (el) {
      const v = el.dataset[key];
      el.placeholder = v === "" ? "—" : v;
    });
  }
  landClass.addEventListener("change", placeholders);
  placeholders();
})();
