import SitegenModel
import SitegenSupport
import Foundation

/// A text file of the site, read once and decoded as UTF-8.
struct SourceFile: Sendable {
    /// The path shown in diagnostics (as the user would type it).
    let displayPath: String
    /// The path relative to the content folder, with `/` separators (e.g. `articles/apis.md`).
    let relativePath: String
    let text: String

    /// Reads a file and decodes it as UTF-8, dropping a leading byte-order mark.
    /// Invalid UTF-8 is reported at the line and column of the first bad byte.
    static func read(url: URL, displayPath: String, relativePath: String, layout: SiteLayout) -> Result<SourceFile, Diagnostic> {
        if let problem = layout.problem(withSourceFile: url) { return .failure(problem) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(.error(SourceLocation(path: displayPath), "cannot read file: \(describe(error))"))
        }
        return decode(data, displayPath: displayPath, relativePath: relativePath)
    }

    static func decode(_ data: Data, displayPath: String, relativePath: String) -> Result<SourceFile, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // The standard library's validation is fast; the byte-by-byte search runs only to
        // say where a file that failed it goes wrong.
        let valid = String(validating: bytes, as: UTF8.self) != nil
        if !valid, let badOffset = firstInvalidUTF8Offset(bytes) {
            let (line, column) = position(ofByte: badOffset, in: bytes)
            return .failure(.error(
                SourceLocation(path: displayPath, line: line, column: column),
                "file is not valid UTF-8 (byte 0x\(String(bytes[badOffset], radix: 16, uppercase: true)) at offset \(badOffset)); save it as UTF-8"))
        }
        if bytes.contains(0) {
            let offset = bytes.firstIndex(of: 0)!
            let (line, column) = position(ofByte: offset, in: bytes)
            return .failure(.error(SourceLocation(path: displayPath, line: line, column: column),
                                   "file contains a NUL byte; is it a binary file?"))
        }
        return .success(SourceFile(displayPath: displayPath, relativePath: relativePath,
                                   text: String(decoding: normalizingLineEndings(bytes), as: UTF8.self)))
    }

    /// CRLF and a lone CR become LF. CommonMark and YAML both count a lone CR as a line
    /// break; normalising once here makes every stage count lines the same way (the fuzzer
    /// found diagnostics pointing past the end of a file that used lone CRs).
    static func normalizingLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                result.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                result.append(byte)
            }
            index += 1
        }
        return result
    }

    func location(line: Int, column: Int = 0) -> SourceLocation {
        SourceLocation(path: displayPath, line: line, column: column)
    }

    var startLocation: SourceLocation { location(line: 1, column: 1) }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var minimumSecond: UInt8 = 0x80, maximumSecond: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minimumSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maximumSecond = 0x9F
            case 0xF0: length = 4; minimumSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maximumSecond = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= minimumSecond, second <= maximumSecond else { return index }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// 1-based line and column (in bytes) of a byte offset, counting LF, CRLF and a lone
    /// CR as line breaks, as the rest of sitegen does.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<offset {
            let isBreak = bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A))
            if isBreak {
                line += 1
                lineStart = i + 1
            }
        }
        return (line, offset - lineStart + 1)
    }
}

func describe(_ error: Error) -> String {
    if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
        return underlying.localizedDescription
    }
    return (error as NSError).localizedDescription
}
