// Generated from templates/ by DefaultThemeTests; do not edit. To update after changing
// the theme: SITEGEN_UPDATE_THEME=1 swift test --filter DefaultThemeTests

/// The guide's theme, built into sitegen so `sitegen new site` can copy it anywhere.
enum DefaultTheme {
    /// Paths below `templates/` and their text.
    static let files: [(path: String, text: String)] = [
        ("404.mustache", ####"""
{{<layout}}
{{$main}}
<div class="notfound">
<p class="eyebrow">Error 404</p>
<h1>Page not found</h1>
<p class="lead">There is no page at this address. It may have moved, or the link may have a typo.</p>
<form class="search-form" role="search" action="{{site.searchURL}}" method="get">
  <label for="notfound-search">Search the guide</label>
  <div class="search-row">
    <input id="notfound-search" name="q" type="search" autocomplete="off" spellcheck="false">
    <button type="submit">Search</button>
  </div>
</form>
<p>Or try the <a href="{{site.homeURL}}">home page</a>, the <a href="{{site.basePath}}articles/">list of all {{site.articleCount}} articles</a> or the <a href="{{site.basePath}}skills/">skills index</a>.</p>
<h2>Where to start</h2>
<ul class="columns">
  {{#parts}}
  <li><a href="{{url}}">Part {{number}}: {{title}}</a>{{#articles}}, starting with <a href="{{url}}">{{title}}</a>{{/articles}}</li>
  {{/parts}}
  {{^parts}}
  {{#articles}}
  <li><a href="{{url}}">{{title}}</a></li>
  {{/articles}}
  {{/parts}}
</ul>
</div>
{{/main}}
{{/layout}}

"""####),
        ("article.mustache", ####"""
{{<layout}}
{{$main}}
{{#article}}
<article class="article{{#hasToc}} has-toc{{/hasToc}}">
  <header class="article-header">
    {{#part}}<p class="eyebrow"><a href="{{url}}">Part {{number}}: {{title}}</a></p>{{/part}}
    {{#draft}}<p class="status">Draft: not published</p>{{/draft}}
    {{#scheduled}}<p class="status">Scheduled: goes live on {{.}}</p>{{/scheduled}}
    <h1>{{title}}</h1>
    <p class="lead">{{summary}}</p>
    <p class="meta">Published <time datetime="{{dateISO}}">{{date}}</time>{{#updated}} · Updated <time datetime="{{updatedISO}}">{{updated}}</time>{{/updated}} · {{readingMinutes}} min read{{#level}} · for {{.}} level{{/level}}</p>
    {{^empty(skills)}}
    <div class="skills"><span class="skills-label" id="skills-label">Skills</span>
      <ul class="tags" aria-labelledby="skills-label">{{#skills}}<li><a class="tag" href="{{url}}">{{name}}</a></li>{{/skills}}</ul>
    </div>
    {{/empty(skills)}}
  </header>
  {{#hasToc}}
  <nav class="toc" aria-labelledby="toc-title">
    <h2 id="toc-title">On this page</h2>
    <ol>
      {{#toc}}<li><a href="#{{id}}">{{text}}</a>{{^empty(children)}}<ol>{{#children}}<li><a href="#{{id}}">{{text}}</a></li>{{/children}}</ol>{{/empty(children)}}</li>
      {{/toc}}
    </ol>
  </nav>
  {{/hasToc}}
  <div class="prose">
{{{html}}}
  </div>
</article>
<script type="application/ld+json">{{{jsonLD}}}</script>
<nav class="pager" aria-label="Previous and next article">
  {{#previous}}<a class="pager-link pager-prev" href="{{url}}" rel="prev"><span class="pager-label">Previous{{#part}} · {{.}}{{/part}}</span> <span class="pager-title">{{title}}</span></a>{{/previous}}
  {{#next}}<a class="pager-link pager-next" href="{{url}}" rel="next"><span class="pager-label">Next{{#part}} · {{.}}{{/part}}</span> <span class="pager-title">{{title}}</span></a>{{/next}}
</nav>
{{^empty(related)}}
<section class="related" aria-labelledby="related-title">
  <h2 id="related-title">Related articles</h2>
  <ul class="cards">
    {{#related}}{{>partials/article-card}}{{/related}}
  </ul>
</section>
{{/empty(related)}}
{{/article}}
{{/main}}
{{/layout}}

"""####),
        ("articles.mustache", ####"""
{{<layout}}
{{$main}}
<h1>{{page.title}}</h1>
<p class="lead">All {{site.articleCount}} articles of the guide, in the order we suggest reading them.</p>
{{#parts}}
<section class="part" aria-labelledby="{{id}}">
  <h2 class="part-title" id="{{id}}"><span class="part-number">Part {{number}}</span> {{title}}{{#continued}} <span class="count">(continued)</span>{{/continued}}</h2>
  {{#description}}<p class="part-description">{{.}}</p>{{/description}}
  <ol class="cards">
    {{#articles}}{{>partials/article-card}}{{/articles}}
  </ol>
</section>
{{/parts}}
{{^parts}}
<h2 class="visually-hidden">Articles in reading order</h2>
<ol class="cards numbered">
  {{#articles}}{{>partials/article-card}}{{/articles}}
</ol>
{{/parts}}
{{! The pages of a long list. Written out here, not as a partial: swift-mustache leaves a blank line where a partial tag stands alone on its line and renders nothing. }}
{{#pager}}
{{#paginated}}
<nav class="page-nav" aria-label="Pages of this list">
  <ul>
    {{#previousURL}}<li><a href="{{.}}" rel="prev">← Previous<span class="visually-hidden"> page</span></a></li>{{/previousURL}}
    {{#pages}}{{#gap}}<li class="page-gap" aria-hidden="true">…</li>{{/gap}}{{^gap}}<li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}><span class="visually-hidden">Page </span>{{number}}</a></li>{{/gap}}
    {{/pages}}
    {{#nextURL}}<li><a href="{{.}}" rel="next">Next<span class="visually-hidden"> page</span> →</a></li>{{/nextURL}}
  </ul>
</nav>
{{/paginated}}
{{/pager}}
{{/main}}
{{/layout}}

"""####),
        ("assets/search.js", ####"""
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

"""####),
        ("assets/style.css", ####"""
/* Backend guide theme: no framework, no web fonts, no external hosts. */
:root {
  color-scheme: light dark;
  --bg: #fcfcfb; --bg2: #f3f5f8; --code: #f1f3f6;
  --fg: #1c2230; --mute: #505869; --line: #d9dde4;
  --link: #1a5aa6; --soft: #e6eef9; --on: #fff; --tag: #174f92;
  --shadow: 0 1px 2px rgb(20 30 50 / .06), 0 4px 12px rgb(20 30 50 / .05);
  --r: .5rem;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  --mono: ui-monospace, Menlo, Consolas, monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15181e; --bg2: #1d2129; --code: #1b1f26;
    --fg: #e4e7ec; --mute: #a7afbd; --line: #353c48;
    --link: #8cb8f5; --soft: #1f2d42; --on: #0f1720; --tag: #b3d1fa;
    --shadow: none;
  }
}

*, ::before, ::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.0625rem/1.6 var(--sans); overflow-wrap: break-word; }
@media (min-width: 48rem) { body { font-size: 1.125rem; } }
img { max-width: 100%; height: auto; }
h1, h2, h3, h4 { line-height: 1.25; margin: 2rem 0 .75rem; }
h1, h2 { text-wrap: balance; }
h1 { font-size: clamp(1.9rem, 1.4rem + 2vw, 2.6rem); margin-top: .5rem; letter-spacing: -.015em; }
h2 { font-size: 1.5rem; }
h3 { font-size: 1.2rem; }
p, ul, ol, pre, table, blockquote { margin: 0 0 1rem; }
a { color: var(--link); text-underline-offset: .15em; text-decoration-thickness: 1px; }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; border-radius: 2px; }
main:focus { outline: none; }

.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
}
.skip-link {
  position: absolute; left: 1rem; top: .5rem; z-index: 10; padding: .5rem 1rem; border-radius: var(--r);
  background: var(--link); color: var(--on); font-weight: 600; transform: translateY(-150%);
}
.skip-link:focus { transform: none; }
.wrap { max-width: 72rem; margin: 0 auto; padding-inline: 1.25rem; }
main { display: block; padding-block: 1.5rem 3.5rem; }

.site-nav ul, .footer-links, .breadcrumbs ol, .chips, .tags, .cta, .cards {
  display: flex; flex-wrap: wrap; gap: .5rem; list-style: none; margin: 0 0 1rem; padding: 0;
}

/* Header, footer, breadcrumbs */
.site-header, .site-footer { background: var(--bg2); border-bottom: 1px solid var(--line); }
.header-row, .footer-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1.5rem; padding-block: .9rem; }
.site-title { display: inline-flex; align-items: center; gap: .5rem; color: var(--fg); font-weight: 700; text-decoration: none; }
.logo { font: 700 .8rem var(--mono); color: var(--on); background: var(--link); border-radius: .3rem; padding: .2rem .35rem; }
.site-nav ul { margin: 0; gap: .25rem; }
.site-nav a { display: block; padding: .35rem .7rem; border-radius: var(--r); color: var(--fg); text-decoration: none; font-size: 1rem; }
.site-nav a:hover, .site-nav a[aria-current] { background: var(--soft); }
.site-nav a[aria-current] { color: var(--tag); font-weight: 600; box-shadow: inset 0 -2px 0 var(--link); }
@media (max-width: 40rem) {
  .site-nav { width: 100%; }
  .site-nav ul { margin-left: -.6rem; gap: 0; }
  .site-nav a { padding: .3rem .6rem; }
}
.site-footer { border: 0; border-top: 1px solid var(--line); color: var(--mute); font-size: .95rem; }
.footer-row { padding-block: 1.75rem; align-items: start; }
.footer-row p, .footer-links { margin: 0; }
.footer-links { gap: .25rem 1.25rem; }
.breadcrumbs ol { gap: 0; font-size: .95rem; color: var(--mute); }
.breadcrumbs li + li::before { content: "/"; content: "/" / ""; margin: 0 .5rem; }

/* Shared text bits */
.lead { font-size: 1.15em; color: var(--mute); max-width: 65ch; }
.meta, .count, .eyebrow, .stats { color: var(--mute); font-size: .9rem; font-weight: 400; }
.eyebrow { margin: 0 0 .25rem; font-weight: 600; }
/* Drafts and scheduled articles appear only in previews (serve, --drafts, --future): mark them plainly. */
.status { display: inline-block; margin: 0 0 .25rem; padding: 0 .4em; border: 1px solid currentColor; border-radius: .25rem; font-size: .8rem; font-weight: 600; color: var(--fg); }
.section, .related { margin-top: 3rem; }
.section > h2:first-child { margin-top: 0; }

/* Buttons, chips, tags */
.button {
  display: inline-block; padding: .6rem 1.1rem; border: 1px solid var(--link); border-radius: var(--r);
  color: var(--link); background: var(--bg); font-weight: 600; line-height: 1.3; text-decoration: none;
}
.button:hover { background: var(--soft); }
.button-primary, .button-primary:hover { background: var(--link); color: var(--on); }
.chips a, .tag { display: inline-block; padding: .3rem .75rem; border-radius: 99px; background: var(--soft); color: var(--tag); text-decoration: none; font-size: .95rem; }
.tag { padding: .15rem .65rem; font-size: .875rem; }
.chips a:hover, .tag:hover { text-decoration: underline; }
.chips .count { color: inherit; }

/* Home */
.hero { padding: 2rem 0 1rem; }
.hero .cta { margin-block: 1.5rem 1rem; }

/* Cards: the title link covers the card */
.cards { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(min(100%, 19rem), 1fr)); }
.card {
  position: relative; display: flex; flex-direction: column; padding: 1.1rem 1.25rem;
  border: 1px solid var(--line); border-radius: var(--r); background: var(--bg); box-shadow: var(--shadow);
}
.card:hover { border-color: var(--link); }
.card-title { margin: 0 0 .5rem; font-size: 1.1rem; }
.card-title a { color: var(--fg); text-decoration: none; }
.card-title a::after { content: ""; position: absolute; inset: 0; border-radius: var(--r); }
.card-title a:focus-visible { outline: none; }
.card-title a:focus-visible::after { outline: 3px solid var(--link); outline-offset: 2px; }
.card:hover .card-title a { color: var(--link); text-decoration: underline; }
.card-summary { font-size: .975rem; flex: 1; }
.card .meta { margin: 0; }
.numbered { counter-reset: card; }
.numbered .card::before {
  counter-increment: card; content: counter(card, decimal-leading-zero); content: counter(card, decimal-leading-zero) / "";
  font: 700 .8rem var(--mono); color: var(--mute); margin-bottom: .35rem;
}

/* Article */
.article-header, .prose, .toc, .pager { max-width: 70ch; }
.article-header { margin-bottom: 1.5rem; }
.skills { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem; }
.skills-label { font-size: .9rem; font-weight: 600; color: var(--mute); }
.skills .tags { margin: 0; flex: 1 1 20rem; }
.toc { border: 1px solid var(--line); border-radius: var(--r); background: var(--bg2); padding: 1rem 1.25rem; margin: 0 0 2rem; font-size: .95rem; }
.toc h2 { font-size: .85rem; text-transform: uppercase; letter-spacing: .06em; margin: 0 0 .5rem; color: var(--mute); }
.toc ol { margin: 0; padding-left: 1.25rem; }
.toc li { margin: .2rem 0; }
.toc-wide .chips { margin: 0; }
@media (min-width: 66rem) {
  .has-toc { display: grid; grid-template-columns: minmax(0, 70ch) 16rem; gap: 0 3rem; justify-content: space-between; }
  .has-toc .article-header { grid-column: 1 / -1; }
  .has-toc .toc { grid-column: 2; grid-row: 2; align-self: start; position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
  .has-toc .prose { grid-column: 1; grid-row: 2; }
}

/* Prose */
.prose h2 { margin-top: 2.5rem; padding-top: .5rem; border-top: 1px solid var(--line); }
.prose :is(h2, h3) { scroll-margin-top: 1rem; }
.prose li { margin: .3rem 0; }
.prose li > :is(ul, ol) { margin: .3rem 0 0; }
.heading-anchor { margin-left: .35rem; color: var(--mute); font-weight: 400; text-decoration: none; }
.heading-anchor::before { content: "#"; content: "#" / ""; opacity: 0; }
:is(h2, h3):hover > .heading-anchor::before, .heading-anchor:focus-visible::before { opacity: 1; }
blockquote { margin-inline: 0; padding: .25rem 1.25rem; border-left: 4px solid var(--link); background: var(--bg2); }
code, kbd, samp, pre { font-family: var(--mono); font-size: .875em; }
:not(pre) > code { background: var(--code); border: 1px solid var(--line); border-radius: .25rem; padding: 0 .3em; box-decoration-break: clone; }
pre { overflow-x: auto; padding: 1rem 1.1rem; line-height: 1.5; tab-size: 2; background: var(--code); border: 1px solid var(--line); border-radius: var(--r); }
/* Highlighted code: classes from sitegen's highlighter (hl-<element>), colours that keep
   4.5:1 contrast on the code background in both schemes. */
:root { --hl-keyword: #8a1f7c; --hl-string: #17692f; --hl-comment: #5b6270; --hl-number: #9a3f0b; --hl-type: #0b5a87; --hl-function: #6a4b00; --hl-variable: #1f4f9e; }
@media (prefers-color-scheme: dark) {
  :root { --hl-keyword: #e3a6ef; --hl-string: #9ddb98; --hl-comment: #9aa3b2; --hl-number: #f3b27c; --hl-type: #82c8f0; --hl-function: #e6d27f; --hl-variable: #a3c4ff; }
}
.hl-keyword { color: var(--hl-keyword); }
.hl-string, .hl-regexp, .hl-value { color: var(--hl-string); }
.hl-comment, .hl-todo { color: var(--hl-comment); font-style: italic; }
.hl-number, .hl-specialchar, .hl-preproc { color: var(--hl-number); }
.hl-type, .hl-usertype, .hl-classname, .hl-label, .hl-section { color: var(--hl-type); }
.hl-function, .hl-predef_func { color: var(--hl-function); }
.hl-variable, .hl-property, .hl-attribute, .hl-predef_var, .hl-url { color: var(--hl-variable); }

/* Fenced blocks: callouts, tables and figures (templates/blocks/) */
.callout { margin: 0 0 1rem; padding: .75rem 1.1rem; border: 1px solid var(--line); border-left: 4px solid var(--callout, var(--link)); border-radius: var(--r); background: var(--bg2); }
.callout > :last-child { margin-bottom: 0; }
.callout-label { margin: 0 0 .35rem; font-weight: 700; }
.callout-tip { --callout: #17692f; }
.callout-warning { --callout: #a34a0b; }
@media (prefers-color-scheme: dark) { .callout-tip { --callout: #9ddb98; } .callout-warning { --callout: #f3b27c; } }
.block-table { border-collapse: collapse; width: 100%; margin: 0; font-size: .95em; }
.block-table caption { text-align: left; font-weight: 700; padding: .5rem .8rem; }
.block-table :is(th, td) { padding: .45rem .8rem; text-align: left; vertical-align: top; border-top: 1px solid var(--line); }
.block-table thead th { background: var(--bg2); }
.block-table .num { text-align: right; font-variant-numeric: tabular-nums; }
@media (max-width: 40rem) { .block-table :is(th, td) { min-width: 8rem; } }
.block-figure { margin: 0 0 1.25rem; }
.block-figure img { display: block; border-radius: var(--r); }
.block-figure figcaption { margin-top: .4rem; font-size: .9em; color: var(--mute); }

hr { border: 0; border-top: 1px solid var(--line); margin: 2rem 0; }
.prose table { display: block; overflow-x: auto; border-collapse: collapse; }
.prose :is(th, td) { border: 1px solid var(--line); padding: .4rem .7rem; text-align: left; vertical-align: top; }
.prose th { background: var(--bg2); }

/* Pager */
.pager { display: grid; gap: 1rem; margin-top: 3rem; }
@media (min-width: 40rem) { .pager { grid-template-columns: 1fr 1fr; } .pager-next { grid-column: 2; text-align: right; } }
.pager-link {
  display: flex; flex-direction: column; gap: .2rem; padding: 1rem 1.25rem; text-decoration: none; color: var(--fg);
  border: 1px solid var(--line); border-radius: var(--r); background: var(--bg2);
}
.pager-link:hover { border-color: var(--link); }
.pager-link:hover .pager-title { text-decoration: underline; }
.pager-label { font-size: .85rem; color: var(--mute); text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
.pager-title { color: var(--link); font-weight: 600; }
.pager-prev .pager-label::before { content: "← "; content: "← " / ""; }
.pager-next .pager-label::after { content: " →"; content: " →" / ""; }
/* Pages of a long list (the articles list, skill pages) */
.page-nav ul { display: flex; flex-wrap: wrap; gap: .35rem; list-style: none; margin: 2rem 0 0; padding: 0; }
.page-nav a { display: block; min-width: 2.5rem; padding: .4rem .7rem; border: 1px solid var(--line); border-radius: var(--r); text-align: center; }
.page-nav a:hover { border-color: var(--link); }
.page-nav a[aria-current] { background: var(--link); border-color: var(--link); color: var(--on); font-weight: 600; text-decoration: none; }
.page-gap { padding: .4rem .2rem; color: var(--mute); }
.part-more { margin: .5rem 0 0; font-weight: 600; }

/* 404 */
.columns { columns: 2 18rem; column-gap: 2rem; padding-left: 1.25rem; }
.columns li { break-inside: avoid; margin-bottom: .4rem; }

/* Salary tables: a table on wide screens, one card per row on phones */
.table-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: var(--r); margin-bottom: 1rem; }
.salary-table { width: 100%; border-collapse: collapse; font-size: .95rem; margin: 0; }
.salary-table :is(th, td) { padding: .6rem .8rem; text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); }
.salary-table thead th { background: var(--bg2); font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--mute); white-space: nowrap; }
.salary-table thead th:first-child { width: 18%; }
.salary-table thead th:last-child { width: 26%; }
.salary-table tr:last-child > * { border-bottom: 0; }
.salary-table .amount { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
@media (max-width: 44rem) {
  .table-scroll { border: 0; overflow: visible; }
  .salary-table, .salary-table :is(tbody, tr, th, td) { display: block; }
  .salary-table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .salary-table tr { border: 1px solid var(--line); border-radius: var(--r); margin-bottom: 1rem; }
  .salary-table tbody th { background: var(--bg2); border-radius: var(--r) var(--r) 0 0; }
  .salary-table td { display: grid; grid-template-columns: 6rem 1fr; gap: .75rem; padding-block: .45rem; }
  .salary-table tr > :last-child { border-bottom: 0; }
  .salary-table td::before { content: attr(data-label); font-weight: 600; color: var(--mute); font-size: .85rem; }
  .salary-table td:empty { display: none; }
  .salary-table .amount { text-align: left; white-space: normal; }
}

@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
  .skip-link { transition: transform .15s ease-out; }
}
@media (prefers-reduced-motion: reduce) {
  *, ::before, ::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
}

@media print {
  :root { --bg: #fff; --bg2: #fff; --code: #fff; --soft: #fff; --fg: #000; --mute: #000; --link: #000; --tag: #000; --line: #999; --shadow: none; }
  body { font: 11pt/1.5 Georgia, "Times New Roman", serif; }
  .skip-link, .site-nav, .breadcrumbs, .pager, .page-nav, .heading-anchor, .footer-links, .cta { display: none !important; }
  .wrap, .article-header, .prose, .toc { max-width: none; padding-inline: 0; }
  .has-toc { display: block; }
  .toc { position: static; max-height: none; }
  .prose a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; word-break: break-all; }
  pre { white-space: pre-wrap; }
  pre, blockquote, tr, .card { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
.salary-figure{margin:1rem 0 1.5rem}
.salary-chart{display:block;width:100%;height:auto;max-width:34rem}
.chart-bar{fill:var(--link)}
.chart-bar-estimate{fill:var(--link);fill-opacity:.45}
.chart-bar-unsourced{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:4 3}
.chart-label,.chart-value{fill:var(--fg);font:13px var(--sans)}
.chart-value{font-weight:600}
.salary-figure figcaption{color:var(--mute);font-size:.9rem;margin-top:.4rem}
.search-form label{display:block;font-weight:600;margin-bottom:.4rem}
.search-row{display:flex;gap:.5rem;flex-wrap:wrap}
.search-row input{flex:1 1 14rem;min-width:0;font:inherit;padding:.5rem .7rem;border:1px solid var(--mute);border-radius:var(--r);background:var(--bg);color:var(--fg)}
.search-row button{font:inherit;padding:.5rem 1rem;border:0;border-radius:var(--r);background:var(--link);color:var(--on);cursor:pointer}
.search-status{min-height:1.5em;color:var(--mute)}

/* Parts of the guide: the home page's reading order and the articles list. */
.part { margin: 0 0 2rem; }
.part-title { margin: 1.5rem 0 .25rem; }
.part-number { display: block; color: var(--mute); font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; font-weight: 600; }
.part-description { color: var(--mute); margin: 0 0 .75rem; }
.part-list { margin: 0; padding-left: 1.25rem; }
.part-list li { margin: .35rem 0; }
.part-list .meta { font-size: .85rem; }

"""####),
        ("blocks/callout.mustache", ####"""
<aside class="callout callout-{{#kind}}{{kind}}{{/kind}}{{^kind}}note{{/kind}}" role="note" aria-labelledby="{{id}}-label">
<p class="callout-label" id="{{id}}-label">{{#label}}{{label}}{{/label}}{{^label}}Note{{/label}}{{#caption}}: {{caption}}{{/caption}}</p>
{{{html}}}
</aside>

"""####),
        ("blocks/figure.mustache", ####"""
{{#figure}}
<figure class="block-figure">
<img src="{{src}}" alt="{{alt}}"{{#width}} width="{{width}}"{{/width}}{{#height}} height="{{height}}"{{/height}}{{#lazy}} loading="lazy" decoding="async"{{/lazy}}>
{{#caption}}<figcaption>{{caption}}</figcaption>{{/caption}}
</figure>
{{/figure}}

"""####),
        ("blocks/table.mustache", ####"""
{{#table}}
<div class="table-scroll" role="region" tabindex="0" aria-labelledby="{{id}}-caption">
<table class="block-table">
<caption id="{{id}}-caption"{{^caption}} class="visually-hidden"{{/caption}}>{{#caption}}{{caption}}{{/caption}}{{^caption}}Table{{/caption}}</caption>
<thead><tr>{{#header}}<th scope="col"{{#numeric}} class="num"{{/numeric}}>{{text}}</th>{{/header}}</tr></thead>
<tbody>
{{#rows}}<tr>{{#cells}}{{#first}}<th scope="row">{{text}}</th>{{/first}}{{^first}}<td{{#numeric}} class="num"{{/numeric}}>{{text}}</td>{{/first}}{{/cells}}</tr>
{{/rows}}</tbody>
</table>
</div>
{{/table}}

"""####),
        ("home.mustache", ####"""
{{<layout}}
{{$main}}
<section class="hero" aria-labelledby="page-title">
  <h1 id="page-title">{{site.title}}</h1>
  <p class="lead">{{site.description}}</p>
  <ul class="cta">
    <li><a class="button button-primary" href="{{site.basePath}}articles/">Read the guide</a></li>
    <li><a class="button" href="{{site.basePath}}skills/">Browse {{site.skillCount}} skills</a></li>
    <li><a class="button" href="{{site.basePath}}salaries/">Compare salary figures</a></li>
  </ul>
  <p class="stats">{{site.articleCount}} articles · {{site.skillCount}} skills · {{site.salaryFigureCount}} published salary figures, {{site.salaryNamedSourceCount}} with a named source</p>
</section>
<section class="section" aria-labelledby="start-here">
  <h2 id="start-here">The guide, in reading order</h2>
  {{#parts}}
  <section class="part" aria-labelledby="part-{{id}}">
    <h3 class="part-title" id="part-{{id}}"><span class="part-number">Part {{number}}</span> {{title}}</h3>
    {{#description}}<p class="part-description">{{.}}</p>{{/description}}
    <ol class="part-list">
      {{#articles}}<li><a href="{{url}}">{{title}}</a> <span class="meta">{{readingMinutes}} min</span></li>
      {{/articles}}
    </ol>
    {{#hasMore}}
    <p class="part-more"><a href="{{url}}">All {{articleCountLabel}} of “{{title}}”</a></p>
    {{/hasMore}}
  </section>
  {{/parts}}
  {{^parts}}
  <ol class="cards numbered">
    {{#articles}}{{>partials/article-card}}{{/articles}}
  </ol>
  <p class="part-more"><a href="{{site.basePath}}articles/">All {{site.articleCount}} articles</a></p>
  {{/parts}}
</section>
<section class="section" aria-labelledby="skills-by-category">
  <h2 id="skills-by-category">Skills by category</h2>
  <ul class="chips">
    {{#categories}}<li><a href="{{site.basePath}}skills/#{{id}}">{{name}} <span class="count">({{skillCount}})</span></a></li>
    {{/categories}}
  </ul>
</section>
{{/main}}
{{/layout}}

"""####),
        ("languages/dockerfile.lang", ####"""
# Dockerfile: instructions on top of shell syntax (the theme's own definition)
keyword = '(?i)^[[:blank:]]*(FROM|RUN|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\>'
keyword = '(?i)\<AS\>'
include "/usr/share/source-highlight/sh.lang"

"""####),
        ("languages/graphql.lang", ####"""
# GraphQL queries and schemas (the theme's own definition: Source-highlight has none)
comment start "#"
string delim "\"" "\"" escape "\\"
keyword = "query|mutation|subscription|fragment|on|type|input|enum|interface|union|scalar|schema|extend|implements|directive"
keyword = "true|false|null"
variable = '\$[A-Za-z_][A-Za-z0-9_]*'
preproc = '@[A-Za-z_][A-Za-z0-9_]*'
type = '\<[A-Z][A-Za-z0-9_]*\>'
number = '\<[+-]?[0-9]+(\.[0-9]+)?\>'

"""####),
        ("languages/http.lang", ####"""
# HTTP requests and responses (the theme's own definition: Source-highlight has none)
(keyword,normal,url,normal,type) = `(^GET|^POST|^PUT|^PATCH|^DELETE|^HEAD|^OPTIONS)( +)([^ ]+)( +)(HTTP/[0-9.]+)`
(type,normal,number) = `(^HTTP/[0-9.]+)( +)([0-9]{3})`
(property,symbol) = `(^[A-Za-z0-9-]+)(:)`

"""####),
        ("languages/typescript.lang", ####"""
# TypeScript: JavaScript plus its keywords and types (the theme's own definition)
keyword = "interface|type|enum|implements|declare|namespace|readonly|abstract",
          "private|public|protected|keyof|as|is|let|async|await|of|from|export|import"
type = "string|number|boolean|any|unknown|never|void|object|bigint|symbol"
include "/usr/share/source-highlight/javascript.lang"

"""####),
        ("languages/yaml.lang", ####"""
# YAML (the theme's own definition: Source-highlight has none)
comment start "#"
preproc = '^---|^\.\.\.'
(type,symbol) = `(^[[:blank:]-]*[A-Za-z0-9_./"-]+)(:)`
keyword = "true|false|null|yes|no|on|off"
number = '\<[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?\>'
string delim "\"" "\"" escape "\\"
string delim "'" "'"
variable = '[&*][A-Za-z0-9_\-]+'
symbol = "-|\||>|[|]|{|}|,"

"""####),
        ("layout.mustache", ####"""
<!DOCTYPE html>
<html lang="{{site.language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{page.documentTitle}}</title>
<meta name="description" content="{{page.description}}">
<link rel="canonical" href="{{page.canonicalURL}}">{{#pager}}{{#previousURL}}
<link rel="prev" href="{{.}}">{{/previousURL}}{{#nextURL}}
<link rel="next" href="{{.}}">{{/nextURL}}{{/pager}}
<meta name="generator" content="{{site.generator}}">
<link rel="stylesheet" href="{{#site.asset}}assets/style.css{{/site.asset}}">
<link rel="alternate" type="application/atom+xml" title="{{site.title}}" href="{{site.feedURL}}">
<meta property="og:type" content="{{page.ogType}}">
<meta property="og:title" content="{{page.title}}">
<meta property="og:description" content="{{page.description}}">
<meta property="og:url" content="{{page.canonicalURL}}">
<meta property="og:site_name" content="{{site.title}}">
<meta property="og:locale" content="{{site.language}}">
{{$head}}{{/head}}
</head>
<body class="kind-{{page.kind}}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="site-title" href="{{site.homeURL}}"><span class="logo" aria-hidden="true">&lt;/&gt;</span>{{site.title}}</a>
    <nav class="site-nav" aria-label="Main">
      <ul>
        {{#site.nav}}<li><a href="{{url}}"{{#current}} aria-current="true"{{/current}}>{{title}}</a></li>
        {{/site.nav}}
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
{{^empty(breadcrumbs)}}
<nav class="breadcrumbs" aria-label="Breadcrumb">
  <ol>{{#breadcrumbs}}<li><a href="{{url}}">{{title}}</a></li>{{/breadcrumbs}}<li aria-current="page">{{page.title}}</li></ol>
</nav>
{{/empty(breadcrumbs)}}
{{$main}}{{/main}}
</main>
<footer class="site-footer">
  <div class="wrap footer-row">
    <p><strong>{{site.title}}</strong><br>{{site.articleCount}} articles, {{site.skillCount}} skills. Built with {{site.generator}}.</p>
    <ul class="footer-links">
      {{#site.nav}}<li><a href="{{url}}">{{title}}</a></li>
      {{/site.nav}}<li><a href="{{site.feedURL}}">Atom feed</a></li><li><a href="{{site.basePath}}sitemap.xml">Sitemap</a></li>
    </ul>
  </div>
</footer>
</body>
</html>

"""####),
        ("page.mustache", ####"""
{{<layout}}
{{$main}}
{{#content}}
<article class="article">
  <header class="article-header">
    {{#draft}}<p class="status">Draft: not published</p>{{/draft}}
    {{#scheduled}}<p class="status">Scheduled: goes live on {{.}}</p>{{/scheduled}}
    <h1>{{title}}</h1>
    <p class="lead">{{summary}}</p>
    {{#updated}}<p class="meta">Last reviewed <time datetime="{{updatedISO}}">{{updated}}</time></p>{{/updated}}
  </header>
  <div class="prose">
{{{html}}}
  </div>
</article>
{{/content}}
{{/main}}
{{/layout}}

"""####),
        ("partials/article-card.mustache", ####"""
<li class="card">
  <h3 class="card-title"><a href="{{url}}">{{title}}</a>{{#draft}} <span class="status">Draft</span>{{/draft}}{{#scheduled}} <span class="status">Scheduled for {{.}}</span>{{/scheduled}}</h3>
  <p class="card-summary">{{summary}}</p>
  <p class="meta"><time datetime="{{dateISO}}">{{date}}</time> · {{readingMinutes}} min read{{#level}} · for {{.}} level{{/level}}</p>
</li>

"""####),
        ("salaries.mustache", ####"""
{{<layout}}
{{$main}}
<h1>Salaries</h1>
<p class="lead">Published figures for backend developer pay, side by side. They disagree because each source measures different people at a different time, so every figure keeps its source, its date and its age. {{#site.salaryNewestAsOf}}The newest dated figure is from {{.}}: treat them as history, not as today's rates.{{/site.salaryNewestAsOf}}</p>
{{#salaryTables}}
<section class="section">
  <h2 id="salaries-{{currency}}">{{caption}}</h2>
  <figure class="salary-figure">
    {{{chartSVG}}}
    <figcaption>Each bar is one published figure. Lighter bars are rough estimates; bars with a dashed outline, labelled "no source named", were published without naming who measured them. The table below gives every figure with its source, date and age.</figcaption>
  </figure>
  <div class="table-scroll" role="region" aria-labelledby="salaries-{{currency}}" tabindex="0">
  <table class="salary-table" role="table" aria-labelledby="salaries-{{currency}}">
    <thead role="rowgroup">
      <tr role="row"><th scope="col" role="columnheader">Role</th><th scope="col" role="columnheader">Region</th><th scope="col" role="columnheader" class="amount">Figure</th><th scope="col" role="columnheader">Kind</th><th scope="col" role="columnheader">Source</th><th scope="col" role="columnheader">Date</th><th scope="col" role="columnheader">Note</th></tr>
    </thead>
    <tbody role="rowgroup">
      {{#rows}}<tr role="row">
        <th scope="row" role="rowheader">{{role}}{{#level}} ({{.}}){{/level}}</th>
        <td role="cell" data-label="Region">{{region}}</td>
        <td role="cell" data-label="Figure" class="amount">{{amount}}</td>
        <td role="cell" data-label="Kind">{{statistic}}</td>
        <td role="cell" data-label="Source">{{#sourceURL}}<a href="{{sourceURL}}">{{source}}</a>{{/sourceURL}}{{^sourceURL}}{{source}}{{/sourceURL}}</td>
        <td role="cell" data-label="Date">{{#asOfISO}}<time datetime="{{asOfISO}}">{{asOf}}</time>{{/asOfISO}}{{^asOfISO}}{{asOf}}{{/asOfISO}}</td>
        <td role="cell" data-label="Note">{{note}}</td>
      </tr>
      {{/rows}}
    </tbody>
  </table>
  </div>
</section>
{{/salaryTables}}
{{^salaryTables}}<p>No salary figures have been added yet.</p>{{/salaryTables}}
{{/main}}
{{/layout}}

"""####),
        ("search.mustache", ####"""
{{<layout}}
{{$main}}
<h1>Search</h1>
<form class="search-form" role="search" action="{{site.searchURL}}" method="get">
  <label for="search-input">Search the articles, pages and skills</label>
  <div class="search-row">
    <input id="search-input" name="q" type="search" autocomplete="off" spellcheck="false">
    <button type="submit">Search</button>
  </div>
</form>
<p id="search-status" class="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="cards search-results" hidden></ol>
<div id="search-fallback">
  <p>Every article is also in the <a href="{{site.homeURL}}articles/">articles list</a>, by title
    in reading order, and under what it teaches in the <a href="{{site.homeURL}}skills/">skills index</a>
    and the skills below: they work without JavaScript, which the search itself needs.</p>
  <h2>Skills</h2>
  <ul class="category-list">
    {{#categories}}{{#skills}}<li><a href="{{url}}">{{name}}</a></li>
    {{/skills}}{{/categories}}
  </ul>
</div>
<script src="{{#site.asset}}assets/search.js{{/site.asset}}" data-search-index="{{site.searchIndexURL}}" defer></script>
{{/main}}
{{/layout}}

"""####),
        ("skill.mustache", ####"""
{{<layout}}
{{$main}}
{{#skill}}
<header class="page-header">
  <p class="eyebrow">Category: <a href="{{categoryURL}}">{{category}}</a></p>
  <h1>{{page.title}}</h1>
  <p class="lead">{{description}}</p>
</header>
<section class="section" aria-labelledby="skill-articles">
<h2 id="skill-articles">Articles that teach it <span class="count">({{articleCountLabel}})</span></h2>
{{^empty(articles)}}
<ul class="cards">
  {{#articles}}{{>partials/article-card}}{{/articles}}
</ul>
{{/empty(articles)}}
{{#empty(articles)}}<p>No article covers this skill yet.</p>{{/empty(articles)}}
{{! The pages of a long list. Written out here, not as a partial: swift-mustache leaves a blank line where a partial tag stands alone on its line and renders nothing. }}
{{#pager}}
{{#paginated}}
<nav class="page-nav" aria-label="Pages of this list">
  <ul>
    {{#previousURL}}<li><a href="{{.}}" rel="prev">← Previous<span class="visually-hidden"> page</span></a></li>{{/previousURL}}
    {{#pages}}{{#gap}}<li class="page-gap" aria-hidden="true">…</li>{{/gap}}{{^gap}}<li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}><span class="visually-hidden">Page </span>{{number}}</a></li>{{/gap}}
    {{/pages}}
    {{#nextURL}}<li><a href="{{.}}" rel="next">Next<span class="visually-hidden"> page</span> →</a></li>{{/nextURL}}
  </ul>
</nav>
{{/paginated}}
{{/pager}}
</section>
{{/skill}}
{{/main}}
{{/layout}}

"""####),
        ("skills.mustache", ####"""
{{<layout}}
{{$main}}
<h1>Skills</h1>
<p class="lead">The {{site.skillCount}} skills this guide covers, by category. Each skill links to the articles that teach it.</p>
<nav class="toc toc-wide" aria-labelledby="categories-title">
  <h2 id="categories-title">Categories</h2>
  <ul class="chips">
    {{#categories}}<li><a href="#{{id}}">{{name}} <span class="count">({{skillCount}})</span></a></li>
    {{/categories}}
  </ul>
</nav>
{{#categories}}
<section class="section" aria-labelledby="{{id}}">
  <h2 id="{{id}}">{{name}}</h2>
  <ul class="cards skill-list">
    {{#skills}}<li class="card">
      <h3 class="card-title"><a href="{{url}}">{{name}}</a></h3>
      <p class="card-summary">{{description}}</p>
      <p class="meta">{{articleCountLabel}}</p>
    </li>
    {{/skills}}
  </ul>
</section>
{{/categories}}
{{/main}}
{{/layout}}

"""####),
    ]
}
