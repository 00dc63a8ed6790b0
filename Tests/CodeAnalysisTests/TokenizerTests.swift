@testable import CodeAnalysis
import Testing

@Suite("The shared tokenizer")
struct TokenizerTests {
    @Test func linesSplitAtLineFeedsWithCarriageReturnsDropped() {
        #expect(SourceFile.lines(of: "a\r\nb\r\n") == ["a", "b"])
        #expect(SourceFile.lines(of: "a\n\nb") == ["a", "", "b"])
        #expect(SourceFile.lines(of: "a\n\n") == ["a", ""])
        #expect(SourceFile.lines(of: "").isEmpty)
        #expect(SourceFile.lines(of: "é\r") == ["é"])
        #expect(SourceFile(code: "x = 1\r\ny = 2\r\n", language: .python).lineCount == 2)
    }

    @Test func asciiTextFoldsCaseAndFindsWords() {
        #expect(ASCIIText.occurs(Array("db_password".utf8), in: "DB-Password", folding: .lowerDashAsUnderscore))
        #expect(ASCIIText.occurs(Array(" FROM".utf8), in: "select * from t", folding: .upper))
        #expect(!ASCIIText.occurs(Array("token".utf8), in: "tok", folding: .lower))
        #expect(ASCIIText.occurs(Array("token".utf8), in: "ÉTÉ TOKEN", folding: .lower))
        #expect(!ASCIIText.occurs(Array("Token".utf8), in: "token"))
        #expect("let x: [Int] = y".rangeOfBytes(": [").map { "let x: [Int] = y"[$0] } == ": [")
        #expect("ÉTÉ x!".rangeOfBytes("x").map { "ÉTÉ x!"[$0.lowerBound...] } == "x!")
        #expect(!"abc".containsBytes("abcd") && "abc".containsBytes("") && "abc".containsBytes("bc"))
        let words = WordSet(["SELECT ", " FROM", "SET", "DROP TABLE"])
        #expect(words.occurring(in: "select a from b", folding: .upper) == 0b0011)
        #expect(words.occurring(in: "x SET", folding: .exact) == 0b0100)
        #expect(words.occurring(in: "drop tabl", folding: .upper) == 0, "a word cut by the end is no match")
        #expect(words.containsAny(in: "--SeT--", folding: .upper) && !words.containsAny(in: "--SeT--", folding: .exact))
        #expect(SecurityScan.looksLikeSQL("\"select name from users where id = \""))
        #expect(!SecurityScan.looksLikeSQL("\"selected\""))
        #expect(SecurityScan.looksLikeSecretName("API-Key") && !SecurityScan.looksLikeSecretName("tokenizer"))
    }

    func strings(_ code: String, _ language: SourceLanguage) -> [String] {
        let file = SourceFile(code: code, language: language)
        return file.tokens.filter { $0.kind == .string }.map(file.text(of:))
    }

    /// The interpolated code of a literal of `file`, as text.
    func interpolations(_ token: Token?, _ file: SourceFile) -> [String]? {
        token.map { Tokenizer(language: file.language).interpolations(of: $0, in: file.tokens).map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test("Swift raw, multi-line and nested interpolated strings are one token each")
    func swiftStrings() {
        #expect(strings(##"let a = #"x "quoted" \(y)"#"##, .swift) == [##"#"x "quoted" \(y)"#"##])
        #expect(strings("let b = \"\"\"\n  one \" two\n  \"\"\"\nlet c = 1", .swift) == ["\"\"\"\n  one \" two\n  \"\"\""])
        let nested = #"let d = "a \("b \(c + ")") d") e""#
        let nestedFile = SourceFile(code: nested, language: .swift)
        let tokens = nestedFile.tokens.filter { $0.kind == .string }
        #expect(tokens.map(nestedFile.text(of:)) == [#""a \("b \(c + ")") d") e""#])
        #expect(tokens.first?.isInterpolated == true)
        #expect(interpolations(tokens.first, nestedFile) == [#""b \(c + ")") d""#])
        // Rescanned from the literal's bytes, also when the literal is not the first token of its line.
        let laterFile = SourceFile(code: #"x = 1; let e = "p \(q) r \(s)""#, language: .swift)
        #expect(interpolations(laterFile.tokens.first { $0.kind == .string }, laterFile) == ["q", "s"])
        let plain = SourceFile(code: #"let p = "plain""#, language: .swift)
        #expect(interpolations(plain.tokens.first { $0.kind == .string }, plain) == [])
    }

    @Test("Swift block comments nest")
    func swiftNestedComments() {
        let file = SourceFile(code: "/* a /* b */ c */ let x = 1", language: .swift)
        #expect(file.tokens.first?.kind == .comment)
        #expect(file.tokens.first.map(file.text(of:)) == "/* a /* b */ c */")
        #expect(file.tokens.contains { $0 == "let" && $0.kind == .keyword })
    }

    @Test("tokens compare by their whole spelling, past 8 and 16 bytes too")
    func spellings() {
        let file = SourceFile(code: "instanceof instanceofX checkServerTrusted checkServerTrustedX ab x\u{e9}", language: .javascript)
        let words = file.tokens.filter { $0.kind != .newline }
        #expect(words[0] == "instanceof" && words[1] != "instanceof")
        #expect(file.tokens.spells(words[2], "checkServerTrusted") && !file.tokens.spells(words[3], "checkServerTrusted"))
        #expect(!file.tokens.spells(words[0], "checkServerTrusted"))
        #expect(words[4] == "ab" && words[4] != "a" && words[4] != "abc")
        #expect(words[5] == "x\u{e9}" && file.text(of: words[5]) == "x\u{e9}")
        #expect(TokenSet(["instanceof", "ab"]).contains(words[0]) && !TokenSet(["instanceof"]).contains(words[1]))
        #expect(file.tokens.hasPrefix(words[3], "checkServer") && !file.tokens.hasPrefix(words[4], "abc"))
    }

    @Test("SQL statements found from the spaces are the ones the word list finds")
    func sqlStatementsFromSpaces() {
        let texts = [
            "select * from t", "xSELECT y", "insert into t", "INSERT  INTO t", "update t set a", "delete from x", "drop table t",
            "DROP TABLES", "nothing here", "SELECT", " SELECT ", "delete FROMAGE", "\u{dc}nicode select \u{e9} from", "a SELECT b INSERT INTOx",
            "", " ", "DROP\tTABLE x", "sElEcT * fRoM t",
        ]
        for text in texts {
            let expected = SecurityScan.sqlStatements.occurring(in: text, folding: .upper)
            #expect(ASCIIText.withBytes(text, SecurityScan.sqlStatementBits) == expected, "\(text)")
        }
    }

    @Test("AWS key ids are found wherever they start, up to the last byte")
    func awsKeyIds() {
        #expect(SecurityScan.containsAWSKey("AKIAABCDEFGHIJKLMNOP"))
        #expect(SecurityScan.containsAWSKey("A A AAAKIA key: xxASIAABCDEFGHIJ234567"))
        #expect(!SecurityScan.containsAWSKey("AKIAABCDEFGHIJKLMNOPQ"))  // 17 characters after AKIA: no key id
        #expect(!SecurityScan.containsAWSKey("AKIAABCDEFGHIJKLMNO"))
        #expect(!SecurityScan.containsAWSKey("AAAAAAAAAAAAAAAAAAAAAAAAA"))
    }

    @Test("Python prefixes, triple quotes and f-string interpolations")
    func pythonStrings() {
        #expect(strings(#"a = r'\d+\'' + b"x" + f"{y!r}" + '''t'r'''"#, .python) == [#"r'\d+\''"#, #"b"x""#, #"f"{y!r}""#, "'''t'r'''"])
        let file = SourceFile(code: #"z = f"{a if b else c} {{literal}}""#, language: .python)
        #expect(interpolations(file.tokens.first { $0.kind == .string }, file) == ["a if b else c"])
    }

    @Test("JavaScript template literals nest through ${} and regular expressions are literals")
    func scriptLiterals() {
        #expect(strings("const a = `x ${`y ${z}`} w`", .javascript) == ["`x ${`y ${z}`} w`"])
        #expect(strings(#"const r = /"[^"]*"/g; const q = a / b / c"#, .javascript) == [#"/"[^"]*"/g"#])
    }

    @Test("Go raw strings and runes, Java text blocks")
    func goAndJava() {
        #expect(strings("s := `a \"b\"\nc`; r := '\\''", .go) == ["`a \"b\"\nc`", "'\\''"])
        #expect(strings("String s = \"\"\"\n  a \"b\" \n  \"\"\";", .java) == ["\"\"\"\n  a \"b\" \n  \"\"\""])
    }

    @Test("tokens carry their lines, multi-line tokens their last line")
    func lines() {
        let file = SourceFile(code: "a\n\"\"\"\nx\n\"\"\"\nb", language: .python)
        let significant = file.tokens.filter { $0.kind != .newline }
        #expect(significant.map(\.line) == [1, 2, 5])
        #expect(significant[1].endLine == 4)
        #expect(file.lineCount == 5)
    }

    @Test("unterminated literals and comments end the file without a crash", arguments: SourceLanguage.allCases)
    func unterminated(_ language: SourceLanguage) {
        for code in ["\"abc", "'abc", "/* open", "\"\"\"\nopen", "`open ${ a", "#\"open", "r'''x", "\\", "\u{0}\u{1}\u{FFFD}"] {
            let file = SourceFile(code: code, language: language)
            _ = StructureAnalyzer.analyze(file)
            _ = SecurityRules.findings(file)
            #expect(file.lineCount >= 1)
        }
    }

    @Test("the empty file has no lines, tokens or findings", arguments: SourceLanguage.allCases)
    func empty(_ language: SourceLanguage) {
        let file = SourceFile(code: "", language: language)
        let report = StructureAnalyzer.analyze(file)
        #expect(file.tokens.isEmpty)
        #expect(report.lines == 0 && report.functions.isEmpty && report.maxNesting == 0)
        #expect(allFindings("", language).isEmpty)
    }
}
