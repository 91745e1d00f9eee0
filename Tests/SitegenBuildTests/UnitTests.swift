import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel
@testable import SitegenSupport

@Suite struct FrontMatterTests {
    @Test func splitsByLines() throws {
        let split = try FrontMatter.split("---\ntitle: A\n---\nBody\n---\nmore").get()
        #expect(split.yaml == "title: A")
        #expect(split.body == "Body\n---\nmore")
        #expect(split.bodyFirstLine == 4)
    }

    @Test func handlesCRLFAndTrailingSpaces() throws {
        let split = try FrontMatter.split("--- \r\ntitle: A\r\n---\r\nBody").get()
        #expect(split.yaml == "title: A")
        #expect(split.body == "Body")
    }

    @Test func aDashLineInsideYAMLDoesNotEndTheBlock() throws {
        let split = try FrontMatter.split("---\ntitle: \"a --- b\"\n----\n---\nBody").get()
        #expect(split.yaml == "title: \"a --- b\"\n----")
    }

    @Test func loneCarriageReturnsAreLineBreaksEverywhere() throws {
        // Found by the fuzzer: cmark counted lone CRs as line breaks, the rest did not.
        let file = try SourceFile.decode(Data("---\rtitle: A\r---\r\r[x](y.md)\r".utf8),
                                         displayPath: "a.md", relativePath: "articles/a.md").get()
        #expect(file.text == "---\ntitle: A\n---\n\n[x](y.md)\n")
        let split = try FrontMatter.split(file.text).get()
        #expect(Markdown.render(split.body).links.first?.line == 2)
        #expect(SourceFile.position(ofByte: 3, in: Array("a\rb\r\nc".utf8)) == (2, 2))
    }

    @Test func reportsMissingAndUnterminated() {
        #expect(FrontMatter.split("title: A\n") == .failure(.missingOpening))
        #expect(FrontMatter.split("") == .failure(.missingOpening))
        #expect(FrontMatter.split("---\ntitle: A\n") == .failure(.unterminated))
        #expect(FrontMatter.split("---") == .failure(.unterminated))
    }
}

@Suite struct MarkdownTests {
    @Test func headingIdsAreSlugsAndUnique() {
        let rendered = Markdown.render("## REST, GraphQL & SOAP\n\n## Intro\n\n### Intro\n\n## Ünïcode ok\n")
        #expect(rendered.headings.map(\.id) == ["rest-graphql-soap", "intro", "intro-1", "ünïcode-ok"])
        #expect(rendered.headings.map(\.level) == [2, 2, 3, 2])
        #expect(rendered.html.contains("<h2 id=\"rest-graphql-soap\">"))
    }

    @Test func linksAreRewrittenAndLocated() {
        let text = "Intro line\n\nSee [a](other.md#x) and\n[b](https://example.org).\n"
        let rendered = Markdown.render(text) { link in
            LinkResolver.outputURL(for: link.destination, from: "articles/me.md", basePath: "/g/")
        }
        #expect(rendered.html.contains("<a href=\"/g/articles/other/#x\">a</a>"))
        #expect(rendered.html.contains("<a href=\"https://example.org\">b</a>"))
        #expect(rendered.links.map(\.destination) == ["other.md#x", "https://example.org"])
        #expect(rendered.links.map(\.line) == [3, 4])
        #expect(rendered.links.map(\.column) == [9, 5])
    }

    @Test func rawHTMLIsOmittedUnlessAllowed() {
        let text = "<script>alert(1)</script>\n\nHi <b>there</b>\n"
        let safe = Markdown.render(text)
        #expect(!safe.html.contains("<script>") && !safe.html.contains("<b>"))
        #expect(safe.omittedRawHTMLLines == [1, 3])
        let unsafe = Markdown.render(text, options: .init(allowRawHTML: true))
        #expect(unsafe.html.contains("<b>there</b>"))
    }

    @Test func dangerousSchemesAreBlanked() {
        for url in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:x", "data:text/html,<b>"] {
            let html = Markdown.render("[x](\(url))").html
            #expect(html.contains("<a href=\"\">x</a>"), "\(url): \(html)")
        }
    }

    @Test func plainTextLeavesMarkupOut() {
        let rendered = Markdown.render("# Title\n\nSome *emphasis* and `code`.\n")
        #expect(rendered.plainText == "Title\nSome emphasis and code.\n")
    }

    /// Only the start of a body's text is kept (what search reads), cut between
    /// characters; the words are counted over all of it, a callout's included.
    @Test func keepsTheStartOfTheTextAndCountsEveryWord() {
        let paragraph = String(repeating: "héllo wörld ", count: 500)  // 1,000 words, 7,000 bytes
        var options = Markdown.Options()
        options.blockNames = ["callout"]
        let rendered = Markdown.render(paragraph + "\n\n```callout note\n" + paragraph + "\n```\n", options: options,
                                       rewriteLink: { _ in nil }, imageSize: { _ in nil })
        #expect(rendered.wordCount == 2000)
        #expect(rendered.plainText.utf8.count <= RenderedMarkdown.plainTextLimit)
        #expect(rendered.plainText.utf8.count > RenderedMarkdown.plainTextLimit - 4)
        #expect(paragraph.hasPrefix(rendered.plainText))
    }
}

@Suite struct LinkResolverTests {
    @Test func classifiesDestinations() {
        #expect(LinkResolver.classify("other.md", from: "articles/a.md") == .site(path: "/articles/other/", fragment: nil))
        #expect(LinkResolver.classify("../pages/about.md#who", from: "articles/a.md") == .site(path: "/pages/about/", fragment: "who"))
        #expect(LinkResolver.classify("/skills/x/", from: "articles/a.md") == .site(path: "/skills/x/", fragment: nil))
        #expect(LinkResolver.classify("../static/img/a.png", from: "articles/a.md") == .site(path: "/img/a.png", fragment: nil))
        #expect(LinkResolver.classify("#part", from: "articles/a.md") == .samePage(fragment: "part"))
        #expect(LinkResolver.classify("https://x.org/a.md", from: "articles/a.md") == .external)
        #expect(LinkResolver.classify("mailto:a@b.c", from: "articles/a.md") == .external)
        #expect(LinkResolver.classify("//cdn.example/x", from: "articles/a.md") == .external)
    }

    @Test func climbingAboveTheContentFolderNeverResolves() {
        let target = LinkResolver.classify("../../../etc/passwd", from: "articles/a.md")
        guard case let .site(path, _) = target else { Issue.record("\(target)"); return }
        #expect(path.hasPrefix("/../"))
    }
}

@Suite struct FormatTests {
    @Test func daysMustBeRealDates() {
        #expect(Day(iso: "2024-02-29")?.readable == "29 February 2024")
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-2-1") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "yesterday") == nil)
    }

    @Test func amountsUseTheirCurrencysGrouping() {
        #expect(SalaryFormat.amount(105354, currency: "USD") == "US$105,354")
        #expect(SalaryFormat.amount(650000, currency: "INR") == "INR 6,50,000")
        #expect(SalaryFormat.amount(12345678, currency: "INR") == "INR 1,23,45,678")
        #expect(SalaryFormat.amount(999, currency: "SEK") == "SEK 999")
        #expect(SalaryFormat.amount(1234.5, currency: "EUR") == "€1,234.50")
    }

    @Test func asOfReadsAsTheSourceGaveIt() {
        #expect(SalaryFormat.asOf("2023-03") == "March 2023")
        #expect(SalaryFormat.asOf("2023") == "2023")
        #expect(SalaryFormat.asOf(nil) == "date not given")
    }

    @Test func htmlEscapingMatchesMustacheRules() {
        let escape = HTMLEscaping().escapeText
        #expect(escape("plain text, ünïcode ✓") == "plain text, ünïcode ✓")
        #expect(escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;")
        #expect(escape("é<é") == "é&lt;é")
        #expect(escape("") == "")
    }

    @Test func suggestionsFindCloseNames() {
        #expect(Suggestion.closest(to: "graphq1", in: ["graphql", "rest"]) == "graphql")
        #expect(Suggestion.closest(to: "kubernetes", in: ["python", "rest"]) == nil)
    }

    @Test func invalidUTF8IsLocated() {
        let bytes: [UInt8] = Array("ok\nab".utf8) + [0xC3, 0x28]
        #expect(SourceFile.firstInvalidUTF8Offset(bytes) == 5)
        #expect(SourceFile.position(ofByte: 5, in: bytes) == (2, 3))
        #expect(SourceFile.firstInvalidUTF8Offset(Array("héllo ✓ 😀".utf8)) == nil)
        #expect(SourceFile.firstInvalidUTF8Offset([0xED, 0xA0, 0x80]) == 0)  // a UTF-16 surrogate
    }
}
