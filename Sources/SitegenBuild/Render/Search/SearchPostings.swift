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
        for id in sorted { list(Int(id)) }
    }

    /// Brings the index to `newEntries` by changing only the documents that differ from
    /// the current ones. Returns false, changing nothing, when a fresh merge is needed: the
    /// documents were added, removed (every later number moves) or too many changed.
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
                    precondition(at < postings[Int(oldID)].count && postings[Int(oldID)][at] >> 3 == UInt32(number),
                                 "document \(number) is missing from a term it had")
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
        for (id, wasListed) in touched {
            let index = Int(id)
            let listed = !postings[index].isEmpty
            if wasListed && !listed {
                let at = position(of: names[index])
                precondition(at < sorted.count && sorted[at] == id, "a listed term is missing from the order")
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
    /// Mutating only to keep the documents files for the next call.
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

        // postings-N.json, and which file each term (by its place in `sorted`) went to.
        var shardOfTerm: [Int] = []
        shardOfTerm.reserveCapacity(sorted.count)
        var postingSizes: [Int] = []
        var shard = ""
        func closePostings() {
            guard !shard.isEmpty else { return }
            let text = "{" + shard + "}\n"
            files.append(("search/postings-\(postingSizes.count).json", text))
            postingSizes.append(text.utf8.count)
            shard = ""
        }
        for id in sorted {
            if shard.utf8.count >= layout.postingBytes { closePostings() }
            if !shard.isEmpty { shard += ",\n" }
            shard += literals[Int(id)]
            shard += ":\""
            shard += encoded[Int(id)]
            shard += "\""
            shardOfTerm.append(postingSizes.count)
        }
        closePostings()

        // terms-N.json: whole groups, in order.
        var groupShard: [(String, Int)] = []
        var vocabularyCount = 0
        var vocabulary = ""
        var index = 0
        while index < sorted.count {
            let group = groups[Int(sorted[index])]
            if vocabulary.utf8.count >= layout.vocabularyBytes {
                files.append(("search/terms-\(vocabularyCount).json", "{" + vocabulary + "}\n"))
                vocabularyCount += 1
                vocabulary = ""
            }
            groupShard.append((group, vocabularyCount))
            while index < sorted.count && groups[Int(sorted[index])] == group {
                let id = Int(sorted[index])
                if !vocabulary.isEmpty { vocabulary += ",\n" }
                vocabulary += literals[id]
                vocabulary += ":[\(shardOfTerm[index]),\(postings[id].count)]"
                index += 1
            }
        }
        if !vocabulary.isEmpty {
            files.append(("search/terms-\(vocabularyCount).json", "{" + vocabulary + "}\n"))
        }

        var manifest = "{\"version\":1,\"documents\":\(entries.count),\"documentsPerShard\":\(layout.documentsPerShard)"
        manifest += ",\"minimumLength\":\(SearchTerms.minimumLength)"
        manifest += ",\"weights\":{" + SearchIndex.Weight.allCases.map { "\"\($0.name)\":\($0.rawValue)" }.joined(separator: ",") + "}"
        manifest += ",\"postingBytes\":[" + postingSizes.map(String.init).joined(separator: ",") + "]"
        manifest += ",\"groups\":{" + groupShard.map { ScriptSafeString.literal($0.0) + ":\($0.1)" }.joined(separator: ",") + "}}\n"
        files.insert((manifestPath, manifest), at: 0)
        return files
    }

    private var manifestPath: String { SearchIndex.manifestPath }
}
