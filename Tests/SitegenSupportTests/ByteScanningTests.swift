import Testing
@testable import SitegenSupport

@Suite struct SplitLinesTests {
    func lines(_ text: String) -> [String] { text.splitLines().map(String.init) }

    @Test func splitsAtLineFeeds() {
        #expect(lines("a\nb") == ["a", "b"])
        #expect(lines("a\nb\n") == ["a", "b", ""])
        #expect(lines("one line") == ["one line"])
    }

    @Test func dropsTheCarriageReturnOfCRLF() {
        #expect(lines("a\r\nb\r\n") == ["a", "b", ""])
        #expect(lines("a\r\nb\nc") == ["a", "b", "c"])
        #expect(lines("a\r\r\nb") == ["a\r", "b"])  // only the CR right before the LF
    }

    @Test func loneCarriageReturnsAreNotLineBreaks() {
        // SourceFile turns them into LFs when a file is read; here they are plain bytes.
        #expect(lines("a\rb") == ["a\rb"])
        #expect(lines("a\r") == ["a\r"])
        #expect(lines("\r") == ["\r"])
    }

    @Test func keepsEmptyLinesSoIndicesAreLines() {
        #expect(lines("") == [""])
        #expect(lines("\n") == ["", ""])
        #expect(lines("a\n\n\nb") == ["a", "", "", "b"])
        #expect(lines("\r\n\r\n") == ["", "", ""])
    }

    @Test func worksOnMultibyteTextAndSubstrings() {
        #expect(lines("é\r\n✓\n😀") == ["é", "✓", "😀"])
        let text = "skip\nmiddle\r\nend"
        let slice = text.dropFirst(5)
        #expect(slice.splitLines().map(String.init) == ["middle", "end"])
    }
}

@Suite struct ByteReplacementTests {
    @Test func containsASCII() {
        #expect("a<b".containsASCII(UInt8(ascii: "<")))
        #expect(!"ab".containsASCII(UInt8(ascii: "<")))
        #expect(!"".containsASCII(UInt8(ascii: "<")))
        #expect("ünïcode\n".containsASCII(0x0A))
        #expect(!"ünïcode ✓".containsASCII(UInt8(ascii: "\"")))
    }

    @Test func replacingASCII() {
        #expect("a-b-c".replacingASCII(UInt8(ascii: "-"), with: UInt8(ascii: "_")) == "a_b_c")
        #expect("abc".replacingASCII(UInt8(ascii: "-"), with: UInt8(ascii: "_")) == "abc")
        #expect("".replacingASCII(UInt8(ascii: "-"), with: UInt8(ascii: "_")) == "")
        #expect("é-ü-✓".replacingASCII(UInt8(ascii: "-"), with: UInt8(ascii: "/")) == "é/ü/✓")
    }

    @Test func replacingLiteral() {
        #expect("a<b<c".replacingLiteral("<", with: "&lt;") == "a&lt;b&lt;c")
        #expect("<a>".replacingLiteral("<", with: "&lt;") == "&lt;a>")
        #expect("abc".replacingLiteral("<", with: "&lt;") == "abc")
        #expect("".replacingLiteral("<", with: "&lt;") == "")
        #expect("ab".replacingLiteral("abc", with: "x") == "ab")
        #expect("abc".replacingLiteral("", with: "x") == "abc")
        // Matches do not overlap; scanning goes on after each replacement.
        #expect("a---b".replacingLiteral("--", with: "X") == "aX-b")
        #expect("----".replacingLiteral("--", with: "X") == "XX")
        // Multibyte text around and in the replacement is kept whole.
        #expect("é</ü</✓".replacingLiteral("</", with: "<\\/") == "é<\\/ü<\\/✓")
        #expect("a->b".replacingLiteral("->", with: "→") == "a→b")
        #expect("😀😀".replacingLiteral("x", with: "y") == "😀😀")
    }

    @Test func leftPadded() {
        #expect("7".leftPadded(to: 3) == "007")
        #expect("123".leftPadded(to: 3) == "123")
        #expect("1234".leftPadded(to: 3) == "1234")
        #expect("".leftPadded(to: 2) == "00")
        #expect("x".leftPadded(to: 3, with: " ") == "  x")
        #expect("é".leftPadded(to: 2) == "0é")  // counts characters, not bytes
    }
}

@Suite struct ASCIIAffixTests {
    @Test func prefixesAndSuffixesCompareBytes() {
        #expect("articles/a.md".hasASCIISuffix(".md"))
        #expect("a.md".hasASCIISuffix("a.md"))
        #expect(!"md".hasASCIISuffix(".md"))
        #expect(!"a.mdx".hasASCIISuffix(".md"))
        #expect(".hidden.md".hasASCIIPrefix("."))
        #expect(!"visible.md".hasASCIIPrefix("."))
        #expect("".hasASCIISuffix("") && "".hasASCIIPrefix(""))
        #expect("é.md".hasASCIISuffix(".md") && "é.md".dropFirst().hasASCIIPrefix("."))
    }

    @Test func bytesNotCharacters() {
        // "d" + COMBINING ACUTE is one Character: Character-wise "x.md\u{301}" does not end
        // in ".md", but its bytes do not either (the accent's bytes come last).
        #expect(!"x.md\u{301}".hasASCIISuffix(".md"))
        // A combining mark after the "." of ".md" makes one Character of ".\u{301}", so
        // `hasSuffix` says no; the bytes still end in "md", not ".md".
        #expect(!"x.\u{301}md".hasASCIISuffix(".md"))
        #expect("x\u{301}.md".hasASCIISuffix(".md"))
    }

    @Test func splitsAtTheFirstOccurrence() {
        let parts = "articles/sub/a.md".splitOnce(atASCII: UInt8(ascii: "/"))
        #expect(parts?.before == "articles" && parts?.after == "sub/a.md")
        #expect("/a".splitOnce(atASCII: UInt8(ascii: "/")).map { [$0.before, $0.after] } == ["", "a"])
        #expect("a/".splitOnce(atASCII: UInt8(ascii: "/")).map { [$0.before, $0.after] } == ["a", ""])
        #expect("none".splitOnce(atASCII: UInt8(ascii: "/")) == nil)
        #expect("é/ü".splitOnce(atASCII: UInt8(ascii: "/")).map { [$0.before, $0.after] } == ["é", "ü"])
    }
}
