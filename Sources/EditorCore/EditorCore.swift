/// EditorCore: buffer, cursor, selection, undo, commands and layout into a
/// cell grid. No terminal code: everything here is testable in-process.
public enum EditorCoreModule {}
