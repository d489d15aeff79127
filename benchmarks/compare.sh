#!/usr/bin/env bash
# The engine against PyTorch, side by side in one run, for each benchmark configuration.
#
#   benchmarks/compare.sh [THREADS]
#
# Needs `swift build -c release` and `pip install torch`. The two alternate configuration by
# configuration is not possible across processes, so each runs its whole set once; on a noisy
# machine, run the comparison twice and read the ratios, not the absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
engine=$(.build/release/lessons bench --json --threads "$threads")
reference=$(python3 benchmarks/pytorch_reference.py --threads "$threads")
python3 - "$engine" "$reference" "$threads" <<'PY'
import json, sys
engine = {r["name"]: r for r in map(json.loads, sys.argv[1].splitlines())}
torch = {r["name"]: r for r in map(json.loads, sys.argv[2].splitlines())}
threads = sys.argv[3]
print(f"threads: {threads}   PyTorch {torch['matmul-512'].get('torch', '?')}")
print(f"{'configuration':<18}{'engine ms':>11}{'PyTorch ms':>12}{'speed-up':>10}{'engine GFLOP/s':>16}{'PyTorch GFLOP/s':>17}")
for name, mine in engine.items():
    if name not in torch or "ms" not in mine:
        continue
    theirs = torch[name]
    print(f"{name:<18}{mine['ms']:>11.2f}{theirs['ms']:>12.2f}{theirs['ms'] / mine['ms']:>9.2f}x{mine['gflops']:>16.1f}{theirs['gflops']:>17.1f}")
gemm = engine["matmul-512"]
print(f"matrix product 512³: engine {gemm['gflops']:.1f} GFLOP/s, PyTorch {torch['matmul-512']['gflops']:.1f} GFLOP/s, "
      f"core FMA peak {gemm['peak_gflops']:.1f} GFLOP/s")
PY
