import Testing
@testable import SitegenSupport

@Suite struct HTMLScannerTests {
    @Test func findsEveryIdAttributeAndNothingElse() {
        let html = "<h2 id=\"first\">A</h2><p data-id=\"no\" title=\"a=b\">x = y</p><a id=\"last\" href=\"#first\"></a><i id=\"unterminated"
        #expect(HTMLScanner.ids(in: html) == ["first", "last", "unterminated"])
        #expect(HTMLScanner.ids(in: "") == [])
        #expect(HTMLScanner.ids(in: "=") == [])
        #expect(HTMLScanner.ids(in: " id=") == [])
        #expect(HTMLScanner.ids(in: " id=\"\"") == [""])
    }
}
