import Plot

/// Nodes of a page body. Views are built from the helpers below.
typealias HTMLNode = Node<HTML.BodyContext>

/// Escapes text for element content and attribute values.
///
/// Plot escapes text but writes attribute values as given, and keeps text that
/// already looks like an entity: everything from people and the database goes
/// through here instead (see the injection tests).
func escapeHTML(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
        switch character {
        case "&": output += "&amp;"
        case "<": output += "&lt;"
        case ">": output += "&gt;"
        case "\"": output += "&quot;"
        case "'": output += "&#39;"
        default: output.unicodeScalars.append(character)
        }
    }
    return output
}

extension Node where Context == HTML.BodyContext {
    /// An element with attributes and children.
    static func el(_ name: String, _ nodes: HTMLNode...) -> HTMLNode {
        .element(named: name, nodes: nodes)
    }

    static func el(_ name: String, _ nodes: [HTMLNode]) -> HTMLNode {
        .element(named: name, nodes: nodes)
    }

    /// A void element such as input, meta or link.
    static func void(_ name: String, _ attributes: VoidAttribute...) -> HTMLNode {
        .raw("<" + name + attributes.map(\.rendered).joined() + ">")
    }

    /// An attribute, its value escaped; nil leaves it out.
    static func attr(_ name: String, _ value: String?) -> HTMLNode {
        guard let value else { return .empty }
        return .attribute(named: name, value: escapeHTML(value), ignoreIfValueIsEmpty: false)
    }

    /// A boolean attribute such as `checked`, present only when true.
    static func flag(_ name: String, _ isOn: Bool) -> HTMLNode {
        isOn ? .attribute(named: name) : .empty
    }

    static func cls(_ value: String) -> HTMLNode { attr("class", value) }

    /// Text, escaped.
    static func txt(_ text: String) -> HTMLNode { .raw(escapeHTML(text)) }

    /// A link.
    static func link(_ text: String, to href: String, classes: String = "c-link") -> HTMLNode {
        .el("a", .cls(classes), .attr("href", href), .txt(text))
    }

    static func paragraph(_ text: String, classes: String = "c-body") -> HTMLNode {
        .el("p", .cls(classes), .txt(text))
    }

    static func heading(_ level: Int, _ text: String, classes: String) -> HTMLNode {
        .el("h\(level)", .cls(classes), .txt(text))
    }

    static func nodes(_ nodes: [HTMLNode]) -> HTMLNode { .group(nodes) }
}

/// An attribute of a void element, rendered and escaped here because Plot has
/// no public way to build a void element from attribute nodes.
struct VoidAttribute {
    let rendered: String

    static func attr(_ name: String, _ value: String?) -> VoidAttribute {
        VoidAttribute(rendered: value.map { " \(name)=\"\(escapeHTML($0))\"" } ?? "")
    }

    static func cls(_ value: String) -> VoidAttribute { attr("class", value) }

    static func flag(_ name: String, _ isOn: Bool) -> VoidAttribute {
        VoidAttribute(rendered: isOn ? " " + name : "")
    }
}
