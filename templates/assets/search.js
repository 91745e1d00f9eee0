// Search for the guide, over the split index the build writes in search/ (see the
// README, "Search"): the manifest first, then for each word of the query its vocabulary
// group, then only the postings files its matches live in, then the documents files of
// the results shown. No library; the same code runs under Node for the tests
// (module.exports below). Without JavaScript the page links to the articles list and the
// skills index, and the form still submits (?q=...), which this script then picks up.
(function () {
  "use strict";

  // Digits of the packed postings (PostingCode in SearchIndex.swift): every digit of a
  // number but the last comes from MORE, the last from LAST.
  var MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";
  var LAST = "0123456789abcdefghijklmnopqrstuv";
  // How much a match counts, by how the word matched the term.
  var QUALITY = { exact: 1, prefix: 0.75, typo: 0.5 };
  // Prefix and one-typo alternatives kept per word, the most common first.
  var ALTERNATIVES = 8;
  // Bytes of postings files one query may fetch for alternatives (exact matches are
  // always fetched): keeps the first result under 1 MB on the largest sites.
  var BUDGET = 640 * 1024;
  var SHOWN = 20;

  // The same split as SearchTerms.swift: lower case, accents dropped, runs of letters
  // and digits, from minimumLength to 40 characters.
  function terms(text, minimumLength) {
    var folded = (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    var seen = {};
    return folded.split(/[^\p{L}\p{N}]+/u).filter(function (term) {
      var length = Array.from(term).length;
      if (length < minimumLength || length > 40 || seen[term]) return false;
      seen[term] = true;
      return true;
    });
  }

  function group(term, minimumLength) { return Array.from(term).slice(0, minimumLength).join(""); }

  // True when b is a with one character added, removed, replaced, or two neighbours swapped.
  function oneEdit(a, b) {
    a = Array.from(a);
    b = Array.from(b);
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length && i === b.length) return false; // equal: not a typo
    var restA = a.slice(i + 1).join(""), restB = b.slice(i + 1).join("");
    if (a.length === b.length) {
      if (restA === restB) return true; // replaced
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2).join("") === b.slice(i + 2).join(""); // swapped
    }
    if (a.length > b.length) return restA === b.slice(i).join(""); // a has one more
    return a.slice(i).join("") === restB; // b has one more
  }

  // Packed postings -> [document, weight, document, weight, ...].
  function decode(text) {
    var out = [], value = 0, previous = -1;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), digit = MORE.indexOf(c);
      if (digit >= 0) { value = value * 32 + digit; continue; }
      value = value * 32 + LAST.indexOf(c);
      previous += Math.floor(value / 8);
      out.push(previous, value % 8);
      value = 0;
    }
    return out;
  }

  // The matches of one query word in its vocabulary group: the word itself, then terms
  // it begins (kube -> kubernetes), then terms one typo away (kubernets -> kubernetes).
  function alternatives(word, vocabulary) {
    var found = [];
    if (Object.prototype.hasOwnProperty.call(vocabulary, word)) {
      found.push({ term: word, quality: QUALITY.exact, shard: vocabulary[word][0], count: vocabulary[word][1], exact: true });
    }
    var prefixes = [], typos = [], typoAllowed = Array.from(word).length >= 4;
    Object.keys(vocabulary).forEach(function (term) {
      if (term === word) return;
      var entry = { term: term, shard: vocabulary[term][0], count: vocabulary[term][1] };
      if (term.lastIndexOf(word, 0) === 0) { entry.quality = QUALITY.prefix; prefixes.push(entry); }
      else if (typoAllowed && oneEdit(word, term)) { entry.quality = QUALITY.typo; typos.push(entry); }
    });
    function common(a, b) { return b.count - a.count || (a.term < b.term ? -1 : 1); }
    return found.concat(prefixes.sort(common).slice(0, ALTERNATIVES), typos.sort(common).slice(0, ALTERNATIVES));
  }

  // A search over the index, given a function that fetches one of its files by name
  // (relative to the manifest) and resolves to its parsed JSON.
  function createSearch(fetchJSON) {
    var files = {};
    function get(name) {
      if (!files[name]) files[name] = fetchJSON(name);
      return files[name];
    }

    return function search(query) {
      return get("index.json").then(function (manifest) {
        var words = terms(query, manifest.minimumLength);
        if (words.length === 0) return { words: words, results: [], total: 0 };
        return Promise.all(words.map(function (word) {
          var shard = manifest.groups[group(word, manifest.minimumLength)];
          return shard === undefined ? {} : get("terms-" + shard + ".json");
        })).then(function (vocabularies) {
          var perWord = words.map(function (word, i) { return alternatives(word, vocabularies[i]); });
          // Exact matches first, then alternatives in turn across words, while the budget lasts.
          var shards = {}, bytes = 0, kept = words.map(function () { return []; });
          var queue = [];
          perWord.forEach(function (list, w) {
            list.forEach(function (match, rank) { queue.push({ match: match, word: w, rank: match.exact ? -1 : rank }); });
          });
          queue.sort(function (a, b) { return a.rank - b.rank || a.word - b.word; });
          queue.forEach(function (item) {
            var shard = item.match.shard, size = manifest.postingBytes[shard] || 0;
            if (!shards[shard]) {
              if (!item.match.exact && bytes + size > BUDGET) return;
              shards[shard] = true;
              bytes += size;
            }
            kept[item.word].push(item.match);
          });
          var names = Object.keys(shards);
          return Promise.all(names.map(function (shard) { return get("postings-" + shard + ".json"); }))
            .then(function (loaded) {
              var postings = {};
              names.forEach(function (shard, i) { postings[shard] = loaded[i]; });
              return rank(manifest, kept, postings);
            });
        });
      }).then(function (ranked) {
        if (!ranked.manifest) return ranked;
        var perShard = ranked.manifest.documentsPerShard;
        var shown = ranked.results.slice(0, SHOWN);
        return Promise.all(shown.map(function (result) {
          return get("documents-" + Math.floor(result.document / perShard) + ".json");
        })).then(function (shards) {
          return {
            words: ranked.words,
            total: ranked.results.length,
            results: shown.map(function (result, i) {
              var record = shards[i][result.document % perShard];
              return { document: result.document, kind: record[0], title: record[1], url: record[2], summary: record[3], detail: record[4], score: Math.round(result.score * 100) / 100 };
            })
          };
        });
      });
    };
  }

  // Every word must match; a word's score in a document is the best weight x quality x
  // rarity of its matches there (a title match outranks a body match); documents add their
  // words' scores. Ties keep the guide's order (articles in reading order first).
  function rank(manifest, kept, postings) {
    var perWord = kept.map(function (matches) {
      var best = {};
      matches.forEach(function (match) {
        var packed = postings[match.shard][match.term];
        if (!packed) return;
        var list = decode(packed);
        // Rare terms say more than common ones ("become" more than "how"): the usual
        // inverse document frequency, the same for every document a term is in, so
        // for any one term a title match still outranks a body match.
        var rarity = 1 + Math.log(manifest.documents / match.count);
        for (var i = 0; i < list.length; i += 2) {
          var value = list[i + 1] * match.quality * rarity;
          if (!(best[list[i]] >= value)) best[list[i]] = value;
        }
      });
      return best;
    });
    var results = [];
    Object.keys(perWord[0]).forEach(function (key) {
      var score = 0;
      for (var w = 0; w < perWord.length; w++) {
        if (perWord[w][key] === undefined) return;
        score += perWord[w][key];
      }
      results.push({ document: Number(key), score: score });
    });
    results.sort(function (a, b) { return b.score - a.score || a.document - b.document; });
    return { manifest: manifest, words: kept, results: results };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { createSearch: createSearch, terms: terms, oneEdit: oneEdit, decode: decode };
  }
  if (typeof document === "undefined") return;

  // The page.
  var script = document.querySelector("script[data-search-index]");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var fallback = document.getElementById("search-fallback");
  if (!script || !input || !status || !results) return;

  var manifestURL = new URL(script.getAttribute("data-search-index"), window.location.href);
  var search = createSearch(function (name) {
    return fetch(new URL(name, manifestURL)).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  });
  var KINDS = { article: "Article", page: "Page", salaries: "Salaries", skill: "Skill" };

  function card(result) {
    var li = document.createElement("li");
    li.className = "card";
    var heading = document.createElement("h2");
    heading.className = "card-title";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.title;
    heading.appendChild(link);
    var kind = document.createElement("p");
    kind.className = "meta";
    kind.textContent = (KINDS[result.kind] || "") + (result.detail ? " \u00b7 " + result.detail : "");
    var summary = document.createElement("p");
    summary.textContent = result.summary;
    li.appendChild(heading);
    li.appendChild(kind);
    li.appendChild(summary);
    return li;
  }

  // Only the newest query's answer is shown, whatever order the answers arrive in.
  var latest = 0;
  function run(query) {
    var ticket = ++latest;
    if (!query.trim()) {
      while (results.firstChild) results.removeChild(results.firstChild);
      results.hidden = true;
      if (fallback) fallback.hidden = false;
      status.textContent = "";
      return;
    }
    search(query).then(function (answer) {
      if (ticket !== latest) return;
      while (results.firstChild) results.removeChild(results.firstChild);
      answer.results.forEach(function (result) { results.appendChild(card(result)); });
      results.hidden = answer.results.length === 0;
      if (fallback) fallback.hidden = answer.results.length > 0;
      var quoted = "\u201c" + query + "\u201d";
      if (answer.words.length === 0) status.textContent = "Type at least two letters to search.";
      else if (answer.total === 0) status.textContent = "Nothing matches " + quoted + ".";
      else if (answer.total > answer.results.length) status.textContent = "The best " + answer.results.length + " of " + answer.total + " results for " + quoted + ".";
      else status.textContent = answer.total + (answer.total === 1 ? " result" : " results") + " for " + quoted + ".";
    }).catch(function () {
      if (ticket !== latest) return;
      status.textContent = "Search is unavailable right now; the articles list and the skills index below still work.";
      if (fallback) fallback.hidden = false;
    });
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      run(input.value);
      var url = new URL(window.location.href);
      if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
      history.replaceState(null, "", url);
    }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(input.value);
  });

  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
