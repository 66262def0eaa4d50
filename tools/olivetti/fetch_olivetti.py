#!/usr/bin/env python3
"""Write the 400 Olivetti faces as 64 x 64 grey PNG files, for chapter 5 of the semfill tutorial.

    python3 tools/olivetti/fetch_olivetti.py olivetti-faces

scikit-learn's fetch_olivetti_faces() downloads the faces once (into ~/scikit_learn_data, or --data-home) as
400 images of 64 x 64 floats in [0, 1], 10 of each of 40 people. This script turns each into bytes
(round(255 v)) and writes NNN_sPP_K.png: NNN the face's number 000-399, PP the person 00-39, K the shot 0-9.
semfill reads a folder in file-name order, so the faces come person by person, and --hold-out 40 keeps the
last four people (36-39) out of training. labels.csv beside them lists file, person and shot.

Needs numpy and scikit-learn (pip install scikit-learn, or apt-get install python3-sklearn); the PNG files are
written with the standard library only.
"""
import argparse
import os
import struct
import sys
import zlib

import numpy as np

PEOPLE, SHOTS, SIZE = 40, 10, 64


class Refused(Exception):
    """A problem the user can fix: main prints it as one line and exits with 2."""


def load_faces(data_home=None):
    """(images (400, 64, 64) floats in [0, 1], target (400,) person ids 0-39), as scikit-learn returns them."""
    try:
        from sklearn.datasets import fetch_olivetti_faces
    except ImportError:
        raise Refused("needs scikit-learn; install it with 'pip install scikit-learn' "
                      "(or 'apt-get install python3-sklearn') and run again")
    try:
        faces = fetch_olivetti_faces(data_home=data_home, shuffle=False)
    except OSError as e:  # no connection, or the server refused: the URL errors are OSErrors
        raise Refused(f"cannot download the faces ({e}); check the internet connection and run again")
    return faces.images, faces.target


def png_bytes(gray):
    """An 8-bit greyscale PNG of a 2-D uint8 array: signature, IHDR, one IDAT, IEND."""
    h, w = gray.shape
    rows = b"".join(b"\x00" + gray[y].tobytes() for y in range(h))  # filter type 0 (none) before each row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)  # 8 bits, colour type 0 (grey), no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def to_bytes(images):
    """Floats in [0, 1] to uint8, rounded to the nearest step."""
    return np.clip(np.rint(np.asarray(images, dtype=np.float64) * 255), 0, 255).astype(np.uint8)


def file_names(target):
    """One name per face, in the given order: NNN_sPP_K.png; checks there are 10 faces of each of 40 people."""
    target = np.asarray(target).astype(int)
    counts = np.bincount(target, minlength=PEOPLE)
    if len(target) != PEOPLE * SHOTS or len(counts) != PEOPLE or (counts != SHOTS).any():
        raise Refused(f"expected {SHOTS} faces of each of {PEOPLE} people, got {len(target)} faces "
                      f"with counts {counts.tolist()}; is this the Olivetti set?")
    if (np.diff(target) < 0).any():
        raise Refused("the faces are not grouped by person (fetch them with shuffle=False)")
    return [f"{i:03d}_s{p:02d}_{i % SHOTS}.png" for i, p in enumerate(target)]


def write_folder(out, images, target):
    """Writes the PNG files and labels.csv into out; returns the file names."""
    images = to_bytes(images)
    if images.shape != (PEOPLE * SHOTS, SIZE, SIZE):
        raise Refused(f"expected images of shape (400, 64, 64), got {images.shape}")
    names = file_names(target)
    os.makedirs(out, exist_ok=True)
    # Another image in the folder would be trained on too and shift the held-out split: refuse it.
    ours = set(names) | {"labels.csv"}
    others = sorted(f for f in os.listdir(out) if f not in ours)
    if others:
        raise Refused(f"{out} already holds other files ({others[0]}, ...); give an empty or new folder")
    for name, face in zip(names, images):
        with open(os.path.join(out, name), "wb") as f:
            f.write(png_bytes(face))
    with open(os.path.join(out, "labels.csv"), "w") as f:
        f.write("file,subject,shot\n")
        for i, (name, p) in enumerate(zip(names, target)):
            f.write(f"{name},{int(p)},{i % SHOTS}\n")
    return names


def main(argv=None):
    ap = argparse.ArgumentParser(description="Write the 400 Olivetti faces (scikit-learn's 64 x 64 version) as PNG files.")
    ap.add_argument("out", nargs="?", default="olivetti-faces", help="folder to write (default: olivetti-faces)")
    ap.add_argument("--data-home", help="scikit-learn's download cache (default: ~/scikit_learn_data)")
    args = ap.parse_args(argv)
    try:
        images, target = load_faces(args.data_home)
        names = write_folder(args.out, images, target)
    except Refused as e:
        print(f"fetch_olivetti.py: {e}", file=sys.stderr)
        return 2
    print(f"wrote {len(names)} faces of {PEOPLE} people into {args.out} ({names[0]} ... {names[-1]}) and labels.csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
