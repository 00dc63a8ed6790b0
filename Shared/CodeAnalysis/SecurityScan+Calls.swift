import Foundation
import Contracts

/// Calls that evaluate code, start shells, hash weakly, skip certificate checks or deserialize unsafely, per language.
extension SecurityScan {
    mutating func call(at index: Int) {
        guard let args = arguments(ofCallAt: index) else {
            nonCallPatterns(at: index)
            return
        }
        let last = code[index]
        // The dotted name is only made for the last words the rules below look it up for.
        let name = last.byteCount > TokenKey.capacity || Self.namedCalls(language).contains(last) ? qualifiedName(endingAt: index) : ""
        let line = code[index].line
        let receiverIsNew = has(index - 1, "new")
        let plain = !has(index - 1, ".")
        switch language {
        case .python:
            if plain, last == "eval" || last == "exec" {
                report(.eval, .high, "`\(code.text(of: last))()` runs code built at run time; parse the data instead (ast.literal_eval, json).", line: line, confidence: 0.9)
            }
            let named = !name.isEmpty
            if named, Self.pythonShellCalls.contains(name) {
                report(.shellInjection, .high, "`\(name)()` hands its string to a shell; use subprocess.run with an argument list.", line: line, confidence: 0.85)
            }
            if let value = keywordArgument("shell", in: args), !code.has(value, oneOf: "False", "0", "None") {
                // `shell=flag` may well be true: as bandit does, it counts, with less confidence.
                let literal = has(value, "True")
                report(.shellInjection, .high, "`shell=\(text(value))` lets the shell interpret the command; pass an argument list without it.", line: line, confidence: literal ? 0.85 : 0.6)
            }
            if named, Self.pythonWeakHashCalls.contains(name) || (name == "hashlib.new" && weakAlgorithm(in: args)) {
                weakHash(name: name, at: index, args: args)
            }
            if let value = keywordArgument("verify", in: args), has(value, "False") {
                report(.tlsVerificationDisabled, .high, "`verify=False` accepts any certificate: a man in the middle reads everything.", line: line, confidence: 0.9)
            }
            if named, name.hasSuffix("_create_unverified_context") {
                report(.tlsVerificationDisabled, .high, "An unverified SSL context accepts any certificate.", line: line, confidence: 0.85)
            }
            if named, Self.pythonDeserializers.contains(name) {
                report(.unsafeDeserialization, .high, "`\(name)()` can run code hidden in its input; never feed it untrusted data.", line: line, confidence: 0.85)
            }
            if named, name == "yaml.load" || name == "yaml.load_all" {
                let loader = keywordArgument("Loader", in: args).map { qualifiedTail($0) } ?? positionalLoader(args)
                if loader.map({ !$0.containsBytes("Safe") }) ?? true {
                    report(.unsafeDeserialization, .high, "`\(name)` without a safe Loader builds arbitrary objects; use yaml.safe_load.", line: line, confidence: 0.85)
                }
            }
            if named, name.hasSuffix(".execute") || name.hasSuffix(".executemany") || name.hasSuffix(".raw") {
                sqlArgument(args, line: line)
            }
        case .javascript, .typescript:
            if plain, last == "eval" {
                report(.eval, .high, "`eval()` runs code built at run time; parse the data instead (JSON.parse).", line: line, confidence: 0.9)
            }
            if receiverIsNew, last == "Function" {
                report(.eval, .high, "`new Function(…)` compiles a string into code at run time.", line: line, confidence: 0.85)
            }
            if plain || name.hasPrefix("window."), last == "setTimeout" || last == "setInterval", let first = args.first, first < args.upperBound, code[first].kind == .string {
                report(.eval, .medium, "`\(code.text(of: last))` with a string evaluates it as code; pass a function.", line: line, confidence: 0.7)
            }
            let childProcess = name.hasPrefix("child_process.") || name.hasPrefix("cp.") || name.hasPrefix("childProcess.") || (plain && usesChildProcess)
            if childProcess, last == "exec" || last == "execSync" {
                report(.shellInjection, .high, "`\(code.text(of: last))` runs its string through a shell; use execFile/spawn with an argument array.", line: line, confidence: 0.8)
            }
            if last == "spawn" || last == "spawnSync" || last == "execFile", let value = keywordArgument("shell", in: args), has(value, "true") {
                report(.shellInjection, .high, "`shell: true` lets the shell interpret the command.", line: line, confidence: 0.8)
            }
            if last == "createHash" || last == "createHmac", let first = args.first, first < args.upperBound, code[first].kind == .string {
                let algorithm = literalValue(code[first]).lowercased()
                if algorithm == "md5" || algorithm == "sha1" { weakHash(name: "\(code.text(of: last))('\(algorithm)')", at: index, args: args) }
            }
            if last == "unserialize" {
                report(.unsafeDeserialization, .high, "`unserialize` (node-serialize) evaluates functions hidden in its input.", line: line, confidence: 0.75)
            }
            if last == "query" || last == "execute" || last == "raw" { sqlArgument(args, line: line) }
        case .java:
            if last == "exec", name.containsBytes("getRuntime") || has(index - 2, ")") && qualifiedBefore(index).hasSuffix("getRuntime") {
                report(.shellInjection, .high, "`Runtime.exec` with a built command string; use ProcessBuilder with separate arguments.", line: line, confidence: 0.8)
            }
            if last == "eval", !plain, ASCIIText.occurs(Self.engine, in: name, folding: .lower) || has(index - 2, ")") {
                report(.eval, .high, "A script engine's `eval` runs code built at run time.", line: line, confidence: 0.75)
            }
            if receiverIsNew, code.spells(last, "ObjectInputStream") {
                report(.unsafeDeserialization, .high, "`ObjectInputStream` deserializes any class on the classpath; use a look-ahead filter or a data format.", line: line, confidence: 0.8)
            }
            if last == "getInstance", name.hasSuffix("MessageDigest.getInstance"), weakAlgorithm(in: args) {
                weakHash(name: "MessageDigest.getInstance", at: index, args: args)
            }
            if last == "executeQuery" || last == "executeUpdate" || last == "execute" || last == "prepareStatement" || last == "addBatch" {
                sqlArgument(args, line: line)
            }
            if last == "format", name.hasSuffix("String.format") { sqlFormat(args, line: line) }
        case .go:
            if name == "exec.Command" || name == "exec.CommandContext", shellInvocation(args) {
                report(.shellInjection, .high, "`exec.Command` runs a shell with `-c`: the command string is interpreted.", line: line, confidence: 0.8)
            }
            if ["md5.New", "md5.Sum", "sha1.New", "sha1.Sum"].contains(name) { weakHash(name: name, at: index, args: args) }
            if last == "Query" || last == "Exec" || last == "QueryRow" || last == "QueryContext" || last == "ExecContext" { sqlArgument(args, line: line) }
            if name == "fmt.Sprintf" { sqlFormat(args, line: line) }
        case .swift:
            if plain, last == "system" || last == "popen" {
                report(.shellInjection, .high, "`\(code.text(of: last))` hands its string to /bin/sh; use Process with an argument list.", line: line, confidence: 0.75)
            }
            if last == "NSExpression", let first = args.first, has(first, "format") {
                report(.eval, .medium, "`NSExpression(format:)` evaluates an expression string.", line: line, confidence: 0.6)
            }
            if last == "evaluateScript" {
                report(.eval, .high, "`evaluateScript` runs JavaScript built at run time.", line: line, confidence: 0.75)
            }
            if last == "CC_MD5" || last == "CC_SHA1" { weakHash(name: code.text(of: last), at: index, args: args) }
            if last == "URLCredential", let first = args.first, has(first, "trust") {
                report(.tlsVerificationDisabled, .high, "Answering a server-trust challenge with `URLCredential(trust:)` without evaluating it accepts any certificate.", line: line, confidence: 0.6)
            }
            if last == "unarchiveObject" || code.spells(last, "unarchiveTopLevelObjectWithData") {
                report(.unsafeDeserialization, .high, "`NSKeyedUnarchiver.\(code.text(of: last))` decodes any class; use unarchivedObject(ofClass:from:) with secure coding.", line: line, confidence: 0.75)
            }
            if last == "execute" || last == "prepare" || last == "query" || last == "sqlite3_exec" || code.spells(last, "sqlite3_prepare_v2") { sqlArgument(args, line: line) }
        }
    }

    /// Per language, the last words of the calls whose rules read the whole dotted name (`os.system`,
    /// `MessageDigest.getInstance`); for every other call the name is not built.
    static func namedCalls(_ language: SourceLanguage) -> TokenSet {
        switch language {
        case .python: pythonNamedCalls
        case .javascript, .typescript: scriptNamedCalls
        case .java: javaNamedCalls
        case .go: goNamedCalls
        case .swift: swiftNamedCalls
        }
    }

    static let pythonShellCalls: Set<String> = [
        "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "popen2.popen2", "commands.getoutput",
        "commands.getstatusoutput", "subprocess.getoutput", "subprocess.getstatusoutput",
    ]
    static let pythonWeakHashCalls: Set<String> = ["hashlib.md5", "hashlib.sha1", "md5", "sha1", "md5.new", "sha.new", "Crypto.Hash.MD5.new"]
    static let pythonDeserializers: Set<String> = [
        "pickle.loads", "pickle.load", "cPickle.loads", "cPickle.load", "_pickle.loads", "dill.loads", "dill.load", "marshal.loads",
        "marshal.load", "jsonpickle.decode", "shelve.open", "pickle.Unpickler", "yaml.unsafe_load", "yaml.full_load",
    ]
    static let pythonNamedCalls = TokenSet([
        "system", "popen", "popen2", "popen3", "popen4", "getoutput", "getstatusoutput", "md5", "sha1", "new", "loads", "load",
        "decode", "open", "Unpickler", "unsafe_load", "full_load", "load_all", "execute", "executemany", "raw",
    ])
    static let scriptNamedCalls = TokenSet(["setTimeout", "setInterval", "exec", "execSync"])
    static let javaNamedCalls = TokenSet(["exec", "eval", "getInstance", "format"])
    static let goNamedCalls = TokenSet(["Command", "CommandContext", "New", "Sum", "Sprintf"])
    static let swiftNamedCalls = TokenSet([String]())

    func qualifiedTail(_ index: Int) -> String {
        var end = index
        while end + 2 < code.count, code[end + 1] == ".", code[end + 2].kind == .identifier { end += 2 }
        return qualifiedName(endingAt: end)
    }

    func qualifiedBefore(_ index: Int) -> String {
        guard index >= 2, code[index - 1] == ".", code[index - 2] == ")", let open = matches[index - 2], open > 0 else { return "" }
        return qualifiedName(endingAt: open - 1)
    }

    func positionalLoader(_ args: Range<Int>) -> String? {
        firstTopLevel(in: args) { code[$0] == "," && $0 + 1 < args.upperBound }.map { qualifiedTail($0 + 1) }
    }

    func weakAlgorithm(in args: Range<Int>) -> Bool {
        guard let first = args.first, first < args.upperBound, code[first].kind == .string else { return false }
        let value = literalValue(code[first]).lowercased().replacingOccurrences(of: "-", with: "")
        return value == "md5" || value == "sha1" || value == "sha"
    }

    func shellInvocation(_ args: Range<Int>) -> Bool {
        let strings = args.filter { code[$0].kind == .string }.map { literalValue(code[$0]) }
        return strings.contains("-c") && strings.contains { $0.hasSuffix("sh") || $0 == "cmd" || $0.hasSuffix("bash") }
    }

    mutating func weakHash(name: String, at index: Int, args: Range<Int>) {
        if language == .python, let value = keywordArgument("usedforsecurity", in: args), has(value, "False") { return }
        let line = code[index].line
        // Passwords near the call make a weak hash a stored-credential problem, not a checksum.
        let window = max(0, index - 40)..<min(code.count, args.upperBound + 40)
        let passwords = window.contains { at in
            guard code[at].kind == .identifier else { return false }
            let lower = code.text(at).lowercased()
            return (lower.containsBytes("password") || lower.containsBytes("passwd") || lower.containsBytes("pwd"))
        }
        report(
            .weakHash, passwords ? .high : .medium,
            passwords
                ? "`\(name)` hashes a password: MD5/SHA-1 fall to brute force; use bcrypt, scrypt, Argon2 or PBKDF2."
                : "`\(name)` is broken for security use (collisions); use SHA-256 or better, or mark it as a checksum.",
            line: line, confidence: passwords ? 0.85 : 0.7
        )
    }

    // MARK: patterns without a call

    mutating func nonCallPatterns(at index: Int) {
        let word = code[index]
        let line = code[index].line
        switch language {
        case .python:
            if word == "CERT_NONE", assignedValue(endingAt: index) {
                report(.tlsVerificationDisabled, .high, "`CERT_NONE` turns certificate checks off.", line: line, confidence: 0.8)
            }
            if word == "check_hostname", has(index + 1, "="), has(index + 2, "False") {
                report(.tlsVerificationDisabled, .high, "`check_hostname = False` accepts certificates for any host.", line: line, confidence: 0.8)
            }
        case .go:
            if code.spells(word, "InsecureSkipVerify"), code.has(index + 1, oneOf: ":", "="), has(index + 2, "true") {
                report(.tlsVerificationDisabled, .high, "`InsecureSkipVerify: true` accepts any certificate.", line: line, confidence: 0.9)
            }
        case .javascript, .typescript:
            if code.spells(word, "rejectUnauthorized"), code.has(index + 1, oneOf: ":", "="), has(index + 2, "false") {
                report(.tlsVerificationDisabled, .high, "`rejectUnauthorized: false` accepts any certificate.", line: line, confidence: 0.9)
            }
            if code.spells(word, "NODE_TLS_REJECT_UNAUTHORIZED"), has(index + 1, "="), index + 2 < code.count, literalValue(code[index + 2]) == "0" {
                report(.tlsVerificationDisabled, .high, "`NODE_TLS_REJECT_UNAUTHORIZED = '0'` disables certificate checks for the whole process.", line: line, confidence: 0.9)
            }
        case .java:
            if code.spells(word, "checkServerTrusted") || code.spells(word, "checkClientTrusted"), has(index + 1, "("), let close = matches[index + 1] {
                var at = close + 1
                while at < code.count, code[at] != "{", code[at] != ";" { at += 1 }
                if has(at, "{"), has(at + 1, "}") {
                    report(.tlsVerificationDisabled, .high, "An empty `\(code.text(of: word))` trusts every certificate.", line: line, confidence: 0.85)
                }
            }
            if code.spells(word, "ALLOW_ALL_HOSTNAME_VERIFIER") || code.spells(word, "NoopHostnameVerifier") || word == "TrustAllStrategy" {
                report(.tlsVerificationDisabled, .high, "`\(code.text(of: word))` accepts any host or certificate.", line: line, confidence: 0.85)
            }
            if word == "verify", has(index + 1, "("), let close = matches[index + 1], has(close + 1, "{"), has(close + 2, "return"), has(close + 3, "true") {
                report(.tlsVerificationDisabled, .high, "A hostname verifier that returns true accepts any host.", line: line, confidence: 0.8)
            }
        case .swift:
            if code.spells(word, "allowsAnyHTTPSCertificate") || code.spells(word, "disableEvaluation") {
                report(.tlsVerificationDisabled, .high, "`\(code.text(of: word))` turns certificate checks off.", line: line, confidence: 0.8)
            }
        }
    }

    /// `x = ssl.CERT_NONE`, `cert_reqs=CERT_NONE`: the name is the value of an assignment or argument.
    func assignedValue(endingAt index: Int) -> Bool {
        var at = index
        while at >= 2, code[at - 1] == "." { at -= 2 }
        return at >= 1 && code[at - 1].isAny(of: "=", ":")
    }
}
