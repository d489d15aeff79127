import Foundation

/// The data caches of one core of the processor the engine runs on, in bytes: what the matrix
/// product's blocking is chosen from (`MatrixBlocking`).
///
/// Read once, at first use, from Linux's description of cpu 0's caches
/// (`/sys/devices/system/cpu/cpu0/cache/index*/{level,type,size}`). Where that is missing or
/// unreadable, the sizes of a small AVX2 laptop core (32 KiB and 256 KiB) stand in: blocking
/// for smaller caches than the real ones costs a little speed, for larger ones a lot.
struct CacheSizes: Equatable, CustomStringConvertible {
    /// Level 1 data cache.
    let level1Data: Int
    /// Level 2 (unified, one core's).
    let level2: Int

    static let fallback = CacheSizes(level1Data: 32 << 10, level2: 256 << 10)

    /// This machine's, read once.
    static let current = read(from: "/sys/devices/system/cpu/cpu0/cache")

    var description: String { "L1d \(level1Data >> 10) KiB, L2 \(level2 >> 10) KiB" }

    /// Reads the `index*` entries of a sysfs cache directory; each size missing from it falls
    /// back on its own.
    static func read(from directory: String) -> CacheSizes {
        var level1Data: Int?
        var level2: Int?
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for entry in entries where entry.hasPrefix("index") {
            func field(_ name: String) -> String? {
                (try? String(contentsOfFile: "\(directory)/\(entry)/\(name)", encoding: .utf8))?
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let level = field("level"), let type = field("type"), let size = field("size").flatMap(parse(size:)) else {
                continue
            }
            switch (level, type) {
            case ("1", "Data"): level1Data = size
            case ("2", "Unified"), ("2", "Data"): level2 = size
            default: break
            }
        }
        return CacheSizes(level1Data: level1Data ?? fallback.level1Data, level2: level2 ?? fallback.level2)
    }

    /// A size as sysfs writes it: `48K`, `2048K`, `1M`, or plain bytes; `nil` if it is none.
    static func parse(size text: String) -> Int? {
        let multipliers: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text)
        var multiplier = 1
        if let last = text.last, let scale = multipliers[last] {
            digits = text.dropLast()
            multiplier = scale
        }
        guard let value = Int(digits), value > 0 else { return nil }
        return value * multiplier
    }
}
