/// Which side of a dual dialogue a block belongs to. Every element of the
/// first speaker's block (cue, parentheticals, dialogue) is `.left`; every
/// element of the block whose cue ends in `^` is `.right`. A `.right` block
/// pairs with the nearest `.left` block before it.
public enum DualSide: Sendable, Hashable {
    case left, right
}
