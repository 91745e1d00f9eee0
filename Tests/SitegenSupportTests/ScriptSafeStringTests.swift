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
}
