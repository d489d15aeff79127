#!/usr/bin/env python3
"""Writes the PyTorch-made model the engine guide (lessons/15-engine-guide.md) loads.

Run from the repository root after `pip install torch safetensors`:

    python3 Scripts/make_guide_data.py

It trains nothing: it builds a two-layer `torch.nn.LSTM` from a fixed seed, saves its
`state_dict` as `lessons/data/pytorch-lstm.safetensors`, and writes one input batch with
PyTorch's outputs and final states to `lessons/data/pytorch-lstm-reference.json`. The guide
loads the file into the engine's `LSTM`, runs the same input and checks that the outputs
agree, so "loads PyTorch's parameters" is a claim the build tests on every run.
Both files are committed; the lessons never need Python.
"""
import json
import pathlib

import torch
from safetensors.torch import save_file

DATA = pathlib.Path(__file__).resolve().parent.parent / "lessons" / "data"

INPUT_SIZE, HIDDEN_SIZE, LAYERS = 4, 16, 2
BATCH, TIME = 2, 7


def values(tensor):
    """Float32 values as a flat list of Python floats (they convert back exactly)."""
    return [float(x) for x in tensor.detach().reshape(-1).tolist()]


def main():
    torch.manual_seed(2015)
    module = torch.nn.LSTM(INPUT_SIZE, HIDDEN_SIZE, num_layers=LAYERS, batch_first=True)
    x = torch.randn(BATCH, TIME, INPUT_SIZE)
    with torch.no_grad():
        output, (hidden, cell) = module(x)
    save_file({k: v.contiguous() for k, v in module.state_dict().items()}, str(DATA / "pytorch-lstm.safetensors"))
    reference = {
        "torch": torch.__version__,
        "inputSize": INPUT_SIZE,
        "hiddenSize": HIDDEN_SIZE,
        "layerCount": LAYERS,
        "input": {"shape": list(x.shape), "values": values(x)},
        "output": {"shape": list(output.shape), "values": values(output)},
        "hidden": {"shape": list(hidden.shape), "values": values(hidden)},
        "cell": {"shape": list(cell.shape), "values": values(cell)},
    }
    (DATA / "pytorch-lstm-reference.json").write_text(json.dumps(reference) + "\n")
    print("wrote pytorch-lstm.safetensors and pytorch-lstm-reference.json")


if __name__ == "__main__":
    main()
