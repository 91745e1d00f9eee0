// Search for the guide: loads the index the build writes (search-index.json) and filters
// articles and skills as the reader types. Without JavaScript the page still lists
// everything, and the form still submits (?q=...), which this script then picks up.
(function () {
  "use strict";
  var script = document.querySelector("script[data-search-index]");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  if (!script || !input || !status || !results) return;

  var entries = null;
  var pending = null;

  function normalise(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function prepare(list) {
    return list.map(function (entry) {
      return {
        entry: entry,
        title: normalise(entry.title),
        headings: normalise(entry.headings.join(" ")),
        skills: normalise(entry.skills.join(" ")),
        summary: normalise(entry.summary),
        text: normalise(entry.text)
      };
    });
  }

  // Every word must appear somewhere; where it appears decides the rank.
  function score(item, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], best = 0;
      if (item.title.indexOf(term) >= 0) best = 10;
      else if (item.headings.indexOf(term) >= 0) best = 5;
      else if (item.skills.indexOf(term) >= 0) best = 4;
      else if (item.summary.indexOf(term) >= 0) best = 3;
      else if (item.text.indexOf(term) >= 0) best = 1;
      if (best === 0) return 0;
      total += best;
    }
    return total;
  }

  function render(query) {
    var terms = normalise(query).split(/\s+/).filter(Boolean);
    while (results.firstChild) results.removeChild(results.firstChild);
    if (terms.length === 0) {
      results.hidden = true;
      if (fallback) fallback.hidden = false;
      status.textContent = "";
      return;
    }
    var matches = entries
      .map(function (item) { return { item: item, score: score(item, terms) }; })
      .filter(function (match) { return match.score > 0; })
      .sort(function (a, b) { return b.score - a.score || a.item.title.localeCompare(b.item.title); })
      .slice(0, 30);
    matches.forEach(function (match) {
      var entry = match.item.entry;
      var li = document.createElement("li");
      li.className = "card";
      var heading = document.createElement("h2");
      heading.className = "card-title";
      var link = document.createElement("a");
      link.href = entry.url;
      link.textContent = entry.title;
      heading.appendChild(link);
      var kind = document.createElement("p");
      kind.className = "meta";
      kind.textContent = entry.kind === "skill" ? "Skill · " + entry.skills.join(", ") : "Article";
      var summary = document.createElement("p");
      summary.textContent = entry.summary;
      li.appendChild(heading);
      li.appendChild(kind);
      li.appendChild(summary);
      results.appendChild(li);
    });
    results.hidden = matches.length === 0;
    if (fallback) fallback.hidden = true;
    status.textContent = matches.length === 0
      ? "No article or skill matches \u201c" + query + "\u201d."
      : matches.length + (matches.length === 1 ? " result" : " results") + " for \u201c" + query + "\u201d.";
  }

  function load() {
    if (pending) return pending;
    pending = fetch(script.getAttribute("data-search-index"))
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (list) { entries = prepare(list); })
      .catch(function () { status.textContent = "Search is unavailable right now; every article is listed below."; });
    return pending;
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      load().then(function () {
        if (entries) {
          render(input.value);
          var url = new URL(window.location.href);
          if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
          history.replaceState(null, "", url);
        }
      });
    }, 120);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    load().then(function () { if (entries) render(input.value); });
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    load().then(function () { if (entries) render(initial); });
  }
})();
