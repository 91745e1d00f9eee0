import SitegenModel
import SitegenSupport
import Foundation

/// `sitegen new`: starts an article or a skill without disturbing anything that exists.
public enum Scaffold {
    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case invalid(String)
        case io(String)

        public var description: String {
            switch self {
            case .exists(let message), .invalid(let message), .io(let message): return message
            }
        }
    }

    /// A slug from a title: ASCII letters and digits, words joined by hyphens.
    public static func slug(for title: String) -> String {
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingHyphen && !slug.isEmpty { slug += "-" }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// Writes `content/articles/<slug>.md` with valid front matter; never overwrites.
    @discardableResult
    public static func newArticle(title: String, source: String, today: Day = Day(.now)) throws(Failure) -> String {
        let layout = SiteLayout(source: source)
        // A line break would put the rest of the title on lines of its own, where a `---`
        // line ends the front matter; other control characters have no place in a title.
        if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw .invalid("error: the title must be one line of text: it contains a line break or another control character")
        }
        let slug = shortened(slug(for: title))
        guard Slug.isValid(slug) else { throw .invalid("error: cannot make a file name from the title \"\(title)\"; use letters or digits") }
        let folder = layout.contentURL.appendingPathComponent("articles", isDirectory: true)
        let url = folder.appendingPathComponent("\(slug).md")
        let shown = layout.display(url)
        let text = """
        ---
        title: \(yamlQuoted(title))
        summary: "Say in a sentence or two what the reader gets from this article."
        date: \(today.iso)
        skills: []
        draft: true
        ---

        ## First section

        Write here. Link other articles by their file name, for example `[APIs](apis.md)`.

        """
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .io("\(layout.display(folder)): error: cannot create the folder: \(describe(error))")
        }
        // O_EXCL: fails if the file appeared since, so an existing article is never replaced.
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw .exists("\(shown): error: the article already exists; choose another title or edit it") }
            throw .io("\(shown): error: cannot create the file: \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        handle.write(Data(text.utf8))
        return shown
    }

    /// Appends a skill stub to `content/skills.yaml`, leaving the rest of the file as it is.
    @discardableResult
    public static func newSkill(id: String, source: String) throws(Failure) -> String {
        let layout = SiteLayout(source: source)
        guard Slug.isValid(id) else { throw .invalid("error: \"\(id)\" is not a valid skill id; \(Slug.rule)") }
        let url = layout.contentURL.appendingPathComponent("skills.yaml")
        let shown = layout.display(url)
        var existing = ""
        if FileManager.default.fileExists(atPath: url.path) {
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .io("\(shown): error: cannot read the file as UTF-8")
            }
            existing = text
        }
        let ids = existing.splitLines().compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("- id:") || trimmed.hasPrefix("id:") else { return nil }
            return trimmed.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
        }
        if ids.contains(id) { throw .exists("\(shown): error: skill \"\(id)\" already exists") }
        let name = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        var addition = existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n"
        addition += """
        - id: \(id)
          name: \(name)
          category: Uncategorised
          description: >-
            Say in two or three sentences what this skill is and why a backend developer needs it.

        """
        do {
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(addition.utf8))
        } catch {
            // The file does not exist yet: create it.
            do { try Data(addition.utf8).write(to: url, options: .withoutOverwriting) } catch {
                throw .io("\(shown): error: cannot write the file: \(describe(error))")
            }
        }
        return shown
    }

    /// File names have a length limit (255 bytes), and a URL should stay readable: a slug
    /// longer than `maximumSlugLength` is cut at the last hyphen before it.
    static let maximumSlugLength = 80

    static func shortened(_ slug: String) -> String {
        guard slug.count > maximumSlugLength else { return slug }
        let head = slug.prefix(maximumSlugLength)
        guard let hyphen = head.lastIndex(of: "-") else { return String(head) }
        return String(head[..<hyphen])
    }

    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
