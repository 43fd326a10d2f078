/// Two sources' counts for one partnership, category and quarter, side by side.
///
/// Seed 004 finding 9: the police recorded 29 allegations of honour-based violence against
/// children in ten months, far more than the local authorities did, and nobody could
/// reconcile the two. Putting the figures beside each other, and flagging the large gaps,
/// is where reconciling starts.
public struct SourceComparison: Equatable, Sendable {
    public var localAuthority: Int
    public var police: Int

    public init(localAuthority: Int, police: Int) {
        self.localAuthority = localAuthority
        self.police = police
    }

    /// Police minus local authority.
    public var difference: Int { police - localAuthority }

    /// Police per local authority figure; nil when the local authority recorded none.
    public var ratio: Double? {
        localAuthority == 0 ? nil : Double(police) / Double(localAuthority)
    }

    /// Whether the gap is worth explaining: more than `smallestGap` apart (so 1 against 3
    /// is not flagged; small numbers vary by chance) and apart by more than `share` of the
    /// larger figure (so 20 against 26 is not flagged, but 3 against 29 is).
    public func differs(smallestGap: Int = DisclosureControl.threshold, share: Double = 0.5) -> Bool {
        let gap = abs(difference)
        return gap > smallestGap && Double(gap) > share * Double(max(localAuthority, police))
    }
}
