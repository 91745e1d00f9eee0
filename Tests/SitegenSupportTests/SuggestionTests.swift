import Testing
@testable import SitegenSupport

@Suite struct SuggestionTests {
    @Test func editDistanceIsLevenshtein() {
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.editDistance("same", "same") == 0)
        #expect(Suggestion.editDistance("", "abc") == 3)
        #expect(Suggestion.editDistance("abc", "") == 3)
        #expect(Suggestion.editDistance("", "") == 0)
        #expect(Suggestion.editDistance("ab", "ba") == 2)  // no transpositions
        #expect(Suggestion.editDistance("flaw", "lawn") == 2)
        #expect(Suggestion.editDistance("graphq1", "graphql") == 1)
        // Over Unicode scalars: one accented letter is one edit.
        #expect(Suggestion.editDistance("café", "cafe") == 1)
        #expect(Suggestion.editDistance("sitting", "kitten") == Suggestion.editDistance("kitten", "sitting"))
    }

    @Test func closestPicksTheNearestWithinALimit() {
        #expect(Suggestion.closest(to: "graphq1", in: ["rest", "graphql", "grpc"]) == "graphql")
        #expect(Suggestion.closest(to: "betta", in: ["alpha", "beta", "gamma"]) == "beta")
        #expect(Suggestion.closest(to: "kubernetes", in: ["python", "rest"]) == nil)
        #expect(Suggestion.closest(to: "x", in: [String]()) == nil)
        // The limit is a third of the word, at least 2.
        #expect(Suggestion.closest(to: "ab", in: ["xy"]) == "xy")
        #expect(Suggestion.closest(to: "abc", in: ["xyz"]) == nil)
        #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdefxyz"]) == "abcdefxyz")
        #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdewxyz"]) == nil)
        // The nearest wins over an earlier, farther one; of equals, the first.
        #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdefgxx", "abcdefghx"]) == "abcdefghx")
        #expect(Suggestion.closest(to: "cat", in: ["bat", "hat"]) == "bat")
    }

    @Test func didYouMeanReadsAsAHint() {
        #expect(Suggestion.didYouMean("alpah", in: ["alpha", "beta"]) == " (did you mean \"alpha\"?)")
        #expect(Suggestion.didYouMean("zzzzzz", in: ["alpha", "beta"]) == "")
    }
}
