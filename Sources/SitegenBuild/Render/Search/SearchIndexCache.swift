import SitegenSupport
import Foundation

extension SearchIndex {
    /// What `sitegen serve` keeps of the search index between rebuilds, so an edit to one
    /// article re-reads and re-merges one article. Only valid while the site key is unchanged.
    final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        /// Outlives `removeAll`: a term's number stays valid whatever else changed.
        let table = TermTable()
        /// Each article's `articleKey`; outlives `removeAll` too (it depends on the article alone).
        let articleKeys = ArticleMemo<Int>()
        /// The articles' documents of the last index and their keys (content hash and place),
        /// in reading order: only these are kept, so an article edited a thousand times
        /// does not leave a thousand old documents behind.
        private var keys: [Int] = []
        private var documents: [Document] = []
        /// The files of the last index and what they were made from: a rebuild in which no
        /// indexed document changed (most `serve` rebuilds) reuses them without merging.
        private var lastFiles: (key: Int, files: [(path: String, text: String)])?
        /// The postings of the last index, updated in place when few documents changed.
        private var merged: SearchPostings?

        /// The pages, salaries and skills documents of the last index, and their key.
        private var others: (key: Int, documents: [Document])?

        func removeAll() { lock.withLock { keys = []; documents = []; lastFiles = nil; merged = nil; others = nil } }

        func otherDocuments(key: Int, make: () -> [Document]) -> [Document] {
            if let others = lock.withLock({ others }), others.key == key { return others.documents }
            let made = make()
            lock.withLock { others = (key, made) }
            return made
        }

        /// The documents of the articles with these keys, made (in parallel) only for the keys
        /// not cached. An article whose key is where it was takes the document there without
        /// a lookup; ten thousand hashed lookups (and a dictionary rebuilt) cost 7 ms a rebuild.
        func articleDocuments(keys newKeys: [Int], make: @Sendable (Int) -> Document) -> [Document] {
            lock.lock()
            var found: [Document?] = newKeys.indices.map { index in
                index < keys.count && keys[index] == newKeys[index] ? documents[index] : nil
            }
            if found.contains(where: { $0 == nil }) {
                // Articles added, removed or moved: look the rest up by key.
                let position = Dictionary(zip(keys, keys.indices), uniquingKeysWith: { first, _ in first })
                for index in found.indices where found[index] == nil {
                    found[index] = position[newKeys[index]].map { documents[$0] }
                }
            }
            lock.unlock()
            let missing = found.indices.filter { found[$0] == nil }
            for (index, document) in zip(missing, ParallelMap.map(missing, make)) { found[index] = document }
            let result = found.map { $0! }
            lock.withLock {
                keys = newKeys
                documents = result
            }
            return result
        }

        func files(for key: Int, make: () -> [(path: String, text: String)]) -> [(path: String, text: String)] {
            if let last = lock.withLock({ lastFiles }), last.key == key { return last.files }
            let files = make()
            lock.withLock { lastFiles = (key, files) }
            return files
        }

        /// The files of `documents`' index, from the last merge where it can be updated.
        func files(of documents: [Document], layout: Layout) -> [(path: String, text: String)] {
            let entries = documents.map { $0.entry ?? SearchPostings.Entry($0, table: table) }
            let names = table.all
            return lock.withLock {
                var postings: SearchPostings
                if var last = merged {
                    // Let go of the stored copy so the update mutates the only one, in place.
                    merged = nil
                    postings = last.update(to: entries, names: names) ? last : SearchPostings(entries: entries, names: names)
                } else {
                    postings = SearchPostings(entries: entries, names: names)
                }
                let files = postings.files(layout: layout)
                merged = postings
                return files
            }
        }
    }
}
