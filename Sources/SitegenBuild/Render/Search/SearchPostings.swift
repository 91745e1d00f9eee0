import SitegenSupport
import Foundation

/// The merged postings of a search index, and the files made from them.
///
/// `sitegen serve` keeps the last one (in `SearchIndex.Cache`), so a rebuild after an edit
/// to one article updates that article's postings instead of merging ten thousand
/// documents' again: that merge (millions of postings, every term sorted and encoded) was
/// most of a one-edit rebuild. Everything is indexed by term number (`TermTable`), so no
/// string is hashed here; strings are only compared to keep the terms in order.
struct SearchPostings {
    /// What one document adds to the index.
    struct Entry: Equatable, Sendable {
        let record: String
        /// Term numbers, ascending, and the weight of each in the document (same positions).
        /// Sorted so the same terms make equal entries whatever order the document listed
        /// them in (a dictionary's, which differs between two makings of one page), and so
        /// an old and a new entry are compared in one walk.
        let ids: [Int32]
        let weights: [UInt8]

        init(_ document: SearchIndex.Document, table: SearchIndex.TermTable) {
            let pairs = zip(table.intern(document.terms), document.terms.lazy.map(\.1)).sorted { $0.0 < $1.0 }
            record = document.record
            ids = pairs.map(\.0)
            weights = pairs.map(\.1)
        }
    }

    /// The documents in document-number order.
    private(set) var entries: [Entry]
    /// Indexed by term number from here on.
    private var names: [String]
    /// `document number << 3 | weight`, document numbers ascending (the encoding needs gaps).
    private var postings: [[UInt32]]
    /// `PostingCode.encode(postings[id])`; empty when no document has the term.
    private var encoded: [String]
    /// The term as a JSON key and its two-letter group, made when the term is first listed
    /// (empty before): kept because most terms outlive many rebuilds.
    private var literals: [String]
    private var groups: [String]
    /// The numbers of the terms some document has, sorted by the terms' UTF-8 bytes, which
    /// is also the order of their groups. A term no document has any more is not here.
    private var sorted: [Int32]
    /// The text of each documents-N.json as last made, and how many documents a file
    /// held then; nil where a document in it changed since. Joining ten thousand records
    /// again was most of the files' assembly.
    private var documentFiles: (perShard: Int, texts: [String?]) = (0, [])
    /// The postings and terms files as last made, each with the run of terms it held, and
    /// the postings file each term went to (by term number; -1: not listed). A file whose
    /// terms are all unchanged since is used again as it was: assembling every file anew
    /// was a sixth of a one-edit rebuild.
    private var termFiles: (postingBytes: Int, vocabularyBytes: Int, postings: [TermFile], vocabulary: [TermFile]) = (0, 0, [], [])
    private var lastShardOfTerm: [Int32] = []
    /// By term number: whether its postings changed (or it came or went) since `files` ran.
    private var termChanged: [Bool] = []
    private var changedTerms: [Int32] = []

    /// A postings or terms file as made, and the terms it held: `sorted[p..<p + count]` for
    /// the place `p` where it began.
    private struct TermFile {
        var first: Int32
        var last: Int32
        var count: Int
        var text: String
        /// It ended where the terms did, rather than because it was full.
        var reachedTheEnd: Bool
        /// A terms file's groups, in order.
        var groups: [String] = []
    }

    /// More changed documents than this, and merging afresh is cheaper than moving each
    /// posting in and out of lists (a reordering of the articles changes most of them).
    static func changeLimit(documents: Int) -> Int { max(8, documents / 8) }

    /// A fresh merge. `names` is the table the entries were numbered by.
    init(entries: [Entry], names: [String]) {
        var postings = [[UInt32]](repeating: [], count: names.count)
        // Document numbers ascend because documents are read in order.
        for (number, entry) in entries.enumerated() {
            for (id, weight) in zip(entry.ids, entry.weights) {
                postings[Int(id)].append(UInt32(number) << 3 | UInt32(weight))
            }
        }
        self.entries = entries
        self.names = names
        self.postings = postings
        sorted = names.indices.filter { !postings[$0].isEmpty }.map(Int32.init)
            .sorted { names[Int($0)].utf8.lexicographicallyPrecedes(names[Int($1)].utf8) }
        encoded = Array(repeating: "", count: names.count)
        literals = Array(repeating: "", count: names.count)
        groups = Array(repeating: "", count: names.count)
        termChanged = Array(repeating: false, count: names.count)
        for id in sorted { list(Int(id)) }
    }

    /// Brings the index to `newEntries` by changing only the documents that differ from
    /// the current ones. Returns false, changing nothing, when a fresh merge is needed: the
    /// documents were added, removed (every later number moves) or too many changed. Also
    /// false, part-way through, if the index finds its own lists inconsistent: then it is
    /// no longer usable, and the caller merges afresh (as `SearchIndex.Cache` does).
    mutating func update(to newEntries: [Entry], names newNames: [String]) -> Bool {
        guard newEntries.count == entries.count else { return false }
        // Unchanged articles are the cached values: their arrays compare by identity, at once.
        let changed = newEntries.indices.filter { newEntries[$0] != entries[$0] }
        guard changed.count <= Self.changeLimit(documents: entries.count) else { return false }
        names = newNames
        let grown = names.count - postings.count
        if grown > 0 {
            postings += Array(repeating: [], count: grown)
            encoded += Array(repeating: "", count: grown)
            literals += Array(repeating: "", count: grown)
            groups += Array(repeating: "", count: grown)
            termChanged += Array(repeating: false, count: grown)
        }
        // Each touched term, and whether it was listed before the changes.
        var touched: [Int32: Bool] = [:]
        func touch(_ id: Int32) {
            if touched[id] == nil { touched[id] = !postings[Int(id)].isEmpty }
        }
        for number in changed {
            let old = entries[number], new = newEntries[number]
            entries[number] = new
            if documentFiles.perShard > 0 { documentFiles.texts[number / documentFiles.perShard] = nil }
            // A term that kept its weight keeps its posting: an edit to a few words
            // re-encodes the lists of those words only.
            let key = UInt32(number) << 3
            var (oldAt, newAt) = (0, 0)
            while oldAt < old.ids.count || newAt < new.ids.count {
                let oldID = oldAt < old.ids.count ? old.ids[oldAt] : .max
                let newID = newAt < new.ids.count ? new.ids[newAt] : .max
                if oldID < newID {  // the document lost this term
                    touch(oldID)
                    // No local copy of the list: removing from it would then copy it whole.
                    let at = Self.firstIndex(in: postings[Int(oldID)], notBelow: key)
                    // Never seen; should the index's own state be inconsistent, a fresh
                    // merge repairs it instead of stopping `serve`.
                    guard at < postings[Int(oldID)].count && postings[Int(oldID)][at] >> 3 == UInt32(number) else { return false }
                    postings[Int(oldID)].remove(at: at)
                    oldAt += 1
                } else if newID < oldID {  // gained it
                    touch(newID)
                    postings[Int(newID)].insert(key | UInt32(new.weights[newAt]), at: Self.firstIndex(in: postings[Int(newID)], notBelow: key))
                    newAt += 1
                } else {  // kept it, maybe with another weight
                    if old.weights[oldAt] != new.weights[newAt] {
                        touch(newID)
                        postings[Int(newID)][Self.firstIndex(in: postings[Int(newID)], notBelow: key)] = key | UInt32(new.weights[newAt])
                    }
                    oldAt += 1
                    newAt += 1
                }
            }
        }
        for id in touched.keys where !termChanged[Int(id)] {
            termChanged[Int(id)] = true
            changedTerms.append(id)
        }
        for (id, wasListed) in touched {
            let index = Int(id)
            let listed = !postings[index].isEmpty
            if wasListed && !listed {
                let at = position(of: names[index])
                guard at < sorted.count && sorted[at] == id else { return false }  // as above
                sorted.remove(at: at)
                encoded[index] = ""
            } else if listed {
                if !wasListed { sorted.insert(id, at: position(of: names[index])) }
                list(index)
            }
        }
        return true
    }

    /// Encodes a term that some document has, and makes its key and group if it has none yet.
    private mutating func list(_ id: Int) {
        encoded[id] = PostingCode.encode(postings[id])
        if literals[id].isEmpty {
            literals[id] = ScriptSafeString.literal(names[id])
            groups[id] = SearchTerms.group(names[id])
        }
    }

    /// Where `name` is or belongs in `sorted`.
    private func position(of name: String) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if names[Int(sorted[middle])].utf8.lexicographicallyPrecedes(name.utf8) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func firstIndex(in list: [UInt32], notBelow key: UInt32) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: - Files

    /// Every file of the index (see `SearchIndex` for what each holds), manifest first.
    /// Mutating only to keep the files, to use again those whose contents did not change.
    mutating func files(layout: SearchIndex.Layout) -> [(path: String, text: String)] {
        var files: [(path: String, text: String)] = []

        // documents-N.json
        let perShard = layout.documentsPerShard
        if documentFiles.perShard != perShard {
            documentFiles = (perShard, Array(repeating: nil, count: (entries.count + perShard - 1) / perShard))
        }
        for shard in documentFiles.texts.indices {
            let text = documentFiles.texts[shard] ?? {
                let documents = entries[shard * perShard..<min((shard + 1) * perShard, entries.count)]
                return "[" + documents.map(\.record).joined(separator: ",\n") + "]\n"
            }()
            documentFiles.texts[shard] = text
            files.append(("search/documents-\(shard).json", text))
        }

        // A layout other than last time's moves every boundary.
        if termFiles.postingBytes != layout.postingBytes || termFiles.vocabularyBytes != layout.vocabularyBytes {
            termFiles = (layout.postingBytes, layout.vocabularyBytes, [], [])
        }

        // postings-N.json, and which file each term (by its place in `sorted`) went to.
        var shardOfTerm: [Int32] = []
        shardOfTerm.reserveCapacity(sorted.count)
        var postingFiles: [TermFile] = []
        var reused = Dictionary(termFiles.postings.map { ($0.first, $0) }, uniquingKeysWith: { a, _ in a })
        var position = 0
        while position < sorted.count {
            let number = Int32(postingFiles.count)
            var file: TermFile
            if let cached = reused.removeValue(forKey: sorted[position]), holdsTheSameTerms(cached, at: position) {
                file = cached
            } else {
                let start = position
                var shard = ""
                // Terms go in while the file is below its size (the first always does).
                while position < sorted.count && (shard.isEmpty || shard.utf8.count < layout.postingBytes) {
                    let id = Int(sorted[position])
                    if !shard.isEmpty { shard += ",\n" }
                    shard += literals[id]
                    shard += ":\""
                    shard += encoded[id]
                    shard += "\""
                    position += 1
                }
                file = TermFile(first: sorted[start], last: sorted[position - 1], count: position - start,
                                text: "{" + shard + "}\n", reachedTheEnd: position == sorted.count)
                position = start
            }
            files.append(("search/postings-\(number).json", file.text))
            shardOfTerm += repeatElement(number, count: file.count)
            position += file.count
            postingFiles.append(file)
        }

        // terms-N.json: whole groups, in order.
        var groupShard: [(String, Int)] = []
        var vocabularyFiles: [TermFile] = []
        reused = Dictionary(termFiles.vocabulary.map { ($0.first, $0) }, uniquingKeysWith: { a, _ in a })
        position = 0
        while position < sorted.count {
            let number = vocabularyFiles.count
            var file: TermFile
            if let cached = reused.removeValue(forKey: sorted[position]), holdsTheSameTerms(cached, at: position),
               position + cached.count == sorted.count || groups[Int(sorted[position + cached.count])] != groups[Int(cached.last)],
               (position..<position + cached.count).allSatisfy({ shardOfTerm[$0] == lastShardOfTerm[Int(sorted[$0])] }) {
                file = cached
            } else {
                let start = position
                var vocabulary = ""
                var fileGroups: [String] = []
                // Whole groups go in while the file is below its size (the first always does).
                while position < sorted.count && (vocabulary.isEmpty || vocabulary.utf8.count < layout.vocabularyBytes) {
                    let group = groups[Int(sorted[position])]
                    fileGroups.append(group)
                    while position < sorted.count && groups[Int(sorted[position])] == group {
                        let id = Int(sorted[position])
                        if !vocabulary.isEmpty { vocabulary += ",\n" }
                        vocabulary += literals[id]
                        vocabulary += ":[\(shardOfTerm[position]),\(postings[id].count)]"
                        position += 1
                    }
                }
                file = TermFile(first: sorted[start], last: sorted[position - 1], count: position - start,
                                text: "{" + vocabulary + "}\n", reachedTheEnd: position == sorted.count, groups: fileGroups)
                position = start
            }
            files.append(("search/terms-\(number).json", file.text))
            groupShard += file.groups.map { ($0, number) }
            position += file.count
            vocabularyFiles.append(file)
        }

        termFiles.postings = postingFiles
        termFiles.vocabulary = vocabularyFiles
        lastShardOfTerm = Array(repeating: -1, count: names.count)
        for (place, id) in sorted.enumerated() { lastShardOfTerm[Int(id)] = shardOfTerm[place] }
        for id in changedTerms { termChanged[Int(id)] = false }
        changedTerms = []

        var manifest = "{\"version\":1,\"documents\":\(entries.count),\"documentsPerShard\":\(layout.documentsPerShard)"
        manifest += ",\"minimumLength\":\(SearchTerms.minimumLength)"
        manifest += ",\"weights\":{" + SearchIndex.Weight.allCases.map { "\"\($0.name)\":\($0.rawValue)" }.joined(separator: ",") + "}"
        manifest += ",\"postingBytes\":[" + postingFiles.map { String($0.text.utf8.count) }.joined(separator: ",") + "]"
        manifest += ",\"groups\":{" + groupShard.map { ScriptSafeString.literal($0.0) + ":\($0.1)" }.joined(separator: ",") + "}}\n"
        files.insert((manifestPath, manifest), at: 0)
        return files
    }

    /// Whether a file made before holds exactly the terms from `position` on: the same
    /// first and last term, none changed in between (a term that came or went is a changed
    /// one), and, when it ended with the terms, still nothing after it.
    private func holdsTheSameTerms(_ file: TermFile, at position: Int) -> Bool {
        let end = position + file.count
        guard end <= sorted.count, sorted[end - 1] == file.last, !file.reachedTheEnd || end == sorted.count else { return false }
        return !sorted[position..<end].contains { termChanged[Int($0)] }
    }

    private var manifestPath: String { SearchIndex.manifestPath }
}
