/// Repeated code: windows of `AnalysisThresholds.duplicateLines` consecutive code lines whose tokens agree once
/// literals are normalized (a copied block with other strings or numbers still counts). Lines with fewer than
/// three tokens (`}`, `else {`) take part but do not start a window, so brace runs are no duplicates.
public enum DuplicateFinder {
    public static let minimumLines = AnalysisThresholds.duplicateLines
    /// At most this many blocks are reported per file.
    public static let maximumBlocks = 20

    static func find(_ code: [Token]) -> [DuplicateBlock] {
        // One hash of the normalized tokens per code line (no string building: a long line stays linear).
        var lines: [(line: Int, text: Int, size: Int)] = []
        var hasher = Hasher()
        var current: (line: Int, size: Int)?
        for index in code.indices {
            let line = code[index].line
            if let open = current, open.line != line {
                lines.append((open.line, hasher.finalize(), open.size))
                hasher = Hasher()
                current = nil
            }
            // A literal by its kind alone, anything else by its length and bytes: no String hashing with its
            // Unicode checks.
            switch code[index].kind {
            case .string: hasher.combine(-1)
            case .number: hasher.combine(-2)
            default:
                ASCIIText.withBytes(code[index].text) { bytes in
                    hasher.combine(bytes.count)
                    hasher.combine(bytes: UnsafeRawBufferPointer(bytes))
                }
            }
            current = (line, (current?.size ?? 0) + 1)
        }
        if let open = current { lines.append((open.line, hasher.finalize(), open.size)) }
        let window = minimumLines
        guard lines.count >= window * 2 else { return [] }
        var firstSeen: [[Int]: Int] = [:]
        var blocks: [DuplicateBlock] = []
        var coveredUntil = -1
        var start = 0
        while start + window <= lines.count, blocks.count < maximumBlocks {
            defer { start += 1 }
            guard start > coveredUntil, lines[start].size >= 3 else { continue }
            let slice = lines[start..<(start + window)]
            guard slice.reduce(0, { $0 + $1.size }) >= window * 3 else { continue }
            let key = slice.map(\.text)
            guard let earlier = firstSeen[key] else {
                firstSeen[key] = start
                continue
            }
            guard earlier + window <= start else { continue }
            // Extend while the following lines agree too.
            var length = window
            while start + length < lines.count, earlier + length < start, lines[earlier + length].text == lines[start + length].text {
                length += 1
            }
            let lastLine = lines[start + length - 1].line
            blocks.append(DuplicateBlock(firstLine: lines[earlier].line, secondLine: lines[start].line, length: lastLine - lines[start].line + 1))
            coveredUntil = start + length - 1
        }
        return blocks
    }
}
