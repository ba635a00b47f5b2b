@testable import Fountain

/// Parses `text` and returns its elements.
func parse(_ text: String) -> [Element] { FountainDocument(parsing: text).elements }

/// Kinds and texts, the shape most tests compare.
func shape(_ text: String) -> [String] {
    parse(text).map { "\($0.kind.typeName):\($0.text)" }
}
