/// The categories of abuse (DESIGN.md part 6): DfE Children in Need census factor codes
/// where one exists, project categories where none does.
///
/// Seed 004 recommendations 3 and 4: partnerships counted these differently, so Conduit
/// stores the national code and a file audit, a return and a concern use the same list.
/// The titles follow the factor wording of the DfE CIN census guide as recalled (not
/// checked against the current guide here): "Abuse linked to faith or belief" (23A, with
/// seed 004's "spirit possession" added in brackets so auditors recognise it), "Domestic
/// abuse" for 3A–3C (renamed from "domestic violence" in 2022).
public enum AbuseCategory: String, Codable, Sendable, CaseIterable {
    case femaleGenitalMutilation = "22A"
    case abuseLinkedToFaithOrBelief = "23A"
    case trafficking = "12A"
    case childSexualExploitation = "11A"
    case childCriminalExploitation = "24A"
    case domesticAbuseChild = "3A"
    case domesticAbuseParent = "3B"
    case domesticAbuseOther = "3C"
    // No CIN census factor exists for these; seed 004 counts honour-based violence as one
    // of its four areas, and forced marriage comes up beside it in partnerships' work.
    case honourBasedAbuse = "honour_based_abuse"
    case forcedMarriage = "forced_marriage"

    public var title: String {
        switch self {
        case .femaleGenitalMutilation: "Female genital mutilation"
        case .abuseLinkedToFaithOrBelief: "Abuse linked to faith or belief (including spirit possession)"
        case .trafficking: "Trafficking"
        case .childSexualExploitation: "Child sexual exploitation"
        case .childCriminalExploitation: "Child criminal exploitation"
        case .domesticAbuseChild: "Domestic abuse: concerns about the child as a subject"
        case .domesticAbuseParent: "Domestic abuse: concerns about the child's parent or carer"
        case .domesticAbuseOther: "Domestic abuse: concerns about another person in the household"
        case .honourBasedAbuse: "Honour-based abuse"
        case .forcedMarriage: "Forced marriage"
        }
    }

    /// The category as a return's grid and its messages name it: the code before the title
    /// where it is a CIN census factor ("22A Female genital mutilation"), as data leads know
    /// the factors by code; the title alone for a project category ("Forced marriage").
    public var label: String {
        switch self {
        case .honourBasedAbuse, .forcedMarriage: title
        default: "\(rawValue) \(title)"
        }
    }

    /// What to count under the category, for the police data lead or local authority
    /// analyst entering a return: plain words, one child counted in every category that
    /// applies to them. Written from the factor wording of the CIN census guide and the
    /// law as recalled; check against the current guide when it changes.
    public var description: String {
        switch self {
        case .femaleGenitalMutilation:
            "Children for whom female genital mutilation was a concern: at risk of it, or known to have undergone it."
        case .abuseLinkedToFaithOrBelief:
            "Children for whom abuse linked to faith or belief was a concern: harm that comes from a belief held about the child, such as in witchcraft or spirit possession."
        case .trafficking:
            "Children for whom trafficking was a concern: recruited, moved or kept, within the UK or from abroad, in order to be exploited."
        case .childSexualExploitation:
            "Children for whom child sexual exploitation was a concern: pressured, manipulated or deceived into sexual activity, in exchange for something they need or want or for the gain of the abuser."
        case .childCriminalExploitation:
            "Children for whom child criminal exploitation was a concern: pressured, manipulated or deceived into crime, such as carrying drugs or money for others (county lines)."
        case .domesticAbuseChild:
            "Children for whom domestic abuse was a concern with the child as the person abused, for example a young person abused by a partner. Count abuse of a parent or another person in the household under 3B or 3C."
        case .domesticAbuseParent:
            "Children for whom domestic abuse was a concern with the child's parent or carer as the person abused."
        case .domesticAbuseOther:
            "Children for whom domestic abuse was a concern with another person in the household as the person abused, such as a brother, sister or other relative."
        case .honourBasedAbuse:
            "Children for whom honour-based abuse was a concern: abuse committed to protect or defend the perceived honour of a family or community. Counted here because no CIN census factor exists for it."
        case .forcedMarriage:
            "Children for whom forced marriage was a concern: at risk of being married, or already married, without full and free consent. Any marriage of a child under 18 counts, as the law in England and Wales has forbidden it since February 2023. Counted here because no CIN census factor exists for it."
        }
    }

    /// Where the code comes from: "DfE CIN census factor 22A" or "Conduit project category".
    public var source: String {
        switch self {
        case .honourBasedAbuse, .forcedMarriage: "Conduit project category"
        default: "DfE CIN census factor \(rawValue)"
        }
    }
}
