import SitegenModel
import SitegenSupport

// The small pieces of HTML and source scanning that `Markdown.render` adds to what
// libcmark writes: sized image tags, attribute escaping, pipe-table detection.
extension Markdown {
    /// An `<img>` with its size, so the page keeps its layout while the image loads.
    static func imageTag(src: String, alt: String, title: String, size: ImageSize, lazy: Bool) -> String {
        "<img src=\"\(XML.escape(src))\" alt=\"\(XML.escape(alt))\"" + (title.isEmpty ? "" : " title=\"\(XML.escape(title))\"")
            + " width=\"\(size.width)\" height=\"\(size.height)\"" + (lazy ? " loading=\"lazy\" decoding=\"async\"" : "") + ">"
    }

    /// The line of a paragraph that is a pipe table's delimiter row (`|---|:--:|`), if any:
    /// only pipes, dashes, colons and spaces, with at least one pipe and three dashes.
    static func pipeTableDelimiterLine(in bytes: [UInt8], lineStarts: [Int], from first: Int, to last: Int) -> Int? {
        guard first >= 1, last <= lineStarts.count, first <= last else { return nil }
        for line in first...last {
            let start = lineStarts[line - 1]
            let end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
            var pipes = 0, dashes = 0, other = false
            for byte in bytes[start..<end] {
                switch byte {
                case 0x7C: pipes += 1
                case 0x2D: dashes += 1
                case 0x3A, 0x20, 0x09: break
                default: other = true
                }
                if other { break }
            }
            if !other && pipes >= 1 && dashes >= 3 { return line }
        }
        return nil
    }
}
