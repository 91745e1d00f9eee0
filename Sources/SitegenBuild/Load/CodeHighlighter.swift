import CHighlight
import Foundation

/// Colours code blocks at build time with GNU Source-highlight (see `CHighlight`): the
/// code comes out as escaped HTML with `<span class="hl-keyword">`-style tokens, which
/// the theme's CSS colours. No JavaScript reaches the reader.
///
/// A language is found in the theme's own `templates/languages/<name>.lang` first (the
/// guide ships YAML and HTTP, which Source-highlight lacks), then among the definitions
/// Source-highlight installs (`/usr/share/source-highlight`).
struct CodeHighlighter: Sendable, Equatable {
    /// `templates/languages`, or nil when the theme has none.
    var languagesFolder: String?
    /// Changes when a file of `languagesFolder` changes, so no older parse is reused.
    var version: UInt

    enum Result: Equatable {
        /// Escaped HTML with the tokens in spans (no `<pre>` or `<code>`).
        case highlighted(String)
        /// The language has no definition: the caller shows the code plain.
        case noGrammar
        /// The definition could not be read just now (too many open files, say).
        case unreadable
        /// The library gave up on this block; the message says why.
        case failed(String)
    }

    func highlight(_ code: String, language: String) -> Result {
        guard !language.isEmpty else { return .noGrammar }
        var code = code
        var unreadable: Int32 = 0
        let html = code.withUTF8 { bytes -> String? in
            // An empty block may have no base address; a one-byte stand-in is never read.
            let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
            let html = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                sitegen_highlight(languagesFolder, UInt(version), language, pointer, bytes.count, &unreadable)
            }
            guard let html else { return nil }
            defer { sitegen_highlight_free(html) }
            return String(cString: html)
        }
        if let html { return .highlighted(html) }
        switch unreadable {
        case 1: return .unreadable
        case 2:
            let message = sitegen_highlight_failure()
            defer { sitegen_highlight_free(message) }
            return .failed(message.map { String(cString: $0) } ?? "highlighting failed")
        default: return .noGrammar
        }
    }
}
