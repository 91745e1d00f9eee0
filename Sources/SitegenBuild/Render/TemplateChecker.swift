import SitegenModel
import SitegenSupport

/// Checks every name the theme's templates use against the views they are rendered with,
/// so a misspelt `{{article.titel}}` is an error at its line and column instead of an
/// empty string on every page.
///
/// Names resolve as swift-mustache resolves them: a dotted name through views
/// (`article.title`), a name inside a section against the section's value first and then
/// outwards (`{{#articles}}{{title}}{{/articles}}`), `.` always. Each page template is
/// walked with the page context of its kind (`PageKind.keys`); partials and parents are
/// walked where they are included, with the values in scope there, and the blocks that
/// fill a parent where the parent places them. A tag in a partial included from several
/// places is fine if it resolves in any of them. Templates no page reaches are not checked.
struct TemplateChecker {
    /// The templates swift-mustache parsed, by name (`partials/card`).
    let trees: [String: [TemplateScanner.Node]]

    /// What the walk knows at a tag.
    private struct Scope {
        /// The template whose positions the nodes carry.
        var template: String
        /// Innermost last.
        var stack: [Frame]
        /// Directly inside a list section: `{{index()}}` and the like work.
        var inSequence = false
        /// Blocks filled by the parents on the way here: name -> what fills it.
        var blocks: [String: Block] = [:]

        func pushing(_ frame: Frame, inSequence: Bool = false) -> Scope {
            var scope = self
            // Pushing a frame already on the stack hides the older copy entirely: moving it
            // to the top resolves every name the same way and keeps recursive partials finite.
            scope.stack.removeAll { $0 == frame }
            scope.stack.append(frame)
            scope.inSequence = inSequence
            return scope
        }
    }

    private struct Block {
        var template: String
        var nodes: [TemplateScanner.Node]
        /// Where the parent tag is: two fillings of one block differ by it.
        var origin: String
    }

    private enum Frame: Equatable {
        case view(ViewSchema)
        /// Text or a number: no names below it.
        case value
        /// Anything resolves against it.
        case open

        static func == (a: Frame, b: Frame) -> Bool {
            switch (a, b) {
            case (.view(let x), .view(let y)): x.id == y.id
            case (.value, .value), (.open, .open): true
            default: false
            }
        }

        var id: String {
            switch self {
            case .view(let schema): schema.id
            case .value: "value"
            case .open: "open"
            }
        }
    }

    private struct Occurrence: Hashable, Comparable {
        var template: String
        var line: Int
        var column: Int
        static func < (a: Occurrence, b: Occurrence) -> Bool {
            (a.template, a.line, a.column) < (b.template, b.line, b.column)
        }
    }

    /// Why a tag failed, with the names that would have worked there.
    private struct Problem {
        var message: String
        var word: String
        /// Innermost first: "did you mean" takes the first of equally close names.
        var candidates: [String]
    }

    private final class Findings {
        /// nil once the tag resolved somewhere.
        var problems: [Occurrence: Problem?] = [:]
        var visited: Set<String> = []

        func record(_ occurrence: Occurrence, _ problem: Problem?) {
            guard let problem else { problems[occurrence] = .some(nil); return }
            switch problems[occurrence] {
            case .none: problems[occurrence] = .some(problem)
            case .some(.none): break
            case .some(.some(var known)):
                known.candidates += problem.candidates.filter { !known.candidates.contains($0) }
                problems[occurrence] = .some(known)
            }
        }
    }

    /// Each page template with the values its kind of page gets.
    static var pageRoots: [(template: String, schema: ViewSchema)] {
        PageKind.allCases.map { ($0.template, PageContext.schema(for: $0)) }
    }

    /// Unknown names of every page template and what it includes, as error lines.
    func check(files: [String: SourceFile], roots: [(template: String, schema: ViewSchema)] = pageRoots) -> [Diagnostic] {
        let findings = Findings()
        for root in roots {
            guard let tree = trees[root.template] else { continue }
            walk(tree, Scope(template: root.template, stack: [.view(root.schema)]), findings)
        }
        return findings.problems.keys.sorted().compactMap { occurrence in
            guard case .some(.some(let problem)) = findings.problems[occurrence], let file = files[occurrence.template] else { return nil }
            return .error(file.location(line: occurrence.line, column: occurrence.column),
                          problem.message + Suggestion.didYouMean(problem.word, in: problem.candidates))
        }
    }

    private func walk(_ nodes: [TemplateScanner.Node], _ scope: Scope, _ findings: Findings) {
        for node in nodes {
            switch node {
            case .variable(let tag):
                _ = resolve(tag, scope, findings)
            case .section(let tag, let body):
                let kind = resolve(tag, scope, findings)
                if tag.kind == .invertedSection {
                    walk(body, scope, findings)
                    continue
                }
                switch kind {
                case nil, .open?: walk(body, scope.pushing(.open), findings)  // an unknown name reports once, not its contents too
                case .lambda?: break  // the section's text goes to the helper as it is
                case .list(let item)?: walk(body, scope.pushing(.view(item()), inSequence: true), findings)
                case .object(let view)?: walk(body, scope.pushing(.view(view())), findings)
                case .flag?: walk(body, scope, findings)
                case .text?, .number?: walk(body, scope.pushing(.value), findings)
                }
            case .partial(let tag):
                include(tag, blocks: [:], scope, findings)
            case .parent(let tag, let blocks):
                let origin = "\(scope.template):\(tag.line):\(tag.column)"
                include(tag, blocks: blocks.mapValues { Block(template: scope.template, nodes: $0, origin: origin) }, scope, findings)
            case .block(let tag, let body):
                var inner = scope
                inner.inSequence = false
                if let filled = scope.blocks[tag.name] {
                    inner.template = filled.template
                    walk(filled.nodes, inner, findings)
                } else {
                    walk(body, inner, findings)
                }
            }
        }
    }

    /// `{{> name}}` and `{{< name}}`: the template, walked with the values in scope here.
    private func include(_ tag: TemplateScanner.Tag, blocks: [String: Block], _ scope: Scope, _ findings: Findings) {
        if tag.name.hasPrefix("*") {
            // A dynamic partial: the name of a value that names the template.
            var named = tag
            named.name = String(tag.name.dropFirst())
            _ = resolve(named, scope, findings)
            return
        }
        // A missing partial is reported by `TemplateSet.partialReferences`.
        guard let tree = trees[tag.name] else { return }
        var inner = scope
        inner.template = tag.name
        inner.inSequence = false
        // As swift-mustache merges them: blocks filled further out win.
        inner.blocks = scope.blocks.merging(blocks) { outer, _ in outer }
        let signature = ([tag.name] + inner.stack.map(\.id) + inner.blocks.map { "\($0.key)=\($0.value.origin)" }.sorted()).joined(separator: "|")
        guard findings.visited.insert(signature).inserted else { return }
        walk(tree, inner, findings)
    }

    // MARK: - Names

    /// Records whether the tag's name resolves here, and returns what it holds.
    private func resolve(_ tag: TemplateScanner.Tag, _ scope: Scope, _ findings: Findings) -> ViewSchema.Kind? {
        let occurrence = Occurrence(template: scope.template, line: tag.line, column: tag.column)
        var kind: ViewSchema.Kind
        var transforms = tag.transforms[...]
        if tag.name.isEmpty {
            // `{{index()}}`, `{{#first()}}`: about the position in the list being rendered.
            let transform = transforms.popLast() ?? ""
            let known = ["first", "last", "index", "even", "odd"]
            guard scope.inSequence, known.contains(transform) else {
                findings.record(occurrence, Problem(
                    message: scope.inSequence ? "unknown template transform \"\(transform)()\"" : "\"\(tag.written)\" works only directly inside a list section",
                    word: transform, candidates: scope.inSequence ? known : []))
                return nil
            }
            kind = transform == "index" ? .number : .flag
        } else {
            switch lookUp(tag.name, in: scope.stack) {
            case .found(let found): kind = found
            case .missing(let candidates, let firstPart):
                var message = "unknown template variable \"\(tag.name)\""
                let first = tag.name.split(separator: ".").first.map(String.init) ?? ""
                let givenTo = firstPart ? PageKind.allCases.filter { $0.keys.contains(first) } : []
                if !tag.name.hasPrefix("."), !givenTo.isEmpty {
                    // A value of other kinds of page (`{{article.title}}` in home.mustache).
                    message += ": \"\(first)\" is given only to \(givenTo.map(\.rawValue).joined(separator: ", ")) pages"
                }
                findings.record(occurrence, Problem(message: message, word: tag.name, candidates: givenTo.isEmpty ? candidates : []))
                return nil
            }
        }
        while let transform = transforms.popLast() {
            let (result, known, noun) = Self.apply(transform, to: kind)
            guard let result else {
                findings.record(occurrence, Problem(message: "unknown template transform \"\(transform)\" on \(noun) \"\(tag.name)\"", word: transform, candidates: known))
                return nil
            }
            kind = result
        }
        findings.record(occurrence, nil)
        return kind
    }

    /// The transforms swift-mustache 2.1.1 applies to each kind of value (`Transform.swift`).
    private static func apply(_ transform: String, to kind: ViewSchema.Kind) -> (ViewSchema.Kind?, known: [String], noun: String) {
        switch kind {
        case .open: return (.open, [], "")
        case .list(let item):
            let known = ["first", "last", "reversed", "count", "empty"]
            switch transform {
            case "first", "last": return (.object(item), known, "list")
            case "reversed": return (kind, known, "list")
            case "count": return (.number, known, "list")
            case "empty": return (.flag, known, "list")
            default: return (nil, known, "list")
            }
        case .text:
            let known = ["empty", "capitalized", "lowercased", "uppercased", "reversed"]
            return (transform == "empty" ? .flag : known.contains(transform) ? .text : nil, known, "text")
        case .number:
            let known = ["equalzero", "plusone", "minusone", "even", "odd"]
            return (["plusone", "minusone"].contains(transform) ? .number : known.contains(transform) ? .flag : nil, known, "number")
        case .flag: return (nil, [], "true/false value")
        case .object: return (nil, [], "view")
        case .lambda: return (nil, [], "helper")
        }
    }

    /// A name as swift-mustache finds it: its first part in the innermost frame that has it
    /// (only the top frame for `.name`), the rest through views. On failure, the names of
    /// the same depth that would have worked, for "did you mean".
    private func lookUp(_ name: String, in stack: [Frame]) -> Lookup {
        if name == "." {
            switch stack.last {
            case .view(let schema)?: return .found(.object { schema })
            case .open?: return .found(.open)
            default: return .found(.text)
            }
        }
        let frames = name.hasPrefix(".") ? Array(stack.suffix(1)) : stack
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return .missing([], firstPart: false) }
        var kind: ViewSchema.Kind?
        for frame in frames.reversed() {
            switch frame {
            case .open: kind = .open
            case .view(let schema): kind = schema.field(first)?.kind
            case .value: kind = nil
            }
            if kind != nil { break }
        }
        guard var kind else {
            let visible = frames.reversed().flatMap { frame -> [ViewSchema.Field] in
                if case .view(let schema) = frame { return schema.fields }
                return []
            }
            return .missing(Self.names(visible, depth: parts.count, prefix: ""), firstPart: true)
        }
        for (index, part) in parts.enumerated().dropFirst() {
            switch kind {
            case .open: return .found(.open)
            case .object(let view):
                let schema = view()
                guard let field = schema.field(part) else {
                    let prefix = parts[..<index].joined(separator: ".") + "."
                    return .missing(Self.names(schema.fields, depth: parts.count - index, prefix: prefix), firstPart: false)
                }
                kind = field.kind
            default:
                return .missing([], firstPart: false)
            }
        }
        return .found(kind)
    }

    private enum Lookup {
        case found(ViewSchema.Kind)
        /// The names that would have worked, innermost first; whether no frame had the first part.
        case missing([String], firstPart: Bool)
    }

    /// Dotted names of exactly `depth` parts that start with one of `fields`.
    private static func names(_ fields: [ViewSchema.Field], depth: Int, prefix: String) -> [String] {
        fields.flatMap { field -> [String] in
            let name = prefix + field.name
            if depth <= 1 { return [name] }
            guard case .object(let view) = field.kind else { return [] }
            return names(view().fields, depth: depth - 1, prefix: name + ".")
        }
    }
}

