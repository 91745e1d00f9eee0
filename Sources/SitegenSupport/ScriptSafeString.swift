/// A JSON string literal that is also safe inside an HTML `<script>` element and valid
/// JavaScript: `<`, `>` and `&` are escaped, so "</script>" in a value cannot close the
/// element (`\u003c` means the same to a JSON or JavaScript reader), and so are U+2028
/// and U+2029, which JSON allows raw but older JavaScript does not.
public enum ScriptSafeString {
    public static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
