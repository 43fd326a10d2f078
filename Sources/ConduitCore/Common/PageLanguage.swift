import Foundation

/// A language Conduit's public pages and resources are offered in: its ISO 639-1 code (639-3
/// where there is no two-letter code), its name in English and in itself, and its direction.
/// The list is the languages of London's communities the seeds name (Somali, Arabic, Bengali,
/// Lingala, Tigrinya, Kurdish, French, Urdu, Turkish…) and those of the census's most spoken.
public struct PageLanguage: Sendable, Hashable, Codable {
    public var code: String
    public var english: String
    /// The name a speaker reads: the link to the page in that language says this.
    public var endonym: String
    public var rightToLeft: Bool

    public init(_ code: String, _ english: String, _ endonym: String, rightToLeft: Bool = false) {
        self.code = code
        self.english = english
        self.endonym = endonym
        self.rightToLeft = rightToLeft
    }

    /// HTML's `dir` for text in the language.
    public var direction: String { rightToLeft ? "rtl" : "ltr" }

    public static let english = PageLanguage("en", "English", "English")

    public static let all: [PageLanguage] = [
        english,
        PageLanguage("am", "Amharic", "አማርኛ"),
        PageLanguage("ar", "Arabic", "العربية", rightToLeft: true),
        PageLanguage("bn", "Bengali", "বাংলা"),
        PageLanguage("fa", "Persian", "فارسی", rightToLeft: true),
        PageLanguage("fr", "French", "français"),
        PageLanguage("gu", "Gujarati", "ગુજરાતી"),
        PageLanguage("ku", "Kurdish", "Kurdî"),
        PageLanguage("ln", "Lingala", "Lingála"),
        PageLanguage("pa", "Punjabi", "ਪੰਜਾਬੀ"),
        PageLanguage("pl", "Polish", "polski"),
        PageLanguage("ps", "Pashto", "پښتو", rightToLeft: true),
        PageLanguage("pt", "Portuguese", "português"),
        PageLanguage("ro", "Romanian", "română"),
        PageLanguage("so", "Somali", "Soomaali"),
        PageLanguage("es", "Spanish", "español"),
        PageLanguage("ta", "Tamil", "தமிழ்"),
        PageLanguage("ti", "Tigrinya", "ትግርኛ"),
        PageLanguage("tr", "Turkish", "Türkçe"),
        PageLanguage("tw", "Twi", "Twi"),
        PageLanguage("ur", "Urdu", "اردو", rightToLeft: true),
        PageLanguage("yo", "Yoruba", "Yorùbá"),
    ]

    /// The language of a code, if Conduit offers it.
    public init?(code: String) {
        guard let found = Self.all.first(where: { $0.code == code }) else { return nil }
        self = found
    }
}
