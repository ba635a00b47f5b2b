// MARK: - What the status bar shows

/// Page, scene and element at the cursor.
struct StatusInfo: Equatable {
    var page: Int
    var pageCount: Int
    /// The current scene's number ("0" before the first scene).
    var scene: String
    var element: String
}

extension Editor {
    func statusInfo() -> StatusInfo {
        let line = state.selection.head.line
        let pages = pagination()
        let role: StyleRole = state.buffer[line].isEmpty && state.pendingElement == nil ? .action : flowRole(ofLine: line)
        return StatusInfo(page: pages.page(ofLine: line), pageCount: pages.pageCount,
                          scene: syntax.sceneNumber(atLine: line), element: Self.elementName(role))
    }
}
