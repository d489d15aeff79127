#!/usr/bin/env python3
"""Writes the PyTorch reference values the engine's tests compare against.

Run from the repository root after `pip install torch`:

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


if __name__ == "__main__":
    main()
