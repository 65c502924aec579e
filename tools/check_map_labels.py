#!/usr/bin/env python3
"""Measures the map labels of an HTML report as Chromium lays it out at 1280 px: every label's
font size in CSS pixels (its font size times the SVG's scale on the page), and whether its box
lies inside its drawing (a cut label does not).

    python3 tools/check_map_labels.py REPORT_DIR/index.html [--minimum 11]

Copies the page with a script appended that writes the measurements into the DOM, prints it with
`chromium --headless --dump-dom`, and exits 1 when a label is smaller than the minimum or cut,
or when the page has no label at all.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

SCRIPT = """<script>
window.addEventListener('load', () => {
  const rows = [];
  document.querySelectorAll('figure.map svg').forEach((svg, figure) => {
    const frame = svg.getBoundingClientRect();
    svg.querySelectorAll('g.node text').forEach(text => {
      const size = parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a;
      const box = text.getBoundingClientRect();
      const inside = box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5 &&
                     box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5;
      rows.push(figure + '\\t' + size.toFixed(2) + '\\t' + (inside ? 'inside' : 'cut') + '\\t' + text.textContent);
    });
  });
  const out = document.createElement('pre');
  out.id = 'label-check';
  out.textContent = rows.join('\\n');
  document.body.appendChild(out);
});
</script>"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("--minimum", type=float, default=11)
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    try:
        copy = os.path.join(folder, "page.html")
        html = open(args.page, encoding="utf-8").read()
        open(copy, "w", encoding="utf-8").write(html.replace("</body>", SCRIPT + "</body>"))
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              "--window-size=1280,2000", "--virtual-time-budget=5000", "--dump-dom",
                              "file://" + copy], capture_output=True, text=True, timeout=120).stdout
    finally:
        shutil.rmtree(folder)
    found = re.search(r'<pre id="label-check">(.*?)</pre>', dom, re.S)
    rows = [line.split("\t", 3) for line in (found.group(1).splitlines() if found else []) if line]
    if not rows:
        print("no map label found")
        return 1
    small = [r for r in rows if float(r[1]) < args.minimum]
    cut = [r for r in rows if r[2] == "cut"]
    print(f"{len(rows)} map labels; smallest {min(float(r[1]) for r in rows):.2f} px; "
          f"{len(small)} below {args.minimum:g} px; {len(cut)} cut")
    for r in (small + cut)[:10]:
        print(f"  map {r[0]}: {r[3]!r} {r[1]} px, {r[2]}")
    return 1 if small or cut else 0


if __name__ == "__main__":
    sys.exit(main())
