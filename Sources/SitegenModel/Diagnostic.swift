/// A position in a source file, 1-based, as editors and compilers count.
public struct SourceLocation: Hashable, Sendable, Comparable {
    public var path: String
    /// 0 when the line is not known (for example, a missing file).
    public var line: Int
    /// 0 when the column is not known.
    public var column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// One message about the input, printed in the compiler format
/// `path:line:col: error: message` so editors and terminals can jump to it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity = .error, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> Diagnostic {
        Diagnostic(.error, location, message)
    }

    public var description: String {
        var prefix = location.path
        if location.line > 0 {
            prefix += ":\(location.line)"
            if location.column > 0 { prefix += ":\(location.column)" }
        }
        return Self.terminalSafe("\(prefix): \(severity.rawValue): \(message)")
    }

    /// Control characters from files (an escape sequence in a skill id, a newline in a
    /// file name) written as `\u{1B}`, so a diagnostic cannot clear or recolour the
    /// terminal, nor pass for two lines.
    public static func terminalSafe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}

/// Thrown when a build cannot finish: carries every diagnostic the run found,
/// sorted by file and position, so one run reports all problems at once.
public struct BuildFailure: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { $0.location < $1.location }
    }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
