import Contracts

/// The `architecture` agent's rules:
/// - `architecture.long-function`: more than `AnalysisThresholds.functionLines` lines (high from twice that);
/// - `architecture.god-file`: more than `AnalysisThresholds.fileLines` lines or `godFileFunctions` functions;
/// - `architecture.too-many-parameters`: more than `AnalysisThresholds.parameters` parameters;
/// - `complexity.nesting`: nesting of `AnalysisThresholds.nesting` or deeper as a design smell of the function;
/// - `architecture.io-in-loop`: a file, network, database or process call inside a loop body (N+1 patterns).
public enum ArchitectureRules {
    public static let agent = "architecture"

    public static func findings(_ report: StructureReport, _ file: SourceFile) -> [Finding] {
        var findings: [Finding] = []
        for function in report.functions {
            if function.length > AnalysisThresholds.functionLines {
                findings.append(Finding(
                    agent: agent, type: .suggestion, severity: function.length > 2 * AnalysisThresholds.functionLines ? .high : .medium,
                    message: "`\(function.name)` is \(function.length) lines long (limit \(AnalysisThresholds.functionLines)): give each step its own function.",
                    line: function.startLine, confidence: 0.9, ruleId: .longFunction
                ))
            }
            if function.parameters.count > AnalysisThresholds.parameters {
                findings.append(Finding(
                    agent: agent, type: .suggestion, severity: .medium,
                    message: "`\(function.name)` takes \(function.parameters.count) parameters (limit \(AnalysisThresholds.parameters)): group them in a type.",
                    line: function.startLine, confidence: 0.85, ruleId: .tooManyParameters
                ))
            }
            if function.maxNesting >= AnalysisThresholds.nesting {
                findings.append(Finding(
                    agent: agent, type: .suggestion, severity: .medium,
                    message: "`\(function.name)` hides its logic \(function.maxNesting) blocks deep: guard clauses and extracted steps flatten it.",
                    line: function.startLine, confidence: 0.8, ruleId: .deepNesting
                ))
            }
        }
        if report.lines > AnalysisThresholds.fileLines || report.functions.count > AnalysisThresholds.godFileFunctions {
            findings.append(Finding(
                agent: agent, type: .suggestion, severity: report.lines > 2 * AnalysisThresholds.fileLines ? .high : .medium,
                message: "This file has \(report.lines) lines and \(report.functions.count) functions (limits \(AnalysisThresholds.fileLines), \(AnalysisThresholds.godFileFunctions)): split it by concern.",
                line: 1, confidence: 0.85, ruleId: .godFile
            ))
        }
        findings += LoopIO.findings(file)
        return findings
    }
}

/// I/O calls inside loop bodies, found with the block structure of the tokens (braces, or Python indentation).
enum LoopIO {
    /// Call names (last component) that reach a file, the network, a database or a process.
    static let ioCalls = TokenSet([
        "open", "read", "write", "readFile", "writeFile", "readFileSync", "writeFileSync", "appendFile", "fetch", "get", "post",
        "request", "urlopen", "execute", "executemany", "query", "Query", "Exec", "QueryRow", "executeQuery", "executeUpdate",
        "send", "recv", "connect", "dataTask", "data", "upload", "download", "ReadFile", "WriteFile", "Open", "Create",
        "Get", "Post", "Do", "findOne", "find", "save", "insert", "update", "delete", "exec", "system", "popen", "run",
        "readLine", "contentsOfFile", "write_text", "read_text", "axios", "sendMessage", "putObject", "getObject",
    ])
    /// Receivers that make a generic name (`get`, `find`) I/O.
    static let ioReceivers: Set<String> = [
        "requests", "http", "https", "session", "client", "db", "conn", "connection", "cursor", "cur", "fs", "os",
        "subprocess", "urllib", "axios", "redis", "socket", "s3", "repository", "repo", "URLSession", "FileManager",
        "Files", "stmt", "statement", "collection", "model", "ioutil", "sql", "httpClient", "api", "fetcher", "store",
    ]
    static let alwaysIO = TokenSet([
        "open", "urlopen", "fetch", "readFile", "writeFile", "readFileSync", "writeFileSync", "executeQuery", "executeUpdate",
        "execute", "executemany", "QueryRow", "Query", "Exec", "dataTask", "contentsOfFile", "ReadFile", "WriteFile", "axios",
    ])

    static func findings(_ file: SourceFile) -> [Finding] {
        let code = file.code
        let loops = loopRanges(code, file)
        guard !loops.isEmpty else { return [] }
        var findings: [Finding] = []
        var reportedLoops: Set<Int> = []
        // Sweep: loops sorted by start nest properly, so the open ones form a stack.
        var next = 0
        var open: [Loop] = []
        for (index, token) in code.enumerated() {
            while let last = open.last, last.body.upperBound <= index { open.removeLast() }
            while next < loops.count, loops[next].body.lowerBound <= index {
                if loops[next].body.upperBound > index { open.append(loops[next]) }
                next += 1
            }
            guard token.kind == .identifier, index + 1 < code.count, code[index + 1] == "(" else { continue }
            // Swift reads files through initializers: `Data(contentsOf:)`, `String(contentsOfFile:)`.
            let readsContents = index + 2 < code.count && code.hasPrefix(code[index + 2], "contentsOf")
            guard ioCalls.contains(token) || readsContents else { continue }
            let receiver = index >= 2 && code[index - 1] == "." ? code.text(index - 2) : ""
            let plain = index == 0 || code[index - 1] != "."
            let io = readsContents || alwaysIO.contains(token) && (plain || !receiver.isEmpty) || ioReceivers.contains(receiver)
                || ioReceivers.contains(receiver.lowercased())
            guard io, let loop = open.last, reportedLoops.insert(loop.start).inserted else { continue }
            findings.append(Finding(
                agent: ArchitectureRules.agent, type: .warning, severity: .medium,
                message: "`\(receiver.isEmpty ? code.text(of: token) : receiver + "." + code.text(of: token))` runs on every pass of the loop at line \(code[loop.start].line): batch it or move it out.",
                line: token.line, confidence: 0.7, ruleId: .ioInLoop
            ))
        }
        return findings
    }

    struct Loop {
        var start: Int
        var body: Range<Int>
    }

    static func loopRanges(_ code: TokenList, _ file: SourceFile) -> [Loop] {
        var loops: [Loop] = []
        let matches = file.matches
        if file.language == .python {
            // A body is every following line indented deeper than its loop's line: one pass with a stack.
            var open: [(start: Int, indent: Int)] = []
            for (index, token) in code.enumerated() {
                let startsLine = index == 0 || token.line > code[index - 1].endLine
                if startsLine {
                    let indent = file.indentation(ofLine: token.line)
                    while let last = open.last, indent <= last.indent {
                        loops.append(Loop(start: last.start, body: (last.start + 1)..<index))
                        open.removeLast()
                    }
                }
                if token.kind == .keyword, token.isAny(of: "for", "while"), startsLine || code[index - 1] == "async" {
                    open.append((index, file.indentation(ofLine: token.line)))
                }
            }
            for last in open.reversed() { loops.append(Loop(start: last.start, body: (last.start + 1)..<code.count)) }
            return loops.sorted { ($0.body.lowerBound, -$0.body.upperBound) < ($1.body.lowerBound, -$1.body.upperBound) }
        }
        for (index, token) in code.enumerated() where token.kind == .keyword && token.isAny(of: "for", "while", "repeat", "do") {
            var at = index + 1
            var steps = 0
            while at < code.count, code[at] != "{", code[at] != ";", steps < 200 {
                if code[at] == "(", let close = matches[at] { at = close }
                at += 1
                steps += 1
            }
            if at < code.count, code[at] == "{", let close = matches[at] {
                loops.append(Loop(start: index, body: at..<close))
            }
        }
        return loops.sorted { ($0.body.lowerBound, -$0.body.upperBound) < ($1.body.lowerBound, -$1.body.upperBound) }
    }
}
