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
        // Most text is ASCII: fold and split its bytes directly, without Foundation.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var word: [UInt8] = []
            func flush() {
                if word.count >= minimumLength && word.count <= maximumLength {
                    result.append(String(decoding: word, as: UTF8.self))
                }
                word.removeAll(keepingCapacity: true)
            }
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
                default: flush()
                }
            }
            flush()
            return result
        }
        // Lower case with accents removed, as the script's NFD-then-drop-marks does.
        let folded = text.lowercased().decomposedStringWithCanonicalMapping
        var word = String.UnicodeScalarView()
        var length = 0
        func flush() {
            if length >= minimumLength && length <= maximumLength { result.append(String(word)) }
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
        return result
    }

    /// The group a term's vocabulary entry is filed under: its first two characters
    /// (Unicode scalars, which the script reads with `Array.from`). A query term fetches
    /// its group only, so prefix and one-typo matches look among terms that share it.
    static func group(_ term: String) -> String {
        String(String.UnicodeScalarView(term.unicodeScalars.prefix(minimumLength)))
    }
}
