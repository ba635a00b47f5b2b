/// Pairs dual dialogue blocks: a cue ending in `^` pairs with the dialogue
/// block right before it (only blank lines between) unless that block's cue
/// has a `^` too. Depending only on the previous block's own syntax keeps
/// the pairing local, so re-parsing a region never ripples further.
enum DualPairing {
    static func isBlockBody(_ kind: ElementKind) -> Bool {
        switch kind {
        case .dialogue, .parenthetical, .lyrics: true
        default: false
        }
    }

    /// Index just past the dialogue block whose cue is at `cueIndex`.
    static func blockEnd(_ elements: [Element], cueIndex: Int) -> Int {
        var k = cueIndex + 1
        while k < elements.count, isBlockBody(elements[k].kind),
              elements[k].lines.lowerBound == elements[k - 1].lines.upperBound {
            k += 1
        }
        return k
    }

    /// Sets `.right` on the `^` block at `cueIndex` and `.left` on its partner
    /// (only at indices ≥ `markFrom`), or clears the block's marks when it has
    /// no partner.
    static func pair(_ elements: inout [Element], cueIndex: Int, markFrom: Int) {
        let end = blockEnd(elements, cueIndex: cueIndex)
        var partner: Int?
        if cueIndex > 0 {
            var k = cueIndex - 1
            while k > 0, isBlockBody(elements[k].kind),
                  elements[k].lines.lowerBound == elements[k - 1].lines.upperBound {
                k -= 1
            }
            if case .character(_, _, let prevDual) = elements[k].kind, !prevDual,
               blockEnd(elements, cueIndex: k) == cueIndex,
               elements[k].lines.upperBound <= elements[cueIndex].lines.lowerBound {
                partner = k
            }
        }
        let side: DualSide? = partner == nil ? nil : .right
        for k in cueIndex..<end where elements[k].dual != side { elements[k].dual = side }
        if let p = partner {
            for k in max(p, markFrom)..<cueIndex where elements[k].dual != .left { elements[k].dual = .left }
        }
    }
}
