// Names each of the admin's autocomplete boxes after its field's label. Select2 names
// its box, and the read-only text box inside it, by the text of the choice shown, so
// with nothing chosen yet they had no name for a screen reader (axe:
// aria-input-field-name). The box is then named "label, choice"; the text box inside
// it by the label.
"use strict";
(function () {
  function name(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      var selection =
        box && box.classList.contains("select2")
          ? box.querySelector(".select2-selection")
          : null;
      var label = select.id
        ? document.querySelector('label[for="' + select.id + '"]')
        : null;
      if (!selection || !label) {
        return;
      }
      if (!label.id) {
        label.id = select.id + "_label";
      }
      var named = (selection.getAttribute("aria-labelledby") || "").split(" ");
      if (named.indexOf(label.id) < 0) {
        selection.setAttribute(
          "aria-labelledby",
          [label.id].concat(named).join(" ").trim()
        );
      }
      var shown = selection.querySelector(".select2-selection__rendered");
      if (shown) {
        shown.setAttribute("aria-labelledby", label.id);
      }
    });
  }
  // After Django's autocomplete.js has built the boxes: it does so when the page is
  // ready and for each inline row added ("formset:added"). This script is deferred,
  // so its handlers are registered after that script's, and run after them.
  if (!window.django || !window.django.jQuery) {
    return;
  }
  window.django.jQuery(function () {
    name(document);
  });
  document.addEventListener("formset:added", function (event) {
    name(event.target);
  });
})();
