"""Recurrent layers written step by step in torch, for the cells torch.nn lacks.

`SteppedRecurrent` runs any of the engine's built-in cells the way torch.nn.LSTM runs its own:
stacked layers, an optional reverse direction per layer (its outputs concatenated after the
forward direction's), `batch_first` input `[batch, time, inputSize]`, states
`[layers * directions, batch, hidden]`, and sequences padded at the end with their `lengths`
(PyTorch's packed sequences: past its length a sequence's state stays as it was and its output
is zero, so a reverse direction starts at the sequence's own last step). Autograd gives the
gradients. Parameters are registered under PyTorch's state_dict names in the engine's order
(weight_ih, weight_hh, bias_ih, bias_hh, then weight_peephole), gates in PyTorch's order.

The cells:
- "rnn_tanh", "lstm", "gru": torch.nn's equations (used to check this module against torch.nn);
- "cho_gru": Cho et al.'s GRU, the reset gate applied before the product,
  n = tanh(W_in x + b_in + W_hn (r * h) + b_hn);
- "peephole_lstm": the LSTM with diagonal peepholes `weight_peephole` `[3H]` for i, f, o; i and
  f see the previous cell, o the new one.
"""
import math

import torch

GATES = {"rnn_tanh": 1, "lstm": 4, "gru": 3, "cho_gru": 3, "peephole_lstm": 4}


class SteppedRecurrent(torch.nn.Module):
    def __init__(self, kind, input_size, hidden_size, num_layers=1, bidirectional=False):
        super().__init__()
        self.kind = kind
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.directions = 2 if bidirectional else 1
        rows = GATES[kind] * hidden_size
        bound = 1 / math.sqrt(hidden_size)
        for layer in range(num_layers):
            layer_input = input_size if layer == 0 else self.directions * hidden_size
            for direction in range(self.directions):
                suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
                shapes = [("weight_ih", [rows, layer_input]), ("weight_hh", [rows, hidden_size]),
                          ("bias_ih", [rows]), ("bias_hh", [rows])]
                if kind == "peephole_lstm":
                    shapes.append(("weight_peephole", [3 * hidden_size]))
                for name, shape in shapes:
                    # torch.nn's initialisation, uniform(-1/sqrt(H), 1/sqrt(H)) for every parameter.
                    self.register_parameter(name + suffix, torch.nn.Parameter(torch.empty(shape).uniform_(-bound, bound)))

    @property
    def has_cell(self):
        return self.kind in ("lstm", "peephole_lstm")

    def weights(self, layer, direction):
        suffix = f"_l{layer}" + ("_reverse" if direction == 1 else "")
        names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] + (["weight_peephole"] if self.kind == "peephole_lstm" else [])
        return [getattr(self, name + suffix) for name in names]

    def step(self, weights, x, h, c):
        """One step of the cell for the whole batch: x `[batch, features]`, h and c `[batch, H]`."""
        w_ih, w_hh, b_ih, b_hh = weights[:4]
        projected = x @ w_ih.T + b_ih
        size = self.hidden_size
        if self.kind == "rnn_tanh":
            return torch.tanh(projected + h @ w_hh.T + b_hh), None
        if self.kind in ("lstm", "peephole_lstm"):
            pre = projected + h @ w_hh.T + b_hh
            i_pre, f_pre, g_pre, o_pre = pre.split(size, dim=1)
            if self.kind == "peephole_lstm":
                p_i, p_f, p_o = weights[4].split(size)
                i_pre = i_pre + p_i * c
                f_pre = f_pre + p_f * c
            i, f, g = torch.sigmoid(i_pre), torch.sigmoid(f_pre), torch.tanh(g_pre)
            new_cell = f * c + i * g
            if self.kind == "peephole_lstm":
                o_pre = o_pre + p_o * new_cell
            return torch.sigmoid(o_pre) * torch.tanh(new_cell), new_cell
        x_r, x_z, x_n = projected.split(size, dim=1)
        w_r, w_z, w_n = w_hh.split(size, dim=0)
        b_r, b_z, b_n = b_hh.split(size)
        r = torch.sigmoid(x_r + h @ w_r.T + b_r)
        z = torch.sigmoid(x_z + h @ w_z.T + b_z)
        if self.kind == "gru":
            n = torch.tanh(x_n + r * (h @ w_n.T + b_n))
        else:
            n = torch.tanh(x_n + (r * h) @ w_n.T + b_n)
        return (1 - z) * n + z * h, None

    def forward(self, x, h0, c0=None, lengths=None):
        """x `[batch, time, features]`; h0, c0 `[layers * directions, batch, H]`; lengths a list
        of `batch` ints or None. Returns output `[batch, time, directions * H]`, h_n, c_n (or None)."""
        batch, time, _ = x.shape
        active = None
        if lengths is not None:
            active = torch.arange(time)[None, :] < torch.tensor(lengths)[:, None]  # [batch, time]
        layer_input = x
        final_hidden, final_cell = [], []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(self.directions):
                slot = layer * self.directions + direction
                weights = self.weights(layer, direction)
                h = h0[slot]
                c = c0[slot] if self.has_cell else None
                steps = [None] * time
                for t in (reversed(range(time)) if direction == 1 else range(time)):
                    new_h, new_c = self.step(weights, layer_input[:, t], h, c)
                    if active is None:
                        h, c = new_h, new_c
                        steps[t] = new_h
                    else:
                        keep = active[:, t, None]
                        h = torch.where(keep, new_h, h)
                        if c is not None:
                            c = torch.where(keep, new_c, c)
                        steps[t] = torch.where(keep, new_h, torch.zeros_like(new_h))
                outputs.append(torch.stack(steps, dim=1))
                final_hidden.append(h)
                final_cell.append(c)
            layer_input = torch.cat(outputs, dim=2)
        cell = torch.stack(final_cell) if self.has_cell else None
        return layer_input, torch.stack(final_hidden), cell
