import Foundation
import Testing
import SitegenTestSupport
@testable import SitegenBuild
@testable import SitegenModel

/// Salary figures show how old they are and whether anyone is named as their source.
@Suite struct SalaryHonestyTests {
    func figure(_ source: String, asOf: String? = nil, amount: Double = 100) -> SalaryFigure {
        SalaryFigure(role: "Backend developer", region: "Somewhere", currency: "USD", amount: amount, source: source,
                     asOf: asOf, location: SourceLocation(path: "content/salaries.yaml"))
    }

    @Test func ageIsCountedInWholeYearsFromTheMonthGiven() {
        let today = Day(iso: "2026-11-28")!
        #expect(SalaryFormat.age("2023-03", today: today) == "3 years old")
        #expect(SalaryFormat.age("2025-11", today: today) == "1 year old")
        #expect(SalaryFormat.age("2025-12", today: today) == "less than a year old")
        #expect(SalaryFormat.age("2020", today: today) == "6 years old")
        #expect(SalaryFormat.age(nil, today: today) == nil)
        #expect(SalaryFormat.asOfWithAge("2023-03", today: today) == "March 2023, 3 years old")
        #expect(SalaryFormat.asOfWithAge(nil, today: today) == "date not given")
    }

    @Test func aFigureWithoutANamedSourceSaysSoInTheChart() {
        let svg = SalaryChart.svg(figures: [figure("PayScale", asOf: "2023-03"), figure("not named")], currency: "USD",
                                  today: Day(iso: "2026-11-28")!, titleID: "t", descriptionID: "d")
        #expect(svg.contains(">Backend developer, Somewhere (no source named)</text>"))
        #expect(svg.components(separatedBy: "chart-bar-unsourced").count == 2, "exactly one bar is outlined")
        #expect(svg.contains("US$100 (PayScale, March 2023, 3 years old); Backend developer, Somewhere: US$100 (no source named, date not given)"))
        var long = figure("not named")
        long.region = "California, United States, the San Francisco Bay Area"
        let shortened = SalaryChart.svg(figures: [long], currency: "USD", today: Day(iso: "2026-11-28")!, titleID: "t", descriptionID: "d")
        #expect(shortened.contains("… (no source named)</text>"), "a long label keeps its marker")
        #expect(figure("Not Named").hasNamedSource == false)
        #expect(figure(" ").hasNamedSource == false)
        #expect(figure("  Source\tnot  named ").hasNamedSource == false)
        #expect(figure("Named by nobody").hasNamedSource)
        #expect(figure("PayScale").hasNamedSource)
        var renamed = figure("PayScale")
        renamed.source = "not named"
        #expect(renamed.hasNamedSource == false, "the flag follows the source")
    }

    @Test func theSiteCountsNamedSourcesAndKnowsItsNewestFigure() throws {
        let site = try ScratchSite()
        defer { site.remove() }
        try site.write("content/salaries.yaml", """
            - {role: A, region: R, currency: USD, amount: 1, source: PayScale, as_of: 2023-03}
            - {role: B, region: R, currency: USD, amount: 2, source: not named, as_of: "2021"}
            - {role: C, region: R, currency: USD, amount: 3, source: not named}

            """)
        try site.write("templates/home.mustache",
                       "{{<layout}}{{$main}}[{{site.salaryFigureCount}} {{site.salaryNamedSourceCount}} {{site.salaryNewestAsOf}}]{{/main}}{{/layout}}")
        let outcome = Pipeline(options: site.builder().options).run(checkOutputFolder: false)
        #expect(!outcome.diagnostics.hasErrors, "\(outcome.diagnostics)")
        let home = try #require(outcome.files.first { $0.path == "index.html" }?.text)
        #expect(home.contains("[3 1 March 2023]"))
    }
}
