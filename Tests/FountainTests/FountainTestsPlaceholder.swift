import Testing
@testable import Fountain

@Test func moduleLinks() { #expect(Bool(true)) }
