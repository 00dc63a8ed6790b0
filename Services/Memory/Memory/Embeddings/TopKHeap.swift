/// One candidate of a search: its score and where it is (segment, row). `ordinal` is the stored id as two 64-bit
/// halves, big-endian, so comparing them compares the ids' lower-case text: ties are broken by id, smaller first.
struct ScoredCandidate: Sendable {
    var score: Float
    var idHigh: UInt64
    var idLow: UInt64
    var segment: Int32
    var row: Int32

    /// True when `self` ranks before `other`: a higher score, or the same score and a smaller id.
    @inline(__always)
    func ranksBefore(_ other: ScoredCandidate) -> Bool {
        if score != other.score { return score > other.score }
        if idHigh != other.idHigh { return idHigh < other.idHigh }
        return idLow < other.idLow
    }
}

/// The best `capacity` candidates seen so far, as a binary heap whose root is the worst kept one, so a candidate
/// that cannot enter is refused with one comparison against `threshold`.
struct TopKHeap: Sendable {
    let capacity: Int
    private(set) var elements: [ScoredCandidate] = []

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        elements.reserveCapacity(capacity)
    }

    var isFull: Bool { elements.count == capacity }

    /// The score a candidate must reach to be considered (ties on score are then settled by id); -infinity until full.
    @inline(__always)
    var threshold: Float { isFull ? elements[0].score : -.infinity }

    @inline(__always)
    mutating func offer(_ candidate: ScoredCandidate) {
        if elements.count < capacity {
            elements.append(candidate)
            siftUp(elements.count - 1)
        } else if candidate.ranksBefore(elements[0]) {
            elements[0] = candidate
            siftDown(0)
        }
    }

    mutating func merge(_ other: TopKHeap) {
        for candidate in other.elements { offer(candidate) }
    }

    /// Best first.
    func sorted() -> [ScoredCandidate] {
        elements.sorted { $0.ranksBefore($1) }
    }

    /// The root must rank after both children: a parent "worse" than its children.
    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[parent].ranksBefore(elements[child]) else { return }
            elements.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let count = elements.count
        while true {
            let left = 2 * parent + 1
            guard left < count else { return }
            var worst = left
            let right = left + 1
            if right < count, elements[left].ranksBefore(elements[right]) { worst = right }
            guard elements[parent].ranksBefore(elements[worst]) else { return }
            elements.swapAt(parent, worst)
            parent = worst
        }
    }
}
