// Live hint of the anonymity check next to free-text fields (progressive enhancement: without
// JavaScript the same check runs on every step submit). Calls POST /api/v1/anonymity-check/
// with the browser session and CSRF token; shows the findings in a polite live region.
(function () {
  "use strict";
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!csrf || !window.fetch) { return; }
  // The German names of the kinds of finding, rendered into the page from forms/anonymity.py.
  var labelData = document.getElementById("anonymity-labels");
  var labels = labelData ? JSON.parse(labelData.textContent) : {};
  document.querySelectorAll("[data-anonymity-hint]").forEach(function (hint) {
    var field = document.getElementById(hint.getAttribute("data-for"));
    if (!field) { return; }
    var timer = null;
    function check() {
      fetch("/api/v1/anonymity-check/", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf.value },
        body: JSON.stringify({ text: field.value })
      }).then(function (response) {
        return response.ok ? response.json() : { findings: [] };
      }).then(function (data) {
        if (!data.findings.length) { hint.hidden = true; hint.textContent = ""; return; }
        hint.textContent = "Hinweis: Möglicherweise personenbezogene Daten – " +
          data.findings.map(function (f) { return (labels[f.kind] || f.kind) + ": „" + f.text + "“"; }).join("; ") +
          ". Bitte entfernen Sie diese Angaben.";
        hint.hidden = false;
      }).catch(function () {});
    }
    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 800);
    });
  });
})();
