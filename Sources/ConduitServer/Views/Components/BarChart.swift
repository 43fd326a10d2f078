import Foundation
import Plot

/// A horizontal bar chart drawn on the server as SVG. It is an image with a
/// title; the same numbers are always in a table beside it for screen readers.
enum BarChart {
    struct Bar {
        var label: String
        /// nil when the figure is suppressed: no bar, "c" as its value.
        var value: Int?
    }

    static func render(title: String, bars: [Bar]) -> HTMLNode {
        guard !bars.isEmpty else { return .empty }
        let labelWidth = 300, barArea = 360, valueWidth = 60, rowHeight = 26
        let width = labelWidth + barArea + valueWidth
        let height = bars.count * rowHeight + 8
        let largest = max(1, bars.compactMap(\.value).max() ?? 1)
        var svg = "<svg class=\"c-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
        svg += "<title>\(escapeHTML(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 4
            let label = bar.label.count > 40 ? String(bar.label.prefix(39)) + "…" : bar.label
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" font-size=\"14\" fill=\"#0b0c0c\">\(escapeHTML(label))</text>"
            if let value = bar.value {
                let length = max(value > 0 ? 2 : 0, value * barArea / largest)
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 8)\" fill=\"#1d70b8\"></rect>"
                svg += "<text x=\"\(labelWidth + length + 6)\" y=\"\(y + 17)\" font-size=\"14\" fill=\"#0b0c0c\">\(value)</text>"
            } else {
                svg += "<text x=\"\(labelWidth + 6)\" y=\"\(y + 17)\" font-size=\"14\" fill=\"#505a5f\">c</text>"
            }
        }
        svg += "</svg>"
        return .el("figure", .cls("c-figure"), .attr("aria-hidden", "true"), .raw(svg))
    }
}
