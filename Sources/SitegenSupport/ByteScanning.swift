import Foundation

extension StringProtocol {
    /// The lines of a text, split at LF and CRLF (the CR is dropped). Empty lines are kept,
    /// so indices are lines. Works on UTF-8 bytes: splitting by Character (grapheme
    /// clusters, where CRLF is one Character) was a hot spot on large sites.
    public func splitLines() -> [SubSequence] {
        var lines: [SubSequence] = []
        let bytes = utf8
        var lineStart = bytes.startIndex
        var index = lineStart
        var carriageReturn: Index?  // where a CR directly before the current byte stands
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                lines.append(self[lineStart..<(carriageReturn ?? index)])
                lineStart = bytes.index(after: index)
            }
            carriageReturn = byte == 0x0D ? index : nil
            index = bytes.index(after: index)
        }
        lines.append(self[lineStart..<bytes.endIndex])
        return lines
    }
}

extension String {
    /// Whether an ASCII byte occurs in the text: memchr over the UTF-8 bytes (iterating
    /// `utf8` byte by byte was a hot spot on large sites).
    public func containsASCII(_ byte: UInt8) -> Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// Replaces every occurrence of one ASCII byte by another, on the UTF-8 bytes: much
    /// cheaper than Foundation's `replacingOccurrences` for hot paths.
    public func replacingASCII(_ old: UInt8, with new: UInt8) -> String {
        guard containsASCII(old) else { return self }
        var text = self
        return text.withUTF8 { bytes in String(decoding: bytes.map { $0 == old ? new : $0 }, as: UTF8.self) }
    }
}

extension String {
    /// Replaces every occurrence of an ASCII literal, scanning UTF-8 bytes.
    public func replacingLiteral(_ pattern: StaticString, with replacement: String) -> String {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard let first = needle.first else { return self }
        var source = self
        return source.withUTF8 { bytes in
            var output: [UInt8] = []
            var index = 0, copied = 0
            let count = bytes.count, length = needle.count
            while index + length <= count {
                if bytes[index] == first, memcmp(bytes.baseAddress! + index, needle.baseAddress!, length) == 0 {
                    if output.isEmpty { output.reserveCapacity(count + 64) }
                    output.append(contentsOf: bytes[copied..<index])
                    output.append(contentsOf: replacement.utf8)
                    index += length
                    copied = index
                } else {
                    index += 1
                }
            }
            if copied == 0 { return self }
            output.append(contentsOf: bytes[copied..<count])
            return String(decoding: output, as: UTF8.self)
        }
    }
}

extension String {
    public func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}

extension StringProtocol {
    /// Whether the UTF-8 bytes start with an ASCII literal. For file names and paths, where
    /// bytes are what the file system compares; `hasPrefix` compares Characters, which
    /// cost more than the stat itself when listing ten thousand files. (Inlinable, so the
    /// caller's module specializes it: a generic call through `StringProtocol` cost as
    /// much again.)
    @inlinable
    public func hasASCIIPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        var bytes = utf8.makeIterator()
        for offset in 0..<count {
            guard let byte = bytes.next(), byte == prefix.utf8Start[offset] else { return false }
        }
        return true
    }

    /// Whether the UTF-8 bytes end with an ASCII literal (see `hasASCIIPrefix`).
    @inlinable
    public func hasASCIISuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount, total = utf8.count
        guard total >= count else { return false }
        var index = utf8.index(utf8.startIndex, offsetBy: total - count)
        for offset in 0..<count {
            guard utf8[index] == suffix.utf8Start[offset] else { return false }
            index = utf8.index(after: index)
        }
        return true
    }

    /// The text before the first occurrence of an ASCII byte and the text after it, or
    /// nil when it does not occur (`"articles/a.md"` at `/`: `"articles"`, `"a.md"`).
    @inlinable
    public func splitOnce(atASCII byte: UInt8) -> (before: SubSequence, after: SubSequence)? {
        guard let at = utf8.firstIndex(of: byte) else { return nil }
        return (self[..<at], self[utf8.index(after: at)...])
    }
}
