/// The last find and replace strings (F3 repeats the find).
struct SearchState {
    var query = ""
    var replacement = ""
}
