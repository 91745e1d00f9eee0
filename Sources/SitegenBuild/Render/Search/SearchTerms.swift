import Foundation

/// How text becomes search terms. `assets/search.js` splits a query the same way
/// (`terms()` there): lower case, accents dropped, runs of letters and digits, at least
/// `minimumLength` long. The two must agree, or a word in the index is never found.
enum SearchTerms {
    /// One-letter words ("a", "I", the "C" of "C++") are left out: they match everything
    /// and their postings would be the largest part of the index.
    static let minimumLength = 2
    /// Longer runs (hashes, base64 in code) are noise no reader types.
    static let maximumLength = 40

    /// The terms of `text`, in order, repeats kept (the caller counts them).
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        forEachTerm(text) { result.append($0) }
        return result
    }

    /// Calls `body` with each term of `text`, in order. Runs of ASCII letters and digits are
    /// folded byte by byte (most text is ASCII, and this is the index's hot loop); a run
    /// that holds any other byte (an accent, a dash, a curly quote) goes through Unicode.
    static func forEachTerm(_ text: String, _ body: (String) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            var ascii = true
            func flush(_ end: Int) {
                defer { start = end + 1; ascii = true }
                guard end > start else { return }
                let run = UnsafeBufferPointer(rebasing: bytes[start..<end])
                if ascii {
                    if run.count >= minimumLength && run.count <= maximumLength {
                        body(String(unsafeUninitializedCapacity: run.count) { buffer in
                            for (index, byte) in run.enumerated() {
                                buffer[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                            }
                            return run.count
                        })
                    }
                } else {
                    unicodeTerms(String(decoding: run, as: UTF8.self), body)
                }
            }
            for index in 0..<bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "A")...UInt8(ascii: "Z"): continue
                case 0x80...: ascii = false
                default: flush(index)
                }
            }
            flush(bytes.count)
        }
    }

    /// Lower case with accents removed, as the script's NFD-then-drop-marks does, split
    /// at anything that is not a letter or a digit.
    private static func unicodeTerms(_ text: String, _ body: (String) -> Void) {
        let folded = text.lowercased().decomposedStringWithCanonicalMapping
        var word = String.UnicodeScalarView()
        var length = 0
        func flush() {
            if length >= minimumLength && length <= maximumLength { body(String(word)) }
            word.removeAll(keepingCapacity: true)
            length = 0
        }
        for scalar in folded.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }  // combining accents
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.append(scalar)
                length += 1
            } else {
                flush()
            }
        }
        flush()
    }

    /// The group a term's vocabulary entry is filed under: its first two characters
    /// (Unicode scalars, which the script reads with `Array.from`). A query term fetches
    /// its group only, so prefix and one-typo matches look among terms that share it.
    static func group(_ term: String) -> String {
        String(String.UnicodeScalarView(term.unicodeScalars.prefix(minimumLength)))
    }
}
