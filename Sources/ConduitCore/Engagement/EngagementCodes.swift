/// How a contact with a group was made (DESIGN.md part 3). Seed 004: engagement took phone
/// calls, letters and visits, then meetings, forums, conferences and training.
public enum EngagementChannel: String, CaseIterable, Codable, Sendable {
    case phone
    case email
    case letter
    case visit
    case meeting
    case forum
    case conference
    case training

    public var title: String {
        switch self {
        case .phone: "Phone call"
        case .email: "Email"
        case .letter: "Letter"
        case .visit: "Visit"
        case .meeting: "Meeting"
        case .forum: "Forum"
        case .conference: "Conference"
        case .training: "Training session"
        }
    }
}

/// What came of one contact. The unanswered attempts are recorded too: seed 004 found that
/// engagement "depends on dedicated personal contact", and the number of attempts before
/// a first meeting is the measure of that persistence.
public enum EngagementOutcome: String, CaseIterable, Codable, Sendable {
    case noAnswer = "no_answer"
    case noReply = "no_reply"
    case declined
    case didNotAttend = "did_not_attend"
    case met
    case agreedNextStep = "agreed_next_step"
    case trainingBooked = "training_booked"

    public var title: String {
        switch self {
        case .noAnswer: "No answer"
        case .noReply: "No reply"
        case .declined: "Declined"
        case .didNotAttend: "Did not attend"
        case .met: "Met"
        case .agreedNextStep: "Agreed a next step"
        case .trainingBooked: "Training booked"
        }
    }

    /// Whether the contact reached the group: these count as the "first meeting" in
    /// days-to-first-meeting figures.
    public var establishesContact: Bool {
        switch self {
        case .met, .agreedNextStep, .trainingBooked: true
        case .noAnswer, .noReply, .declined, .didNotAttend: false
        }
    }

    /// The outcomes that count as a first meeting, for queries (`outcome IN (…)`).
    public static var contactEstablishing: [EngagementOutcome] {
        allCases.filter(\.establishesContact)
    }
}

/// What a contact was about: the four specific areas of child abuse the project focused on,
/// then the priorities the communities brought themselves (seed 004 finding 2),
/// in the seed's words where they still serve.
public enum EngagementTopic: String, CaseIterable, Codable, Sendable {
    case femaleGenitalMutilation = "female_genital_mutilation"
    case honourBasedAbuse = "honour_based_abuse"
    case abuseLinkedToFaithOrBelief = "abuse_linked_to_faith_or_belief"
    case trafficking = "trafficking_and_exploitation"
    case disciplineAndGenerationalTension = "discipline_and_generational_tension"
    case truancy
    case substanceMisuse = "substance_misuse"
    case gangsAndWeapons = "gangs_and_weapons"
    case domesticAbuse = "domestic_abuse"
    case privateFostering = "private_fostering"
    case dbsChecks = "dbs_checks"
    case policies
    case generalAwareness = "general_awareness"

    public var title: String {
        switch self {
        case .femaleGenitalMutilation: "Female genital mutilation"
        // Seed 004 says "honour based violence"; forced marriage is counted with it, as the
        // London procedures it cites do, and today's term is honour-based abuse.
        case .honourBasedAbuse: "Honour-based abuse and forced marriage"
        // Seed 004's "abuse linked to a belief in spirit possession", under its current
        // national name, which covers witchcraft and other beliefs too.
        case .abuseLinkedToFaithOrBelief: "Abuse linked to faith or belief, including spirit possession"
        case .trafficking: "Child trafficking and exploitation"
        case .disciplineAndGenerationalTension: "Discipline and tension between first and second generations"
        case .truancy: "Truancy"
        case .substanceMisuse: "Substance misuse"
        case .gangsAndWeapons: "Gangs and weapons"
        // Seed 004 recommendation 4 asks for domestic violence to be counted alongside the
        // four areas; "domestic abuse" is the term since the Domestic Abuse Act 2021.
        case .domesticAbuse: "Domestic violence and abuse"
        case .privateFostering: "Private fostering"
        // The seeds' CRB checks are DBS checks since 2012.
        case .dbsChecks: "CRB/DBS checks"
        case .policies: "Safeguarding policies and procedures"
        case .generalAwareness: "Safeguarding awareness in general"
        }
    }
}
