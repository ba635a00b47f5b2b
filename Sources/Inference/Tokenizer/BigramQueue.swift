/// A candidate merge of two adjacent symbols in the SentencePiece merge loop.
struct Bigram {
    var score: Float
    var left: Int32
    var right: Int32
    /// Byte length of the merged text: a queued bigram is stale once its
    /// symbols have changed size.
    var size: Int32

    /// llama.cpp `llm_bigram_spm::comparator`: higher score first; on equal
    /// scores, the leftmost pair first.
    @inline(__always)
    func precedes(_ other: Bigram) -> Bool {
        score > other.score || (score == other.score && left < other.left)
    }
}

/// A binary max-heap of bigrams ordered by ``Bigram/precedes(_:)``.
struct BigramQueue {
    private var heap: [Bigram] = []

    init(capacity: Int) { heap.reserveCapacity(capacity) }

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ b: Bigram) {
        heap.append(b)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[i].precedes(heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> Bigram? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < n, heap[l].precedes(heap[best]) { best = l }
                if r < n, heap[r].precedes(heap[best]) { best = r }
                if best == i { break }
                heap.swapAt(i, best)
                i = best
            }
        }
        return top
    }
}
