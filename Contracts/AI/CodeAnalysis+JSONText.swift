import Foundation

// `POST /ai/analyze`'s answer and the board's problem, written without `JSONEncoder` (`JSONTextWritable`): with a
// 500-line file the problem is 20 KB of code to escape and the analysis dozens of findings, and the generic
// encoder was a tenth of the AI gateway's CPU per analysis. Keys sorted; a nil optional leaves its key out, as the
// synthesized `Encodable` does.
extension CodeAnalysis: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("findings", first: true)
        out.array(findings)
        out.key("id")
        out.uuid(id)
        out.key("metrics")
        metrics.writeJSON(to: &out)
        out.key("solution")
        solution.writeJSON(to: &out)
        out.key("summary")
        out.string(summary)
        out.raw("}")
    }
}

extension CodeMetrics: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("blankLines", first: true)
        out.integer(blankLines)
        out.key("commentLines")
        out.integer(commentLines)
        out.key("cyclomaticComplexity")
        out.integer(cyclomaticComplexity)
        out.key("functions")
        out.integer(functions)
        out.key("lines")
        out.integer(lines)
        out.key("maxNesting")
        out.integer(maxNesting)
        out.raw("}")
    }
}

extension Finding: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("agent", first: true)
        out.string(agent)
        out.key("confidence")
        out.number(confidence)
        if let line {
            out.key("line")
            out.integer(line)
        }
        out.key("message")
        out.string(message)
        if let ruleId {
            out.key("ruleId")
            out.string(ruleId.rawValue)
        }
        out.key("severity")
        out.string(severity.rawValue)
        out.key("type")
        out.string(type.rawValue)
        out.raw("}")
    }
}

extension Solution: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        out.key("blackboardId", first: true)
        out.uuid(blackboardId)
        out.key("confidence")
        out.number(confidence)
        out.key("contributors")
        out.strings(contributors)
        out.key("recommendations")
        out.strings(recommendations)
        out.key("summary")
        out.string(summary)
        out.raw("}")
    }
}

extension BlackboardProblem: JSONTextWritable {
    public func writeJSON(to out: inout JSONTextWriter) {
        out.raw("{")
        var first = true
        if let code {
            out.key("code", first: first)
            out.string(code)
            first = false
        }
        if let context {
            out.key("context", first: first)
            out.string(context)
            first = false
        }
        if let language {
            out.key("language", first: first)
            out.string(language)
        }
        out.raw("}")
    }
}
