#!/usr/bin/env python3
"""The PyTorch side of `semfill bench`: the same workloads, timed the same way, printed as the same JSON line.

    OMP_NUM_THREADS=2 python3 tools/pytorch/dcgan_bench.py --config b --mode train --threads 2
    ./semfill bench --config b --mode train --threads 2

Run the two one after the other on an otherwise idle machine and compare images_per_s: machines are noisy,
so a ratio from back-to-back runs means something, an absolute time alone does not.

Workloads (batch 64 by default, synthetic data, nz = 100):
  a    64x64 colour, ngf = ndf = 64 (the reference DCGAN)   b    32x32 colour, ngf = ndf = 32
  c32  32x32 grey,   ngf = ndf = 32                          c28  28x28 grey,   ngf = ndf = 32
Modes: train (a D step on real and fake images, then a G step, Adam), gfwd (G forward in eval mode, no
gradients), complete (one step of the completion search: G and D forward, contextual + perceptual loss,
backward to z, Adam on z). GFLOP/s count the convolutions only, by the same formula as semfill's FlopCount.
"""
import argparse
import json
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_dcgan import build_discriminator, build_generator, discriminator_table, generator_table, initialise  # noqa: E402

CONFIGS = {"a": (64, 3, 100, 64, 64), "b": (32, 3, 100, 32, 32), "c32": (32, 1, 100, 32, 32), "c28": (28, 1, 100, 32, 32)}


def macs(table, size_in, first_is_transposed):
    """Multiply-adds per image of each layer: output pixels x kernel taps x in x out (transposed: per input pixel)."""
    out, h = [], size_in
    for cin, cout, k, s, p in table:
        h_out = (h - 1) * s - 2 * p + k if first_is_transposed else (h + 2 * p - k) // s + 1
        pixels = h if first_is_transposed else h_out  # a transposed conv does its work once per input pixel
        out.append(pixels * pixels * k * k * cin * cout)
        h = h_out
    return out


def flops_per_image(config, mode):
    size, channels, nz, ngf, ndf = config
    g = macs(generator_table(size, channels, nz, ngf), 1, True)
    d = macs(discriminator_table(size, channels, ndf), size, False)
    fg, fd, g1, d1 = sum(g), sum(d), g[0], d[0]
    if mode == "train":
        d_step = (fd + 2 * fd - d1) * 2 + fg
        g_step = fd + 2 * fd + (2 * fg - g1)
        return 2 * (d_step + g_step)
    if mode == "gfwd":
        return 2 * fg
    return 2 * 2 * (fg + fd)


def layout(channels_last):
    """Moves a module or tensor to the layout asked for (channels_last: NHWC, which oneDNN prefers)."""
    fmt = torch.channels_last if channels_last else torch.contiguous_format
    return lambda x: x.to(memory_format=fmt)


def train_step(config, batch, channels_last=False):
    size, channels, nz, ngf, ndf = config
    to = layout(channels_last)
    G, D = build_generator(size, channels, nz, ngf), build_discriminator(size, channels, ndf)
    initialise(G)
    initialise(D)
    G, D = to(G), to(D)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    bce = nn.BCELoss()
    real = [to(torch.rand(batch, channels, size, size) * 2 - 1) for _ in range(4)]
    ones, zeros = torch.ones(batch), torch.zeros(batch)
    k = [0]

    def step():
        x = real[k[0] % 4]
        k[0] += 1
        z = to(torch.randn(batch, nz, 1, 1))
        fake = G(z)
        opt_d.zero_grad()
        loss_d = bce(D(x).view(-1), ones) + bce(D(fake.detach()).view(-1), zeros)
        loss_d.backward()
        opt_d.step()
        opt_g.zero_grad()
        loss_g = bce(D(fake).view(-1), ones)  # the non-saturating G loss
        loss_g.backward()
        opt_g.step()
    return step


def gfwd_step(config, batch, channels_last=False):
    size, channels, nz, ngf, _ = config
    to = layout(channels_last)
    G = to(build_generator(size, channels, nz, ngf).eval())

    def step():
        with torch.no_grad():
            G(to(torch.randn(batch, nz, 1, 1)))
    return step


def complete_step(config, batch, channels_last=False):
    size, channels, nz, ngf, ndf = config
    to = layout(channels_last)
    G, D = to(build_generator(size, channels, nz, ngf).eval()), to(build_discriminator(size, channels, ndf).eval())
    for p in list(G.parameters()) + list(D.parameters()):
        p.requires_grad_(False)
    with torch.no_grad():
        y = G(to(torch.randn(batch, nz, 1, 1)))
    q = size // 4
    w = torch.ones(1, 1, size, size)
    w[:, :, q:size - q, q:size - q] = 0  # centre hole
    z = to(torch.rand(batch, nz, 1, 1) * 2 - 1).requires_grad_(True)
    opt = torch.optim.Adam([z], lr=0.01, betas=(0.9, 0.999))

    def step():
        opt.zero_grad()
        g = G(z)
        contextual = (w * (g - y)).abs().flatten(1).sum(1)
        perceptual = torch.log(1 - D(g).view(-1) + 1e-8)
        (contextual + 0.1 * perceptual).sum().backward()
        opt.step()
        with torch.no_grad():
            z.clamp_(-1, 1)
    return step


def blas():
    """The BLAS PyTorch was built with, as its build configuration names it (OpenBLAS, MKL, ...)."""
    for line in torch.__config__.show().splitlines():
        if "BLAS_INFO" in line:
            return line.split("BLAS_INFO=")[1].split(",")[0]
    return "unknown"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", default="b", choices=sorted(CONFIGS))
    ap.add_argument("--mode", default="train", choices=["train", "gfwd", "complete"])
    ap.add_argument("--steps", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--warmup-seconds", type=float, default=0.0,
                    help="and keep warming up until this many seconds have passed (as semfill bench does)")
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--channels-last", action="store_true",
                    help="networks and tensors in NHWC (torch.channels_last), the layout oneDNN's kernels prefer")
    a = ap.parse_args(argv)
    torch.set_num_threads(a.threads)
    torch.manual_seed(1234)
    config = CONFIGS[a.config]
    step = {"train": train_step, "gfwd": gfwd_step, "complete": complete_step}[a.mode](config, a.batch, a.channels_last)
    warm0, warmed = time.perf_counter(), 0
    while warmed < a.warmup or time.perf_counter() - warm0 < a.warmup_seconds:
        step()
        warmed += 1
    times = []
    for _ in range(a.steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    n = len(times)
    med = times[n // 2] if n % 2 else 0.5 * (times[n // 2 - 1] + times[n // 2])
    flops = flops_per_image(config, a.mode)
    print(json.dumps({
        "impl": "pytorch", "config": a.config, "mode": a.mode, "threads": a.threads, "batch": a.batch,
        "steps": a.steps, "warmup": warmed, "median_step_s": round(med, 5), "min_step_s": round(times[0], 5),
        "max_step_s": round(times[-1], 5), "images_per_s": round(a.batch / med, 2), "iters_per_s": round(1 / med, 3),
        "gflop_per_image": round(flops / 1e9, 4), "achieved_gflops": round(flops * a.batch / med / 1e9, 2),
        "torch": torch.__version__, "layout": "channels_last" if a.channels_last else "contiguous",
        "torch_threads": torch.get_num_threads(), "mkldnn": torch.backends.mkldnn.is_available(),
        "blas": blas()}))


if __name__ == "__main__":
    main()
