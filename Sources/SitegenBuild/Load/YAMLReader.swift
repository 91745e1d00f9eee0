import SitegenModel
import SitegenSupport
import Yams

/// Reads typed values out of a composed YAML tree, reporting every problem at the
/// line and column where it sits in the *file* (not just in the YAML block), and never
/// stopping at the first problem: each bad field is one diagnostic, the rest still read.
struct YAMLReader {
    let file: SourceFile
    /// The file line where the YAML text begins (2 for front matter, 1 for a data file).
    let firstLine: Int
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
    }

    /// Parses YAML text into a node tree; a syntax error becomes one diagnostic.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            // UTF-8 named explicitly: the default reads the process environment on every parse.
            return try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(.error(location(of: error), "invalid YAML: \(problem(of: error))"))
        } catch {
            diagnostics.append(.error(file.location(line: firstLine), "invalid YAML: \(error)"))
        }
        return nil
    }

    func location(of mark: Mark?) -> SourceLocation {
        guard let mark else { return file.location(line: firstLine) }
        return file.location(line: mark.line + firstLine - 1, column: mark.column)
    }

    mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(.error(location(of: node?.mark), message))
    }

    mutating func error(at mark: Mark?, _ message: String) {
        diagnostics.append(.error(location(of: mark), message))
    }

    private func location(of error: YamlError) -> SourceLocation {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // "end of stream" is where libyaml gave up; where the unclosed construct (a
            // quote, a bracket) began is what the author needs to see.
            if problem.contains("end of stream"), let context { return location(of: context.mark) }
            return location(of: mark)
        case let .duplicatedKeysInMapping(_, context):
            return location(of: context.mark)
        default:
            return file.location(line: firstLine)
        }
    }

    private func problem(of error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, _, _), let .parser(context, problem, _, _),
             let .composer(context, problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}

/// The fields of one YAML mapping, checked against a fixed set of allowed keys so a
/// misspelt key is an error instead of a silently ignored value.
struct YAMLFields {
    let node: Node
    private(set) var values: [String: (key: Node, value: Node)] = [:]

    /// Returns nil (and reports) when `node` is not a mapping.
    init?(_ node: Node, what: String, allowedKeys: [String], reader: inout YAMLReader) {
        guard case let .mapping(mapping) = node else {
            reader.error(node, "\(what) must be a mapping of keys to values")
            return nil
        }
        self.node = node
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                reader.error(key, "keys of \(what) must be plain names")
                continue
            }
            guard allowedKeys.contains(name) else {
                reader.error(key, "unknown key \"\(name)\" in \(what)\(Suggestion.didYouMean(name, in: allowedKeys)); allowed keys: \(allowedKeys.joined(separator: ", "))")
                continue
            }
            values[name] = (key, value)
        }
    }

    func has(_ key: String) -> Bool { values[key] != nil }
    func valueNode(_ key: String) -> Node? { values[key]?.value }

    private func require(_ key: String, _ required: Bool, _ reader: inout YAMLReader) -> Node? {
        if let value = values[key]?.value {
            if case .scalar(let scalar) = value, scalar.tag == Tag(.null) || (scalar.string.isEmpty && scalar.style == .plain) {
                if required { reader.error(value, "\(key): a value is required") }
                return nil
            }
            return value
        }
        if required {
            reader.error(at: node.mark, "missing required key \"\(key)\"")
        }
        return nil
    }

    func string(_ key: String, required: Bool = false, reader: inout YAMLReader) -> String? {
        guard let value = require(key, required, &reader) else { return nil }
        guard case .scalar(let scalar) = value else {
            reader.error(value, "\(key): expected text, found a \(kind(of: value))")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && text.isEmpty {
            reader.error(value, "\(key): must not be empty")
            return nil
        }
        return text
    }

    func day(_ key: String, required: Bool = false, reader: inout YAMLReader) -> Day? {
        guard let value = require(key, required, &reader) else { return nil }
        guard case .scalar(let scalar) = value, let day = Day(iso: scalar.string) else {
            reader.error(value, "\(key): expected a date as YYYY-MM-DD, found \(describe(value))")
            return nil
        }
        return day
    }

    func bool(_ key: String, reader: inout YAMLReader) -> Bool? {
        guard let value = require(key, false, &reader) else { return nil }
        guard case .scalar(let scalar) = value, let flag = Bool.construct(from: scalar) else {
            reader.error(value, "\(key): expected true or false, found \(describe(value))")
            return nil
        }
        return flag
    }

    func number(_ key: String, required: Bool = false, reader: inout YAMLReader) -> Double? {
        guard let value = require(key, required, &reader) else { return nil }
        guard case .scalar(let scalar) = value, scalar.style == .plain,
              let number = Double(scalar.string.replacingOccurrences(of: "_", with: "")), number.isFinite else {
            reader.error(value, "\(key): expected a number, found \(describe(value))")
            return nil
        }
        return number
    }

    /// A list of plain strings, each with the node it came from (for positions).
    func stringList(_ key: String, required: Bool = false, reader: inout YAMLReader) -> [(String, Node)]? {
        guard let value = values[key]?.value else {
            if required { reader.error(at: node.mark, "missing required key \"\(key)\"") }
            return nil
        }
        guard case .sequence(let sequence) = value else {
            reader.error(value, "\(key): expected a list such as [a, b], found \(describe(value))")
            return nil
        }
        var items: [(String, Node)] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                reader.error(item, "\(key): each item must be text, found a \(kind(of: item))")
                continue
            }
            items.append((scalar.string, item))
        }
        return items
    }

    /// A free map (`extra:`): any YAML, kept for templates. Its keys must be names a
    /// template can write after a dot; nulls are left out (as if the key were absent).
    func extra(_ key: String, reader: inout YAMLReader) -> [String: ExtraValue] {
        guard let value = require(key, false, &reader) else { return [:] }
        guard case .mapping = value else {
            reader.error(value, "\(key): expected a mapping of names to values (such as reviewed_by: Ada), found \(describe(value))")
            return [:]
        }
        if case .map(let entries)? = Self.extraValue(value, path: key, reader: &reader) { return entries }
        return [:]
    }

    private static func extraValue(_ node: Node, path: String, reader: inout YAMLReader) -> ExtraValue? {
        switch node {
        case .scalar(let scalar):
            // Quoted scalars stay text; plain ones take the type YAML gives them.
            guard scalar.style == .plain else { return .text(scalar.string) }
            // Tags of plain scalars are resolved lazily by Yams: ask its resolver.
            switch Resolver.default.resolveTag(of: node) {
            case .null: return nil
            case .bool: return Bool.construct(from: scalar).map(ExtraValue.bool) ?? .text(scalar.string)
            case .int: return Int.construct(from: scalar).map(ExtraValue.int) ?? .text(scalar.string)
            case .float: return Double.construct(from: scalar).map(ExtraValue.double) ?? .text(scalar.string)
            default: return .text(scalar.string)
            }
        case .sequence(let sequence):
            return .list(sequence.enumerated().compactMap { extraValue($1, path: "\(path)[\($0)]", reader: &reader) })
        case .mapping(let mapping):
            var entries: [String: ExtraValue] = [:]
            for (keyNode, value) in mapping {
                guard let name = keyNode.scalar?.string, isTemplateName(name) else {
                    reader.error(keyNode, "\(path): \(keyNode.scalar.map { "\"\($0.string)\"" } ?? "this key") is not a name templates can read; use letters, digits, _ and - (such as reviewed_by)")
                    continue
                }
                entries[name] = extraValue(value, path: "\(path).\(name)", reader: &reader)
            }
            return .map(entries)
        case .alias:
            reader.error(node, "\(path): YAML aliases are not supported in extra; write the value out")
            return nil
        }
    }

    /// A key a template can reach as `extra.<key>`: no dots, spaces or braces.
    static func isTemplateName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
    }

    /// One of a fixed set of words.
    func choice(_ key: String, _ choices: [String], reader: inout YAMLReader) -> String? {
        guard let text = string(key, reader: &reader) else { return nil }
        guard choices.contains(text) else {
            reader.error(valueNode(key), "\(key): \"\(text)\" is not one of \(choices.joined(separator: ", "))\(Suggestion.didYouMean(text, in: choices))")
            return nil
        }
        return text
    }
}

private func kind(of node: Node) -> String {
    switch node {
    case .scalar: return "single value"
    case .mapping: return "mapping"
    case .sequence: return "list"
    case .alias: return "alias"
    }
}

private func describe(_ node: Node) -> String {
    if case .scalar(let scalar) = node { return "\"\(scalar.string)\"" }
    return "a \(kind(of: node))"
}
