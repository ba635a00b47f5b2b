extension FountainDocument {
    /// The script as an industry-layout PDF: laid out on `paper`, title page
    /// first, notes printed only with `notes`, scene numbers in both margins
    /// with `sceneNumbers`. The PDF's Title and Author come from the title page.
    public func pdf(paper: PaperSize = .letter, notes: Bool = false, sceneNumbers: Bool = false,
                    fallbackFonts: FallbackFonts = .system) -> PDFOutput {
        ScreenplayPDFRenderer(sceneNumbers: sceneNumbers, title: titlePageText("Title"),
                              author: titlePageText("Author") ?? titlePageText("Authors"),
                              fallbackFonts: fallbackFonts)
            .render(layout(paper: paper, notes: notes))
    }

    /// A title-page value as plain text (emphasis removed, lines joined).
    private func titlePageText(_ key: String) -> String? {
        guard let entry = titlePage.first(where: { $0.key.lowercased() == key.lowercased() }) else { return nil }
        let text = entry.value.split(separator: "\n").map { Self.styledTitleLine(String($0)).map(\.text).joined() }
            .joined(separator: " ")
        return text.isEmpty ? nil : text
    }
}
