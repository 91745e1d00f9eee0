import Foundation

/// Byte-level scans of rendered HTML.
public enum HTMLScanner {
    /// The values of `id="..."` attributes in an HTML text. A byte search that jumps from
    /// one `=` to the next with memchr: every page that links point into is scanned once
    /// per build, and a byte-by-byte loop was the slowest part of link checking.
    public static func ids(in html: String) -> Set<String> {
        var html = html
        return html.withUTF8 { bytes in
            var ids = Set<String>()
            guard let base = bytes.baseAddress else { return ids }
            let count = bytes.count
            var offset = 3
            // ` id="`: an `=` with " id" before it and a quote after it.
            while offset + 1 < count, let found = memchr(base + offset, 0x3D, count - offset - 1) {
                let equals = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                offset = equals + 1
                guard bytes[equals - 3] == 0x20, bytes[equals - 2] == 0x69, bytes[equals - 1] == 0x64,
                      bytes[equals + 1] == 0x22 else { continue }
                let start = equals + 2
                var end = start
                while end < count && bytes[end] != 0x22 { end += 1 }
                ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                offset = end
            }
            return ids
        }
    }
}
