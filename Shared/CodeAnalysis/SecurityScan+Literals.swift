import Foundation
import Contracts

/// Secrets written as literals, and SQL built from values.
extension SecurityScan {
    static let secretNames = WordSet([
        "password", "passwd", "pwd", "secret", "apikey", "api_key", "accesskey", "access_key", "token", "privatekey", "private_key", "credential",
    ])
    /// `password_field`, `tokenizer`, `tokens`: names about secrets, not secrets.
    static let secretNameNotes = WordSet([
        "tokeniz", "tokens", "_field", "label", "prompt", "placeholder", "hint", "url", "path", "file", "length", "pattern", "regex", "type",
        "format", "name", "input",
    ])
    /// Names whose comparison with a literal reveals it (`token == "lambda"` is a parser, not a secret).
    static let comparedSecretNames = WordSet(["pass", "pwd", "secret"])

    static let assignmentOperators = TokenSet(["=", ":", ":=", "==", "!="])

    static func looksLikeSecretName(_ name: String) -> Bool { ASCIIText.withBytes(name, looksLikeSecretName) }

    static func looksLikeSecretName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        secretNames.occurring(inBytes: name, folding: .lowerDashAsUnderscore, stopAtFirst: true) != 0
            && secretNameNotes.occurring(inBytes: name, folding: .lowerDashAsUnderscore, stopAtFirst: true) == 0
    }

    /// `password = "…"`, `password: "…"`, `"password": "…"`, `password == "…"`.
    mutating func assignment(at index: Int) {
        // Every form has one of these right after the name (`:` also before a type annotation); most names do not.
        guard index + 2 < code.count, Self.assignmentOperators.contains(code[index + 1]) else { return }
        guard code.withBytes(of: code[index], Self.looksLikeSecretName) else { return }
        let name = code.text(index)
        var at = index + 1
        // Swift/TypeScript annotations: `let password: String = "…"`.
        if code[at] == ":", language == .swift || language == .typescript, code[at + 1].kind == .identifier, has(at + 2, "=") { at += 2 }
        let comparison = code[at].isAny(of: "==", "!=")
        // Comparing with a literal reveals it only for passwords (`token == "lambda"` is a parser, not a secret).
        if comparison, !Self.comparedSecretNames.containsAny(in: name, folding: .lower) { return }
        guard code[at].isAny(of: "=", ":", ":=") || comparison, at + 1 < code.count else { return }
        let value = code[at + 1]
        guard value.kind == .string, !value.isInterpolated else { return }
        // A literal that is only part of an expression (`"prefix" + x`) is no stored secret.
        if at + 2 < code.count, code[at + 2].isAny(of: "+", "%", ".") { return }
        let literal = literalValue(value)
        guard literal.count >= 4, !literal.containsBytes(" "), !Self.placeholder(literal) else { return }
        report(.hardcodedSecret, .high, "`\(name)` is set from a literal: secrets belong in the environment or a secret store.", line: value.line, confidence: 0.7)
    }

    static func placeholder(_ value: String) -> Bool {
        let lower = value.lowercased()
        return lower.hasPrefix("$") || lower.hasPrefix("<") || lower.hasPrefix("{") || lower.hasPrefix("%") || lower == "none" || lower == "null"
            || lower.containsBytes("xxxx") || lower.containsBytes("changeme") || lower.containsBytes("example") || lower.containsBytes("your_")
            || lower.hasPrefix("env:") || lower.allSatisfy { $0 == "*" }
    }

    // MARK: literals

    mutating func literal(at index: Int) {
        let token = code[index]
        let (awsKey, privateKey) = code.withBytes(of: token) { value in
            (
                value.count >= 20 && Self.containsAWSKey(value),
                ASCIIText.firstOffset(of: Self.privateKeyBegin, in: value, folding: .exact) != nil
                    && ASCIIText.firstOffset(of: Self.privateKeyWords, in: value, folding: .exact) != nil
            )
        }
        if awsKey {
            report(.hardcodedSecret, .critical, "An AWS access key id is written in the code; revoke it and load keys from the environment.", line: token.line, confidence: 0.95)
        }
        if privateKey {
            report(.hardcodedSecret, .critical, "A private key is embedded in the code; move it to a secret store.", line: token.line, confidence: 0.95)
        }
        // A dictionary key: `"password": "…"`.
        if index + 2 < code.count, code[index + 1] == ":", code[index + 2].kind == .string, Self.looksLikeSecretName(literalValue(token)) {
            let literal = literalValue(code[index + 2])
            if literal.count >= 4, !literal.containsBytes(" "), !Self.placeholder(literal), !code[index + 2].isInterpolated {
                report(.hardcodedSecret, .high, "`\(literalValue(token))` is set from a literal: secrets belong in the environment or a secret store.", line: code[index + 2].line, confidence: 0.65)
            }
        }
        sqlLiteral(at: index)
    }

    static func containsAWSKey(_ text: String) -> Bool {
        guard text.utf8.count >= 20 else { return false }
        return ASCIIText.withBytes(text, containsAWSKey)
    }

    static func containsAWSKey(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var at = 0
        while at + 20 <= bytes.count {
            // Every key id starts with `A`: jump from one to the next.
            guard let hit = memchr(base + at, Int32(UInt8(ascii: "A")), bytes.count - 20 - at + 1) else { return false }
            at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if (bytes[at] == UInt8(ascii: "A") && bytes[at + 1] == UInt8(ascii: "K") || bytes[at] == UInt8(ascii: "A") && bytes[at + 1] == UInt8(ascii: "S")),
               bytes[at + 2] == UInt8(ascii: "I"), bytes[at + 3] == UInt8(ascii: "A") {
                let body = bytes[(at + 4)..<(at + 20)]
                let valid = body.allSatisfy { ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "2") && $0 <= UInt8(ascii: "7")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
                let after = at + 20 < bytes.count ? bytes[at + 20] : 0
                let bounded = !((after >= UInt8(ascii: "A") && after <= UInt8(ascii: "Z")) || (after >= UInt8(ascii: "0") && after <= UInt8(ascii: "9")))
                if valid, bounded { return true }
            }
            at += 1
        }
        return false
    }


    /// The words that start a statement; the clauses are looked for only in a literal that has one.
    static let sqlStatements = WordSet(["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "DROP TABLE"])
    static let sqlClauses = WordSet([" FROM", " SET ", " WHERE "])

    static func looksLikeSQL(_ text: String) -> Bool { ASCIIText.withBytes(text, looksLikeSQL) }

    static func looksLikeSQL(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most literals are short words; the shortest match is the 10 bytes of "DROP TABLE".
        guard text.count >= 10 else { return false }
        let statements = sqlStatementBits(text)
        guard statements != 0 else { return false }
        // INSERT INTO, DELETE FROM and DROP TABLE say it alone; SELECT wants FROM or WHERE, UPDATE wants SET.
        if statements & 0b11010 != 0 { return true }
        let clauses = sqlClauses.occurring(inBytes: text, folding: .upper)
        let select = statements & 0b1 != 0, update = statements & 0b100 != 0
        return (select && clauses & 0b101 != 0) || (update && clauses & 0b10 != 0)
    }

    /// `sqlStatements.occurring(inBytes:folding: .upper)`, found from the spaces: each statement has one right after
    /// its first word (`SELECT `, `INSERT INTO`, `UPDATE `, `DELETE FROM`, `DROP TABLE`), so only the bytes around
    /// a space are compared (a docstring has a space every few bytes, and a statement's first letter every byte).
    static func sqlStatementBits(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = text.baseAddress else { return 0 }
        var found: UInt64 = 0
        var from = 0
        while from < text.count, let hit = memchr(base + from, Int32(UInt8(ascii: " ")), text.count - from) {
            let space = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = space + 1
            if space >= 6 {
                switch UpperFold.apply(text[space - 6]) {
                case UInt8(ascii: "S"): if folds(text, at: space - 6, to: "SELECT") { found |= 1 }
                case UInt8(ascii: "I"): if folds(text, at: space - 6, to: "INSERT"), folds(text, at: space + 1, to: "INTO") { found |= 1 << 1 }
                case UInt8(ascii: "U"): if folds(text, at: space - 6, to: "UPDATE") { found |= 1 << 2 }
                case UInt8(ascii: "D"): if folds(text, at: space - 6, to: "DELETE"), folds(text, at: space + 1, to: "FROM") { found |= 1 << 3 }
                default: break
                }
            }
            if space >= 4, UpperFold.apply(text[space - 4]) == UInt8(ascii: "D"), folds(text, at: space - 4, to: "DROP"),
               folds(text, at: space + 1, to: "TABLE") {
                found |= 1 << 4
            }
        }
        return found
    }

    /// Whether `text[at...]` starts with the upper-case ASCII `word` once its letters are upper-cased.
    @inline(__always)
    static func folds(_ text: UnsafeBufferPointer<UInt8>, at: Int, to word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= text.count else { return false }
        for offset in 0..<count where UpperFold.apply(text[at + offset]) != word.utf8Start[offset] { return false }
        return true
    }

    /// A SQL literal built with interpolation or with `+`/`%`/`.format` of a non-literal.
    mutating func sqlLiteral(at index: Int) {
        let token = code[index]
        // The shortest statement is the 10 bytes of "DROP TABLE": most literals are shorter.
        guard token.byteCount >= 10 else { return }
        // Whether the literal is built from values is a look at its neighbours; only then are its bytes read for
        // SQL (a docstring standing alone is never scanned).
        let concatenatedAfter = code.has(index + 1, oneOf: "+", "+=") && index + 2 < code.count && code[index + 2].kind != .string
        let concatenatedBefore = code.has(index - 1, oneOf: "+", "+=") && index >= 2 && (code[index - 2].kind != .string || has(index - 1, "+="))
        let formatted = language == .python && (has(index + 1, "%") || (has(index + 1, ".") && has(index + 2, "format")))
        guard token.isInterpolated || concatenatedAfter || concatenatedBefore || formatted,
              code.withBytes(of: token, Self.looksLikeSQL) else { return }
        let message = "SQL is built from values in the code: pass them as bound parameters instead."
        report(.sqlInjection, .high, message, line: token.line, confidence: token.isInterpolated ? 0.85 : 0.8)
    }

    /// `cursor.execute("… %s" % x)`, `db.query("…" + id)`, `db.Query(fmt.Sprintf(…))`: the query argument is built.
    mutating func sqlArgument(_ args: Range<Int>, line: Int) {
        guard let first = args.first, first < args.upperBound else { return }
        if code[first].kind == .identifier, qualifiedTail(first).hasSuffix("Sprintf") || qualifiedTail(first).hasSuffix("format") {
            let inner = first + (qualifiedTail(first).split(separator: ".").count - 1) * 2
            if let innerArgs = arguments(ofCallAt: inner) { sqlFormat(innerArgs, line: line) }
        }
    }

    /// `fmt.Sprintf("SELECT … %s", x)`, `String.format("… %s", x)`.
    mutating func sqlFormat(_ args: Range<Int>, line: Int) {
        guard let first = args.first, first < args.upperBound, code[first].kind == .string else { return }
        let value = code.text(first)
        guard Self.looksLikeSQL(value), value.containsBytes("%s") || value.containsBytes("%v") || value.containsBytes("%d") || value.containsBytes("{") else { return }
        report(.sqlInjection, .high, "SQL is formatted from values: pass them as bound parameters instead.", line: code[first].line, confidence: 0.8)
    }
}
