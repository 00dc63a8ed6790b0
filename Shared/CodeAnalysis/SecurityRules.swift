import Foundation
import Contracts

/// The `security` agent's rules, over tokens (so a call spelled inside a string or a comment is not a call).
/// Each finding names the line of the call or literal it is about.
///
/// - `security.eval`: `eval`/`exec` (Python), `eval`, `new Function`, `setTimeout("code")` (JavaScript), a script
///   engine's `eval` (Java), `NSExpression(format:)`/`evaluateScript` (Swift).
/// - `security.sql-injection`: a string that reads as SQL (`SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`,
///   `DELETE FROM`) built by interpolation (f-strings, `${}`, `\(…)`), `+` concatenation with a non-literal,
///   `%`/`.format` (Python), `Sprintf`/`String.format`.
/// - `security.hardcoded-secret`: AWS-style access key ids (`AKIA`/`ASIA` + 16), private-key blocks, a non-empty
///   string assigned to or compared with a name like `password`, `secret`, `api_key`, `token`.
/// - `security.shell-injection`: `os.system`/`os.popen`, any call with a `shell=` that is not `False`, `child_process.exec`/`execSync`,
///   `Runtime.getRuntime().exec`, `exec.Command("sh", "-c", …)`, Swift `system`/`popen`.
/// - `security.weak-hash`: MD5/SHA-1 (`hashlib.md5`, `createHash('md5')`, `MessageDigest.getInstance("SHA-1")`,
///   `md5.Sum`, `Insecure.MD5`); high when a password is in sight, medium otherwise; Python's
///   `usedforsecurity=False` opts out.
/// - `security.tls-verification-disabled`: `verify=False`, `ssl._create_unverified_context`, `CERT_NONE`,
///   `InsecureSkipVerify: true`, `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED = '0'`, an empty
///   `checkServerTrusted`, an all-accepting hostname verifier, `URLCredential(trust:)`.
/// - `security.unsafe-deserialization`: `pickle`/`cPickle`/`marshal`/`dill` loads, `yaml.load` without a safe
///   `Loader`, `yaml.unsafe_load`, `jsonpickle.decode`, Java `ObjectInputStream`, `NSKeyedUnarchiver.unarchiveObject`,
///   `node-serialize`'s `unserialize`.
public enum SecurityRules {
    public static let agent = "security"

    public static func findings(_ file: SourceFile) -> [Finding] {
        var scan = SecurityScan(file)
        scan.run()
        return scan.findings
    }
}

struct SecurityScan {
    static let childProcess = Array("child_process".utf8)
    static let engine = Array("engine".utf8)
    static let privateKeyBegin = Array("-----BEGIN".utf8)
    static let privateKeyWords = Array("PRIVATE KEY".utf8)

    let language: SourceLanguage
    let code: TokenList
    let matches: BracketMatches
    var findings: [Finding] = []
    var seen: Set<String> = []
    let usesChildProcess: Bool

    init(_ file: SourceFile) {
        language = file.language
        code = file.code
        matches = file.matches
        let code = code
        // Only JavaScript's rules ask whether the file names `child_process`.
        usesChildProcess = (language == .javascript || language == .typescript) && code.contains { token in
            token.kind == .string && code.withBytes(of: token) { ASCIIText.firstOffset(of: Self.childProcess, in: $0, folding: .exact) != nil }
        }
    }

    mutating func run() {
        for index in code.indices {
            let token = code[index]
            switch token.kind {
            case .identifier, .keyword:
                call(at: index)
                assignment(at: index)
            case .string:
                literal(at: index)
            default:
                break
            }
        }
    }

    // MARK: helpers

    /// The text of the token at `index` (empty outside the code).
    func text(_ index: Int) -> String { code.text(index) }

    /// Whether the token at `index` is spelled `literal`.
    func has(_ index: Int, _ literal: TokenLiteral) -> Bool { code.has(index, literal) }

    /// `os.path.join` for the name ending at `index`.
    func qualifiedName(endingAt index: Int) -> String {
        // Most calls are plain names: no array, no joining.
        guard index >= 2, code[index - 1] == "." else { return code.text(index) }
        var parts = [code.text(index)]
        var at = index
        while at >= 2, code[at - 1] == ".", code[at - 2].kind == .identifier || code[at - 2].kind == .keyword {
            parts.append(code.text(at - 2))
            at -= 2
        }
        return parts.reversed().joined(separator: ".")
    }

    /// Tokens of the call's arguments when `index` names a called function.
    func arguments(ofCallAt index: Int) -> Range<Int>? {
        guard has(index + 1, "("), let close = matches[index + 1] else { return nil }
        return (index + 2)..<close
    }

    /// The first argument token outside nested groups that `matches`: a nested group is jumped over, so each token
    /// is looked at by one call only (nested calls stay linear), and nothing is collected on the way.
    func firstTopLevel(in range: Range<Int>, where isMatch: (Int) -> Bool) -> Int? {
        var at = range.lowerBound
        while at < range.upperBound {
            if code[at].isAny(of: "(", "[", "{"), let close = matches[at] {
                at = close + 1
                continue
            }
            if isMatch(at) { return at }
            at += 1
        }
        return nil
    }

    /// The value of `name=…` (or `name: …`) among the call's own arguments.
    func keywordArgument(_ name: TokenLiteral, in range: Range<Int>) -> Int? {
        let found = firstTopLevel(in: range) { at in
            code[at] == name && at + 1 < range.upperBound && code[at + 1].isAny(of: "=", ":")
        }
        return found.flatMap { $0 + 2 < range.upperBound ? $0 + 2 : nil }
    }

    func literalValue(_ token: Token) -> String {
        let whole = code.text(of: token)
        var text = Substring(whole)
        while let first = text.first, first != "\"", first != "'", first != "`" { text = text.dropFirst() }
        for quote in ["\"\"\"", "'''", "\"", "'", "`"] where text.hasPrefix(quote) && text.hasSuffix(quote) && text.count >= quote.count * 2 {
            return String(text.dropFirst(quote.count).dropLast(quote.count))
        }
        return String(text)
    }

    mutating func report(_ rule: RuleID, _ severity: Severity, _ message: String, line: Int, confidence: Double) {
        let key = "\(rule.rawValue):\(line)"
        guard seen.insert(key).inserted else { return }
        findings.append(Finding(
            agent: SecurityRules.agent, type: .warning, severity: severity, message: message, line: line,
            confidence: confidence, ruleId: rule
        ))
    }
}
