// Search for the lessons site: reads ?q= from the address, ranks window.LESSONS_SEARCH.
(function () {
  "use strict";
  function words(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").match(/[a-z0-9]+/g) || [];
  }
  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function count(list, term) {
    var exact = 0, prefix = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i] === term) { exact++; } else if (term.length >= 3 && list[i].indexOf(term) === 0) { prefix++; }
    }
    return exact + 0.5 * prefix;
  }
  function snippet(text, terms) {
    var lower = text.toLowerCase(), first = -1;
    terms.forEach(function (term) {
      var at = lower.search(new RegExp("\\b" + term));
      if (at >= 0 && (first < 0 || at < first)) { first = at; }
    });
    var start = Math.max(0, first - 80), end = Math.min(text.length, start + 220);
    var piece = (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    var marked = escapeHTML(piece);
    terms.forEach(function (term) {
      marked = marked.replace(new RegExp("\\b(" + term + "[a-z0-9]*)", "gi"), "<mark>$1</mark>");
    });
    return marked;
  }
  var query = new URLSearchParams(window.location.search).get("q") || "";
  var input = document.getElementById("query");
  if (input) { input.value = query; }
  var terms = words(query);
  var summary = document.getElementById("summary");
  var list = document.getElementById("results");
  if (!terms.length || !window.LESSONS_SEARCH) { return; }
  var results = [];
  window.LESSONS_SEARCH.forEach(function (row, order) {
    var text = words(row[4]), heading = words(row[2]), title = words(row[1]);
    var score = 0, found = true;
    terms.forEach(function (term) {
      var hits = count(text, term) + 4 * count(heading, term) + 2 * count(title, term);
      if (hits === 0) { found = false; }
      score += Math.log(1 + hits);
    });
    if (found) { results.push({ row: row, score: score, order: order }); }
  });
  results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  summary.textContent = results.length === 0
    ? "Nothing found for “" + query + "”."
    : results.length + (results.length === 1 ? " section matches" : " sections match") + " “" + query + "”.";
  results.forEach(function (result) {
    var row = result.row;
    var href = row[0] + (row[3] ? "#" + row[3] : "");
    var item = document.createElement("li");
    item.innerHTML = "<a href=\"" + escapeHTML(href) + "\">" + escapeHTML(row[1]) + (row[2] ? " — " + escapeHTML(row[2]) : "")
      + "</a><p>" + snippet(row[4], terms) + "</p>";
    list.appendChild(item);
  });
})();
