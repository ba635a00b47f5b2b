/// Finds stop strings in streamed text, across token boundaries. Text that
/// could still be the start of a stop string is held back; once a stop
/// string appears, the text before it is released and the rest dropped.
struct StopMatcher {
    let stops: [String]
    private var held = ""
    private(set) var stopped = false

    init(stops: [String]) {
        self.stops = stops.filter { !$0.isEmpty }
    }

    /// Feeds a piece; returns the text safe to emit now.
    mutating func feed(_ piece: String) -> String {
        guard !stopped else { return "" }
        guard !stops.isEmpty else { return piece }
        held += piece
        // Earliest complete stop string.
        var cut: String.Index?
        for s in stops {
            if let r = held.range(of: s), cut.map({ r.lowerBound < $0 }) ?? true { cut = r.lowerBound }
        }
        if let cut {
            stopped = true
            let out = String(held[..<cut])
            held = ""
            return out
        }
        // Hold back the longest suffix that is a prefix of some stop string.
        var keep = 0
        for s in stops {
            var n = min(s.count - 1, held.count)
            while n > keep {
                if held.hasSuffix(s.prefix(n)) { keep = n; break }
                n -= 1
            }
        }
        let emitEnd = held.index(held.endIndex, offsetBy: -keep)
        let out = String(held[..<emitEnd])
        held = String(held[emitEnd...])
        return out
    }

    /// Ends the stream: releases anything held back (no stop string came).
    mutating func finish() -> String {
        defer { held = "" }
        return stopped ? "" : held
    }
}
