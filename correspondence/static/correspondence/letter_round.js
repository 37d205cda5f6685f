/* Choosing a review round fills the letter's empty fields from the round. */
"use strict";
(function () {
  const $ = window.django && window.django.jQuery;
  if (!$ || !/\/add\/$/.test(window.location.pathname)) { return; }
  function fill(name, value) {
    const field = document.getElementById("id_" + name);
    if (!field || value === null || value === undefined) { return; }
    if (field.type === "checkbox") { field.checked = Boolean(value); return; }
    if (field.value === "" || (field.tagName === "SELECT" && !field.dataset.touched)) {
      field.value = value;
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
  $(document).on("change", "#id_round", function () {
    const roundId = this.value;
    if (!roundId) { return; }
    const base = window.location.pathname.replace(/add\/$|\d+\/change\/$/, "");
    fetch(base + "round-defaults/" + roundId + "/", { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (values) {
        Object.keys(values).forEach(function (name) { fill(name, values[name]); });
      });
  });
  document.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT" && event.isTrusted) {
      event.target.dataset.touched = "1";
    }
  });
})();
