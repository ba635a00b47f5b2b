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

    private struct Trie: Sendable {
        var edges: [Int: Int32] = [:]       // node << 8 | byte -> child
        var terminal: [Int32] = [-1]        // token id ending at node, or -1
        var nodeCount: Int32 = 1

        mutating func insert(_ text: [UInt8], id: Int32) {
            var node: Int32 = 0
            for b in text {
                let key = Int(node) << 8 | Int(b)
                if let child = edges[key] {
                    node = child
                } else {
                    edges[key] = nodeCount
                    terminal.append(-1)
                    node = nodeCount
                    nodeCount += 1
                }
            }
            // Equal texts: keep the lowest id (llama.cpp's order is unspecified).
            if terminal[Int(node)] < 0 { terminal[Int(node)] = id }
        }
    }

    private let trie: Trie
    /// Priority of each token in the trie: lower is claimed first.
    private let rank: [Int32: Int32]
    private let lengths: [Int32: Int]

    /// - Parameter tokens: the special tokens that may split text in this
    ///   mode, as (id, UTF-8 text).
    init(tokens: [(id: Int32, text: [UInt8])]) {
        // llama.cpp sorts by text length, longest first (std::sort: ties
        // unordered); ties here go by id, for determinism.
        let ordered = tokens.filter { !$0.text.isEmpty }
            .sorted { $0.text.count != $1.text.count ? $0.text.count > $1.text.count : $0.id < $1.id }
        var trie = Trie()
        var rank = [Int32: Int32](minimumCapacity: ordered.count)
        var lengths = [Int32: Int](minimumCapacity: ordered.count)
        for (i, t) in ordered.enumerated() {
            trie.insert(t.text, id: t.id)
            if rank[t.id] == nil { rank[t.id] = Int32(i) }
            lengths[t.id] = t.text.count
        }
        self.trie = trie
        self.rank = rank
        self.lengths = lengths
    }

    func split(_ text: UnsafeBufferPointer<UInt8>) -> [Fragment] {
        guard !text.isEmpty else { return [] }
        guard trie.nodeCount > 1 else { return [.text(0..<text.count)] }
        // Every occurrence of every special token: (rank, start, id).
        var occurrences = [(rank: Int32, start: Int, id: Int32)]()
        for start in 0..<text.count {
            var node: Int32 = 0
            var p = start
            while p < text.count, let child = trie.edges[Int(node) << 8 | Int(text[p])] {
                node = child
                p += 1
                let id = trie.terminal[Int(node)]
                if id >= 0 { occurrences.append((rank[id]!, start, id)) }
            }
        }
        guard !occurrences.isEmpty else { return [.text(0..<text.count)] }
        occurrences.sort { $0.rank != $1.rank ? $0.rank < $1.rank : $0.start < $1.start }
        var claimed = [Bool](repeating: false, count: text.count)
        var matches = [(start: Int, end: Int, id: Int32)]()
        for o in occurrences {
            let end = o.start + lengths[o.id]!
            // An occurrence overlapping any claimed byte lies across a fragment
            // boundary or overlaps an earlier match of the same token: skipped.
            if claimed[o.start..<end].contains(true) { continue }
            for i in o.start..<end { claimed[i] = true }
            matches.append((o.start, end, o.id))
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
