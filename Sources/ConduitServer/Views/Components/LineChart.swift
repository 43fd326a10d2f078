import Foundation
import Plot

/// A trend line over periods drawn on the server as SVG, like `BarChart`: an image with a
/// title, its numbers always in a table beside it. A suppressed point breaks the line.
enum LineChart {
    struct Point {
        var label: String
        /// nil when the figure is suppressed.
        var value: Int?
    }

    static func render(title: String, points: [Point]) -> HTMLNode {
        guard points.count > 1 else { return .empty }
        let left = 48, right = 16, top = 16, bottom = 48, plotWidth = 640, plotHeight = 220
        let width = left + plotWidth + right, height = top + plotHeight + bottom
        let largest = max(1, points.compactMap(\.value).max() ?? 1)
        // A round top for the axis: 1, 2 or 5 times a power of ten.
        let scale = [1, 2, 5].flatMap { factor in (0...6).map { factor * Int(pow(10.0, Double($0))) } }.sorted().first { $0 >= largest } ?? largest
        func x(_ index: Int) -> Int { left + index * plotWidth / (points.count - 1) }
        func y(_ value: Int) -> Int { top + plotHeight - value * plotHeight / scale }
        var svg = "<svg class=\"c-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-label=\"\(escapeHTML(title))\">"
        svg += "<title>\(escapeHTML(title))</title>"
        for tick in [0, scale / 2, scale] {
            svg += "<line x1=\"\(left)\" x2=\"\(left + plotWidth)\" y1=\"\(y(tick))\" y2=\"\(y(tick))\" stroke=\"#b1b4b6\" stroke-width=\"1\"></line>"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(tick) + 5)\" text-anchor=\"end\" font-size=\"13\" fill=\"#0b0c0c\">\(tick)</text>"
        }
        // Runs of shown points, each drawn as one line.
        var runs: [[(Int, Int)]] = [[]]
        for (index, point) in points.enumerated() {
            if let value = point.value { runs[runs.count - 1].append((x(index), y(value))) } else if !runs[runs.count - 1].isEmpty { runs.append([]) }
        }
        for run in runs where !run.isEmpty {
            svg += "<polyline fill=\"none\" stroke=\"#1d70b8\" stroke-width=\"3\" points=\"\(run.map { "\($0.0),\($0.1)" }.joined(separator: " "))\"></polyline>"
            for point in run { svg += "<circle cx=\"\(point.0)\" cy=\"\(point.1)\" r=\"4\" fill=\"#1d70b8\"></circle>" }
        }
        // Every label where they fit, else every few.
        let step = max(1, (points.count + 7) / 8)
        for (index, point) in points.enumerated() where index % step == 0 || index == points.count - 1 {
            svg += "<text x=\"\(x(index))\" y=\"\(top + plotHeight + 22)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#0b0c0c\">\(escapeHTML(point.label))</text>"
            if point.value == nil { svg += "<text x=\"\(x(index))\" y=\"\(top + plotHeight - 6)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#505a5f\">c</text>" }
        }
        svg += "</svg>"
        return .el("figure", .cls("c-figure"), .attr("aria-hidden", "true"), .raw(svg))
    }
}
