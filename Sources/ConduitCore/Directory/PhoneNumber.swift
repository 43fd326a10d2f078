import Foundation

/// Phone numbers as digits only, so "+44 (0)20 7946 0000", "020-7946-0000" and
/// "0044 20 7946 0000" are recognised as one number when looking for duplicate groups.
public enum PhoneNumber {
    /// The number as digits: UK numbers in national form with a leading 0 ("02079460000"),
    /// other countries' numbers as 00 and the international digits ("0033123456789").
    /// Nil when the text holds anything but digits, spaces, hyphens, dots, parentheses and a
    /// leading +, or when the result is not 10 to 15 digits long.
    public static func key(_ text: String) -> String? {
        var digits = ""
        var international = false
        for (offset, char) in text.trimmingCharacters(in: .whitespacesAndNewlines).enumerated() {
            switch char {
            // ASCII only: other scripts' digits, or a digit with a combining mark, would
            // make keys that never compare equal to the same number typed plainly.
            case _ where char.isASCII && char.isWholeNumber: digits.append(char)
            case " ", "-", ".", "(", ")": continue
            case "+" where offset == 0: international = true
            default: return nil  // letters ("ext 12"), slashes of two numbers in one field
            }
        }
        if !international, digits.hasPrefix("00") {
            digits.removeFirst(2)
            international = true
        }
        if international {
            if digits.hasPrefix("44") {
                digits.removeFirst(2)
                // "+44 (0)20 …": the bracketed trunk 0 must not be doubled.
                if digits.hasPrefix("0") { digits.removeFirst() }
                digits = "0" + digits
            } else {
                digits = "00" + digits
            }
        }
        return (10...15).contains(digits.count) ? digits : nil
    }
}
