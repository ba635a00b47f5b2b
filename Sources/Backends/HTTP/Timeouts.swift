/// How long a remote backend waits.
public struct Timeouts: Sendable, Hashable {
    /// For the TCP (and TLS) connection to open.
    public var connect: Duration
    /// The longest silence between two reads of the reply, the first
    /// included: a server that loads a model before its first token needs a
    /// generous value.
    public var read: Duration

    public init(connect: Duration = .seconds(5), read: Duration = .seconds(60)) {
        self.connect = connect
        self.read = read
    }
}
