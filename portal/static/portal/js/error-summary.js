// Error summaries (class "error-summary", tabindex="-1"): the first one on the page gets the
// focus when the page loads, so keyboard and screen-reader users start at the list of errors;
// a link in it focuses its field and scrolls the field's label or legend into view (a plain
// fragment jump would hide the label above the top edge). WCAG 2.1: 2.4.3, 3.3.1, 3.3.3.
(function () {
  "use strict";

  function labelFor(field) {
    var fieldset = field.closest("fieldset");
    if ((field.type === "radio" || field.type === "checkbox") && fieldset) {
      return fieldset.querySelector("legend") || fieldset;
    }
    return (field.id && document.querySelector('label[for="' + CSS.escape(field.id) + '"]')) || field;
  }

  function init() {
    var summaries = document.querySelectorAll(".error-summary");
    if (!summaries.length) return;
    if (!summaries[0].hasAttribute("tabindex")) summaries[0].setAttribute("tabindex", "-1");
    summaries[0].focus();
    summaries.forEach(function (summary) {
      summary.addEventListener("click", function (event) {
        var link = event.target.closest('a[href^="#"]');
        if (!link) return;
        var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        if (!field) return;
        event.preventDefault();
        labelFor(field).scrollIntoView();
        field.focus({ preventScroll: true });
        history.replaceState(null, "", link.hash);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
