/// A rectangle of the screen, in cells.
struct Region: Equatable {
    var top: Int
    var left: Int
    var width: Int
    var height: Int
}

/// How the screen is divided: title row, text area, side pane, prompt row
/// and status bar.
///
/// The side pane shows only when the screen is at least
/// `ScreenRegions.paneMinimumWidth` (100) cells wide, so that the text area
/// keeps the 61-column action width plus margins; it takes 30% of the width
/// (at most 44 cells) plus a one-cell border. The title row shows from 8 rows.
struct ScreenRegions: Equatable {
    static let paneMinimumWidth = 100

    var titleRow: Int?
    var text: Region
    var pane: Region?
    var promptRow: Int?
    var statusRow: Int?

    init(width: Int, height: Int, paneVisible: Bool, hasPrompt: Bool) {
        let width = max(0, width)
        let height = max(0, height)
        var top = 0
        var bottom = height
        if height >= 2 { statusRow = height - 1; bottom -= 1 }
        if hasPrompt, bottom - top >= 2 { promptRow = bottom - 1; bottom -= 1 }
        if height >= 8 { titleRow = 0; top = 1 }
        let textHeight = max(0, bottom - top)
        if paneVisible, width >= Self.paneMinimumWidth {
            let paneWidth = min(44, width * 3 / 10)
            text = Region(top: top, left: 0, width: width - paneWidth - 1, height: textHeight)
            pane = Region(top: top, left: width - paneWidth, width: paneWidth, height: textHeight)
        } else {
            text = Region(top: top, left: 0, width: width, height: textHeight)
        }
    }
}

extension Editor {
    func screenLayout(width: Int, height: Int) -> ScreenRegions {
        ScreenRegions(width: width, height: height, paneVisible: state.paneVisible, hasPrompt: state.prompt != nil)
    }
}
