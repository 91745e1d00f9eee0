import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// Highlighted code, fenced blocks rendered through `templates/blocks/`, image sizes.
@Suite struct FencedBlockTests {
    /// A scratch copy of the good fixture with the repository's block templates and
    /// language definitions, and one article whose body is `body`.
    func site(body: String) throws -> ScratchSite {
        let site = try ScratchSite()
        for folder in ["blocks", "languages"] {
            try FileManager.default.copyItem(at: Fixtures.repository.appendingPathComponent("templates/\(folder)"),
                                             to: site.source.appendingPathComponent("templates/\(folder)"))
        }
        try site.write("content/articles/blocks.md", """
            ---
            title: Blocks
            summary: Every kind of block.
            date: 2024-01-01
            skills: [alpha]
            ---

            \(body)
            """)
        return site
    }

    /// The article's HTML, or the build's error lines.
    func build(_ site: ScratchSite) -> (html: String?, diagnostics: [Diagnostic]) {
        let outcome = Pipeline(options: site.builder().options).run(checkOutputFolder: false)
        let html = outcome.files.first { $0.path == "articles/blocks/index.html" }?.text
        return (html, outcome.diagnostics)
    }

    func lines(_ diagnostics: [Diagnostic], _ site: ScratchSite) -> [String] {
        diagnostics.map { $0.description.replacingOccurrences(of: site.source.path + "/", with: "") }
    }

    /// The build's error lines.
    func errors(_ site: ScratchSite) -> [String] {
        lines(build(site).diagnostics.filter { $0.severity == .error }, site)
    }

    // MARK: - Highlighting

    /// One short program in each language the guide uses, and a token each must colour.
    static let guideLanguages: [(language: String, code: String, token: String)] = [
        ("sh", "echo \"hi\" # greet", #"<span class="hl-comment"># greet</span>"#),
        ("python", "def f(x):\n    return 42", #"<span class="hl-keyword">def</span>"#),
        ("javascript", "const x = 'a';", #"<span class="hl-keyword">const</span>"#),
        ("json", "{\"a\": 1}", #"<span class="hl-number">1</span>"#),
        ("sql", "SELECT name FROM users;", #"<span class="hl-keyword">SELECT</span>"#),
        ("java", "public class A {}", #"<span class="hl-keyword">public</span>"#),
        ("php", "<?php echo $x; ?>", #"<span class="hl-variable">$x</span>"#),
        ("html", "<p class=\"a\">x</p>", #"<span class="hl-keyword">&lt;p</span>"#),
        ("xml", "<a b=\"c\"/>", #"<span class="hl-string">&quot;c&quot;</span>"#),
        ("http", "GET /orders HTTP/1.1", #"<span class="hl-keyword">GET</span>"#),
        ("graphql", "query { order(id: $id) }", #"<span class="hl-variable">$id</span>"#),
        ("dockerfile", "FROM debian:12\nRUN echo hi", #"<span class="hl-keyword">FROM</span>"#),
        ("yaml", "name: value # note", #"<span class="hl-comment"># note</span>"#),
    ]

    @Test(arguments: guideLanguages.map(\.language))
    func eachOfTheGuidesLanguagesIsHighlighted(_ language: String) throws {
        let sample = try #require(Self.guideLanguages.first { $0.language == language })
        let site = try site(body: "```\(language)\n\(sample.code)\n```\n")
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<pre tabindex="0"><code class="language-\#(language)">"#))
        #expect(page.contains(sample.token), "\(language): \(page.components(separatedBy: "<pre").dropFirst().first ?? "no code block")")
    }

    @Test func anUnknownLanguageRendersPlainAndEscapedAndCheckListsIt() throws {
        let site = try site(body: "```klingon\nif a < b && c > \"d\" then 'e'\n```\n\n```\nno language <at> all\n```\n")
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors)
        let page = try #require(html)
        #expect(page.contains(#"<code class="language-klingon">if a &lt; b &amp;&amp; c &gt; &quot;d&quot; then 'e'"#))
        #expect(page.contains("no language &lt;at&gt; all"))
        #expect(!page.contains(#"<span class="hl-"#))
        let checked = lines(site.builder().check(lints: Lints.Options(today: Fixtures.today)), site)
        #expect(checked.contains { $0.hasPrefix("content/articles/blocks.md:8:1: note: code block in \"klingon\" is shown without colours") }, "\(checked)")
        #expect(checked.filter { $0.contains("without colours") }.count == 1, "a block with no language is plain by choice")
    }

    @Test func highlightedCodeIsEscaped() {
        let highlighter = CodeHighlighter(languagesFolder: nil, version: 0)
        let html = highlighter.highlight("x = \"<b>&amp;</b>\" + '<' # a < b & c > \"d\"", language: "python")
        #expect(html == .highlighted(#"x = <span class="hl-string">&quot;&lt;b&gt;&amp;amp;&lt;/b&gt;&quot;</span> + <span class="hl-string">&#39;&lt;&#39;</span> <span class="hl-comment"># a &lt; b &amp; c &gt; &quot;d&quot;</span>"#))
        #expect(highlighter.highlight("x", language: "no-such-language") == .noGrammar)
        #expect(highlighter.highlight("x", language: "../../etc/passwd") == .noGrammar, "a language name never reaches outside the folders")
        #expect(highlighter.highlight("", language: "python") == .highlighted(""))
    }

    @Test func aThemeLanguageFileWinsAndItsChangesAreSeen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("keyword = \"ping\"\n".utf8).write(to: folder.appendingPathComponent("toy.lang"))
        #expect(CodeHighlighter(languagesFolder: folder.path, version: 1).highlight("ping pong", language: "toy")
                == .highlighted(#"<span class="hl-keyword">ping</span> pong"#))
        try Data("keyword = \"pong\"\n".utf8).write(to: folder.appendingPathComponent("toy.lang"))
        #expect(CodeHighlighter(languagesFolder: folder.path, version: 2).highlight("ping pong", language: "toy")
                == .highlighted(#"ping <span class="hl-keyword">pong</span>"#))
        try Data("keyword = \"unterminated\n".utf8).write(to: folder.appendingPathComponent("broken.lang"))
        #expect(CodeHighlighter(languagesFolder: folder.path, version: 3).highlight("x", language: "broken") == .noGrammar,
                "a definition that does not parse leaves the code plain")
        // Source-highlight's parser keeps some of a failed file; the next definition parsed
        // lost its first rule to it until sitegen parsed it twice after a failure.
        try Data("comment start \"#\"\nkeyword = \"ping\"\n".utf8).write(to: folder.appendingPathComponent("next.lang"))
        #expect(CodeHighlighter(languagesFolder: folder.path, version: 4).highlight("ping # c", language: "next")
                == .highlighted(#"<span class="hl-keyword">ping</span> <span class="hl-comment"># c</span>"#))
    }

    @Test func aLanguageDefinitionThatCannotBeReadIsAnErrorNotPlainCode() throws {
        let site = try site(body: "```weird\nx\n```\n")
        defer { site.remove() }
        // A folder where the file should be: found, but it cannot be read as a definition.
        try FileManager.default.createDirectory(at: site.source.appendingPathComponent("templates/languages/weird.lang"),
                                                withIntermediateDirectories: true)
        let errors = errors(site)
        #expect(errors == ["content/articles/blocks.md:8:1: error: code block: the highlighting definition for \"weird\" could not be read (is templates/languages/weird.lang a readable file? too many files open?)"])
    }

    // MARK: - Blocks

    @Test func aTableBlockBecomesAnAccessibleTable() throws {
        let site = try site(body: """
            ```table "Salaries by level"
            Level,Median,Note
            Junior,"US$70,000",first job
            Senior,"US$140,000","leads, mentors"
            ```
            """)
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<caption id="block-1-caption">Salaries by level</caption>"#))
        #expect(page.contains(#"<thead><tr><th scope="col">Level</th><th scope="col" class="num">Median</th><th scope="col">Note</th></tr></thead>"#))
        #expect(page.contains(#"<tr><th scope="row">Senior</th><td class="num">US$140,000</td><td>leads, mentors</td></tr>"#))
        #expect(page.contains(#"role="region" tabindex="0" aria-labelledby="block-1-caption""#))
        #expect(!page.contains("```"))
    }

    @Test func aTableRowWithTheWrongNumberOfCellsIsAnErrorAtItsLine() throws {
        let site = try site(body: """
            Intro.

            ```table
            a,b,c
            1,2,3
            4,5
            "multi
            line",8,9
            7,8,9,10
            ```
            """)
        defer { site.remove() }
        let errors = errors(site)
        #expect(errors == [
            "content/articles/blocks.md:13:1: error: table: this row has 2 cells, the header has 3; quote a cell that holds a comma",
            "content/articles/blocks.md:16:1: error: table: this row has 4 cells, the header has 3; quote a cell that holds a comma",
        ])
    }

    @Test func aCalloutRendersItsMarkdownInALabelledAside() throws {
        let site = try site(body: """
            ```callout warning "Back up first"
            Run **pg_dump** before you [migrate](second.md).
            ```

            ```callout
            A plain note.
            ```
            """)
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<aside class="callout callout-warning" role="note" aria-labelledby="block-1-label">"#))
        #expect(page.contains(#"<p class="callout-label" id="block-1-label">Warning: Back up first</p>"#))
        #expect(page.contains(#"<p>Run <strong>pg_dump</strong> before you <a href="/docs/articles/second/">migrate</a>.</p>"#))
        #expect(page.contains(#"<p class="callout-label" id="block-2-label">Note</p>"#))
    }

    @Test func aBrokenLinkInsideACalloutIsReportedAtItsLine() throws {
        let site = try site(body: "Intro.\n\n```callout tip\nFirst line.\nSee [this](missing.md).\n```\n")
        defer { site.remove() }
        let errors = errors(site)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/articles/blocks.md:12:") == true, "\(errors)")
        #expect(errors.first?.contains("missing") == true)
    }

    @Test func aFigureGetsItsImageSizeAndAFigureWithoutAltIsAnError() throws {
        let site = try site(body: """
            ```figure
            src: ../static/images/pixel.png
            alt: One red pixel
            caption: The smallest image there is.
            ```
            """)
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<img src="/docs/images/pixel.png" alt="One red pixel" width="1" height="1">"#), "near the top: loads at once")
        #expect(page.contains("<figcaption>The smallest image there is.</figcaption>"))

        try site.write("content/articles/blocks.md", """
            ---
            title: Blocks
            summary: Every kind of block.
            date: 2024-01-01
            skills: [alpha]
            ---

            ```figure
            src: ../static/images/missing.png
            capion: typo
            ```
            """)
        let errors = errors(site)
        #expect(errors.contains("content/articles/blocks.md:10:1: error: figure: unknown key \"capion\" (did you mean \"caption\"?); a figure takes src, alt and caption"), "\(errors)")
        #expect(errors.contains("content/articles/blocks.md:8:1: error: figure: alt is required: say what the image shows for readers who cannot see it"), "\(errors)")
    }

    @Test func aFiguresImageIsCheckedLikeAnyLink() throws {
        let site = try site(body: "```figure\nsrc: ../static/images/missing.png\nalt: Nothing\n```\n")
        defer { site.remove() }
        let errors = errors(site)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/articles/blocks.md:9:6: error:") == true, "\(errors)")
        #expect(errors.first?.contains("missing.png") == true)
    }

    @Test func anUnknownBlockNameStaysACodeBlockAndAnAuthorsOwnBlockWorks() throws {
        let site = try site(body: "```aside\nnot a block\n```\n\n```quote Ada Lovelace\nThe engine *weaves* patterns.\n```\n")
        defer { site.remove() }
        try site.write("templates/blocks/quote.mustache",
                       "<blockquote class=\"q\">{{{html}}}<p>{{arguments}}, on {{page.title}}</p></blockquote>")
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<code class="language-aside">not a block"#))
        #expect(page.contains("<blockquote class=\"q\"><p>The engine <em>weaves</em> patterns.</p>\n<p>Ada Lovelace, on Blocks</p></blockquote>"))
    }

    @Test func aMisspeltNameInABlockTemplateIsAnError() throws {
        let site = try site(body: "Text.")
        defer { site.remove() }
        try site.write("templates/blocks/quote.mustache", "<p>{{page.titel}}</p>")
        let errors = errors(site)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("templates/blocks/quote.mustache:1:4: error:") == true, "\(errors)")
        #expect(errors.first?.contains("(did you mean \"page.title\"?)") == true, "\(errors)")
    }

    @Test func aPipeTableGetsAWarningPointingToTheTableBlock() throws {
        let site = try site(body: "Intro.\n\n| a | b |\n|---|:--:|\n| 1 | 2 |\n\nA | pipe in prose - not a table.\n")
        defer { site.remove() }
        let warnings = lines(build(site).diagnostics.filter { $0.severity == .warning && $0.location.path.hasSuffix("blocks.md") }, site)
        #expect(warnings == ["content/articles/blocks.md:11:1: warning: this looks like a pipe table, which CommonMark shows as plain text; write it as a ```table block of CSV (see the README)"])
    }

    @Test func aChangedBlockTemplateReRendersTheArticlesInServe() throws {
        let site = try site(body: "```callout tip\nHello.\n```\n")
        defer { site.remove() }
        let pipeline = Pipeline(options: site.builder().options)
        let first = pipeline.run(checkOutputFolder: false)
        #expect(first.files.first { $0.path == "articles/blocks/index.html" }?.text?.contains("callout-label") == true)
        try site.write("templates/blocks/callout.mustache", "<div class=\"changed\">{{{html}}}</div>")
        let second = pipeline.run(checkOutputFolder: false)
        #expect(contents(second.files) == freshBuild(site))
        #expect(second.files.first { $0.path == "articles/blocks/index.html" }?.text?.contains("<div class=\"changed\"><p>Hello.</p>") == true)
    }

    // MARK: - Images

    @Test func aChangedImageGivesItsNewSizeInServe() throws {
        let site = try site(body: "![A box](../static/images/box.svg)\n")
        defer { site.remove() }
        try site.write("content/static/images/box.svg", #"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>"#)
        let pipeline = Pipeline(options: site.builder().options)
        let first = pipeline.run(checkOutputFolder: false)
        #expect(first.files.first { $0.path == "articles/blocks/index.html" }?.text?.contains(#"width="40" height="20""#) == true)
        try site.write("content/static/images/box.svg", #"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"></svg>"#)
        let second = pipeline.run(checkOutputFolder: false)
        #expect(second.files.first { $0.path == "articles/blocks/index.html" }?.text?.contains(#"width="400" height="300""#) == true)
        #expect(contents(second.files) == freshBuild(site))
    }

    @Test func localImagesGetTheirSizeAndLaterOnesLoadLazily() throws {
        let filler = String(repeating: "A paragraph of filler text that pushes the next image down the page. ", count: 30)
        let site = try site(body: "![First](../static/images/pixel.png)\n\n\(filler)\n\n![Later](../static/images/pixel.png \"A title\")\n\n![Far](https://example.org/x.png)\n")
        defer { site.remove() }
        let (html, diagnostics) = build(site)
        #expect(!diagnostics.hasErrors, "\(lines(diagnostics, site))")
        let page = try #require(html)
        #expect(page.contains(#"<img src="/docs/images/pixel.png" alt="First" width="1" height="1">"#))
        #expect(page.contains(#"<img src="/docs/images/pixel.png" alt="Later" title="A title" width="1" height="1" loading="lazy" decoding="async">"#))
        #expect(page.contains(#"<img src="https://example.org/x.png" alt="Far" />"#), "outside images keep cmark's tag")
    }
}

/// Reading sizes from image headers, one test per format.
@Suite struct ImageHeaderTests {
    func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
    }

    @Test func png() {
        let header = bytes("89504e470d0a1a0a0000000d49484452" + "00000280" + "000001e0" + "0806000000")
        #expect(ImageHeader.size(of: header) == ImageSize(width: 640, height: 480))
    }

    @Test func gif() {
        #expect(ImageHeader.size(of: Array("GIF89a".utf8) + [0x2C, 0x01, 0xC8, 0x00, 0, 0]) == ImageSize(width: 300, height: 200))
    }

    @Test func jpegSkipsSegmentsBeforeTheFrame() {
        // SOI, an APP0 segment of 16 bytes, a DQT of 4, then SOF0 with height 120, width 160.
        let jpeg = bytes("ffd8" + "ffe00010" + String(repeating: "00", count: 14) + "ffdb0004" + "0000"
                         + "ffc00011" + "08" + "0078" + "00a0" + "03" + String(repeating: "00", count: 9))
        #expect(ImageHeader.size(of: jpeg) == ImageSize(width: 160, height: 120))
    }

    @Test func webpLossyLosslessAndExtended() {
        let riff = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBP".utf8)
        let lossy = riff + Array("VP8 ".utf8) + [0, 0, 0, 0] + [0, 0, 0] + [0x9D, 0x01, 0x2A] + [0x40, 0x01, 0xF0, 0x00] + [0, 0]
        #expect(ImageHeader.size(of: lossy) == ImageSize(width: 320, height: 240))
        // VP8L: 14 bits width-1, 14 bits height-1, little-endian after the 0x2F signature.
        let bits = UInt32(99) | UInt32(49) << 14
        let lossless = riff + Array("VP8L".utf8) + [0, 0, 0, 0] + [0x2F] + withUnsafeBytes(of: bits.littleEndian, Array.init) + Array(repeating: 0, count: 5)
        #expect(ImageHeader.size(of: lossless) == ImageSize(width: 100, height: 50))
        let extended = riff + Array("VP8X".utf8) + [0, 0, 0, 0] + [0, 0, 0, 0] + [0xFF, 0x03, 0x00] + [0xFF, 0x01, 0x00] + [0, 0]
        #expect(ImageHeader.size(of: extended) == ImageSize(width: 1024, height: 512))
    }

    @Test func svgSizeOrViewBox() {
        #expect(ImageHeader.size(of: Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64px" height="32"><rect/></svg>"#.utf8))
                == ImageSize(width: 64, height: 32))
        #expect(ImageHeader.size(of: Array(#"<svg viewBox="0 0 800 450" width="100%"></svg>"#.utf8)) == ImageSize(width: 800, height: 450))
        #expect(ImageHeader.size(of: Array("<svg></svg>".utf8)) == nil)
    }

    @Test func notAnImage() {
        #expect(ImageHeader.size(of: Array("hello world, not an image at all".utf8)) == nil)
        #expect(ImageHeader.size(of: []) == nil)
        #expect(ImageHeader.size(of: bytes("ffd8ffe0")) == nil, "a truncated JPEG")
    }

    @Test func theFixturesPNG() {
        let path = Fixtures.good.appendingPathComponent("content/static/images/pixel.png").path
        #expect(ImageHeader.size(ofFileAt: path) == ImageSize(width: 1, height: 1))
        #expect(ImageHeader.size(ofFileAt: "/nonexistent/x.png") == nil)
    }
}
