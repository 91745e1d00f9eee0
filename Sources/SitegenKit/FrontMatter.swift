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

    private static func isDelimiter(_ line: Substring) -> Bool {
        var line = line
        while let last = line.last, last == "\r" || last == " " || last == "\t" { line = line.dropLast() }
        return line == "---"
    }
}
