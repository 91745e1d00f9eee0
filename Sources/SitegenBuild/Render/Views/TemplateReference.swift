/// The README's reference of template values ("Values every template receives", "Values of
/// each template"), generated from the views so it lists exactly the names templates are
/// checked against. `TemplateReferenceTests` fails when README.md differs from it.
enum TemplateReference {
    static let begin = "<!-- template reference: generated from Sources/SitegenBuild/Render/Views/ (TemplateReference); to update, run SITEGEN_UPDATE_README=1 swift test --filter TemplateReferenceTests -->"
    static let end = "<!-- end of template reference -->"

    static func markdown() -> String {
        let root = PageContext.schema
        var lines: [String] = []
        var views: [ViewSchema] = []
        var seen: Set<String> = [root.id, SiteView.schema.id, PageView.schema.id]
        /// Every view reachable below a kind, in order of first mention.
        func collect(_ kind: ViewSchema.Kind) {
            guard let schema = kind.view, seen.insert(schema.id).inserted else { return }
            views.append(schema)
            schema.fields.forEach { collect($0.kind) }
        }

        lines += ["### Values every template receives", "", "| name | value |", "| --- | --- |"]
        for field in root.fields where PageContext.common.contains(field.name) {
            if case .object(let view) = field.kind {
                for child in view().fields {
                    lines.append(row("\(field.name).\(child.name)", child))
                    collect(child.kind)
                }
            } else {
                lines.append(row(field.name, field))
                collect(field.kind)
            }
        }

        lines += ["", "### Values of each template", "", "| template | values besides the ones above |", "| --- | --- |"]
        for kind in PageKind.allCases {
            lines.append("| `\(kind.template)` | \(kind.keys.map { "`\($0)`" }.joined(separator: ", ")) |")
        }
        lines += ["", "| name | value |", "| --- | --- |"]
        for field in root.fields where !PageContext.common.contains(field.name) {
            lines.append(row(field.name, field))
            collect(field.kind)
        }
        lines += ["", "Inside a section over a view (`{{#article}}...{{/article}}`, `{{#articles}}...{{/articles}}`) its names",
                  "can be used alone (`{{title}}`); elsewhere, with a dot (`{{article.title}}`). Names not found in the",
                  "section's view are looked up outside it, so `{{site.title}}` works everywhere."]
        // Block templates get a fenced block, not a page: its view and the ones below it.
        let block = BlockView.schema
        if seen.insert(block.id).inserted { views.append(block) }
        block.fields.forEach { collect($0.kind) }
        lines += ["", "A block template (`templates/blocks/<name>.mustache`) receives a fenced block, not a page:",
                  "the names of \(link(block)) alone."]
        for view in views {
            lines += ["", "#### View: \(view.name)", "", view.summary, "", "| name | value |", "| --- | --- |"]
            lines += view.fields.map { row($0.name, $0) }
        }
        return ([begin, ""] + lines + ["", end]).joined(separator: "\n")
    }

    private static func row(_ name: String, _ field: ViewSchema.Field) -> String {
        var value = field.summary
        switch field.kind {
        case .list(let item): value += ": a list of \(link(item()))"
        case .object(let view): value += ": \(article(view().name)) \(link(view()))"
        case .open: value += " (any name below it)"
        default: break
        }
        return "| `\(name)` | \(value.replacingOccurrences(of: "|", with: "\\|")) |"
    }

    private static func link(_ view: ViewSchema) -> String {
        "[\(view.name)](#view-\(view.name.replacingOccurrences(of: " ", with: "-")))"
    }

    private static func article(_ noun: String) -> String {
        "aeiou".contains(noun.first ?? "x") ? "an" : "a"
    }

    /// README.md with its reference replaced by `markdown()`; nil when the markers are missing.
    static func updating(readme: String) -> String? {
        guard let start = readme.range(of: begin), let stop = readme.range(of: end, range: start.upperBound..<readme.endIndex) else { return nil }
        return readme.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: markdown())
    }
}

extension ViewSchema.Kind {
    /// The view a list holds or an object is.
    var view: ViewSchema? {
        switch self {
        case .object(let view), .list(let view): view()
        default: nil
        }
    }
}
