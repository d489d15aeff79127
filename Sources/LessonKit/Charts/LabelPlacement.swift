/// Places one-character labels on a character grid so that no label hides another.
///
/// Each label wants the cell its point falls in. Labels with the same character share a cell
/// (a cloud of one class stays one cloud). When labels with different characters want one
/// cell, the one whose point lies nearest the cell's centre keeps it, and each of the others
/// takes the nearest cell that is free or already shows its character, looking first at the
/// eight cells around its own, then further out up to `maximumShift` cells. Cells some label's
/// point falls in are claimed before any label moves, so a moved label never pushes another
/// off its own point. A label with no such cell in reach is reported as hidden rather than
/// drawn over another.
struct LabelPlacement {
    /// A label's point, in fractional cells (column from the left, row from the bottom).
    struct Request {
        let column: Double
        let row: Double
        let character: Character
    }

    struct Cell: Hashable {
        let column: Int
        let row: Int
    }

    enum Outcome: Equatable {
        /// Drawn in the cell its point falls in.
        case atPoint(Cell)
        /// Drawn `distance` cells (counting diagonals as one) from the cell its point falls in.
        case moved(Cell, distance: Int)
        /// Not drawn: every cell within reach holds another label.
        case hidden

        /// The cell the label is drawn in, if it is drawn.
        var cell: Cell? {
            switch self {
            case .atPoint(let cell), .moved(let cell, _): cell
            case .hidden: nil
            }
        }
    }

    let width: Int
    let height: Int
    /// How far, in cells, a label may move from its point; 0 never moves one.
    let maximumShift: Int

    /// Where each of `requests` is drawn, in the same order.
    func place(_ requests: [Request]) -> [Outcome] {
        var outcomes = [Outcome](repeating: .hidden, count: requests.count)
        var taken: [Cell: Character] = [:]
        var displaced: [Int] = []
        // First every point's own cell, so that moving labels only use cells no point is in.
        let byCell = Dictionary(grouping: requests.indices) { home(of: requests[$0]) }
        for (cell, indices) in byCell {
            let keeper = requests[indices.min { (distance(requests[$0], cell), $0) < (distance(requests[$1], cell), $1) }!]
            taken[cell] = keeper.character
            for index in indices {
                if requests[index].character == keeper.character {
                    outcomes[index] = .atPoint(cell)
                } else {
                    displaced.append(index)
                }
            }
        }
        for index in displaced.sorted() {
            let request = requests[index]
            let free = candidates(around: request).first { taken[$0.cell] == nil || taken[$0.cell] == request.character }
            if let free {
                taken[free.cell] = request.character
                outcomes[index] = .moved(free.cell, distance: free.ring)
            }
        }
        return outcomes
    }

    /// The cell a point falls in.
    func home(of request: Request) -> Cell {
        Cell(column: PlotFrame.clamp(request.column, width), row: PlotFrame.clamp(request.row, height))
    }

    /// Cells around a point's own, nearest first: by ring (the eight neighbours are ring 1),
    /// then by how far they look from the point. A row is about twice as tall as a column is
    /// wide, so a step up or down counts double.
    func candidates(around request: Request) -> [(cell: Cell, ring: Int)] {
        let home = home(of: request)
        guard maximumShift > 0 else { return [] }
        var cells: [(cell: Cell, ring: Int, seen: Double)] = []
        for row in (home.row - maximumShift)...(home.row + maximumShift) where (0..<height).contains(row) {
            for column in (home.column - maximumShift)...(home.column + maximumShift) where (0..<width).contains(column) {
                let ring = max(abs(column - home.column), abs(row - home.row))
                guard ring > 0 else { continue }
                let cell = Cell(column: column, row: row)
                cells.append((cell, ring, distance(request, cell)))
            }
        }
        return cells.sorted {
            ($0.ring, $0.seen, $0.cell.row, $0.cell.column) < ($1.ring, $1.seen, $1.cell.row, $1.cell.column)
        }.map { ($0.cell, $0.ring) }
    }

    /// How far `cell` looks from the point, in column widths.
    private func distance(_ request: Request, _ cell: Cell) -> Double {
        let across = Double(cell.column) - request.column
        let up = 2 * (Double(cell.row) - request.row)
        return (across * across + up * up).squareRoot()
    }
}
