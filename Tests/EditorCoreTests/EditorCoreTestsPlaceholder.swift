import Testing
@testable import EditorCore

@Test func moduleLinks() { #expect(Bool(true)) }
