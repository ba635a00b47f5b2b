/// How rejections steer later requests of the session (see ``Steering``).
///
/// Defaults: each rejection adds -3 to the logit of each distinctive token
/// (about a 20x lower probability), repeated rejections add up to at most
/// -8 (about 3000x); after every request the bias is multiplied by 0.75, so
/// a single rejection fades to under 0.3 in absolute value, and is
/// forgotten, after 9 requests.
public struct SteeringSettings: Sendable, Equatable {
    /// Added per rejection to each distinctive token's bias.
    public var rejectionBias: Double
    /// The most negative a token's bias gets.
    public var floor: Double
    /// Multiplies every bias after each request (0...1).
    public var decay: Double
    /// A bias whose magnitude falls below this is forgotten.
    public var forgetBelow: Double
    /// At most this many tokens are biased per rejected candidate.
    public var tokensPerRejection: Int

    public init(rejectionBias: Double = -3, floor: Double = -8, decay: Double = 0.75,
                forgetBelow: Double = 0.3, tokensPerRejection: Int = 24) {
        self.rejectionBias = min(0, rejectionBias)
        self.floor = min(0, floor)
        self.decay = min(1, max(0, decay))
        self.forgetBelow = max(0, forgetBelow)
        self.tokensPerRejection = max(0, tokensPerRejection)
    }

    /// No bias at all (rejected lines are still never offered again).
    public static let off = SteeringSettings(rejectionBias: 0)
}
