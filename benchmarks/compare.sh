#!/usr/bin/env bash
# The engine against PyTorch, side by side, for each benchmark configuration.
#
#   benchmarks/compare.sh [THREADS] [ROUNDS]
#
# ENGINE=path/to/lessons times another build of the engine (an earlier commit's, say) in the
# same way, so that two versions can be compared side by side in one sitting.
#
# Needs `swift build -c release` and `pip install torch`. The machine this project runs on is
# shared and its speed drifts by tens of percent within minutes, so the two are not run one
# whole set after the other: configuration by configuration, the engine and PyTorch alternate,
# ROUNDS times (3 by default), each timing 15 steps and reporting their median. The table gives
# the median over rounds of each side and the speed-up of those medians, with the lowest and
# highest speed-up of a single round beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=${1:-1}
rounds=${2:-3}

# The machine, printed with the table: results differ between processors (the README keeps one
# row per machine kind), so a table must say where it was measured.
describe_machine() {
    local model flags width caches=""
    model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
    local family cpu_model
    family=$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
    cpu_model=$(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
    flags=$(grep -m1 '^flags' /proc/cpuinfo)
    if [[ $flags == *" avx512f "* ]]; then width="512-bit (AVX-512: the engine's 16-wide kernels)"
    elif [[ $flags == *" avx2 "* ]]; then width="256-bit (AVX2: the 8-wide kernels)"
    else width="128-bit or less (scalar and 4-wide code)"; fi
    if [ -n "${LESSONS_NARROW_KERNEL:-}" ]; then width+="; LESSONS_NARROW_KERNEL set: the engine uses its 8-wide kernels"; fi
    if [ -n "${LESSONS_DENSE_INPUTS:-}" ]; then width+="; LESSONS_DENSE_INPUTS set: the engine multiplies the zeros of one-hot inputs, as PyTorch does"; fi
    if [ -n "${ATEN_CPU_CAPABILITY:-}" ]; then width+="; PyTorch restricted to ATEN_CPU_CAPABILITY=$ATEN_CPU_CAPABILITY"; fi
    if [ -n "${MKL_ENABLE_INSTRUCTIONS:-}" ]; then width+=", MKL and oneDNN to $MKL_ENABLE_INSTRUCTIONS"; fi
    for index in /sys/devices/system/cpu/cpu0/cache/index*; do
        [ -r "$index/size" ] || continue
        local level type
        level=$(cat "$index/level"); type=$(cat "$index/type")
        case $type in Data) type="d" ;; Instruction) type="i" ;; *) type="" ;; esac
        caches+="L$level$type $(cat "$index/size")  "
    done
    echo "processor: $model (family $family, model $cpu_model), $(nproc) core(s) available"
    echo "vector width: $width"
    echo "caches seen by cpu0 (L1 and L2 per core, L3 shared): ${caches:-unknown}"
}
# ATEN_CPU_CAPABILITY restricts only PyTorch's own kernels: its matrix products go through MKL
# and oneDNN, which pick AVX-512 where the processor has it (measured on an AMD EPYC Zen 5:
# 105.7 GFLOP/s in the h256 model, above the 93.7 GFLOP/s peak of 8-wide FMA). To compare the
# engine's 8-wide path with what an AVX2 machine runs, restrict those libraries too.
if [ "${ATEN_CPU_CAPABILITY:-}" = "avx2" ]; then
    export MKL_ENABLE_INSTRUCTIONS=AVX2 ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2
fi
describe_machine
configurations="lstm-h128 gru-h128 lstm-h32 lstm-h256-chars gru-h16 matmul"
# Steal time: CPU time the hypervisor gave to other guests while this machine's own threads
# were ready to run (the eighth number of /proc/stat's "cpu" line). On a shared virtual
# machine it comes in phases, and a run with much of it times the neighbours as well as the
# code, so the table reports it.
cpu_times() { awk '/^cpu /{ total = 0; for (i = 2; i <= 9; i++) total += $i; print total, $9 }' /proc/stat; }
read -r total_before steal_before < <(cpu_times)
engine=""
reference=""
for round in $(seq "$rounds"); do
    for name in $configurations; do
        engine+=$("${ENGINE:-.build/release/lessons}" bench --json --threads "$threads" --repetitions 15 --only "$name")$'\n'
        reference+=$(python3 benchmarks/pytorch_reference.py --threads "$threads" --repetitions 15 --only "$name")$'\n'
    done
    echo "round $round of $rounds done" >&2
done
read -r total_after steal_after < <(cpu_times)
steal=$(awk -v s=$((steal_after - steal_before)) -v t=$((total_after - total_before)) 'BEGIN { printf "%.1f", (t > 0 ? 100 * s / t : 0) }')
echo "steal time during the run: $steal% of all cores' time (time the hypervisor ran other guests; more than a few percent and the timings include them)"
python3 - "$engine" "$reference" "$threads" "$rounds" <<'PY'
import json, statistics, sys
def runs(text):
    table = {}
    for line in text.splitlines():
        if line.strip():
            record = json.loads(line)
            table.setdefault(record["name"], []).append(record)
    return table
engine, torch = runs(sys.argv[1]), runs(sys.argv[2])
threads, rounds = sys.argv[3], sys.argv[4]
print(f"threads: {threads}   rounds: {rounds}   PyTorch {torch['matmul-512'][0].get('torch', '?')}")
print(f"{'configuration':<18}{'engine ms':>11}{'PyTorch ms':>12}{'speed-up':>10}{'per round':>15}{'engine GFLOP/s':>16}{'PyTorch GFLOP/s':>17}")
for name, mine in engine.items():
    if name not in torch or "ms" not in mine[0]:
        continue
    theirs = torch[name]
    ours_ms = statistics.median(r["ms"] for r in mine)
    their_ms = statistics.median(r["ms"] for r in theirs)
    ratios = [t["ms"] / e["ms"] for e, t in zip(mine, theirs)]
    ours_gflops = statistics.median(r["gflops"] for r in mine)
    their_gflops = statistics.median(r["gflops"] for r in theirs)
    spread = f"{min(ratios):.2f}-{max(ratios):.2f}x"
    print(f"{name:<18}{ours_ms:>11.2f}{their_ms:>12.2f}{their_ms / ours_ms:>9.2f}x{spread:>15}{ours_gflops:>16.1f}{their_gflops:>17.1f}")
gemm = statistics.median(r["gflops"] for r in engine["matmul-512"])
peak = statistics.median(r["peak_gflops"] for r in engine["matmul-512"])
their_gemm = statistics.median(r["gflops"] for r in torch["matmul-512"])
# The FMA peak is measured on one core; with more threads the ceiling is that many cores.
peak *= int(threads)
print(f"matrix product 512³: engine {gemm:.1f} GFLOP/s, PyTorch {their_gemm:.1f} GFLOP/s, FMA peak of {threads} core(s) {peak:.1f} GFLOP/s")
h256 = statistics.median(r["gflops"] for r in engine.get("lstm-h256-chars", [{"gflops": 0}]))
# Its GFLOP/s count the products of its one-hot input as if they were dense (what PyTorch
# computes); unless LESSONS_DENSE_INPUTS is set, the engine skips those zeros and does less.
import os
counted = "its arithmetic" if os.environ.get("LESSONS_DENSE_INPUTS") else "the arithmetic of dense inputs, though the engine skipped the one-hot zeros (LESSONS_DENSE_INPUTS=1 multiplies them)"
print(f"lstm-h256-chars reaches {100 * h256 / peak:.0f}% of that peak, counting {counted}")
PY
