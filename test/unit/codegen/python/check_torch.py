"""Builds generated PyTorch modules and compares them with the engine's TF.js model.

Reads a JSON manifest (path in argv[1]): a list of cases, each with the generated module file,
its class name, the TF.js model's weights by layer name (class name, arrays), an NHWC input, the
TF.js output for it and, per searched block, the TF.js feature maps entering and leaving it
(compared through forward hooks: spatial maps show a padding error that pooling would hide). For each case it prints one JSON line: the parameter count (parameters
plus batch-norm running statistics, which TF.js stores as weights; num_batches_tracked aside),
the output shape, TF.js layer names no submodule maps to (and the reverse), and the largest
absolute differences between the outputs and between the block feature maps once the TF.js
weights are loaded by name.
"""
import importlib.util
import json
import sys

import torch
from torch import nn


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tensor(entry):
    return torch.tensor(entry["data"], dtype=torch.float32).reshape(entry["shape"])


def load_tf_weights(net, weights):
    """Copies TF.js weights into the net: a submodule path with dots read as underscores is the TF.js layer name."""
    unmapped = []
    used = set()
    for path, module in net.named_modules():
        if not isinstance(module, (nn.Conv2d, nn.Linear, nn.BatchNorm1d, nn.BatchNorm2d)):
            continue
        tf_name = path.replace(".", "_")
        layer = weights.get(tf_name)
        if layer is None:
            unmapped.append(path)
            continue
        used.add(tf_name)
        arrays = [tensor(w) for w in layer["weights"]]
        with torch.no_grad():
            if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
                gamma, beta, mean, variance = arrays
                module.weight.copy_(gamma)
                module.bias.copy_(beta)
                module.running_mean.copy_(mean)
                module.running_var.copy_(variance)
                continue
            kernel = arrays[0]
            if layer["className"] == "DepthwiseConv2D":
                kh, kw, cin, mult = kernel.shape
                module.weight.copy_(kernel.permute(2, 3, 0, 1).reshape(cin * mult, 1, kh, kw))
            elif isinstance(module, nn.Conv2d):
                module.weight.copy_(kernel.permute(3, 2, 0, 1))
            else:
                module.weight.copy_(kernel.t())
            if module.bias is not None:
                module.bias.copy_(arrays[1])
    missing = sorted(set(weights) - used)
    return unmapped, missing


def main():
    with open(sys.argv[1], encoding="utf8") as f:
        cases = json.load(f)
    torch.manual_seed(0)
    for i, case in enumerate(cases):
        net = getattr(load_module(case["file"], f"generated_{i}"), case["className"])()
        params = sum(p.numel() for p in net.parameters())
        params += sum(b.numel() for name, b in net.named_buffers() if not name.endswith("num_batches_tracked"))
        unmapped, missing = load_tf_weights(net, case["weights"])
        net.eval()
        maps = {}

        def capture(attr):
            def hook(_module, inputs, output):
                maps[attr] = (inputs[0], output)
            return hook

        for block in case["blocks"]:
            getattr(net, block["attr"]).register_forward_hook(capture(block["attr"]))
        with torch.no_grad():
            out = net(tensor(case["input"]).permute(0, 3, 1, 2))
        diff = (out - tensor(case["expected"])).abs().max().item()
        map_diff = 0.0
        for block in case["blocks"]:
            got_in, got_out = maps[block["attr"]]
            for got, want in ((got_in, block["input"]), (got_out, block["output"])):
                map_diff = max(map_diff, (got.permute(0, 2, 3, 1) - tensor(want)).abs().max().item())
        print(json.dumps({
            "name": case["name"], "params": params, "outputShape": list(out.shape), "unmappedModules": unmapped,
            "unusedTfLayers": missing, "maxAbsDiff": diff, "maxBlockMapDiff": map_diff,
        }))


if __name__ == "__main__":
    main()
