import Foundation
import Testing
@testable import SitegenSupport

@Suite struct ScriptSafeStringTests {
    @Test func nothingInAValueCanCloseTheScriptOrTheString() {
        let literal = ScriptSafeString.literal("a</script><b>&\"q\" \\ 'x'\n\r\t\u{1}\u{2028}é")
        #expect(literal == #""a\u003c/script\u003e\u003cb\u003e\u0026\"q\" \\ 'x'\n\r\t\u0001\u2028é""#)
        #expect(!literal.contains("<") && !literal.contains(">") && !literal.contains("&"))
    }

    @Test func aJSONReaderGetsTheTextBack() throws {
        let text = "Back-end </script> & \"friends\"\n\u{7}\u{2029}"
        let decoded = try JSONDecoder().decode(String.self, from: Data(ScriptSafeString.literal(text).utf8))
        #expect(decoded == text)
    }

    @Test func encodedJSONGetsTheSameEscapesAndReadsTheSame() throws {
        let text = "Back-end </script> & \"friends\"\n\u{7}\u{2028}é"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let encoded = String(decoding: try encoder.encode(["k": text]), as: UTF8.self)
        let safe = ScriptSafeString.escapingMarkup(inJSON: encoded)
        #expect(safe == "{\"k\":" + ScriptSafeString.literal(text) + "}", "one escaping, whichever way the JSON was written")
        #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&") && !safe.contains("\u{2028}"))
        #expect(try JSONDecoder().decode([String: String].self, from: Data(safe.utf8)) == ["k": text])
    }
}
