/// One file of the built site, held in memory until the write stage.
public struct OutputFile: Sendable {
    public enum Contents: Sendable, Equatable {
        case text(String)
        /// Text in pieces, written one after the other. A large file made of pieces kept
        /// between rebuilds (the search index) is then never joined in memory: on a
        /// 10,000-article site joining it cost more than the rest of a one-edit rebuild.
        case parts([String])
        /// A file copied as it is (theme assets, `content/static/`), by its source path.
        case copy(from: String)
    }

    /// Path inside the output folder, e.g. `articles/apis/index.html`.
    public var path: String
    public var contents: Contents
    /// What made this file, for "two pages with the same URL" errors.
    public var origin: String

    public init(path: String, contents: Contents, origin: String) {
        self.path = path
        self.contents = contents
        self.origin = origin
    }

    public var text: String? {
        switch contents {
        case .text(let text): return text
        case .parts(let parts): return parts.joined()
        case .copy: return nil
        }
    }
}
