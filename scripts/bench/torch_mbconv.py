"""PyTorch peer for `npm run bench`: one MBConv block training step, timed like the wasm run.

The model mirrors src/engine/supernet/mbconv-op.ts with the benchmark's family: 1x1 expand (no
bias) + BN + ReLU6, depthwise kxk + BN + ReLU6, 1x1 project + BN, residual; MSE loss; Adam
(lr 1e-3, no weight decay). Each timed step is zero_grad + forward + backward + optimizer step.
Prints one JSON line so the TypeScript bench can parse it. Run with Debian's interpreter
(/usr/bin/python3) because that is where python3-torch lives.
"""
import argparse
import json
import resource
import statistics
import sys
import time

try:
    import torch
    import torch.nn as nn
except ImportError as err:  # the bench reports this and moves on
    print(json.dumps({"error": f"torch not importable: {err}"}))
    sys.exit(0)


class MBConv(nn.Module):
    def __init__(self, channels, expand, kernel):
        super().__init__()
        hidden = channels * expand
        self.expand = nn.Conv2d(channels, hidden, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(hidden)
        self.depthwise = nn.Conv2d(hidden, hidden, kernel, padding=kernel // 2, groups=hidden, bias=False)
        self.bn2 = nn.BatchNorm2d(hidden)
        self.project = nn.Conv2d(hidden, channels, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(channels)
        self.act = nn.ReLU6()

    def forward(self, x):
        h = self.act(self.bn1(self.expand(x)))
        h = self.act(self.bn2(self.depthwise(h)))
        return x + self.bn3(self.project(h))


def measure(layout, args):
    torch.manual_seed(0)
    model = MBConv(args.channels, args.expand, args.kernel)
    x = torch.randn(args.batch, args.channels, args.size, args.size)
    y = torch.randn(args.batch, args.channels, args.size, args.size)
    if layout == "channels_last":
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
        y = y.contiguous(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.MSELoss()
    times = []
    cpu_times = []
    for i in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        c0 = time.process_time()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
        if i >= args.warmup:
            times.append(dt * 1000)
            cpu_times.append(dc * 1000)
    return {"layout": layout, "medianMs": statistics.median(times), "medianCpuMs": statistics.median(cpu_times),
            "steps": len(times), "finalLoss": float(loss)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--size", type=int, default=14)
    p.add_argument("--channels", type=int, default=40)
    p.add_argument("--expand", type=int, default=6)
    p.add_argument("--kernel", type=int, default=5)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    try:
        # inter-op pool too, so "1 thread" means one core, as for the wasm run
        torch.set_num_interop_threads(args.threads)
    except RuntimeError:
        pass  # already fixed by an earlier parallel call; intra-op threads are what matters here
    results = [measure(layout, args) for layout in ("channels_last", "nchw")]
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"torchVersion": torch.__version__, "threads": torch.get_num_threads(),
                      "results": results, "peakRssMiB": peak_kib / 1024}))


if __name__ == "__main__":
    main()
