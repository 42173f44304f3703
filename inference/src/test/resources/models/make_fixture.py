#!/usr/bin/python3
"""Makes the tiny TorchScript fixtures used by the inference model tests (org.roofline.inference.model).

Run from anywhere with Debian's torch (apt-get install python3-torch, torch 1.13):

    /usr/bin/python3 inference/src/test/resources/models/make_fixture.py

It writes, beside this script:

  tiny-seg.pt / tiny-seg.json
      A 3-layer conv net with seeded weights: input N x 3 x 64 x 64, output N x 1 x 64 x 64 logits. The last step
      resizes to a fixed 64 x 64, so a tile size other than 64 in the metadata gives a mismatching output shape.
  mean-2ch.pt / mean-2ch.json
      A weightless scripted model with a predictable output: m = mean of the input channels, output
      N x 2 x H x W = [-m, m] (any tile size, any channel count). With buildingChannel 1 and output "logits", a
      tile filled with v gives sigmoid(v) everywhere.

The files are deterministic for a given torch version and small (a few KB each).
"""
import json
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))


class TinySeg(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.head = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.head(x)
        return F.interpolate(x, size=(64, 64), mode="bilinear", align_corners=False)


class MeanTwoChannels(nn.Module):
    def forward(self, x):
        m = x.mean(dim=1, keepdim=True)
        return torch.cat([-m, m], dim=1)


def write_json(name, meta):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")


def main():
    torch.manual_seed(20240601)
    tiny = TinySeg().eval()
    with torch.no_grad():
        traced = torch.jit.trace(tiny, torch.zeros(1, 3, 64, 64))
    traced.save(os.path.join(HERE, "tiny-seg.pt"))
    write_json("tiny-seg.json", {
        "name": "Tiny segmentation fixture",
        "tileSize": 64,
        "overlap": 8,
        "metresPerPixel": 0.5,
        "bandOrder": [1, 2, 3],
        "normalization": {"kind": "mean_std", "mean": [128.0, 128.0, 128.0], "std": [64.0, 64.0, 64.0]},
        "output": "logits",
        "buildingChannel": 0,
        "threshold": 0.5,
    })

    scripted = torch.jit.script(MeanTwoChannels().eval())
    scripted.save(os.path.join(HERE, "mean-2ch.pt"))
    write_json("mean-2ch.json", {
        "name": "Mean of the input channels, two output channels [-mean, mean]",
        "tileSize": 32,
        "overlap": 0,
        "metresPerPixel": 1.0,
        "bandOrder": [1, 2, 3],
        "normalization": {"kind": "min_max", "min": [0.0, 0.0, 0.0], "max": [255.0, 255.0, 255.0]},
        "output": "logits",
        "buildingChannel": 1,
        "threshold": 0.5,
    })

    # Reference values for the tests: tiny-seg on a zero tile and on a ramp tile.
    with torch.no_grad():
        z = tiny(torch.zeros(1, 3, 64, 64))
        ramp = torch.arange(3 * 64 * 64, dtype=torch.float32).reshape(1, 3, 64, 64) / (3 * 64 * 64)
        r = tiny(ramp)
        loaded = torch.jit.load(os.path.join(HERE, "tiny-seg.pt"))
        assert torch.allclose(loaded(ramp), r)
    print("torch", torch.__version__)
    print("tiny-seg zero tile: logit[0,0]=%.8f logit[31,17]=%.8f" % (z[0, 0, 0, 0], z[0, 0, 31, 17]))
    print("tiny-seg ramp tile: logit[0,0]=%.8f logit[31,17]=%.8f logit[63,63]=%.8f"
          % (r[0, 0, 0, 0], r[0, 0, 31, 17], r[0, 0, 63, 63]))
    for name in ("tiny-seg.pt", "tiny-seg.json", "mean-2ch.pt", "mean-2ch.json"):
        print(name, os.path.getsize(os.path.join(HERE, name)), "bytes")


if __name__ == "__main__":
    main()
