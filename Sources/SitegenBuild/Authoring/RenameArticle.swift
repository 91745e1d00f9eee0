import SitegenModel
import SitegenSupport
import Foundation

/// `sitegen mv OLD NEW`: renames an article without breaking a link. The file moves, its
/// old URL joins its `aliases:` (so links from elsewhere still arrive), and every link to
/// it in the site's articles and pages is rewritten. Only the link destinations and the
/// aliases line change; every other byte of every file stays as it was. Nothing is
/// written unless every edit has been made and checked first.
public enum RenameArticle {
    public struct Outcome: Sendable {
        /// The moved file, before and after, as shown to the user.
        public var from: String
        public var to: String
        /// Files whose links were rewritten, with how many links each.
        public var rewritten: [(path: String, links: Int)]
    }

    public static func run(from old: String, to new: String, source: String) throws(Scaffold.Failure) -> Outcome {
        let layout = SiteLayout(source: source)
        let articles = layout.contentURL.appendingPathComponent("articles", isDirectory: true)
        let oldURL = articles.appendingPathComponent("\(old).md"), newURL = articles.appendingPathComponent("\(new).md")
        guard Slug.isValid(new) else { throw .invalid("error: \"\(new)\" is not a valid slug; \(Slug.rule)") }
        guard old != new else { throw .invalid("error: the old and new slugs are the same") }
        guard layout.isFile(oldURL) else {
            let known = layout.markdownListing(in: "articles").paths.map { String($0.dropFirst("articles/".count).dropLast(3)) }
            throw .invalid("\(layout.display(oldURL)): error: no such article\(Suggestion.didYouMean(old, in: known))")
        }
        guard !FileManager.default.fileExists(atPath: newURL.path) else {
            throw .exists("\(layout.display(newURL)): error: an article of that name exists already")
        }

        // The whole site, drafts and scheduled articles too: their links count as well.
        let pipeline = Pipeline(options: BuildOptions(source: source, includeDrafts: true, includeFuture: true))
        let outcome = pipeline.run(checkOutputFolder: false)
        guard !outcome.diagnostics.hasErrors, let site = pipeline.lastSite else {
            let count = outcome.diagnostics.filter { $0.severity == .error }.count
            throw .invalid("error: the site has \(count) error\(count == 1 ? "" : "s"); fix them first (sitegen check --drafts), so the rename can be checked")
        }
        let oldPath = "/articles/\(old)/"
        if let owner = site.articles.first(where: { $0.aliases.contains { $0.requestPath == "/articles/\(new)/" } }) {
            throw .exists("\(owner.source.path): error: /articles/\(new)/ is an alias of this article; choose another name")
        }

        // Every edit is made in memory first.
        var edits: [(url: URL, text: String, links: Int)] = []
        let documents = site.articles.map { ("articles", $0.slug, $0.body.links) } + site.pages.map { ("pages", $0.slug, $0.body.links) }
        for (section, slug, links) in documents {
            let relative = "\(section)/\(slug).md"
            let targets = links.filter { linkTarget($0.destination, from: relative) == oldPath }
            let isMoved = section == "articles" && slug == old
            guard !targets.isEmpty || isMoved else { continue }
            let url = layout.contentURL.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path), var text = String(data: data, encoding: .utf8) else {
                throw .io("\(layout.display(url)): error: cannot read the file")
            }
            var replaced = 0
            for destination in Set(targets.map(\.destination)) {
                replaced += replaceLinkDestination(destination, with: renamed(destination, old: old, new: new), in: &text)
            }
            // Check the result the way the build reads it: no link left to the old URL,
            // as many to the new one as there were to the old.
            let after = Self.links(in: text)
            let stillOld = after.filter { linkTarget($0.destination, from: relative) == oldPath }
            let nowNew = after.filter { linkTarget($0.destination, from: isMoved ? "articles/\(new).md" : relative) == "/articles/\(new)/" }
            if let left = stillOld.first {
                throw .invalid("\(layout.display(url)):\(left.line): error: cannot rewrite the link \"\(left.destination)\" safely (written in an unusual form); change it by hand, then run sitegen mv again")
            }
            if nowNew.count < targets.count {
                throw .invalid("\(layout.display(url)): error: rewriting its links to \(old).md went wrong; nothing was changed")
            }
            if isMoved {
                switch addAlias(oldPath, to: text) {
                case .success(let withAlias): text = withAlias
                case .failure(let problem): throw .invalid("\(layout.display(url)): error: \(problem)")
                }
            }
            edits.append((url, text, replaced))
        }

        // Write: the new file first (never over an existing one), then the other files,
        // each replaced whole by a rename, then the old file goes.
        guard let moved = edits.first(where: { $0.url == oldURL }) else {
            throw .invalid("\(layout.display(oldURL)): error: the article did not load; check the site first")
        }
        do {
            try Data(moved.text.utf8).write(to: newURL, options: .withoutOverwriting)
        } catch {
            throw .io("\(layout.display(newURL)): error: cannot write the file: \(describe(error))")
        }
        var rewritten: [(String, Int)] = []
        for edit in edits where edit.url != oldURL {
            do {
                try Data(edit.text.utf8).write(to: edit.url, options: .atomic)
            } catch {
                throw .io("\(layout.display(edit.url)): error: cannot write the file: \(describe(error)); \(layout.display(newURL)) was written and \(layout.display(oldURL)) is still there")
            }
            rewritten.append((layout.display(edit.url), edit.links))
        }
        if moved.links > 0 { rewritten.append((layout.display(newURL), moved.links)) }
        do {
            try FileManager.default.removeItem(at: oldURL)
        } catch {
            throw .io("\(layout.display(oldURL)): error: cannot remove the old file: \(describe(error)); remove it by hand")
        }
        return Outcome(from: layout.display(oldURL), to: layout.display(newURL), rewritten: rewritten)
    }

    /// The site path a link leads to (`/articles/x/`), without a fragment; nil for other links.
    static func linkTarget(_ destination: String, from relativePath: String) -> String? {
        guard case .site(let path, _) = LinkResolver.classify(destination, from: relativePath) else { return nil }
        return path.hasSuffix("/") ? path : path + "/"
    }

    /// The links of a content file's Markdown body, with their lines in the file.
    static func links(in text: String) -> [MarkdownLink] {
        guard case .success(let split) = FrontMatter.split(text) else { return [] }
        return Markdown.render(split.body).links.map { var link = $0; link.line += split.bodyFirstLine - 1; return link }
    }

    /// A destination pointing at the old article, pointing at the new one: the file name
    /// (`old.md`, `../articles/old.md#x`) or the site path (`/articles/old/`) changes, the rest
    /// (folders, fragment) stays.
    static func renamed(_ destination: String, old: String, new: String) -> String {
        let end = destination.firstIndex { $0 == "#" || $0 == "?" } ?? destination.endIndex
        var path = String(destination[..<end])
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let index = segments.lastIndex(where: { $0 == "\(old).md" || $0 == old }) {
            segments[index] = segments[index] == old ? new : "\(new).md"
            path = segments.joined(separator: "/")
        }
        return path + destination[end...]
    }

    /// Replaces `destination` where it stands as a link destination: `](dest`, `](<dest`
    /// and reference definitions `]: dest`, followed by the end of the destination. Code
    /// blocks are left alone. Returns how many were replaced.
    static func replaceLinkDestination(_ destination: String, with replacement: String, in text: inout String) -> Int {
        var count = 0
        var result = ""
        var inFence: Substring?
        for line in lines(of: text) {
            let trimmed = line.drop { $0 == " " }
            if let fence = inFence {
                if trimmed.hasPrefix(fence) { inFence = nil }
                result += line + "\n"
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence = trimmed.prefix(3)
                result += line + "\n"
                continue
            }
            var rewritten = line
            for opener in ["](", "](<", "]: ", "]: <"] {
                var searchStart = rewritten.startIndex
                while let range = rewritten.range(of: opener + destination, range: searchStart..<rewritten.endIndex) {
                    let after = range.upperBound
                    // The destination must end here, not run on (`old.md` in `old.mdx`).
                    let ends = after == rewritten.endIndex || ")> \t\r".contains(rewritten[after])
                    if ends {
                        rewritten.replaceSubrange(range, with: opener + replacement)
                        count += 1
                        searchStart = rewritten.index(range.lowerBound, offsetBy: opener.count + replacement.count)
                    } else {
                        searchStart = after
                    }
                }
            }
            result += rewritten + "\n"
        }
        result.removeLast()  // the split added one "\n" too many
        text = result
        return count
    }

    /// Adds `path` to the front matter's `aliases:`, touching one line: a flow list gets
    /// one more item, a block list one more line, and a file without `aliases:` one line
    /// before the closing `---`.
    static func addAlias(_ path: String, to text: String) -> Result<String, AliasProblem> {
        var lines = lines(of: text)
        let crlf = lines.first?.hasSuffix("\r") ?? false
        let end = crlf ? "\r" : ""
        func bare(_ line: String) -> String { line.hasSuffix("\r") ? String(line.dropLast()) : line }
        guard let closing = lines.indices.dropFirst().first(where: { bare(lines[$0]).trimmingCharacters(in: .whitespaces) == "---" }) else {
            return .failure(AliasProblem("the front matter has no closing ---"))
        }
        guard let keyLine = (1..<closing).first(where: { bare(lines[$0]).hasPrefix("aliases:") }) else {
            lines.insert("aliases: [\(path)]" + end, at: closing)
            return .success(lines.joined(separator: "\n"))
        }
        let value = bare(lines[keyLine]).dropFirst("aliases:".count).trimmingCharacters(in: .whitespaces)
        if value.hasPrefix("[") && value.hasSuffix("]") {
            let inside = value.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            let list = inside.isEmpty ? "[\(path)]" : "[\(inside), \(path)]"
            lines[keyLine] = "aliases: " + list + end
            return .success(lines.joined(separator: "\n"))
        }
        if value.isEmpty {
            var last = keyLine
            while last + 1 < closing, bare(lines[last + 1]).trimmingCharacters(in: .whitespaces).hasPrefix("- ") { last += 1 }
            guard last > keyLine else { return .failure(AliasProblem("aliases: has no list to add to; add \(path) by hand")) }
            let indent = bare(lines[last]).prefix { $0 == " " }
            lines.insert("\(indent)- \(path)" + end, at: last + 1)
            return .success(lines.joined(separator: "\n"))
        }
        return .failure(AliasProblem("aliases: is written in a form sitegen mv cannot extend; add \(path) by hand"))
    }

    /// The lines of `text`, split at each "\n" byte, a CR staying at the end of its line
    /// (Swift counts "\r\n" as one character, so splitting at the character "\n" would not
    /// split CRLF text at all).
    static func lines(of text: String) -> [String] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    struct AliasProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
