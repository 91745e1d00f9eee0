import Mustache

/// A value templates receive: the names it answers to, each declared once in `fields`.
///
/// `fields` is the one list of names: `child(named:)` looks names up in it while pages
/// render, `TemplateChecker` checks every `{{name}}` of the theme against it when the
/// templates load, and the README's template reference is generated from it
/// (`TemplateReference`). Adding a value is one line here plus the stored property.
protocol TemplateView: AnyObject, MustacheParent, SendableMetatype {
    /// What the view is, for the README ("article card").
    static var viewName: String { get }
    /// One sentence for the README: what the view stands for.
    static var viewSummary: String { get }
    static var fields: [ViewField<Self>] { get }
}

extension TemplateView {
    // swift-mustache looks values up through `Mirror` unless a value answers by name
    // itself; reflection dominated render time on large sites, so every view answers from
    // its table. A linear scan over a dozen names costs what a `switch` over them did (the
    // buffer pointer keeps the loop free of reference counting).
    func child(named key: String) -> Any? {
        Self.fields.withUnsafeBufferPointer { fields in
            for index in fields.indices where fields[index].name == key {
                return fields[index].value(self)
            }
            return nil
        }
    }

    /// The fields without their values: what the checker and the README need.
    static var schema: ViewSchema {
        ViewSchema(id: String(describing: Self.self), name: viewName, summary: viewSummary,
                   fields: fields.map { ViewSchema.Field(name: $0.name, kind: $0.kind, summary: $0.summary) })
    }
}

/// One name a view answers to: what it holds (for the checker), a sentence about it (for
/// the README) and how to get it. The constructors are typed, so a field's kind always
/// matches the value it returns.
struct ViewField<View>: Sendable {
    let name: String
    let kind: ViewSchema.Kind
    let summary: String
    let value: @Sendable (View) -> Any?

    /// Text (HTML-escaped by `{{name}}`); nil renders nothing.
    static func text(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> String?) -> Self {
        Self(name: name, kind: .text, summary: summary, value: { value($0) })
    }

    static func number(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> Int) -> Self {
        Self(name: name, kind: .number, summary: summary, value: { value($0) })
    }

    /// True or false: `{{#name}}...{{/name}}` renders when true.
    static func flag(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> Bool) -> Self {
        Self(name: name, kind: .flag, summary: summary, value: { value($0) })
    }

    /// Another view: `{{name.child}}`, or `{{#name}}{{child}}{{/name}}`.
    static func object<Child: TemplateView>(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> Child?) -> Self {
        Self(name: name, kind: .object { Child.schema }, summary: summary, value: { value($0) })
    }

    /// A list of views: `{{#name}}{{child}}{{/name}}` renders once for each.
    static func list<Item: TemplateView>(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> [Item]?) -> Self {
        Self(name: name, kind: .list { Item.schema }, summary: summary, value: { value($0) })
    }

    /// A helper called with a section's text: `{{#name}}text{{/name}}`.
    static func lambda(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> MustacheLambda) -> Self {
        Self(name: name, kind: .lambda, summary: summary, value: { value($0) })
    }

    /// A map whose keys the site's authors choose (such as front matter `extra:`): any
    /// name below it is accepted by the checker.
    static func open(_ name: String, _ summary: String, _ value: @escaping @Sendable (View) -> [String: Any]?) -> Self {
        Self(name: name, kind: .open, summary: summary, value: { value($0) })
    }
}

/// A view's names without their values.
struct ViewSchema: Sendable {
    /// The Swift type (or, for the page context, the page kind): frames with equal ids are
    /// the same frame.
    let id: String
    let name: String
    let summary: String
    let fields: [Field]

    struct Field: Sendable {
        let name: String
        let kind: Kind
        let summary: String
    }

    enum Kind: Sendable {
        case text, number, flag, lambda
        /// Anything below it is accepted.
        case open
        /// Schemas are made on demand: views refer to each other (a TOC entry's children are TOC entries).
        case object(@Sendable () -> ViewSchema)
        case list(@Sendable () -> ViewSchema)
    }

    func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}
