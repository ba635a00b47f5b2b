import CNcursesShim
import EditorCore

/// Terminal: the only module that talks to ncursesw.
public enum TerminalModule {}
