/// How `MatrixProduct` cuts its operands so that each piece stays in the cache that reads it,
/// chosen from this processor's caches (`CacheSizes`) and the kernel's width.
///
/// The kernel keeps a block of `C` in registers while it runs down the depth, reading one
/// tile of packed `B` (`depth` rows of `tileColumns`) and one panel of `A` (`panelRows` rows)
/// per block. The tile is read again for every panel of a block of `A` rows, so it should stay
/// in the level-1 cache beside the panel streaming past it: half of L1 for the tile. The block
/// of `A` rows is read again for every tile, so it should stay in level 2: half of L2.
///
/// Blocking changes only where `C` is stored and loaded between blocks of depth — exactly,
/// in `Float` — never the order of any sum, so every choice gives the same bits.
struct MatrixBlocking: Equatable {
    /// Depth of one block of `k` (a multiple of 16).
    let depth: Int
    /// Bytes of `A` a block of row panels may fill.
    let rowBlockBytes: Int

    /// - Parameter tileColumns: columns of `B` the kernel reads per block (48 wide, 16 narrow).
    init(caches: CacheSizes, tileColumns: Int) {
        let tileRowBytes = tileColumns * MemoryLayout<Float>.stride
        depth = min(512, max(64, caches.level1Data / 2 / tileRowBytes / 16 * 16))
        rowBlockBytes = max(32 << 10, caches.level2 / 2)
    }

    /// How many panels of `panelRows` rows of `A`, at depth `k`, one block of rows holds.
    func rowPanelsPerBlock(panelRows: Int, k: Int) -> Int {
        max(1, rowBlockBytes / (panelRows * k * MemoryLayout<Float>.stride))
    }

    /// This machine's blocking for the 16-wide kernels (8 × 48 blocks) and the 8-wide one
    /// (6 × 16).
    static let wide = MatrixBlocking(caches: .current, tileColumns: 48)
    static let narrow = MatrixBlocking(caches: .current, tileColumns: 16)
}
