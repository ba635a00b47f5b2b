import Foundation
import Testing
@testable import Fountain

@Suite struct FDXImporterTests {
    @Test(arguments: ["final-draft-vault", "fade-in-diner", "no-title-page"])
    func importMatchesHandWrittenFountain(name: String) throws {
        let result = try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/\(name).fdx"))
        let expected = try Fixture.text("fdx/\(name).fountain")
        #expect(result.fountain == expected)
        if result.fountain != expected {
            // Line-by-line difference makes a failure readable.
            let got = result.fountain.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            for i in 0..<max(got.count, want.count) where (i < got.count ? got[i] : "<none>") != (i < want.count ? want[i] : "<none>") {
                Issue.record("line \(i + 1): got \(i < got.count ? String(got[i]) : "<none>") want \(i < want.count ? String(want[i]) : "<none>")")
                break
            }
        }
    }

    @Test func unknownParagraphTypeWarnsOnceAndKeepsText() throws {
        let result = try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/final-draft-vault.fdx"))
        #expect(result.warnings == ["unknown FDX paragraph type \"Teaser\" imported as action"])
        #expect(result.fountain.contains("A paragraph type this importer has never seen."))
    }

    @Test func knownTypesGiveNoWarnings() throws {
        #expect(try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/fade-in-diner.fdx")).warnings.isEmpty)
    }

    // MARK: - Bad input

    private func failure(_ text: String) -> FDXImportError? {
        failure(Data(text.utf8))
    }

    private func failure(_ data: Data) -> FDXImportError? {
        do {
            _ = try FDXImporter.fountain(fromFDX: data)
            return nil
        } catch {
            return error
        }
    }

    @Test func notXMLIsAOneLineError() throws {
        let error = try #require(failure("INT. HOUSE - DAY\n\nThis is Fountain, not FDX.\n"))
        guard case .malformedXML = error else { Issue.record("got \(error)"); return }
        #expect(!error.description.contains("\n"))
    }

    @Test func otherXMLIsNotFinalDraft() {
        #expect(failure("<html><body>hi</body></html>") == .notFinalDraft(rootElement: "html"))
        #expect(failure("<FinalDraft DocumentType=\"Script\"></FinalDraft>") == .noContent)
    }

    @Test func emptyAndBinaryInput() {
        #expect(failure("") == .empty)
        #expect(failure(Data([0xFF, 0xFE, 0x3C, 0x00, 0x46, 0x00])) == .notUTF8)
    }

    @Test func billionLaughsIsRefusedBeforeExpansion() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE FinalDraft [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let previous = i == 1 ? "lol" : "lol\(i - 1)"
            xml += "<!ENTITY lol\(i) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&lol9;</Text></Paragraph></Content></FinalDraft>"
        #expect(failure(xml) == .documentTypeDeclaration)
    }

    @Test func externalEntityIsRefused() {
        let xml = "<?xml version=\"1.0\"?><!doctype FinalDraft [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&x;</Text></Paragraph></Content></FinalDraft>"
        #expect(failure(xml) == .documentTypeDeclaration)
    }

    @Test func undeclaredEntityIsMalformedNotExpanded() throws {
        let xml = "<FinalDraft><Content><Paragraph Type=\"Action\"><Text>&x;</Text></Paragraph></Content></FinalDraft>"
        let error = try #require(failure(xml))
        guard case .malformedXML = error else { Issue.record("got \(error)"); return }
    }

    @Test func hugeInputIsRefusedBeforeParsing() {
        let data = Data(count: XMLElementTree.maximumBytes + 1)
        #expect(failure(data) == .tooLarge(bytes: XMLElementTree.maximumBytes + 1))
    }

    @Test func deepNestingIsRefused() {
        let depth = 10_000
        let xml = "<FinalDraft><Content>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
            + "</Content></FinalDraft>"
        let error = failure(xml)
        #expect(error == .nestedTooDeep)
    }

    @Test func truncatedFileIsMalformed() throws {
        let full = try Fixture.text("fdx/fade-in-diner.fdx")
        let error = try #require(failure(String(full.prefix(full.count / 2))))
        guard case .malformedXML(let line, _) = error else { Issue.record("got \(error)"); return }
        #expect(line > 1)
    }
}

@Suite struct FDXImportParsesBackTests {
    /// The Fountain parser reads the import as the FDX's paragraph types:
    /// the forcing markers were put exactly where they were needed.
    @Test func everyParagraphComesBackAsItsType() throws {
        let result = try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/final-draft-vault.fdx"))
        let document = FountainDocument(parsing: result.fountain)
        let kinds = document.elements.map { element -> String in
            if case .character(_, _, let isDual) = element.kind, isDual { return "character^" }
            return element.kind.typeName
        }
        #expect(kinds == [
            "transition", "scene_heading", "synopsis", "action",
            "character", "parenthetical", "dialogue",
            "character", "dialogue",
            "character", "dialogue", "character^", "parenthetical", "dialogue",
            "action", "action", "centered", "transition",
            "scene_heading", "lyrics", "action", "action", "page_break",
            "scene_heading", "action", "transition",
        ])
        let numbers = document.elements.compactMap { element -> String? in
            if case .sceneHeading(let number) = element.kind { return number }
            return nil
        }
        #expect(numbers == ["1", "2A", "3"])
        #expect(document.titlePage.map(\.key) == ["Title", "Credit", "Author", "Draft date", "Contact"])
        #expect(document.titlePage.last?.value == "Quill Pictures\n12 Rue des Fleurs\nParis")
    }

    @Test func mixedCaseCueAndOddHeadingAreForced() throws {
        let result = try FDXImporter.fountain(fromFDX: try Fixture.data("fdx/no-title-page.fdx"))
        let document = FountainDocument(parsing: result.fountain)
        #expect(document.titlePage.isEmpty)
        #expect(document.elements.first?.kind == .action)
        #expect(document.elements.first?.text == "Time: midnight. The clock strikes.")
        #expect(document.elements.contains { $0.kind == .character(name: "Bob", extension: nil, isDual: false) })
        #expect(document.elements.contains { $0.kind == .section(depth: 1) && $0.text == "ACT ONE" })
    }
}

@Suite struct FDXImportMutationTests {
    /// Corrupted files (bytes flipped, cut, duplicated) either import or fail
    /// with an FDXImportError; none may crash or hang. Seeded, so a failure
    /// reproduces.
    @Test func mutatedFilesNeverCrash() throws {
        let original = Array(try Fixture.data("fdx/final-draft-vault.fdx"))
        var rng = SplitMix64(seed: 0x1D7)
        var imported = 0, refused = 0
        for _ in 0..<400 {
            var bytes = original
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(rng.next() % 40)))
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 30)], at: at)
                default: bytes = Array(bytes.prefix(at))
                }
                if bytes.isEmpty { bytes = [0x3C] }
            }
            do {
                _ = try FDXImporter.fountain(fromFDX: Data(bytes))
                imported += 1
            } catch {
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
                refused += 1
            }
        }
        #expect(imported + refused == 400)
        #expect(refused > 0)
    }
}

/// A tiny seeded generator (SplitMix64) so mutation tests reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
