// A list's filter form sends only the fields that are set, so the browser goes
// straight to the list's clean address (its permalink) instead of one carrying every
// empty field. The server redirects such an address to the clean one anyway
// (FilteredListView in sanctuary_tracker/listing.py); this saves the round trip.
//
// The empty entries are taken out of what the form sends (the "formdata" event),
// not by disabling the fields: a page restored by the Back button keeps its form as
// the reader left it. A browser without the event sends the form whole.
"use strict";

document.addEventListener("formdata", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-permalink")) {
    return;
  }
  var data = event.formData;
  var kept = [];
  var names = [];
  data.forEach(function (value, name) {
    if (names.indexOf(name) < 0) {
      names.push(name);
    }
    if (typeof value !== "string" || value.trim() !== "") {
      kept.push([name, value]);
    }
  });
  names.forEach(function (name) {
    data.delete(name);
  });
  kept.forEach(function (entry) {
    data.append(entry[0], entry[1]);
  });
});
