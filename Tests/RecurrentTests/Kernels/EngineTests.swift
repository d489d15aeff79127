import Testing
@testable import Recurrent

@Suite struct EngineTests {
    /// On Linux (glibc) the allocator must take the settings that keep freed memory: the C
    /// shim once compiled to nothing because it tested for glibc before including a header
    /// that says so, and every training step paid page faults for it.
    @Test(.enabled(if: isLinux, "the settings exist in glibc only"))
    func allocatorKeepsFreedMemory() {
        #expect(Engine.keepFreedMemory())
    }
}

#if os(Linux)
private let isLinux = true
#else
private let isLinux = false
#endif
