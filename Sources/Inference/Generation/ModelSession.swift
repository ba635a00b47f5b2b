/// One model with its KV cache: the prompt the cache holds (for prefix
/// reuse) and batched decode of candidates forked from it.
///
/// Cells 0..<prompt.count hold the prompt. Candidate i of a fork owns cells
/// from `prompt.count + i * branchCapacity`; its token k sits at position
/// prompt.count + k and attends to the prompt segment plus its own. Branch 0
/// therefore continues the prompt in place, so its evaluated tokens extend
/// the reusable prefix afterwards.
///
/// Not thread-safe: ``InferenceEngine`` serializes all calls.
final class ModelSession: @unchecked Sendable {
    let model: any LanguageModel
    let cache: KVCache
    /// Tokens whose K/V cells 0..<count are valid, in order.
    private(set) var cachedTokens: [Int32] = []
    let vocabularySize: Int
    private var logitBuffer: UnsafeMutablePointer<Float>
    private var logitRowsCapacity: Int
    /// Logits of the last prompt prefill evaluated, for `promptLogitsTokens`.
    /// The engine's float order depends on how a prompt is split into
    /// batches (as llama.cpp's does), so re-evaluating a fully cached prompt's
    /// last token alone would give slightly different logits and break "same
    /// seed, same output"; the stored ones are exactly the first evaluation's.
    private var promptLogits: [Float] = []
    private var promptLogitsTokens: [Int32] = []
    /// Candidate rows evaluated by `decode` so far: a stopped candidate
    /// must add none (tests read it; one add per step costs nothing).
    private(set) var decodedRows = 0

    init(model: any LanguageModel, contextLength: Int) {
        self.model = model
        self.cache = model.makeCache(capacity: contextLength)
        self.vocabularySize = model.vocabularySize
        logitRowsCapacity = 1
        logitBuffer = .allocate(capacity: vocabularySize)
    }

    deinit { logitBuffer.deallocate() }

    /// Logits of row `row` of the last evaluation (valid until the next call).
    func logits(row: Int) -> UnsafeMutablePointer<Float> { logitBuffer + row * vocabularySize }

    private func ensureLogitRows(_ rows: Int) {
        guard rows > logitRowsCapacity else { return }
        logitBuffer.deallocate()
        logitBuffer = .allocate(capacity: rows * vocabularySize)
        logitRowsCapacity = rows
    }

    /// Makes the cache hold `tokens`, evaluating only what follows the
    /// longest common prefix with what it holds (at least the last token, to
    /// produce logits, unless `tokens` is exactly the last prompt evaluated:
    /// then its stored logits are reused). Logits of the last token are in row 0.
    /// - Returns: how many tokens were reused.
    @discardableResult
    func prefill(_ tokens: [Int32]) throws -> Int {
        guard !tokens.isEmpty else { throw InferenceError.emptyPrompt }
        guard tokens.count <= cache.capacity else {
            throw InferenceError.promptTooLong(tokens: tokens.count, capacity: cache.capacity)
        }
        var common = 0
        let limit = min(cachedTokens.count, tokens.count)
        while common < limit && cachedTokens[common] == tokens[common] { common += 1 }
        if common == tokens.count && tokens == promptLogitsTokens {
            cachedTokens.removeSubrange(common...)
            ensureLogitRows(1)
            promptLogits.withUnsafeBufferPointer { logitBuffer.update(from: $0.baseAddress!, count: vocabularySize) }
            return common
        }
        if common == tokens.count { common -= 1 }
        cachedTokens.removeSubrange(common...)
        ensureLogitRows(1)
        var start = common
        while start < tokens.count {
            let end = min(start + model.maxBatchSize, tokens.count)
            let batch = (start..<end).map { p in
                BatchToken(token: tokens[p], position: p, cell: p,
                           visible: [CacheSegment(cell: 0, position: 0, count: p + 1)])
            }
            model.forward(batch, cache: cache, logitRows: end == tokens.count ? [batch.count - 1] : [],
                          logits: logitBuffer)
            cachedTokens.append(contentsOf: tokens[start..<end])
            start = end
        }
        promptLogits = Array(UnsafeBufferPointer(start: logitBuffer, count: vocabularySize))
        promptLogitsTokens = tokens
        return common
    }

    /// Cells each branch may use after the prompt when forking `count` candidates.
    func branchCapacity(count: Int, maxTokens: Int) throws -> Int {
        let needed = cachedTokens.count + count * maxTokens
        guard needed <= cache.capacity else {
            throw InferenceError.promptTooLong(tokens: needed, capacity: cache.capacity)
        }
        return maxTokens
    }

    /// One decode step for several branches at once: `steps[j]` appends
    /// `token` as the `length`-th generated token of branch `branch`
    /// (0-based). Logits of step j are in row j. Every weight is read once
    /// for all steps.
    func decode(_ steps: [(branch: Int, length: Int, token: Int32)], branchCapacity: Int) {
        let prompt = cachedTokens.count
        decodedRows += steps.count
        ensureLogitRows(steps.count)
        let batch = steps.map { s in
            let base = prompt + s.branch * branchCapacity
            return BatchToken(token: s.token, position: prompt + s.length, cell: base + s.length,
                              visible: [CacheSegment(cell: 0, position: 0, count: prompt),
                                        CacheSegment(cell: base, position: prompt, count: s.length + 1)])
        }
        model.forward(batch, cache: cache, logitRows: Array(0..<batch.count), logits: logitBuffer)
    }

    /// Declares that branch 0's first `count` generated tokens (already
    /// evaluated, in cells right after the prompt) continue the cached prompt.
    func adoptBranchZero(_ tokens: ArraySlice<Int32>) {
        guard cachedTokens.count + tokens.count <= cache.capacity else { return }
        cachedTokens.append(contentsOf: tokens)
    }

    /// Forgets the cached prompt (next prefill evaluates everything).
    func reset() {
        cachedTokens.removeAll()
        promptLogitsTokens.removeAll()
    }
}
