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

    /// The code as highlighted HTML (no `<pre>` or `<code>`), or nil when `language` has
    /// no definition: the caller shows it plain.
    func highlight(_ code: String, language: String) -> String? {
        guard !language.isEmpty else { return nil }
        var code = code
        return code.withUTF8 { bytes -> String? in
            // An empty block has no base address; it has nothing to colour either.
            guard let base = bytes.baseAddress else { return nil }
            let html = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                sitegen_highlight(languagesFolder, UInt(version), language, pointer, bytes.count)
            }
            guard let html else { return nil }
            defer { sitegen_highlight_free(html) }
            return String(cString: html)
        }
    }

    func hasGrammar(for language: String) -> Bool {
        !language.isEmpty && sitegen_highlight_supports(languagesFolder, UInt(version), language) == 1
    }
}
