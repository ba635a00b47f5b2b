import Foundation

/// Turns a candidate's raw generated text into what the pane shows and the
/// buffer receives: trimmed to the beat and repaired so it is valid
/// Fountain where it is inserted.
///
/// **The beat** (blank-line rules, Fountain blocks being separated by blank
/// lines): the candidate ends after its first complete block of content —
/// the rest of the paragraph at the cursor, one action paragraph, or one
/// dialogue block (cue, parentheticals, dialogue) — once a blank line
/// follows it. Leading line breaks are not content. A scene heading as the
/// first block is no beat by itself: the block after it belongs to the
/// beat. With `stopAtScene`, a scene heading after content ends the
/// candidate before it. A candidate is *complete* once its end is known.
///
/// **Repairs** (each is named in ``Processed/repairs`` and logged):
/// - `line-breaks`: leading line breaks are brought to what the cursor
///   needs: none to continue the line, exactly one blank line before a new
///   block (a cue or heading the model glued to the paragraph above gets it).
/// - `cue-case`: a block that opens with a name line in the wrong case
///   ("Vera" / "vera" over a line of speech) gets an upper-case cue, which
///   Fountain needs to read it as dialogue.
/// - `cue-spacing`: a cast cue inside a block (no blank line before it)
///   starts a new block.
/// - `scaffolding-note`: a paragraph that is only a note (`[[…]]`, the model
///   imitating the prompt's cast or direction notes) is removed.
/// - `unclosed-note` / `unclosed-boneyard`: an `[[` or `/*` never closed
///   would hide the rest of the script: the text is cut before it.
/// - `stray-closer`: a `]]` or `*/` with no opener before it (the model
///   echoing the end of a note or boneyard from the prompt) would print as
///   text: it is removed, and so is a line it leaves blank.
struct CandidatePostProcessor: Sendable {
    let lead: String
    let newlinesBeforeCursor: Int
    let cast: Set<String>
    let stopAtBeat: Bool
    let stopAtScene: Bool

    struct Processed: Equatable {
        var text: String
        /// Whether the end of the candidate is known (its beat is over).
        var complete: Bool
        /// Whether the model wrote words beyond the lead (not just punctuation).
        var hasContent: Bool
        var repairs: [String]
    }

    init(prompt: BuiltPrompt, stopAtBeat: Bool, stopAtScene: Bool) {
        lead = prompt.lead
        newlinesBeforeCursor = prompt.newlinesBeforeCursor
        cast = Set(prompt.cast)
        self.stopAtBeat = stopAtBeat
        self.stopAtScene = stopAtScene
    }

    func process(_ raw: String) -> Processed {
        var repairs: [String] = []
        var body = raw.replacingOccurrences(of: "\r\n", with: "\n")
        var breaks = 0
        var startsBlock: Bool
        let leadIsContent = !lead.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        // Line breaks between the last text and where the model starts: a
        // lead of only line breaks adds to those in the buffer.
        let before = leadIsContent ? Self.trailingBreaks(lead) : newlinesBeforeCursor + Self.trailingBreaks(lead)
        if lead.hasSuffix("\n") && leadIsContent {
            // After a cue the speech follows directly: no blank line may break the block.
            while body.first?.isNewline == true || body.first == " " { body.removeFirst() }
            startsBlock = false
        } else {
            while let first = body.first, first.isNewline || (first == " " && breaks > 0) {
                if first.isNewline { breaks += 1 }
                body.removeFirst()
            }
            startsBlock = before + breaks >= 2
        }

        // Blocks are separated by blank lines; block 0 may continue the cursor's paragraph.
        var blocks = Self.blocks(of: body)
        let endsWithBlank = Self.endsWithBlankLine(body)
        if !startsBlock, lead.isEmpty, before + breaks == 1, let first = blocks.first, gluedBlockStart(first) {
            // A cue or heading on the line right under a paragraph: it needs a blank line.
            startsBlock = true
        }

        // Cut at the beat and at a new scene.
        var complete = false
        var kept: [[String]] = []
        var contentBlocks = 0
        var i = 0
        while i < blocks.count {
            let block = blocks[i]
            let isLast = i == blocks.count - 1
            let opensBlock = i > 0 || startsBlock
            if stopAtScene, opensBlock, contentBlocks > 0, let first = block.first, ScreenplayLine.isSceneHeading(first) {
                complete = true
                break
            }
            kept.append(block)
            let heading = opensBlock && block.count == 1 && ScreenplayLine.isSceneHeading(block[0])
            if !heading { contentBlocks += 1 }
            if stopAtBeat, contentBlocks >= 1, !heading, !isLast || endsWithBlank {
                complete = !isLast || endsWithBlank
                break
            }
            i += 1
        }
        blocks = kept

        // Repairs inside blocks.
        var repaired: [[String]] = []
        for (index, block) in blocks.enumerated() {
            let opensBlock = index > 0 || startsBlock
            for part in splitAtCues(block, opensBlock: opensBlock, repairs: &repairs) {
                var lines = part.lines
                if part.opensBlock, lines.count >= 2, !ScreenplayLine.isCue(lines[0], followedBy: lines[1]),
                   ScreenplayLine.looksLikeName(lines[0], cast: cast) {
                    lines[0] = lines[0].uppercased()
                    repairs.append("cue-case")
                }
                let joined = lines.joined(separator: "\n").trimmingCharacters(in: .whitespaces)
                if joined.hasPrefix("[["), joined.hasSuffix("]]"), !joined.dropFirst(2).contains("[[") {
                    repairs.append("scaffolding-note")
                    continue
                }
                repaired.append(lines)
            }
        }

        var text = repaired.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
        if let cleaned = Self.withoutStrayClosers(text) {
            text = cleaned
            repairs.append("stray-closer")
        }
        for (opener, closer, name) in [("[[", "]]", "unclosed-note"), ("/*", "*/", "unclosed-boneyard")] {
            if let cut = Self.unclosed(opener, closer, in: text) {
                text = String(text[..<cut])
                repairs.append(name)
            }
        }
        while text.last?.isWhitespace == true { text.removeLast() }
        // Punctuation alone (">>", "...", "#7" without the digit) is no line a writer can use.
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            return Processed(text: lead.trimmingTrailingWhitespace, complete: complete, hasContent: false, repairs: repairs)
        }

        var prefix = lead
        if lead.isEmpty {
            let wanted = startsBlock ? max(0, 2 - newlinesBeforeCursor) : breaks
            if wanted != breaks { repairs.append("line-breaks") }
            prefix = String(repeating: "\n", count: wanted)
        }
        return Processed(text: prefix + text, complete: complete, hasContent: true, repairs: repairs)
    }

    // MARK: - Pieces

    /// Whether a block that starts on the line under a paragraph is really a
    /// new element: a cast cue over speech, or a scene heading.
    private func gluedBlockStart(_ block: [String]) -> Bool {
        let first = block[0].trimmingCharacters(in: .whitespaces)
        if block.count >= 2, cast.contains(first.uppercased()), ScreenplayLine.looksLikeName(first, cast: cast) {
            return true
        }
        return ScreenplayLine.isSceneHeading(first)
    }

    /// `block` split before every cast cue that is not its first line.
    private func splitAtCues(_ block: [String], opensBlock: Bool,
                             repairs: inout [String]) -> [(lines: [String], opensBlock: Bool)] {
        var parts: [(lines: [String], opensBlock: Bool)] = [([], opensBlock)]
        for (k, line) in block.enumerated() {
            let name = line.trimmingCharacters(in: .whitespaces)
            if k > 0, k + 1 < block.count, cast.contains(name), name == name.uppercased() {
                repairs.append("cue-spacing")
                parts.append(([], true))
            }
            parts[parts.count - 1].lines.append(line)
        }
        return parts.filter { !$0.lines.isEmpty }
    }

    /// Blocks of non-blank lines; a trailing partial line stays in the last block.
    static func blocks(of text: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) {
                if !current.isEmpty { blocks.append(current); current = [] }
            } else {
                current.append(String(line))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// Whether the text's last content is followed by a blank line.
    static func endsWithBlankLine(_ text: String) -> Bool {
        var newlines = 0
        for character in text.reversed() {
            if character == "\n" { newlines += 1 } else if character != " " && character != "\t" { break }
        }
        return newlines >= 2
    }

    static func trailingBreaks(_ text: String) -> Int {
        text.reversed().prefix { $0 == "\n" }.count
    }

    /// `text` without the `]]` and `*/` that close nothing (a line left
    /// blank by that goes too, and blocks stay one blank line apart), or nil
    /// when there are none. An opener pairs with the next closer of its kind.
    static func withoutStrayClosers(_ text: String) -> String? {
        var stray: [Range<String.Index>] = []
        for (opener, closer) in [("[[", "]]"), ("/*", "*/")] {
            var search = text.startIndex
            while search < text.endIndex {
                let open = text.range(of: opener, range: search..<text.endIndex)
                guard let close = text.range(of: closer, range: search..<text.endIndex) else { break }
                if let open, open.lowerBound < close.lowerBound {
                    // A pair: skip to after its closer (or stop when it is unclosed).
                    guard let end = text.range(of: closer, range: open.upperBound..<text.endIndex) else { break }
                    search = end.upperBound
                } else {
                    stray.append(close)
                    search = close.upperBound
                }
            }
        }
        guard !stray.isEmpty else { return nil }
        var pending = stray.sorted { $0.lowerBound < $1.lowerBound }[...]
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var rest = ""
            var position = line.startIndex
            while let closer = pending.first, closer.lowerBound < line.endIndex {
                pending.removeFirst()
                rest += line[position..<closer.lowerBound]
                position = closer.upperBound
            }
            guard position != line.startIndex else {
                lines.append(line)
                continue
            }
            rest += line[position...]
            while rest.last == " " || rest.last == "\t" { rest.removeLast() }
            if !rest.isEmpty { lines.append(Substring(rest)) }
        }
        var result = lines.joined(separator: "\n")
        while result.contains("\n\n\n") { result = result.replacingOccurrences(of: "\n\n\n", with: "\n\n") }
        while result.first?.isNewline == true { result.removeFirst() }
        return result
    }

    /// Where an `opener` without a later `closer` starts, if any.
    static func unclosed(_ opener: String, _ closer: String, in text: String) -> String.Index? {
        var search = text.startIndex
        while let open = text.range(of: opener, range: search..<text.endIndex) {
            guard let close = text.range(of: closer, range: open.upperBound..<text.endIndex) else {
                return open.lowerBound
            }
            search = close.upperBound
        }
        return nil
    }
}

extension String {
    var trimmingTrailingWhitespace: String {
        var text = self
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}
