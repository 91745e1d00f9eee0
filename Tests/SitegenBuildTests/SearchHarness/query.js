// Runs the search page's own script (templates/assets/search.js) under Node against a
// built site's search/ folder, the way the page does, and prints one JSON line a query:
// the results, and the bytes and files fetched before they could be shown.
// Used by SearchScriptTests and for the page-weight figures of the README:
//   node query.js <search.js> <output folder> <query>...
"use strict";
const fs = require("fs");
const path = require("path");
const [script, output, ...queries] = process.argv.slice(2);
const { createSearch } = require(path.resolve(script));

(async () => {
  for (const query of queries) {
    let bytes = 0;
    const fetched = [];
    const sizes = {};
    // A fresh search per query: nothing cached from the last one, as on a first visit.
    const search = createSearch(async (name) => {
      const text = fs.readFileSync(path.join(output, "search", name), "utf8");
      bytes += Buffer.byteLength(text);
      sizes[name] = Buffer.byteLength(text);
      fetched.push(name);
      return JSON.parse(text);
    });
    const answer = await search(query);
    // What the first result needs: everything but the documents files of the other results.
    let firstResultBytes = 0;
    if (answer.results.length > 0) {
      const manifest = JSON.parse(fs.readFileSync(path.join(output, "search", "index.json"), "utf8"));
      const first = "documents-" + Math.floor(answer.results[0].document / manifest.documentsPerShard) + ".json";
      for (const name of fetched) if (!name.startsWith("documents-") || name === first) firstResultBytes += sizes[name];
    }
    const largestFile = Math.max(...fetched.map((name) => sizes[name]));
    console.log(JSON.stringify({
      query, total: answer.total, bytes, firstResultBytes, largestFile, files: fetched,
      results: answer.results.map((r) => ({ url: r.url, title: r.title, kind: r.kind, score: r.score }))
    }));
  }
})().catch((error) => { console.error(error); process.exit(1); });
