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

        @inline(__always)
        func child(of node: Int32, _ byte: UInt8) -> Int32? {
            if node == 0 {
                let c = root[Int(byte)]
                return c >= 0 ? c : nil
            }
            var i = Int(edgeStart[Int(node)])
            let end = Int(edgeStart[Int(node) + 1])
            while i < end {
                let b = edgeByte[i]
                if b == byte { return edgeChild[i] }
                if b > byte { return nil }
                i += 1
            }
            return nil
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
        for start in 0..<text.count {
            var node: Int32 = 0
            var p = start
            while p < text.count, let child = trie.child(of: node, text[p]) {
                node = child
                p += 1
                let rank = trie.terminal[Int(node)]
                if rank >= 0 {
                    occurrenceRank.append(rank)
                    occurrenceStart.append(Int32(start))
                }
            }
        }
        guard !occurrenceRank.isEmpty else { return [.text(0..<text.count)] }
        // Counting sort by rank; stable, so each rank's occurrences stay in text order.
        var bucketStart = [Int](repeating: 0, count: ids.count + 1)
        for r in occurrenceRank { bucketStart[Int(r) + 1] += 1 }
        for i in 1..<bucketStart.count { bucketStart[i] += bucketStart[i - 1] }
        var order = [Int32](repeating: 0, count: occurrenceRank.count)
        for (i, r) in occurrenceRank.enumerated() {
            order[bucketStart[Int(r)]] = Int32(i)
            bucketStart[Int(r)] += 1
        }
        var claimed = [Bool](repeating: false, count: text.count)
        var matches = [(start: Int, end: Int, id: Int32)]()
        for i in order {
            let rank = Int(occurrenceRank[Int(i)])
            let start = Int(occurrenceStart[Int(i)])
            let end = start + Int(lengths[rank])
            // Earlier claims are at least as long as this occurrence, so one
            // can overlap it only by covering its first or last byte. An
            // overlapping occurrence lies across a fragment boundary or over
            // an earlier match of the same token: llama.cpp skips it too.
            if claimed[start] || claimed[end - 1] { continue }
            for k in start..<end { claimed[k] = true }
            matches.append((start, end, ids[rank]))
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
