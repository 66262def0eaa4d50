#!/usr/bin/env python3
"""Train semfill's DCGAN in PyTorch (on a GPU, say) and write model files semfill loads.

    ./semfill prepare ...            # prints the path of a prepared .npy file
    python3 tools/pytorch/train_dcgan.py DATA.npy --out runs/torch --epochs 25
    ./semfill sample --model runs/torch ...   # complete, inspect, serve: as with a semfill run

The input is semfill's prepared cache file: a NumPy .npy array of uint8, C order, shape (N, C, H, W);
a byte v is the pixel v / 127.5 - 1. It is memory-mapped, so a file larger than RAM is fine.

The output folder gets generator.safetensors and discriminator.safetensors, written at the end of every
epoch. The networks are layer for layer those of semfill's gan/Dcgan.java and gan/LayerSpec.java, and
the files hold exactly the tensors of G.state_dict() and D.state_dict() (F32 weights and batch-norm
statistics, I64 num_batches_tracked), with semfill's config in the metadata ("semfill.config").

Needs only numpy and torch (not the safetensors package: the format is simple enough to write here).
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


# ---------------------------------------------------------------------------------------------------
# The networks: the same layer tables as semfill's LayerSpec.java
# ---------------------------------------------------------------------------------------------------

def generator_table(size, channels, nz, ngf):
    """(in, out, kernel, stride, padding) of each ConvTranspose2d of G.

    From a 1x1 z, the first layer makes 4x4 (7x7 for 28x28 images); each later layer doubles the size
    and halves the channels, and the last one outputs the image's channels.
    """
    if size == 28:  # 1 -> 7 -> 14 -> 28
        return [(nz, ngf * 2, 7, 1, 0), (ngf * 2, ngf, 4, 2, 1), (ngf, channels, 4, 2, 1)]
    mult = size // 8  # 64 -> 8: channels ngf*8, *4, *2, *1 at sizes 4, 8, 16, 32
    table = [(nz, ngf * mult, 4, 1, 0)]
    while mult > 1:
        table.append((ngf * mult, ngf * mult // 2, 4, 2, 1))
        mult //= 2
    table.append((ngf, channels, 4, 2, 1))
    return table


def discriminator_table(size, channels, ndf):
    """(in, out, kernel, stride, padding) of each Conv2d of D: G's mirror image, down to one number."""
    if size == 28:  # 28 -> 14 -> 7 -> 1
        return [(channels, ndf, 4, 2, 1), (ndf, ndf * 2, 4, 2, 1), (ndf * 2, 1, 7, 1, 0)]
    table = [(channels, ndf, 4, 2, 1)]
    h, mult = size // 2, 1
    while h > 4:
        table.append((ndf * mult, ndf * mult * 2, 4, 2, 1))
        h //= 2
        mult *= 2
    table.append((ndf * mult, 1, 4, 1, 0))  # 4x4 -> 1x1
    return table


def build_generator(size, channels, nz, ngf):
    """ConvTranspose2d [+ BatchNorm2d + ReLU] ... + Tanh. No biases (batch norm follows every conv but the last)."""
    table = generator_table(size, channels, nz, ngf)
    layers = []
    for i, (cin, cout, k, s, p) in enumerate(table):
        layers.append(nn.ConvTranspose2d(cin, cout, k, s, p, bias=False))
        if i < len(table) - 1:
            layers += [nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]
        else:
            layers.append(nn.Tanh())
    return nn.Sequential(*layers)  # state keys "0.weight", "1.weight", "1.running_mean", ... as semfill's


def build_discriminator(size, channels, ndf):
    """Conv2d + LeakyReLU(0.2), [Conv2d + BatchNorm2d + LeakyReLU(0.2)] ..., Conv2d + Sigmoid."""
    table = discriminator_table(size, channels, ndf)
    layers = []
    for i, (cin, cout, k, s, p) in enumerate(table):
        layers.append(nn.Conv2d(cin, cout, k, s, p, bias=False))
        if i == len(table) - 1:
            layers.append(nn.Sigmoid())
        else:
            if i > 0:  # no batch norm on the first layer (Radford et al.)
                layers.append(nn.BatchNorm2d(cout))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
    return nn.Sequential(*layers)


def initialise(net):
    """Radford et al.: conv weights ~ N(0, 0.02); batch-norm weight (gamma) ~ N(1, 0.02), bias (beta) = 0."""
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


def noise(n, nz, device, generator=None):
    """Latent vectors uniform in [-1, 1], shape (n, nz, 1, 1): semfill's choice (TrainStep.noise), since its
    completion search keeps z inside that box. A G trained on N(0, 1) noise would fit semfill less well."""
    return torch.rand(n, nz, 1, 1, generator=generator, device=device) * 2 - 1


# ---------------------------------------------------------------------------------------------------
# Files: safetensors by hand, written atomically
# ---------------------------------------------------------------------------------------------------

def write_atomically(path, chunks):
    """Writes the byte strings to path via a temporary file and a rename: a crash never leaves half a file."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        for c in chunks:
            f.write(c)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_safetensors(path, state, metadata):
    """The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
    dtype, shape and byte range (plus string metadata), padded with spaces to a multiple of 8, then the
    tensors' raw little-endian bytes one after another."""
    header = {"__metadata__": metadata}
    data, offset = [], 0
    for name, t in state.items():
        t = t.detach().cpu().contiguous()
        if t.dtype == torch.float32:
            dtype, raw = "F32", t.numpy().astype("<f4").tobytes()
        elif t.dtype == torch.int64:  # BatchNorm2d's num_batches_tracked, a scalar of shape []
            dtype, raw = "I64", t.numpy().astype("<i8").tobytes()
        else:
            raise ValueError(f"tensor {name} has dtype {t.dtype}; semfill reads only float32 and int64")
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        data.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    write_atomically(path, [struct.pack("<Q", len(text)), text] + data)


def save_models(out, G, D, config):
    # The metadata semfill's ModelFiles writes and reads: its config as compact JSON, and format "pt".
    meta = {"format": "pt", "semfill.config": json.dumps(config, separators=(",", ":"))}
    write_safetensors(os.path.join(out, "generator.safetensors"), G.state_dict(), meta)
    write_safetensors(os.path.join(out, "discriminator.safetensors"), D.state_dict(), meta)


def save_npy(path, array):
    """np.save, atomically."""
    tmp = path + ".tmp.npy"
    np.save(tmp, np.ascontiguousarray(array))
    os.replace(tmp, path)


def write_check(folder, G, D, config, n, seed):
    """For tests: z (n, nz, 1, 1) from a seeded generator, G(z) (n, C, H, W) and D(G(z)) (n, 1, 1, 1), both
    networks in eval mode (running batch-norm statistics), as float32 .npy files. Computed on the CPU in
    float32, so that a GPU's TF32 arithmetic does not blur the comparison with semfill."""
    os.makedirs(folder, exist_ok=True)
    c = config
    g_cpu = build_generator(c["size"], c["channels"], c["nz"], c["ngf"])
    d_cpu = build_discriminator(c["size"], c["channels"], c["ndf"])
    g_cpu.load_state_dict({k: v.cpu() for k, v in G.state_dict().items()})
    d_cpu.load_state_dict({k: v.cpu() for k, v in D.state_dict().items()})
    g_cpu.eval()
    d_cpu.eval()
    z = noise(n, c["nz"], "cpu", torch.Generator().manual_seed(seed))
    with torch.no_grad():
        x = g_cpu(z)
        p = d_cpu(x)
    save_npy(os.path.join(folder, "z.npy"), z.numpy().astype(np.float32))
    save_npy(os.path.join(folder, "g_z.npy"), x.numpy().astype(np.float32))
    save_npy(os.path.join(folder, "d_g_z.npy"), p.numpy().astype(np.float32))


# ---------------------------------------------------------------------------------------------------
# Data and training
# ---------------------------------------------------------------------------------------------------

def open_images(path):
    """The prepared array, memory-mapped: pages are read from disk only when a batch touches them."""
    images = np.load(path, mmap_mode="r")
    if images.dtype != np.uint8 or images.ndim != 4:
        sys.exit(f"{path}: expected semfill's prepared images, uint8 of shape (N, C, H, W); "
                 f"found {images.dtype} {images.shape}")
    n, c, h, w = images.shape
    if h != w or c not in (1, 3) or not (h == 28 or (16 <= h <= 128 and h & (h - 1) == 0)):
        sys.exit(f"{path}: images of {c}x{h}x{w}; semfill's DCGAN needs square images of size 28 or a "
                 f"power of two from 16 to 128, with 1 or 3 channels")
    return images


def batches(n, batch, rng):
    """One epoch: a fresh random permutation cut into n // batch full batches (the last partial one is
    dropped, as semfill does, so batch norm always sees full batches). Indices sorted within a batch,
    which reads the memory-mapped file in order."""
    order = rng.permutation(n)
    for i in range(n // batch):
        yield np.sort(order[i * batch:(i + 1) * batch])


def to_pixels(images, idx, device):
    """Bytes -> floats in [-1, 1] on the device, as semfill's Pixels.fromByte: v / 127.5 - 1."""
    x = torch.from_numpy(np.ascontiguousarray(images[idx]))
    return x.to(device, non_blocking=True).float() / 127.5 - 1


def main(argv=None):
    p = argparse.ArgumentParser(description="Train semfill's DCGAN in PyTorch from a prepared .npy file.")
    p.add_argument("data", help="semfill's prepared images (.npy, uint8, (N, C, H, W)); see './semfill prepare'")
    p.add_argument("--out", required=True, help="output folder for generator.safetensors and discriminator.safetensors")
    p.add_argument("--epochs", type=int, default=5, help="passes over the data (default 5)")
    p.add_argument("--batch", type=int, default=64, help="batch size (default 64)")
    p.add_argument("--lr", type=float, default=2e-4, help="Adam learning rate")
    p.add_argument("--beta1", type=float, default=0.5, help="Adam beta1")
    p.add_argument("--nz", type=int, default=100, help="latent size")
    p.add_argument("--ngf", type=int, help="generator width (default 64 for colour images of 64x64 and up, else 32)")
    p.add_argument("--ndf", type=int, help="discriminator width (default 64 for colour images of 64x64 and up, else 32)")
    p.add_argument("--hold-out", type=int, default=0, help="keep the last N images out of training, as semfill's --hold-out")
    p.add_argument("--seed", type=int, default=1, help="seeds the initial weights, the shuffling and the noise")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu",
                   help="cpu or cuda (default: cuda if available)")
    p.add_argument("--max-steps", type=int, default=0, help="stop after this many steps in all (0: no limit)")
    p.add_argument("--log-every", type=int, default=50, help="print losses every N steps")
    p.add_argument("--check-out", metavar="DIR",
                   help="at the end, write DIR/z.npy, DIR/g_z.npy and DIR/d_g_z.npy: seeded z, G(z), D(G(z)) in eval mode (for tests)")
    p.add_argument("--check-n", type=int, default=8, help="how many z for --check-out")
    p.add_argument("--check-seed", type=int, default=0, help="seed of the z for --check-out")
    a = p.parse_args(argv)

    images = open_images(a.data)
    n_all, channels, size, _ = images.shape
    n = n_all - a.hold_out
    default_width = 64 if channels == 3 and size >= 64 else 32  # semfill's DcganConfig.defaultWidth
    ngf = a.ngf if a.ngf is not None else default_width
    ndf = a.ndf if a.ndf is not None else default_width
    if not (1 <= a.nz <= 4096 and 1 <= ngf <= 1024 and 1 <= ndf <= 1024):  # DcganConfig's limits
        sys.exit("--nz must be 1..4096 and --ngf, --ndf 1..1024")
    if a.epochs < 1 or a.batch < 1:
        sys.exit("--epochs and --batch must be at least 1")
    if not 0 <= a.hold_out < n_all:
        sys.exit(f"--hold-out must be from 0 to {n_all - 1}")
    if n < a.batch:
        sys.exit(f"only {n} training images, fewer than one batch of {a.batch}; use a smaller --batch")
    config = {"size": size, "channels": channels, "nz": a.nz, "ngf": ngf, "ndf": ndf}  # semfill's DcganConfig
    os.makedirs(a.out, exist_ok=True)

    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    device = torch.device(a.device)
    G = build_generator(size, channels, a.nz, ngf).to(device)
    D = build_discriminator(size, channels, ndf).to(device)
    initialise(G)
    initialise(D)
    optG = torch.optim.Adam(G.parameters(), lr=a.lr, betas=(a.beta1, 0.999), eps=1e-8)
    optD = torch.optim.Adam(D.parameters(), lr=a.lr, betas=(a.beta1, 0.999), eps=1e-8)
    bce = nn.BCELoss()
    real_label = torch.ones(a.batch, 1, 1, 1, device=device)
    fake_label = torch.zeros(a.batch, 1, 1, 1, device=device)
    print(f"DCGAN {size}x{size}x{channels} nz={a.nz} ngf={ngf} ndf={ndf}: {n} images, batch {a.batch}, "
          f"{n // a.batch} steps per epoch, on {device}", flush=True)

    step, start = 0, time.time()
    for epoch in range(1, a.epochs + 1):
        for idx in batches(n, a.batch, rng):
            real = to_pixels(images, idx, device)
            z = noise(a.batch, a.nz, device)

            # (1) D: maximise log D(x) + log(1 - D(G(z))), i.e. BCE with label 1 for real and 0 for fake.
            optD.zero_grad(set_to_none=True)
            out_real = D(real)
            err_real = bce(out_real, real_label)
            fake = G(z)
            out_fake = D(fake.detach())  # detach: this step does not train G
            err_fake = bce(out_fake, fake_label)
            (err_real + err_fake).backward()
            optD.step()

            # (2) G: maximise log D(G(z)) (the non-saturating loss: BCE of D's verdict against "real").
            optG.zero_grad(set_to_none=True)
            out = D(fake)
            err_g = bce(out, real_label)
            err_g.backward()  # also fills D's gradients; optD.zero_grad clears them before D's next step
            optG.step()

            step += 1
            if step % a.log_every == 0 or step == 1:
                print(f"epoch {epoch} step {step}: loss D {(err_real + err_fake).item():.4f} G {err_g.item():.4f}  "
                      f"D(x) {out_real.mean().item():.3f} D(G(z)) {out_fake.mean().item():.3f} -> {out.mean().item():.3f}"
                      f"  ({time.time() - start:.0f} s)", flush=True)
            if a.max_steps and step >= a.max_steps:
                break
        save_models(a.out, G, D, config)  # after every epoch: a killed run still leaves a usable model
        if a.max_steps and step >= a.max_steps:
            break

    if a.check_out:
        write_check(a.check_out, G, D, config, a.check_n, a.check_seed)
    print(f"model: {os.path.join(a.out, 'generator.safetensors')}, {os.path.join(a.out, 'discriminator.safetensors')}")


if __name__ == "__main__":
    main()
