import Foundation
import SitegenBuild
import SitegenModel

/// Prints diagnostics in the compiler format: coloured on a terminal, plain when piped
/// or when NO_COLOR is set (https://no-color.org).
struct Console {
    let useColor: Bool
    var quiet = false
    var verbose = false

    init(quiet: Bool = false, verbose: Bool = false) {
        let environment = ProcessInfo.processInfo.environment
        useColor = isatty(STDERR_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        self.quiet = quiet
        self.verbose = verbose
    }

    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            if diagnostic.severity == .note && !verbose { continue }
            if diagnostic.severity == .warning && quiet { continue }
            error(format(diagnostic))
        }
    }

    func format(_ diagnostic: Diagnostic) -> String {
        guard useColor else { return diagnostic.description }
        let text = diagnostic.description
        let marker = ": \(diagnostic.severity.rawValue): "
        guard let range = text.range(of: marker) else { return text }
        let color: String
        switch diagnostic.severity {
        case .error: color = "\u{1B}[1;31m"
        case .warning: color = "\u{1B}[1;33m"
        case .note: color = "\u{1B}[1;36m"
        }
        return "\u{1B}[1m\(text[..<range.lowerBound]):\u{1B}[0m \(color)\(diagnostic.severity.rawValue):\u{1B}[0m \u{1B}[1m\(text[range.upperBound...])\u{1B}[0m"
    }

    /// The one summary line of a successful run (stdout).
    func summary(_ line: String) {
        // Written straight to the file descriptor: a pipe reader (a test, a script) sees it at once.
        if !quiet { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    func info(_ line: String) {
        if verbose { error(line) }
    }

    func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
