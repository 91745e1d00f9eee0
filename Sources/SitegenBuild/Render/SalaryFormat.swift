import Foundation
import SitegenModel
import SitegenSupport
/// How salary figures read on the page: amounts in their currency's usual grouping,
/// and dates as the source gave them.
enum SalaryFormat {
    static let currencyNames = ["USD": "US dollars", "EUR": "euros", "GBP": "pounds sterling", "INR": "Indian rupees",
                                "CAD": "Canadian dollars", "AUD": "Australian dollars", "JPY": "Japanese yen",
                                "CHF": "Swiss francs", "CNY": "Chinese yuan", "BRL": "Brazilian reais"]
    static let prefixes = ["USD": "US$", "EUR": "€", "GBP": "£", "CAD": "CA$", "AUD": "A$", "JPY": "¥"]

    /// `US$105,354`; `INR 6,50,000` (Indian grouping: lakhs and crores).
    static func amount(_ value: Double, currency: String) -> String {
        let cents = Int((abs(value) * 100).rounded())
        var text = group(String(cents / 100), indian: currency == "INR")
        if cents % 100 != 0 { text += "." + String(cents % 100).leftPadded(to: 2) }
        if let prefix = prefixes[currency] { return prefix + text }
        return currency + " " + text
    }

    private static func group(_ digits: String, indian: Bool) -> String {
        var groups: [Substring] = []
        var rest = Substring(digits)
        var size = 3
        while rest.count > size {
            groups.insert(rest.suffix(size), at: 0)
            rest = rest.dropLast(size)
            if indian { size = 2 }
        }
        groups.insert(rest, at: 0)
        return groups.joined(separator: ",")
    }

    static func caption(currency: String) -> String {
        if let name = currencyNames[currency] { return "Figures in \(name) (\(currency))" }
        return "Figures in \(currency)"
    }

    /// `2023-03` -> `March 2023`; `2023` stays; nothing -> `date not given`.
    static func asOf(_ text: String?) -> String {
        guard let text else { return "date not given" }
        let parts = text.split(separator: "-")
        if parts.count == 2, let month = Int(parts[1]), (1...12).contains(month) {
            return "\(Day.monthNames[month - 1]) \(parts[0])"
        }
        return text
    }

    /// How old a figure is on `today`, from its `as_of` ("3 years old"); nil without a date.
    static func age(_ asOf: String?, today: Day) -> String? {
        guard let asOf else { return nil }
        let parts = asOf.split(separator: "-").compactMap { Int($0) }
        guard let year = parts.first else { return nil }
        let months = (today.year * 12 + today.month) - (year * 12 + (parts.count > 1 ? parts[1] : 1))
        let years = months / 12
        switch years {
        case ..<1: return "less than a year old"
        case 1: return "1 year old"
        default: return "\(years) years old"
        }
    }

    /// "March 2023, 3 years old", or "date not given".
    static func asOfWithAge(_ asOf: String?, today: Day) -> String {
        self.asOf(asOf) + (age(asOf, today: today).map { ", " + $0 } ?? "")
    }

    static func statistic(_ value: String?) -> String {
        guard let value else { return "Not stated" }
        return value.prefix(1).uppercased() + value.dropFirst()
    }
}
