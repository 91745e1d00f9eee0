/// A value of an `extra:` map (front matter or `site.yaml`): whatever YAML the author
/// wrote, for the theme to show. sitegen itself never reads it; templates do, as
/// `article.extra.<key>`, `page.extra.<key>` and `site.extra.<key>`.
public indirect enum ExtraValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([ExtraValue])
    case map([String: ExtraValue])

    /// The value as templates receive it: text, numbers and flags as they are, lists as
    /// arrays, maps as dictionaries (so `{{extra.a.b}}` and `{{#extra.list}}` work).
    public var templateValue: Any {
        switch self {
        case .text(let text): text
        case .bool(let flag): flag
        case .int(let number): number
        case .double(let number): number
        case .list(let items): items.map(\.templateValue)
        case .map(let entries): entries.mapValues(\.templateValue)
        }
    }

    /// A whole `extra:` map for templates; nil when it is empty, so `{{#page.extra}}` is false.
    public static func templateValue(_ map: [String: ExtraValue]) -> [String: Any]? {
        map.isEmpty ? nil : map.mapValues(\.templateValue)
    }
}
