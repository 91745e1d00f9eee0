import SitegenModel
import Foundation

/// Reads an image's width and height from the start of its file, so every `<img>` of a
/// local file gets `width` and `height` and the page does not shift while it loads.
/// Only the header is read: the first 64 KB cover every format below, JPEG included
/// (its size sits in the first frame marker, after any EXIF block that fits).
enum ImageHeader {
    static let bytesRead = 64 * 1024

    /// A file whose size this reader may know, by its name.
    static func isImage(_ path: String) -> Bool {
        let name = path.lowercased()
        return [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"].contains { name.hasSuffix($0) }
    }

    /// The size of the image at `path`, or nil when it is not a PNG, GIF, JPEG, WebP or
    /// SVG this reader understands (the `<img>` is then written without a size).
    static func size(ofFileAt path: String) -> ImageSize? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: bytesRead) else { return nil }
        return size(of: [UInt8](data))
    }

    static func size(of bytes: [UInt8]) -> ImageSize? {
        png(bytes) ?? gif(bytes) ?? jpeg(bytes) ?? webp(bytes) ?? svg(bytes)
    }

    // PNG: the IHDR chunk comes first; width and height are big-endian at 16 and 20.
    private static func png(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
              b[12...15].elementsEqual(Array("IHDR".utf8)) else { return nil }
        return sized(bigEndian(b, 16, 4), bigEndian(b, 20, 4))
    }

    // GIF: the logical screen size, little-endian at 6 and 8.
    private static func gif(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 10, b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) else { return nil }
        return sized(Int(b[6]) | Int(b[7]) << 8, Int(b[8]) | Int(b[9]) << 8)
    }

    // JPEG: walk the markers to the first start-of-frame (SOF0-SOF15 but DHT, JPG, DAC).
    private static func jpeg(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 9 < b.count {
            guard b[offset] == 0xFF else { return nil }
            let marker = b[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            let length = bigEndian(b, offset + 2, 2)
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                return sized(bigEndian(b, offset + 7, 2), bigEndian(b, offset + 5, 2))
            }
            guard length >= 2 else { return nil }
            offset += 2 + length
        }
        return nil
    }

    // WebP: a RIFF container holding a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
    private static func webp(_ b: [UInt8]) -> ImageSize? {
        guard b.count >= 30, b.starts(with: Array("RIFF".utf8)), b[8...11].elementsEqual(Array("WEBP".utf8)) else { return nil }
        let chunk = String(decoding: b[12...15], as: UTF8.self)
        switch chunk {
        case "VP8 ":
            // After the frame tag and start code 9D 01 2A: 14-bit width and height.
            guard b[23] == 0x9D, b[24] == 0x01, b[25] == 0x2A else { return nil }
            return sized(littleEndian(b, 26, 2) & 0x3FFF, littleEndian(b, 28, 2) & 0x3FFF)
        case "VP8L":
            guard b[20] == 0x2F else { return nil }
            let bits = littleEndian(b, 21, 4)
            return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X":
            return sized(littleEndian(b, 24, 3) + 1, littleEndian(b, 27, 3) + 1)
        default:
            return nil
        }
    }

    // SVG: `width` and `height` in pixels on the root element, else its viewBox.
    private static func svg(_ b: [UInt8]) -> ImageSize? {
        let text = String(decoding: b, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: ">") else { return nil }
        let tag = String(text[start.upperBound..<end])
        if let width = attribute("width", in: tag).flatMap(pixels), let height = attribute("height", in: tag).flatMap(pixels) {
            return sized(width, height)
        }
        guard let box = attribute("viewBox", in: tag) else { return nil }
        let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" || $0 == "\n" }).compactMap { Double($0) }
        guard numbers.count == 4 else { return nil }
        return sized(Int(numbers[2].rounded()), Int(numbers[3].rounded()))
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        for quote in ["\"", "'"] {
            if let range = tag.range(of: " \(name)=\(quote)") ?? tag.range(of: "\n\(name)=\(quote)") ?? tag.range(of: "\t\(name)=\(quote)"),
               let close = tag[range.upperBound...].firstIndex(of: Character(quote)) {
                return String(tag[range.upperBound..<close])
            }
        }
        return nil
    }

    /// `120`, `120px`, `120.5`: pixels; `50%` or `10em` say nothing about the size.
    private static func pixels(_ value: String) -> Int? {
        let number = value.hasSuffix("px") ? String(value.dropLast(2)) : value
        return Double(number.trimmingCharacters(in: .whitespaces)).map { Int($0.rounded()) }
    }

    private static func sized(_ width: Int, _ height: Int) -> ImageSize? {
        width > 0 && height > 0 ? ImageSize(width: width, height: height) : nil
    }

    private static func bigEndian(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= b.count else { return 0 }
        return b[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int {
        guard offset + count <= b.count else { return 0 }
        return b[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
