#!/usr/bin/python3
"""seqcast: the shared fixture generator with the ReLU RNN as its only cell (PyTorch has no
other difference); writes rnn_relu_* fixtures into src/test/resources/fixtures/pytorch-relu.

Generate PyTorch parity fixtures for the Java RNN/GRU/LSTM forecasting core.

Run with Debian's interpreter (python3-torch 1.13 is installed for /usr/bin/python3):

    /usr/bin/python3 make_pytorch_fixtures.py [OUT_DIR]

OUT_DIR defaults to ../../fixtures/pytorch relative to this file.

For every (cell, config) pair it writes
  <name>.safetensors  the model's state_dict (float32), written by hand (no safetensors package)
  <name>.json         input, target, forward outputs, final states, loss and gradients

The model is a sequence-to-one forecaster:
    out, state = rnn(x)              # batch_first=True, zero initial state
    y = head(out[:, -1, :])          # Linear(hidden -> horizon) on the last step of the top layer
    loss = mean((y - target) ** 2)   # torch.nn.MSELoss(reduction="mean")

Everything is deterministic: fixed seeds, CPU, float32 (plus a float64 recomputation with the
very same weights, for setting tolerances).
"""
import json
import os
import struct
import sys

import torch
import torch.nn as nn

HORIZON = 4
BATCH = 3
SEQ = 12

CELLS = [("rnn_relu", "RNN_RELU")]
CONFIGS = [
    # (input_size, hidden_size, num_layers)
    (1, 8, 1),
    (3, 16, 2),
]
BASE_SEED = 20240601


def debian_torch_package():
    """Debian package version of python3-torch (torch.__version__ says 1.13.0a0 on Debian 12)."""
    try:
        import subprocess
        v = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-torch"],
                           capture_output=True, text=True, check=True).stdout.strip()
        return "python3-torch " + v
    except Exception:
        return "unknown"


class Forecaster(nn.Module):
    def __init__(self, cell, input_size, hidden_size, num_layers, horizon):
        super().__init__()
        if cell == "RNN_RELU":
            self.rnn = nn.RNN(input_size, hidden_size, num_layers, nonlinearity="relu", batch_first=True)
        elif cell == "RNN":
            self.rnn = nn.RNN(input_size, hidden_size, num_layers, nonlinearity="tanh", batch_first=True)
        elif cell == "GRU":
            self.rnn = nn.GRU(input_size, hidden_size, num_layers, batch_first=True)
        elif cell == "LSTM":
            self.rnn = nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
        else:
            raise ValueError(cell)
        self.head = nn.Linear(hidden_size, horizon)

    def forward(self, x):
        out, state = self.rnn(x)
        return self.head(out[:, -1, :]), out, state


# ---------------------------------------------------------------- safetensors (hand written)
_DTYPES = {torch.float32: ("F32", "<f4"), torch.float64: ("F64", "<f8")}


def write_safetensors(path, tensors, metadata):
    """Write an ordered dict name->tensor in the safetensors layout.

    layout: u64 little-endian header length N | N bytes JSON header (space padded to N % 8 == 0)
            | raw little-endian tensor bytes, back to back, in header order.
    """
    header = {}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        dtype_name, np_dtype = _DTYPES[t.dtype]
        raw = t.numpy().astype(np_dtype, copy=False).tobytes(order="C")
        header[name] = {"dtype": dtype_name, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    if metadata:
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
        header["__metadata__"] = metadata
    hbytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hbytes += b" " * ((8 - len(hbytes) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(hbytes)))
        f.write(hbytes)
        for b in blobs:
            f.write(b)


# ---------------------------------------------------------------- JSON helpers
def tj(t):
    """Tensor -> {"shape": [...], "data": flat row-major list}.

    float32 values are converted to Python floats exactly (float32 -> float64 is lossless), so
    parsing the decimal back as double and casting to float gives the identical float32 bits.
    """
    t = t.detach().contiguous().cpu()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def run_case(model, x, target):
    model.zero_grad(set_to_none=True)
    y, out, state = model(x)
    loss = nn.functional.mse_loss(y, target, reduction="mean")
    loss.backward()
    res = {"output": tj(y), "rnn_out": tj(out)}
    if isinstance(state, tuple):
        res["h_n"] = tj(state[0])
        res["c_n"] = tj(state[1])
    else:
        res["h_n"] = tj(state)
    res["loss"] = float(loss.item())
    res["grads"] = {n: tj(p.grad) for n, p in model.named_parameters()}
    return res


def make_one(out_dir, idx, slug, cell, input_size, hidden, layers):
    name = f"{slug}_i{input_size}_h{hidden}_l{layers}"
    seed = BASE_SEED + idx
    torch.manual_seed(seed)
    model = Forecaster(cell, input_size, hidden, layers, HORIZON).float()

    g = torch.Generator().manual_seed(seed + 1000)
    x = torch.randn(BATCH, SEQ, input_size, generator=g, dtype=torch.float32)
    target = torch.randn(BATCH, HORIZON, generator=g, dtype=torch.float32)

    sd = model.state_dict()
    meta = {
        "format": "pt",
        "cell": cell if cell != "RNN" else "RNN_TANH",
        "input_size": str(input_size),
        "hidden_size": str(hidden),
        "num_layers": str(layers),
        "horizon": str(HORIZON),
        "batch_first": "true",
        "bias": "true",
        "seed": str(seed),
        "torch_version": torch.__version__,
        "torch_package": debian_torch_package(),
    }
    write_safetensors(os.path.join(out_dir, name + ".safetensors"), sd, meta)

    res32 = run_case(model, x, target)
    # float64 recomputation with exactly the same (float32-valued) weights and inputs
    model64 = Forecaster(cell, input_size, hidden, layers, HORIZON)
    model64.load_state_dict(sd)
    model64 = model64.double()
    res64 = run_case(model64, x.double(), target.double())

    doc = {
        "name": name,
        "cell": meta["cell"],
        "input_size": input_size,
        "hidden_size": hidden,
        "num_layers": layers,
        "horizon": HORIZON,
        "batch_first": True,
        "batch": BATCH,
        "seq_len": SEQ,
        "seed": seed,
        "torch_version": torch.__version__,
        "torch_package": meta["torch_package"],
        "weights_file": name + ".safetensors",
        "parameter_order": list(sd.keys()),
        "initial_state": "zeros (h_0 = 0, and c_0 = 0 for LSTM)",
        "forward": "out, state = rnn(x); output = head(out[:, -1, :])",
        "loss_fn": "mean((output - target)^2) over all batch*horizon elements (torch.nn.MSELoss, reduction='mean')",
        "layout": "every tensor is {shape, data} with data flattened row-major (C order)",
        "input": tj(x),
        "target": tj(target),
        # float32 results (what PyTorch computes with float32 weights on CPU)
        "output": res32["output"],
        "rnn_out": res32["rnn_out"],
        "h_n": res32["h_n"],
        **({"c_n": res32["c_n"]} if "c_n" in res32 else {}),
        "loss": res32["loss"],
        "grads": res32["grads"],
        # same computation in float64 (weights are the float32 values, widened)
        "float64_reference": {
            "output": res64["output"],
            "rnn_out": res64["rnn_out"],
            "h_n": res64["h_n"],
            **({"c_n": res64["c_n"]} if "c_n" in res64 else {}),
            "loss": res64["loss"],
            "grads": res64["grads"],
        },
    }
    with open(os.path.join(out_dir, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    return name


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "fixtures", "pytorch")
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    names = []
    idx = 0
    for (input_size, hidden, layers) in CONFIGS:
        for slug, cell in CELLS:
            names.append(make_one(out_dir, idx, slug, cell, input_size, hidden, layers))
            idx += 1
    index = {"torch_version": torch.__version__, "torch_package": debian_torch_package(), "models": names, "horizon": HORIZON, "batch": BATCH, "seq_len": SEQ}
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    print("wrote", len(names), "models to", out_dir)
    for n in names:
        print("  ", n)


if __name__ == "__main__":
    main()
