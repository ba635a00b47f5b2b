/// Splits text into plain fragments and special tokens, with the result of
/// llama.cpp's `tokenizer_st_partition`: special tokens are taken one at a
/// time, longest text first, and each claims its leftmost non-overlapping
/// occurrences inside the text still unclaimed.
///
/// Rather than rescanning the text once per special token (6,400 of them in
/// Gemma when parsing specials), a byte trie finds every occurrence of every
/// special token in one pass; occurrences are then claimed in that priority
/// order, which gives the same fragments.
struct SpecialTokenSplitter: Sendable {
    enum Fragment: Equatable {
        case text(Range<Int>)   // byte range of the input
        case token(Int32)
    }

    /// A byte trie in flat arrays: a 256-entry table for the root (every
    /// position starts there) and short sorted edge lists below it.
    private struct Trie: Sendable {
        private(set) var root = [Int32](repeating: -1, count: 256)
        private(set) var edgeStart: [Int32] = [0]       // node -> first edge; edgeStart[node+1] ends it
        private(set) var edgeByte: [UInt8] = []
        private(set) var edgeChild: [Int32] = []
        private(set) var terminal: [Int32] = [-1]        // rank of the token ending at node, or -1

        var isEmpty: Bool { terminal.count == 1 }

        /// `texts` by rank; equal texts keep the first (lowest) rank.
        init(_ texts: [[UInt8]]) {
            var children: [[(UInt8, Int32)]] = [[]]
            var terminal: [Int32] = [-1]
            for (rank, text) in texts.enumerated() {
                var node = 0
                for b in text {
                    if let child = children[node].first(where: { $0.0 == b })?.1 {
                        node = Int(child)
                    } else {
                        children.append([])
                        terminal.append(-1)
                        children[node].append((b, Int32(children.count - 1)))
                        node = children.count - 1
                    }
                }
                if terminal[node] < 0 { terminal[node] = Int32(rank) }
            }
            self.terminal = terminal
            edgeStart = []
            for (node, list) in children.enumerated() {
                edgeStart.append(Int32(edgeByte.count))
                for (b, child) in list.sorted(by: { $0.0 < $1.0 }) {
                    if node == 0 { root[Int(b)] = child }
                    edgeByte.append(b)
                    edgeChild.append(child)
                }
            }
            edgeStart.append(Int32(edgeByte.count))
        }

        /// The arrays as buffers, so the hot loop does no reference counting.
        func withBuffers<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<UInt8>,
                                     UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) -> R) -> R {
            root.withUnsafeBufferPointer { root in
                edgeStart.withUnsafeBufferPointer { edgeStart in
                    edgeByte.withUnsafeBufferPointer { edgeByte in
                        edgeChild.withUnsafeBufferPointer { edgeChild in
                            terminal.withUnsafeBufferPointer { terminal in
                                body(root, edgeStart, edgeByte, edgeChild, terminal)
                            }
                        }
                    }
                }
            }
        }
    }

    private let trie: Trie
    /// Token id and text length by rank (rank 0 is claimed first).
    private let ids: [Int32]
    private let lengths: [Int32]

    /// - Parameter tokens: the special tokens that may split text in this
    ///   mode, as (id, UTF-8 text).
    init(tokens: [(id: Int32, text: [UInt8])]) {
        // llama.cpp sorts by text length, longest first (std::sort: ties
        // unordered); ties here go by id, for determinism.
        let ordered = tokens.filter { !$0.text.isEmpty }
            .sorted { $0.text.count != $1.text.count ? $0.text.count > $1.text.count : $0.id < $1.id }
        trie = Trie(ordered.map(\.text))
        ids = ordered.map(\.id)
        lengths = ordered.map { Int32($0.text.count) }
    }

    func split(_ text: UnsafeBufferPointer<UInt8>) -> [Fragment] {
        guard !text.isEmpty else { return [] }
        guard !trie.isEmpty else { return [.text(0..<text.count)] }
        // Every occurrence of every special token, in text order.
        var occurrenceRank = [Int32](), occurrenceStart = [Int32]()
        trie.withBuffers { root, edgeStart, edgeByte, edgeChild, terminal in
            for start in 0..<text.count {
                var node = root[Int(text[start])]
                var p = start + 1
                while node >= 0 {
                    let rank = terminal[Int(node)]
                    if rank >= 0 {
                        occurrenceRank.append(rank)
                        occurrenceStart.append(Int32(start))
                    }
                    guard p < text.count else { break }
                    // Children are sorted by byte; lists below the root are short.
                    let byte = text[p]
                    var i = Int(edgeStart[Int(node)]), next: Int32 = -1
                    let end = Int(edgeStart[Int(node) + 1])
                    while i < end, edgeByte[i] <= byte {
                        if edgeByte[i] == byte { next = edgeChild[i]; break }
                        i += 1
                    }
                    node = next
                    p += 1
                }
            }
        }
        guard !occurrenceRank.isEmpty else { return [.text(0..<text.count)] }
        // Counting sort by rank into start positions; stable, so each rank's
        // occurrences stay in text order and are then read sequentially.
        var bucketStart = [Int](repeating: 0, count: ids.count + 1)
        for r in occurrenceRank { bucketStart[Int(r) + 1] += 1 }
        for i in 1..<bucketStart.count { bucketStart[i] += bucketStart[i - 1] }
        var sortedStarts = [Int32](repeating: 0, count: occurrenceRank.count)
        var fill = bucketStart
        for (r, start) in zip(occurrenceRank, occurrenceStart) {
            sortedStarts[fill[Int(r)]] = start
            fill[Int(r)] += 1
        }
        var claimed = [Bool](repeating: false, count: text.count)
        var matches = [(start: Int, end: Int, id: Int32)]()
        for rank in 0..<ids.count where bucketStart[rank] < bucketStart[rank + 1] {
            let length = Int(lengths[rank])
            for k in bucketStart[rank]..<bucketStart[rank + 1] {
                let start = Int(sortedStarts[k])
                let end = start + length
                // Earlier claims are at least as long as this occurrence, so
                // one can overlap it only by covering its first or last byte.
                // An overlapping occurrence lies across a fragment boundary or
                // over an earlier match of the same token: llama.cpp skips it too.
                if claimed[start] || claimed[end - 1] { continue }
                for b in start..<end { claimed[b] = true }
                matches.append((start, end, ids[rank]))
            }
        }
        matches.sort { $0.start < $1.start }
        var fragments = [Fragment]()
        var at = 0
        for m in matches {
            if m.start > at { fragments.append(.text(at..<m.start)) }
            fragments.append(.token(m.id))
            at = m.end
        }
        if at < text.count { fragments.append(.text(at..<text.count)) }
        return fragments
    }
}
