/// Splits a content file into its YAML front matter and its Markdown body.
///
/// The front matter starts on the first line, which must be exactly `---`, and ends at
/// the next line that is exactly `---` (trailing spaces and a CR are tolerated, so CRLF
/// files work). Splitting by lines, not by searching for `---`, keeps a thematic break
/// in the body or a `---` inside a YAML string from ending the block early.
struct FrontMatter: Equatable {
    var yaml: String
    /// The 1-based line of the file where the YAML starts (the line after the opening `---`).
    var yamlFirstLine: Int
    var body: String
    /// The 1-based line of the file where the body starts.
    var bodyFirstLine: Int

    enum SplitError: Error, Equatable {
        case missingOpening
        /// The opening `---` at line 1 has no closing line.
        case unterminated
    }

    static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        // Files are read with their line endings made "\n" (SourceFile.decode); then only
        // the front matter is walked line by line and the body is the rest of the text as
        // it stands, not split into lines and joined again.
        if !text.containsASCII(0x0D) { return splitLF(text) }
        var lines = text.splitLines()[...]
        guard let first = lines.first, isDelimiter(first) else { return .failure(.missingOpening) }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var lineNumber = 1
        while let line = lines.first {
            lines = lines.dropFirst()
            lineNumber += 1
            if isDelimiter(line) {
                let body = lines.joined(separator: "\n")
                return .success(FrontMatter(
                    yaml: yamlLines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }.joined(separator: "\n"),
                    yamlFirstLine: 2, body: body, bodyFirstLine: lineNumber + 1))
            }
            yamlLines.append(line)
        }
        return .failure(.unterminated)
    }

    /// `split` for text whose lines all end in "\n": the same result, with no copy of the body.
    private static func splitLF(_ text: String) -> Result<FrontMatter, SplitError> {
        let bytes = text.utf8
        var position = bytes.startIndex
        /// The next line, without its "\n"; `position` moves past it.
        func nextLine() -> Substring? {
            guard position < bytes.endIndex else { return nil }
            let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.endIndex
            defer { position = end == bytes.endIndex ? end : bytes.index(after: end) }
            return text[position..<end]
        }
        guard let first = nextLine(), isDelimiter(first) else {
            // An empty file still has one (empty) line: not a delimiter.
            return .failure(.missingOpening)
        }
        let yamlStart = position
        var lineNumber = 1
        while let line = nextLine() {
            lineNumber += 1
            if isDelimiter(line) {
                var yaml = text[yamlStart..<line.startIndex]
                if yaml.hasSuffix("\n") { yaml = yaml.dropLast() }
                return .success(FrontMatter(yaml: String(yaml), yamlFirstLine: 2,
                                            body: String(text[position...]), bodyFirstLine: lineNumber + 1))
            }
        }
        return .failure(.unterminated)
    }

    private static func isDelimiter(_ line: Substring) -> Bool {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
        return line == "---"
    }
}
