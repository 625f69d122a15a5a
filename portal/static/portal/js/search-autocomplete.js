// Title suggestions under the search field of /suche/ (progressive enhancement: the form
// works without this script). Suggestions are plain links in a list after the field; the
// list is announced politely and never steals the focus.
(function () {
  "use strict";
  var input = document.getElementById("suche-q");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.className = "search-autocomplete";
  list.id = "suche-vorschlaege";
  list.hidden = true;
  list.setAttribute("aria-label", "Vorschläge");
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.closest(".search-form__row").after(list, status);
  var timer = null;
  var lastQuery = "";

  function show(results) {
    list.replaceChildren();
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
    status.textContent = results.length ? results.length + " Vorschläge unter dem Suchfeld" : "";
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < 3) { show([]); return; }
      fetch("/suche/vorschlaege/?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (input.value.trim() === query) { show(data.results); } })
        .catch(function () { show([]); });
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { show([]); }
  });
})();
