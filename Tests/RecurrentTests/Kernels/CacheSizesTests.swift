import Foundation
@testable import Recurrent
import Testing

/// Reading the caches from sysfs, and the matrix product's blocking chosen from them.
@Suite struct CacheSizesTests {
    @Test func sizesAreReadAsSysfsWritesThem() {
        #expect(CacheSizes.parse(size: "48K") == 48 << 10)
        #expect(CacheSizes.parse(size: "2048K") == 2 << 20)
        #expect(CacheSizes.parse(size: "1M") == 1 << 20)
        #expect(CacheSizes.parse(size: "512") == 512)
        for nonsense in ["", "K", "-4K", "0K", "12Q", "4.5M"] { #expect(CacheSizes.parse(size: nonsense) == nil, "\(nonsense)") }
    }

    /// A directory laid out as Linux lays out cpu 0's caches: the level-1 data cache and the
    /// level-2 cache are found among the instruction and level-3 entries.
    @Test func aSysfsDirectoryGivesItsDataCaches() throws {
        let directory = try Self.fakeCacheDirectory([
            ("1", "Data", "48K"), ("1", "Instruction", "32K"), ("2", "Unified", "2048K"), ("3", "Unified", "107520K"),
        ])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(CacheSizes.read(from: directory) == CacheSizes(level1Data: 48 << 10, level2: 2 << 20))
    }

    /// What cannot be read falls back, each size on its own.
    @Test func missingSizesFallBack() throws {
        #expect(CacheSizes.read(from: "/nonexistent/cache") == .fallback)
        let directory = try Self.fakeCacheDirectory([("1", "Data", "64K"), ("2", "Unified", "lots")])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(CacheSizes.read(from: directory) == CacheSizes(level1Data: 64 << 10, level2: CacheSizes.fallback.level2))
    }

    /// The tile of B takes half of level 1, in whole 16-step blocks of depth, within bounds; the
    /// block of A rows half of level 2. An AVX2 laptop's 32 KiB L1 keeps the 8-wide kernel's
    /// old depth of 256.
    @Test func blockingFollowsTheCaches() {
        let xeon = CacheSizes(level1Data: 48 << 10, level2: 2 << 20)
        #expect(MatrixBlocking(caches: xeon, tileColumns: 48).depth == 128)
        #expect(MatrixBlocking(caches: xeon, tileColumns: 32).depth == 192)
        #expect(MatrixBlocking(caches: xeon, tileColumns: 16).depth == 384)
        #expect(MatrixBlocking(caches: xeon, tileColumns: 32).rowBlockBytes == 1 << 20)
        #expect(MatrixBlocking(caches: .fallback, tileColumns: 16).depth == 256)
        #expect(MatrixBlocking(caches: CacheSizes(level1Data: 1 << 10, level2: 1 << 10), tileColumns: 32).depth == 64)
        #expect(MatrixBlocking(caches: CacheSizes(level1Data: 1 << 20, level2: 1 << 24), tileColumns: 16).depth == 512)
        let blocking = MatrixBlocking(caches: xeon, tileColumns: 32)
        // 1 MiB of A: 512 panels of 8 rows at depth 64; at least one panel however deep.
        #expect(blocking.rowPanelsPerBlock(panelRows: 8, k: 64) == 512)
        #expect(blocking.rowPanelsPerBlock(panelRows: 8, k: 1 << 20) == 1)
    }

    /// Writes `index0`, `index1`, … with `level`, `type` and `size` files.
    static func fakeCacheDirectory(_ entries: [(level: String, type: String, size: String)]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("caches-\(UUID().uuidString)").path
        for (index, entry) in entries.enumerated() {
            let path = "\(directory)/index\(index)"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for (name, value) in [("level", entry.level), ("type", entry.type), ("size", entry.size)] {
                try (value + "\n").write(toFile: "\(path)/\(name)", atomically: true, encoding: .utf8)
            }
        }
        return directory
    }
}
