/// What became of each line of a new text, compared with an old one: a
/// patience diff over line hashes.
///
/// Equal runs at both ends are matched first; in between, lines that occur
/// exactly once in both texts are anchors, kept in order by the longest
/// increasing subsequence, and the gaps between anchors are diffed the same
/// way. A gap with no anchor is a hunk: its old and new lines are paired
/// first to first (`changed`), and the extra new lines are `added`. Patience
/// was chosen over Myers because it needs no quadratic memory on a
/// rewritten 8,000-line script and it aligns screenplay text well (headings
/// and dialogue lines are mostly unique; blank lines are not).
enum LineDiff {
    enum Match: Equatable {
        /// Same text as old line `old`.
        case same(old: Int)
        /// Took the place of old line `old` in a hunk (edited outside).
        case changed(old: Int)
        /// A line that was not there.
        case added
    }

    /// One `Match` per line of `new`.
    static func match(old: [UInt64], new: [UInt64]) -> [Match] {
        var result = Array(repeating: Match.added, count: new.count)
        diff(old, 0..<old.count, new, 0..<new.count, into: &result)
        return result
    }

    private static func diff(_ old: [UInt64], _ oldRange: Range<Int>, _ new: [UInt64], _ newRange: Range<Int>,
                             into result: inout [Match]) {
        var oldLow = oldRange.lowerBound, oldHigh = oldRange.upperBound
        var newLow = newRange.lowerBound, newHigh = newRange.upperBound
        while oldLow < oldHigh, newLow < newHigh, old[oldLow] == new[newLow] {
            result[newLow] = .same(old: oldLow)
            oldLow += 1
            newLow += 1
        }
        while oldLow < oldHigh, newLow < newHigh, old[oldHigh - 1] == new[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
            result[newHigh] = .same(old: oldHigh)
        }
        guard oldLow < oldHigh, newLow < newHigh else { return }
        let anchors = uniqueAnchors(old, oldLow..<oldHigh, new, newLow..<newHigh)
        if anchors.isEmpty {
            for offset in 0..<min(oldHigh - oldLow, newHigh - newLow) {
                result[newLow + offset] = .changed(old: oldLow + offset)
            }
            return
        }
        var previousOld = oldLow, previousNew = newLow
        for (oldIndex, newIndex) in anchors {
            diff(old, previousOld..<oldIndex, new, previousNew..<newIndex, into: &result)
            result[newIndex] = .same(old: oldIndex)
            previousOld = oldIndex + 1
            previousNew = newIndex + 1
        }
        diff(old, previousOld..<oldHigh, new, previousNew..<newHigh, into: &result)
    }

    /// Lines unique in both ranges, as (old, new) index pairs forming the
    /// longest chain increasing in both.
    private static func uniqueAnchors(_ old: [UInt64], _ oldRange: Range<Int>, _ new: [UInt64], _ newRange: Range<Int>) -> [(Int, Int)] {
        var oldCount: [UInt64: (count: Int, index: Int)] = [:]
        for index in oldRange { oldCount[old[index], default: (0, index)].count += 1 }
        var newCount: [UInt64: (count: Int, index: Int)] = [:]
        for index in newRange { newCount[new[index], default: (0, index)].count += 1 }
        // Pairs in new order; keep the longest run increasing in old order.
        var pairs: [(Int, Int)] = []
        for index in newRange {
            guard let inNew = newCount[new[index]], inNew.count == 1,
                  let inOld = oldCount[new[index]], inOld.count == 1 else { continue }
            pairs.append((inOld.index, index))
        }
        return longestIncreasing(pairs)
    }

    /// Patience sorting: the longest subsequence of `pairs` whose old
    /// indices increase (their new indices already do).
    private static func longestIncreasing(_ pairs: [(Int, Int)]) -> [(Int, Int)] {
        guard !pairs.isEmpty else { return [] }
        var pileTops: [Int] = []          // index into pairs of each pile's top
        var back = Array(repeating: -1, count: pairs.count)
        for (i, pair) in pairs.enumerated() {
            var low = 0, high = pileTops.count
            while low < high {
                let mid = (low + high) / 2
                if pairs[pileTops[mid]].0 < pair.0 { low = mid + 1 } else { high = mid }
            }
            if low > 0 { back[i] = pileTops[low - 1] }
            if low == pileTops.count { pileTops.append(i) } else { pileTops[low] = i }
        }
        var chain: [(Int, Int)] = []
        var index = pileTops[pileTops.count - 1]
        while index >= 0 {
            chain.append(pairs[index])
            index = back[index]
        }
        return chain.reversed()
    }
}
