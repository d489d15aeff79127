#!/usr/bin/env python3
"""Writes the PyTorch reference values the engine's tests compare against.

Run from the repository root after `pip install torch safetensors`:

    python3 Scripts/make_pytorch_fixtures.py

The fixtures are committed, so the Swift tests never need Python. Each case stores the layer's
configuration, its parameters under PyTorch's state_dict names, an input, initial states,
PyTorch's outputs, and the gradients of the scalar
`sum(output * outputWeights) + sum(h_n * hiddenWeights) [+ sum(c_n * cellWeights)]`
with respect to the input, the initial states and every parameter. Float32 values are written as JSON numbers that convert back exactly.
"""
import json
import pathlib

import torch

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


def main():
    FIXTURES.mkdir(parents=True, exist_ok=True)
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
    training = FIXTURES / "training.json"
    training.write_text(json.dumps(training_fixture(), indent=1) + "\n")
    print(f"wrote optimiser and loss references to {training}")
    if not safetensors_fixtures():
        raise SystemExit(1)


if __name__ == "__main__":
    main()
