#!/usr/bin/env python3
"""Checks a PNG screenshot of the HTML report: not blank, and the maps visible.

    python3 tools/check_screenshot.py screenshot.png

Decodes the PNG with the standard library only (zlib; 8-bit RGB or RGBA, non-interlaced, as
Chromium writes), looks at every second pixel of every second row, then requires (1) at least 5% of the pixels to differ from the page background
and (2) at least 2,000 pixels close to the map palette's colours (Okabe-Ito and Tol), which only
the maps and charts use. Prints the figures; exits 1 when a check fails.
"""
import struct
import sys
import zlib

PALETTE = ["0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "F0E442",
           "332288", "88CCEE", "44AA99", "117733", "999933", "DDCC77", "CC6677", "882255", "AA4499"]


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        previous = line
    return width, height, channels, rows


def main():
    width, height, channels, rows = read_png(sys.argv[1])
    palette = [tuple(int(h[k:k + 2], 16) for k in (0, 2, 4)) for h in PALETTE]
    background = (250, 250, 250)
    total = width * height
    different = coloured = 0
    # Every second pixel of every second row: a quarter of the pixels, counts scaled back.
    for line in rows[::2]:
        for x in range(0, width * channels, 2 * channels):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if abs(r - background[0]) + abs(g - background[1]) + abs(b - background[2]) <= 30:
                continue
            different += 4
            for pr, pg, pb in palette:
                if abs(r - pr) + abs(g - pg) + abs(b - pb) < 40:
                    coloured += 4
                    break
    share = different / total
    print(f"{width}x{height}: {share:.1%} of pixels differ from the background, {coloured} in map colours")
    ok = share >= 0.05 and coloured >= 2000
    print("screenshot OK" if ok else "screenshot FAILED: blank page or no map")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
