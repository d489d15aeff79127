#!/usr/bin/env python3
"""The training-step benchmark of `lessons bench`, in PyTorch on the CPU.

Same configurations, same shapes, same work per step: a recurrent layer (batch-first) and a
linear head, cross-entropy, backward, and an Adam update. Prints one JSON object per
configuration, like `lessons bench --json`.

    python3 benchmarks/pytorch_reference.py [--threads N] [--repetitions R]
"""
import argparse
import json
import time

import torch

CONFIGURATIONS = [
    # name, cell, input, hidden, batch, steps, head ("last" or "every"), classes, one-hot input
    ("lstm-h128", "lstm", 8, 128, 32, 100, "last", 4, False),
    ("gru-h128", "gru", 8, 128, 32, 100, "last", 4, False),
    ("lstm-h32", "lstm", 8, 32, 32, 100, "last", 4, False),
    ("lstm-h256-chars", "lstm", 65, 256, 32, 50, "every", 65, True),
    ("gru-h16", "gru", 1, 16, 32, 50, "last", 2, False),
]


def flops(cell, inputs, hidden, batch, steps, head, classes):
    gates = (4 if cell == "lstm" else 3) * hidden
    bt = batch * steps
    recurrent = 2 * bt * gates * (2 * inputs + 3 * hidden)
    rows = batch if head == "last" else bt
    return recurrent + 3 * 2 * rows * hidden * classes


def warm_up(operation, seconds=0.5):
    """Repeats `operation` for at least `seconds`, and at least twice, before anything is timed:
    the same rule as the engine's benchmarks (`WarmUp` in Sources/LessonsCLI/Bench), so both
    sides are timed on a core that has been busy for the same half second."""
    start = time.perf_counter()
    count = 0
    while count < 2 or time.perf_counter() - start < seconds:
        operation()
        count += 1


def run(name, cell, inputs, hidden, batch, steps, head, classes, one_hot, repetitions):
    torch.manual_seed(1)
    layer = (torch.nn.LSTM if cell == "lstm" else torch.nn.GRU)(inputs, hidden, batch_first=True)
    linear = torch.nn.Linear(hidden, classes)
    optimizer = torch.optim.Adam(list(layer.parameters()) + list(linear.parameters()), lr=1e-3)
    if one_hot:
        x = torch.nn.functional.one_hot(torch.randint(0, inputs, (batch, steps)), inputs).float()
    else:
        x = torch.rand(batch, steps, inputs) * 2 - 1
    targets = torch.randint(0, classes, (batch,) if head == "last" else (batch * steps,))

    def step():
        output, _ = layer(x)
        logits = linear(output[:, -1, :]) if head == "last" else linear(output).reshape(-1, classes)
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(logits, targets).backward()
        optimizer.step()

    warm_up(step)
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    median = sorted(times)[len(times) // 2]
    return median, batch / (median / 1000), flops(cell, inputs, hidden, batch, steps, head, classes) / (median / 1000) / 1e9


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repetitions", type=int, default=7)
    parser.add_argument("--only", help="run only the configuration with this name, or only the matrix product "
                        "with 'matmul' (for memory measurements, and for compare.sh, which alternates with the engine)")
    arguments = parser.parse_args()
    names = [configuration[0] for configuration in CONFIGURATIONS] + ["matmul"]
    if arguments.only and arguments.only not in names:
        parser.error(f"no configuration named {arguments.only!r}; the names are {', '.join(names)}")
    torch.set_num_threads(arguments.threads)
    for configuration in CONFIGURATIONS:
        if arguments.only and configuration[0] != arguments.only:
            continue
        ms, sequences, gflops = run(*configuration, repetitions=arguments.repetitions)
        print(json.dumps({"name": configuration[0], "threads": arguments.threads, "ms": ms,
                          "sequences_per_second": sequences, "gflops": gflops}), flush=True)
    if arguments.only and arguments.only != "matmul":
        return
    a = torch.rand(512, 512)
    b = torch.rand(512, 512)
    warm_up(lambda: a @ b)
    # As many products as the engine's benchmark times (25: a noisy machine's slow tenths of a
    # second then move the median less than with 9).
    times = []
    for _ in range(25):
        start = time.perf_counter()
        a @ b
        times.append(time.perf_counter() - start)
    print(json.dumps({"name": "matmul-512", "threads": arguments.threads,
                      "gflops": 2 * 512 ** 3 / sorted(times)[len(times) // 2] / 1e9, "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
