import Foundation

/// One question's answer as stored: its values (one for most types; several for multiple
/// choice and category) and any follow-up text.
public struct Answer: Codable, Sendable, Equatable {
    public var values: [String]
    /// The text given in the follow-up box ("If so, what…").
    public var followUp: String?

    public init(values: [String], followUp: String? = nil) {
        self.values = values
        self.followUp = followUp
    }

    /// Whether nothing was given: no values, or only blank ones (an empty text box).
    var isBlank: Bool {
        values.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }
}

/// The answers to a form, by question key.
public typealias Answers = [String: Answer]
