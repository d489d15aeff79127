#!/usr/bin/env python3
"""Writes the PyTorch reference values the engine's tests compare against.

Run from the repository root after `pip install torch safetensors`:

    python3 Scripts/make_pytorch_fixtures.py [GROUP ...]

GROUP is any of layers, training, safetensors, wide (all four when none is named), so one
group can be rewritten without touching the others' committed values.

The fixtures are committed, so the Swift tests never need Python. Each case stores the layer's
configuration, its parameters under PyTorch's state_dict names, an input, initial states,
PyTorch's outputs, and the gradients of the scalar
`sum(output * outputWeights) + sum(h_n * hiddenWeights) [+ sum(c_n * cellWeights)]`
with respect to the input, the initial states and every parameter. Float32 values are written as JSON numbers that convert back exactly.

The `wide` group repeats this at hidden sizes that reach the engine's 16- and 8-wide kernels
(see `wide_fixtures`), for torch.nn's RNN, LSTM and GRU and for the Cho GRU and the peephole
LSTM, which torch.nn lacks and `stepped_recurrent.py` writes step by step. Those cases are too
large for JSON: their configuration is in `recurrent_layers_wide.json`, their values in
`recurrent_layers_wide.safetensors`.
"""
import argparse
import json
import pathlib

import torch

from stepped_recurrent import SteppedRecurrent

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "RecurrentTests" / "Fixtures"


def values(tensor):
    return [float(x) for x in tensor.detach().reshape(-1).tolist()]


def case(name, kind, layers, bidirectional, nonlinearity="tanh", batch=2, time=5, inputs=3, hidden=4, seed=0):
    torch.manual_seed(seed)
    directions = 2 if bidirectional else 1
    if kind == "rnn":
        module = torch.nn.RNN(inputs, hidden, num_layers=layers, nonlinearity=nonlinearity,
                              batch_first=True, bidirectional=bidirectional)
    elif kind == "lstm":
        module = torch.nn.LSTM(inputs, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
    else:
        module = torch.nn.GRU(inputs, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
    x = torch.randn(batch, time, inputs, requires_grad=True)
    h0 = (torch.randn(layers * directions, batch, hidden) * 0.5).requires_grad_()
    c0 = (torch.randn(layers * directions, batch, hidden) * 0.5).requires_grad_()
    if kind == "lstm":
        output, (hn, cn) = module(x, (h0, c0))
    else:
        output, hn = module(x, h0)
        cn = None
    output_weights = torch.rand_like(output) * 2 - 1
    hidden_weights = torch.rand_like(hn) * 2 - 1
    loss = (output * output_weights).sum() + (hn * hidden_weights).sum()
    if cn is not None:
        cell_weights = torch.rand_like(cn) * 2 - 1
        loss = loss + (cn * cell_weights).sum()
    loss.backward()
    record = {
        "name": name,
        "kind": kind if kind != "rnn" else f"rnn_{nonlinearity}",
        "inputSize": inputs,
        "hiddenSize": hidden,
        "layerCount": layers,
        "bidirectional": bidirectional,
        "parameters": [{"name": k, "shape": list(v.shape), "values": values(v)} for k, v in module.state_dict().items()],
        "input": {"shape": list(x.shape), "values": values(x)},
        "initialHidden": {"shape": list(h0.shape), "values": values(h0)},
        "output": {"shape": list(output.shape), "values": values(output)},
        "finalHidden": {"shape": list(hn.shape), "values": values(hn)},
        "outputWeights": {"shape": list(output.shape), "values": values(output_weights)},
        "hiddenWeights": {"shape": list(hn.shape), "values": values(hidden_weights)},
        "inputGradient": {"shape": list(x.shape), "values": values(x.grad)},
        "initialHiddenGradient": {"shape": list(h0.shape), "values": values(h0.grad)},
        "parameterGradients": [{"name": k, "shape": list(p.shape), "values": values(p.grad)}
                               for k, p in module.named_parameters()],
    }
    if kind == "lstm":
        record["initialCell"] = {"shape": list(c0.shape), "values": values(c0)}
        record["finalCell"] = {"shape": list(cn.shape), "values": values(cn)}
        record["cellWeights"] = {"shape": list(cn.shape), "values": values(cell_weights)}
        record["initialCellGradient"] = {"shape": list(c0.shape), "values": values(c0.grad)}
    return record


def optimizer_case(name, make, steps=4, size=6, seed=11):
    torch.manual_seed(seed)
    start = torch.randn(size)
    gradients = [torch.randn(size) for _ in range(steps)]
    parameter = torch.nn.Parameter(start.clone())
    optimizer = make([parameter])
    after = []
    for gradient in gradients:
        parameter.grad = gradient.clone()
        optimizer.step()
        after.append(values(parameter))
    return {"name": name, "start": values(start), "gradients": [values(g) for g in gradients], "after": after}


def loss_cases():
    torch.manual_seed(12)
    logits = torch.randn(6, 5, requires_grad=True)
    targets = torch.tensor([1, 0, 4, -1, 2, -1])
    ce = torch.nn.functional.cross_entropy(logits, targets, ignore_index=-1)
    ce.backward()
    bce_logits = (torch.randn(3, 4) * 4).requires_grad_()
    bce_targets = torch.rand(3, 4)
    bce = torch.nn.functional.binary_cross_entropy_with_logits(bce_logits, bce_targets)
    bce.backward()
    prediction = torch.randn(2, 3, requires_grad=True)
    target = torch.randn(2, 3)
    mse = torch.nn.functional.mse_loss(prediction, target)
    mse.backward()
    clip_gradients = [torch.randn(4) * 3, torch.randn(2, 3) * 3]
    clip_parameters = [torch.nn.Parameter(torch.zeros_like(g)) for g in clip_gradients]
    for p, g in zip(clip_parameters, clip_gradients):
        p.grad = g.clone()
    norm = torch.nn.utils.clip_grad_norm_(clip_parameters, 2.0)
    return {
        "crossEntropy": {"logits": values(logits), "shape": list(logits.shape), "targets": targets.tolist(),
                         "loss": float(ce.detach()), "gradient": values(logits.grad)},
        "binaryCrossEntropy": {"logits": values(bce_logits), "shape": list(bce_logits.shape),
                               "targets": values(bce_targets), "loss": float(bce.detach()), "gradient": values(bce_logits.grad)},
        "meanSquaredError": {"prediction": values(prediction), "shape": list(prediction.shape), "target": values(target),
                             "loss": float(mse.detach()), "gradient": values(prediction.grad)},
        "clipNorm": {"gradients": [values(g) for g in clip_gradients], "shapes": [list(g.shape) for g in clip_gradients],
                     "maxNorm": 2.0, "norm": float(norm), "clipped": [values(p.grad) for p in clip_parameters]},
    }


def training_fixture():
    optim = torch.optim
    return {
        "torch": torch.__version__,
        "optimizers": [
            optimizer_case("sgd", lambda p: optim.SGD(p, lr=0.1)),
            optimizer_case("sgd_momentum", lambda p: optim.SGD(p, lr=0.1, momentum=0.9)),
            optimizer_case("sgd_nesterov_decay", lambda p: optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)),
            optimizer_case("rmsprop", lambda p: optim.RMSprop(p, lr=0.01)),
            optimizer_case("adagrad", lambda p: optim.Adagrad(p, lr=0.1)),
            optimizer_case("adam", lambda p: optim.Adam(p, lr=0.01)),
            optimizer_case("adam_decay", lambda p: optim.Adam(p, lr=0.01, betas=(0.8, 0.99), weight_decay=0.1)),
        ],
        "losses": loss_cases(),
    }


def safetensors_fixtures():
    """A PyTorch-saved LSTM for the engine to load, and a check that the engine's own saved
    LSTM (written by the Swift tests with LESSONS_WRITE_FIXTURES=1) loads in PyTorch and gives
    the outputs the engine recorded beside it."""
    from safetensors.torch import load_file, save_file

    def lstm():
        return torch.nn.LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)

    torch.manual_seed(13)
    module = lstm()
    x = torch.randn(2, 5, 3)
    with torch.no_grad():
        output, (hn, cn) = module(x)
    save_file({k: v.contiguous() for k, v in module.state_dict().items()}, str(FIXTURES / "pytorch_lstm.safetensors"))
    (FIXTURES / "pytorch_lstm_io.json").write_text(json.dumps({
        "input": {"shape": list(x.shape), "values": values(x)},
        "output": {"shape": list(output.shape), "values": values(output)},
        "finalHidden": {"shape": list(hn.shape), "values": values(hn)},
        "finalCell": {"shape": list(cn.shape), "values": values(cn)},
    }) + "\n")
    print("wrote pytorch_lstm.safetensors")

    engine_file = FIXTURES / "engine_lstm.safetensors"
    engine_io = FIXTURES / "engine_lstm_io.json"
    if not engine_file.exists() or not engine_io.exists():
        print("no engine-saved file yet: run LESSONS_WRITE_FIXTURES=1 swift test --filter ParameterFileTests")
        return True
    module = lstm()
    module.load_state_dict(load_file(str(engine_file)))
    io = json.loads(engine_io.read_text())
    x = torch.tensor(io["input"]["values"]).reshape(io["input"]["shape"])
    with torch.no_grad():
        output, _ = module(x)
    expected = torch.tensor(io["output"]["values"]).reshape(io["output"]["shape"])
    error = float(((output - expected).abs() / expected.abs().clamp(min=1)).max())
    ok = error < 1e-5
    print(f"engine-saved LSTM loads in PyTorch; outputs differ by at most {error:.2e} relative: {'ok' if ok else 'MISMATCH'}")
    return ok


# Wide hidden sizes, so that the engine's vector code is compared with PyTorch, not only its
# scalar tail: 27 = 16 + 8 + 3 units reaches the 16-wide LSTM step (AVX-512), the 8-wide step
# and the scalar remainder (without AVX-512: 8 + 8 + 8 + 3); 40 = 2 x 16 + 8 has no scalar tail.
# 48 units leave one 16-column panel at the edge of every product 48 or 3 x 48 wide, which the
# AVX-512 matrix product computes with its 8 x 16 kernel (whole blocks in the weight gradients).
# Inputs, batch and time stay small so the files do too.
WIDE_INPUTS, WIDE_BATCH, WIDE_TIME = 5, 3, 6
# Unsorted, with one sequence much shorter than the others, so packing reorders the batch.
WIDE_LENGTHS = [6, 2, 5]
WIDE_NN = {"rnn_tanh": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def run_recurrent(module, x, h0, c0, lengths):
    """Output `[batch, time, directions * H]`, h_n and c_n (None without a cell) of a torch.nn
    recurrent module (sequences packed when `lengths` is given) or a SteppedRecurrent."""
    has_cell = isinstance(module, torch.nn.LSTM) or getattr(module, "has_cell", False)
    if isinstance(module, SteppedRecurrent):
        return module(x, h0, c0 if has_cell else None, lengths)
    sequences = x
    if lengths is not None:
        sequences = torch.nn.utils.rnn.pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    if has_cell:
        output, (hn, cn) = module(sequences, (h0, c0))
    else:
        (output, hn), cn = module(sequences, h0), None
    if lengths is not None:
        output, _ = torch.nn.utils.rnn.pad_packed_sequence(output, batch_first=True, total_length=x.shape[1])
    return output, hn, cn


def wide_module(kind, hidden, layers, bidirectional):
    if kind in WIDE_NN:
        return WIDE_NN[kind](WIDE_INPUTS, hidden, num_layers=layers, batch_first=True, bidirectional=bidirectional)
    return SteppedRecurrent(kind, WIDE_INPUTS, hidden, num_layers=layers, bidirectional=bidirectional)


def wide_case(name, kind, hidden, layers, bidirectional, lengths, seed, tensors):
    """One case: its configuration (returned) and its values (added to `tensors` under
    `name/field`, parameters under `name/parameter/<state_dict name>`, their gradients under
    `name/gradient/<state_dict name>`).

    Parameters, input, initial states and loss weights are drawn in float32; the layer runs in
    float64, so the references carry only float32 rounding of the exact values and the engine's
    own error is what the tests measure. The loss is as in `case`."""
    torch.manual_seed(seed)
    directions = 2 if bidirectional else 1
    module = wide_module(kind, hidden, layers, bidirectional)
    has_cell = kind in ("lstm", "peephole_lstm")
    state_shape = (layers * directions, WIDE_BATCH, hidden)
    x32 = torch.randn(WIDE_BATCH, WIDE_TIME, WIDE_INPUTS)
    h032 = torch.randn(state_shape) * 0.5
    c032 = torch.randn(state_shape) * 0.5
    parameters32 = {k: v.detach().clone() for k, v in module.state_dict().items()}
    module.double()
    x = x32.double().requires_grad_()
    h0 = h032.double().requires_grad_()
    c0 = c032.double().requires_grad_()
    output, hn, cn = run_recurrent(module, x, h0, c0, lengths)
    output_weights = torch.rand(output.shape) * 2 - 1
    hidden_weights = torch.rand(hn.shape) * 2 - 1
    cell_weights = torch.rand(hn.shape) * 2 - 1
    loss = (output * output_weights.double()).sum() + (hn * hidden_weights.double()).sum()
    if has_cell:
        loss = loss + (cn * cell_weights.double()).sum()
    loss.backward()
    fields = {
        "input": x32, "initialHidden": h032, "output": output, "finalHidden": hn,
        "outputWeights": output_weights, "hiddenWeights": hidden_weights,
        "inputGradient": x.grad, "initialHiddenGradient": h0.grad,
    }
    if has_cell:
        fields.update(initialCell=c032, finalCell=cn, cellWeights=cell_weights, initialCellGradient=c0.grad)
    for key, value in parameters32.items():
        fields["parameter/" + key] = value
    for key, parameter in module.named_parameters():
        fields["gradient/" + key] = parameter.grad
    for key, value in fields.items():
        tensors[f"{name}/{key}"] = value.detach().float().contiguous()
    return {
        "name": name, "kind": kind, "inputSize": WIDE_INPUTS, "hiddenSize": hidden, "layerCount": layers,
        "bidirectional": bidirectional, "batch": WIDE_BATCH, "time": WIDE_TIME, "lengths": lengths,
        "parameters": [{"name": k, "shape": list(v.shape)} for k, v in parameters32.items()],
    }


def check_stepped_against_torch_nn():
    """SteppedRecurrent, which writes the Cho GRU's and the peephole LSTM's references, computes
    what torch.nn computes for the cells torch.nn has: same weights, two bidirectional layers,
    packed lengths; outputs, states and every gradient within float64 rounding."""
    for kind, make in WIDE_NN.items():
        torch.manual_seed(99)
        stepped = SteppedRecurrent(kind, WIDE_INPUTS, 27, num_layers=2, bidirectional=True).double()
        reference = make(WIDE_INPUTS, 27, num_layers=2, batch_first=True, bidirectional=True).double()
        reference.load_state_dict(stepped.state_dict())
        x = torch.randn(WIDE_BATCH, WIDE_TIME, WIDE_INPUTS, dtype=torch.float64)
        h0 = torch.randn(4, WIDE_BATCH, 27, dtype=torch.float64)
        c0 = torch.randn(4, WIDE_BATCH, 27, dtype=torch.float64)
        results = []
        for module in (stepped, reference):
            inputs = [t.clone().requires_grad_() for t in (x, h0, c0)]
            output, hn, cn = run_recurrent(module, *inputs, WIDE_LENGTHS)
            weights = torch.linspace(-1, 1, output.numel(), dtype=torch.float64).reshape(output.shape)
            loss = (output * weights).sum() + hn.sum() + (cn.sum() if cn is not None else 0)
            loss.backward()
            grads = [t.grad if t.grad is not None else torch.zeros_like(t) for t in inputs]
            results.append([output, hn] + grads + [p.grad for _, p in module.named_parameters()])
        worst = max(float((a - b).detach().abs().max()) for a, b in zip(*results))
        assert len(results[0]) == len(results[1]) and worst < 1e-10, f"SteppedRecurrent {kind} differs from torch.nn by {worst}"
        print(f"SteppedRecurrent {kind} matches torch.nn (largest difference {worst:.1e})")


def wide_fixtures():
    from safetensors.torch import save_file

    check_stepped_against_torch_nn()
    tensors = {}
    cases = []
    for index, kind in enumerate(["rnn_tanh", "lstm", "gru", "cho_gru", "peephole_lstm"]):
        cases.append(wide_case(f"{kind}_h27_2layer_bidirectional_lengths", kind, 27, 2, True, WIDE_LENGTHS, 100 + index, tensors))
        cases.append(wide_case(f"{kind}_h40_2layer", kind, 40, 2, False, None, 200 + index, tensors))
    for index, kind in enumerate(["lstm", "gru"]):
        cases.append(wide_case(f"{kind}_h48_1layer", kind, 48, 1, False, None, 300 + index, tensors))
    save_file(tensors, str(FIXTURES / "recurrent_layers_wide.safetensors"), metadata={"torch": torch.__version__})
    (FIXTURES / "recurrent_layers_wide.json").write_text(json.dumps(
        {"torch": torch.__version__, "tensors": "recurrent_layers_wide.safetensors", "cases": cases}, indent=1) + "\n")
    print(f"wrote {len(cases)} wide cases ({len(tensors)} tensors) to recurrent_layers_wide.safetensors/.json")


def layer_fixtures():
    cases = [
        case("rnn_tanh_1layer", "rnn", 1, False, seed=1),
        case("rnn_relu_1layer", "rnn", 1, False, nonlinearity="relu", seed=2),
        case("rnn_tanh_2layer_bidirectional", "rnn", 2, True, seed=3),
        case("lstm_1layer", "lstm", 1, False, seed=4),
        case("lstm_2layer", "lstm", 2, False, seed=5),
        case("lstm_2layer_bidirectional", "lstm", 2, True, seed=6),
        case("gru_1layer", "gru", 1, False, seed=7),
        case("gru_2layer_bidirectional", "gru", 2, True, seed=8),
    ]
    path = FIXTURES / "recurrent_layers.json"
    path.write_text(json.dumps({"torch": torch.__version__, "cases": cases}, separators=(",", ":")) + "\n")
    print(f"wrote {len(cases)} cases to {path} with torch {torch.__version__}")


def main():
    groups = ["layers", "training", "safetensors", "wide"]
    parser = argparse.ArgumentParser(description="Writes the PyTorch reference fixtures.")
    # (Checked here: argparse rejects an empty list when `choices` is given with nargs="*".)
    parser.add_argument("groups", nargs="*", metavar="GROUP", help=f"any of {', '.join(groups)} (default: all)")
    chosen = parser.parse_args().groups or groups
    unknown = sorted(set(chosen) - set(groups))
    if unknown:
        parser.error(f"unknown group {', '.join(unknown)}; choose from {', '.join(groups)}")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    if "layers" in chosen:
        layer_fixtures()
    if "training" in chosen:
        training = FIXTURES / "training.json"
        training.write_text(json.dumps(training_fixture(), indent=1) + "\n")
        print(f"wrote optimiser and loss references to {training}")
    if "safetensors" in chosen and not safetensors_fixtures():
        raise SystemExit(1)
    if "wide" in chosen:
        wide_fixtures()


if __name__ == "__main__":
    main()
