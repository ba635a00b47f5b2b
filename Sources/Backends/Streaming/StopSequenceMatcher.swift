import Foundation

/// Cuts a streamed text at the first stop sequence, without ever emitting a
/// part of one: a tail that could be the start of a stop sequence is held
/// back until the next piece shows whether it is.
struct StopSequenceMatcher {
    let sequences: [String]
    private var pending = ""

    init(sequences: [String]) {
        self.sequences = sequences.filter { !$0.isEmpty }
    }

    /// Adds `piece`; returns the text now safe to emit and whether a stop
    /// sequence was reached (then the stream should end; nothing is held).
    mutating func feed(_ piece: String) -> (text: String, stopped: Bool) {
        pending += piece
        guard !sequences.isEmpty else {
            defer { pending = "" }
            return (pending, false)
        }
        if let cut = earliestMatch() {
            let text = String(pending[..<cut])
            pending = ""
            return (text, true)
        }
        let held = heldSuffixLength()
        let safeEnd = pending.index(pending.endIndex, offsetBy: -held)
        let text = String(pending[..<safeEnd])
        pending = String(pending[safeEnd...])
        return (text, false)
    }

    /// The held-back tail, at the end of the stream.
    mutating func flush() -> String {
        defer { pending = "" }
        return pending
    }

    private func earliestMatch() -> String.Index? {
        var best: String.Index?
        for sequence in sequences {
            if let range = pending.range(of: sequence), best.map({ range.lowerBound < $0 }) ?? true {
                best = range.lowerBound
            }
        }
        return best
    }

    /// The length (in characters) of the longest suffix of `pending` that is
    /// a proper prefix of some stop sequence.
    private func heldSuffixLength() -> Int {
        var longest = 0
        for sequence in sequences {
            let limit = min(sequence.count - 1, pending.count)
            guard limit > longest else { continue }
            for length in stride(from: limit, to: longest, by: -1)
            where pending.hasSuffix(sequence.prefix(length)) {
                longest = length
                break
            }
        }
        return longest
    }
}
