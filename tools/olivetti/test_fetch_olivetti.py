#!/usr/bin/env python3
"""Checks fetch_olivetti.py without the internet: scikit-learn's loader is replaced by random faces.

    python3 tools/olivetti/test_fetch_olivetti.py      (needs numpy only)
"""
import os
import struct
import sys
import tempfile
import unittest
import zlib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fetch_olivetti  # noqa: E402


def fake_faces(seed=0):
    """What fetch_olivetti_faces(shuffle=False) returns: 400 float32 images in [0, 1], 10 per person, in order."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(400, 64, 64)).astype(np.float32) / 255
    images[0, 0, :3] = [0.0, 1.0, 0.5]  # the ends of the range, and a value halfway between two steps
    return images, np.repeat(np.arange(40), 10)


def read_png(path):
    """(width, height, bit depth, colour type, pixels) of a PNG written with filter 0 on every row."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header = 8, b"", None
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + n]
        assert struct.unpack(">I", data[at + 8 + n:at + 12 + n])[0] == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        at += 12 + n
    w, h, depth, colour = header[:4]
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(h, w + 1)
    assert (raw[:, 0] == 0).all(), "filter type 0 on every row"
    return w, h, depth, colour, raw[:, 1:]


class FetchOlivettiTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.dir.name, "olivetti-faces")
        self.real_loader = fetch_olivetti.load_faces
        fetch_olivetti.load_faces = lambda data_home=None: fake_faces()

    def tearDown(self):
        fetch_olivetti.load_faces = self.real_loader
        self.dir.cleanup()

    def test_writes_400_grey_pngs_in_person_order_with_the_pixels_rounded(self):
        self.assertEqual(0, fetch_olivetti.main([self.out]))
        pngs = sorted(f for f in os.listdir(self.out) if f.endswith(".png"))
        self.assertEqual(400, len(pngs))
        self.assertEqual(["000_s00_0.png", "009_s00_9.png", "010_s01_0.png"], [pngs[0], pngs[9], pngs[10]])
        self.assertEqual("399_s39_9.png", pngs[-1])
        self.assertEqual([f"s{p:02d}" for p in range(36, 40)], sorted({f.split("_")[1] for f in pngs[-40:]}),
                         "the last 40 files (the held-out faces) are the last four people")
        images, _ = fake_faces()
        for i in (0, 123, 399):
            w, h, depth, colour, px = read_png(os.path.join(self.out, pngs[i]))
            self.assertEqual((64, 64, 8, 0), (w, h, depth, colour))
            np.testing.assert_array_equal(np.rint(images[i] * 255).astype(np.uint8), px)
        _, _, _, _, first = read_png(os.path.join(self.out, pngs[0]))
        self.assertEqual([0, 255, 128], first[0, :3].tolist())
        with open(os.path.join(self.out, "labels.csv")) as f:
            lines = f.read().splitlines()
        self.assertEqual(["file,subject,shot", "000_s00_0.png,0,0"], lines[:2])
        self.assertEqual("399_s39_9.png,39,9", lines[-1])

    def test_running_again_rewrites_the_same_files(self):
        self.assertEqual(0, fetch_olivetti.main([self.out]))
        self.assertEqual(0, fetch_olivetti.main([self.out]))
        self.assertEqual(401, len(os.listdir(self.out)))

    def test_a_folder_with_other_files_is_refused_with_exit_code_2(self):
        os.makedirs(self.out)
        open(os.path.join(self.out, "my-photo.png"), "wb").close()
        self.assertEqual(2, fetch_olivetti.main([self.out]))
        self.assertEqual(["my-photo.png"], os.listdir(self.out))

    def test_faces_not_grouped_by_person_are_refused(self):
        images, target = fake_faces()
        with self.assertRaises(fetch_olivetti.Refused):
            fetch_olivetti.write_folder(self.out, images, target[::-1])
        with self.assertRaises(fetch_olivetti.Refused):
            fetch_olivetti.write_folder(self.out, images[:399], target[:399])


if __name__ == "__main__":
    unittest.main()
