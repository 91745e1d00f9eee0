import SitegenModel
import SitegenSupport
import Foundation
import Yams

// The data files of the content folder: site.yaml, skills.yaml, salaries.yaml.
extension ContentLoader {
    // MARK: - site.yaml

    func loadConfig(_ diagnostics: inout [Diagnostic]) -> SiteConfig? {
        guard let (file, root, reader) = readYAMLFile("site.yaml", required: true, &diagnostics) else { return nil }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root, let fields = YAMLFields(root, what: "site.yaml", allowedKeys: SiteConfig.keys, reader: &r) else {
            if root == nil { r.diagnostics.append(.error(file.startLocation, "site.yaml is empty; it needs title, description, base_url and language")) }
            return nil
        }
        let title = fields.string("title", required: true, reader: &r)
        let description = fields.string("description", required: true, reader: &r)
        var baseURL = fields.string("base_url", required: true, reader: &r)
        let language = fields.string("language", required: true, reader: &r)
        let author = fields.string("author", reader: &r)
        let allowRawHTML = fields.bool("allow_raw_html", reader: &r) ?? false
        let maxAge = fields.number("salary_max_age_years", reader: &r)
        let parts = loadParts(fields.valueNode("parts"), &r)
        let extra = fields.extra("extra", reader: &r)
        let datesFromGit = fields.bool("dates_from_git", reader: &r) ?? false
        if let maxAge, !(0...1000).contains(maxAge) || maxAge != maxAge.rounded() {
            r.error(fields.valueNode("salary_max_age_years"), "salary_max_age_years: expected a whole number of years from 0 to 1000")
        }

        if let override = baseURLOverride {
            baseURL = override
        }
        if let url = baseURL, let problem = Self.baseURLProblem(url) {
            let message = "base_url: \(problem)"
            if baseURLOverride != nil {
                r.diagnostics.append(.error(SourceLocation(path: "--base-url"), message))
            } else {
                r.error(fields.valueNode("base_url"), message)
            }
            baseURL = nil
        }
        if let language, !language.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) || language.isEmpty {
            r.error(fields.valueNode("language"), "language: \"\(language)\" is not a language tag such as en or en-GB")
        }
        guard let title, let description, var baseURL, let language else { return nil }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        var config = SiteConfig(title: title, description: description, baseURL: baseURL, language: language,
                                author: author, allowRawHTML: allowRawHTML, salaryMaxAgeYears: maxAge.flatMap { (0...1000).contains($0) ? Int($0) : nil })
        config.parts = parts
        config.highlightCode = fields.bool("highlight_code", reader: &r) ?? true
        config.extra = extra
        config.datesFromGit = datesFromGit
        config.datesFromGitLocation = fields.valueNode("dates_from_git").map { r.location(of: $0.mark) }
        config.pageSize = listSize("page_size", "articles per page", fields, &r) ?? SiteConfig.defaultPageSize
        config.homeArticles = listSize("home_articles", "articles per part on the home page", fields, &r) ?? SiteConfig.defaultHomeArticles
        return config
    }

    /// `page_size` or `home_articles`: a whole number in `SiteConfig.listSizeRange`, or nil
    /// (the default) when absent or wrong, with the error at the value.
    private func listSize(_ key: String, _ what: String, _ fields: YAMLFields, _ r: inout YAMLReader) -> Int? {
        guard let value = fields.number(key, reader: &r) else { return nil }
        let range = SiteConfig.listSizeRange
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            r.error(fields.valueNode(key), "\(key): expected a whole number of \(what) from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return Int(value)
    }

    /// `parts:` in site.yaml: a list of parts, each with id, title and description.
    private func loadParts(_ node: Node?, _ r: inout YAMLReader) -> [Part] {
        guard let node else { return [] }
        guard case .sequence(let entries) = node else {
            r.error(node, "parts: expected a list of parts, each with id, title and description")
            return []
        }
        var parts: [Part] = []
        var seen: [String: Int] = [:]
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a part", allowedKeys: Part.keys, reader: &r) else { continue }
            let id = fields.string("id", required: true, reader: &r)
            let title = fields.string("title", required: true, reader: &r)
            let description = fields.string("description", required: true, reader: &r)
            guard let id, let title, let description else { continue }
            let location = r.location(of: fields.valueNode("id")?.mark)
            guard Slug.isValid(id) else {
                r.error(fields.valueNode("id"), "id: \"\(id)\" is not a valid part id; \(Slug.rule)")
                continue
            }
            if let first = seen[id] {
                r.error(fields.valueNode("id"), "duplicate part id \"\(id)\" (first defined at line \(first))")
                continue
            }
            seen[id] = location.line
            parts.append(Part(id: id, title: title, description: description, location: location))
        }
        return parts
    }

    /// Why a base URL cannot be used, or nil. It is written into every page's links and
    /// the theme's `<link>` and `<script>` tags, so only characters a URL may hold as they
    /// are pass: a quote or `<` would end the attribute and inject markup.
    static func baseURLProblem(_ url: String) -> String? {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&()*+,;=%")
        if let bad = url.first(where: { !allowed.contains($0) }) {
            let name: String
            switch bad {
            case " ": name = "a space"
            case "\"": name = "a double quote (\")"
            case "'": name = "a single quote (')"
            case _ where bad.isWhitespace: name = "white space"
            case _ where bad.unicodeScalars.contains { $0.properties.generalCategory == .control }: name = "a control character"
            case _ where !bad.isASCII: name = "\"\(bad)\" (outside ASCII: percent-encode it)"
            default: name = "\"\(bad)\""
            }
            return "\"\(url)\" contains \(name), which is not allowed in a base URL"
        }
        guard isValidBaseURL(url) else {
            return "\"\(url)\" must be an absolute http(s) URL such as https://example.org/guide/ or a path starting with /"
        }
        return nil
    }

    static func isValidBaseURL(_ url: String) -> Bool {
        if url.hasPrefix("/") { return !url.contains("//") && !url.contains(" ") }
        guard let parts = URLComponents(string: url), let scheme = parts.scheme, ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty else { return false }
        return parts.query == nil && parts.fragment == nil
    }

    // MARK: - skills.yaml

    func loadSkills(_ diagnostics: inout [Diagnostic]) -> [Skill] {
        guard let (file, root, reader) = readYAMLFile("skills.yaml", required: true, &diagnostics) else { return [] }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root else { return [] }
        guard case .sequence(let entries) = root else {
            r.error(root, "skills.yaml must be a list of skills, each with id, name, category and description")
            return []
        }
        var skills: [Skill] = []
        var seen: [String: SourceLocation] = [:]
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a skill", allowedKeys: Skill.keys, reader: &r) else { continue }
            let id = fields.string("id", required: true, reader: &r)
            let name = fields.string("name", required: true, reader: &r)
            let category = fields.string("category", required: true, reader: &r)
            let description = fields.string("description", required: true, reader: &r)
            guard let id, let name, let category, let description else { continue }
            let location = r.location(of: fields.valueNode("id")?.mark)
            guard Slug.isValid(id) else {
                r.error(fields.valueNode("id"), "id: \"\(id)\" is not a valid skill id; \(Slug.rule)")
                continue
            }
            if let first = seen[id] {
                r.error(fields.valueNode("id"), "duplicate skill id \"\(id)\" (first defined at line \(first.line)); two skills would share the URL /skills/\(id)/")
                continue
            }
            seen[id] = location
            skills.append(Skill(id: id, name: name, category: category, description: description, source: location))
        }
        _ = file
        return skills
    }

    // MARK: - salaries.yaml

    func loadSalaries(_ diagnostics: inout [Diagnostic]) -> [SalaryFigure] {
        guard let (_, root, reader) = readYAMLFile("salaries.yaml", required: false, &diagnostics) else { return [] }
        var r = reader
        defer { diagnostics += r.diagnostics }
        guard let root else { return [] }
        guard case .sequence(let entries) = root else {
            r.error(root, "salaries.yaml must be a list of salary figures")
            return []
        }
        var figures: [SalaryFigure] = []
        for entry in entries {
            guard let fields = YAMLFields(entry, what: "a salary figure", allowedKeys: SalaryFigure.keys, reader: &r) else { continue }
            let role = fields.string("role", required: true, reader: &r)
            let region = fields.string("region", required: true, reader: &r)
            let currency = fields.string("currency", required: true, reader: &r)
            let amount = fields.number("amount", required: true, reader: &r)
            let source = fields.string("source", required: true, reader: &r)
            let level = fields.string("level", reader: &r)
            let statistic = fields.choice("statistic", SalaryFigure.statistics, reader: &r)
            let asOf = fields.string("as_of", reader: &r)
            let sourceURL = fields.string("source_url", reader: &r)
            let note = fields.string("note", reader: &r)
            var valid = true
            if let currency, !(currency.count == 3 && currency.allSatisfy({ $0.isASCII && $0.isUppercase })) {
                r.error(fields.valueNode("currency"), "currency: \"\(currency)\" is not an ISO 4217 code such as USD, EUR or INR")
                valid = false
            }
            if let amount, amount <= 0 || amount > 1e12 || !amount.isFinite {
                r.error(fields.valueNode("amount"), amount <= 0 ? "amount: must be a positive number"
                        : "amount: \(fields.valueNode("amount")?.scalar?.string ?? "\(amount)") is out of range (at most 1000000000000)")
                valid = false
            }
            if let asOf, !Self.isValidAsOf(asOf) {
                r.error(fields.valueNode("as_of"), "as_of: \"\(asOf)\" must be a year (2023) or a month (2023-03)")
                valid = false
            }
            if let sourceURL, !(sourceURL.hasPrefix("https://") || sourceURL.hasPrefix("http://")) {
                r.error(fields.valueNode("source_url"), "source_url: \"\(sourceURL)\" must be an http(s) URL")
                valid = false
            }
            guard valid, let role, let region, let currency, let amount, let source else { continue }
            figures.append(SalaryFigure(role: role, region: region, currency: currency, amount: amount, source: source,
                                        level: level, statistic: statistic, asOf: asOf, sourceURL: sourceURL, note: note,
                                        location: r.location(of: entry.mark)))
        }
        return figures
    }

    static func isValidAsOf(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4, year > 1900 else { return false }
        if parts.count == 1 { return true }
        guard parts.count == 2, parts[1].count == 2, let month = Int(parts[1]) else { return false }
        return (1...12).contains(month)
    }

    /// Reads and composes a YAML data file of the content folder. Returns nil when the file
    /// could not be read (already reported); the root node is nil for an empty file.
}
