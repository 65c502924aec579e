#!/usr/bin/env python3
"""Measures the map labels of an HTML report as Chromium lays it out at 1280 px: every label's
font size in CSS pixels (its font size times the SVG's scale on the page), whether its box
lies inside its drawing (a cut label does not), and how far a placed label's box is from its own
circle (CSS pixels).

    python3 tools/check_map_labels.py REPORT_DIR/index.html [--minimum 11] [--gap 6]

Copies the page with a script appended that writes the measurements into the DOM, prints it with
`chromium --headless --dump-dom`, and exits 1 when a label is smaller than the minimum, cut or
more than --gap px from its circle, or when the page has no label at all.
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
      // The gap between a placed label's box and its own circle, CSS px (-1: not a placed label).
      let gap = -1;
      const holder = text.closest('g.node.label');
      const circle = holder && holder.id.startsWith('l-') ? svg.querySelector('[id="n-' + holder.id.slice(2) + '"] ellipse') : null;
      if (circle) {
        const a = holder.querySelector('polygon').getBoundingClientRect(), c = circle.getBoundingClientRect();
        const r = c.width / 2, cx = c.left + r, cy = c.top + c.height / 2;
        const dx = Math.max(a.left - cx, 0, cx - a.right), dy = Math.max(a.top - cy, 0, cy - a.bottom);
        gap = Math.max(0, Math.hypot(dx, dy) - r);
      }
      rows.push(figure + '\\t' + size.toFixed(2) + '\\t' + (inside ? 'inside' : 'cut') + '\\t' + gap.toFixed(2) + '\\t' + text.textContent);
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
    parser.add_argument("--gap", type=float, default=6, help="most CSS px between a label and its circle")
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
    rows = [line.split("\t", 4) for line in (found.group(1).splitlines() if found else []) if line]
    if not rows:
        print("no map label found")
        return 1
    small = [r for r in rows if float(r[1]) < args.minimum]
    cut = [r for r in rows if r[2] == "cut"]
    placed = [float(r[3]) for r in rows if float(r[3]) >= 0]
    away = [r for r in rows if float(r[3]) > args.gap]
    print(f"{len(rows)} map labels; smallest {min(float(r[1]) for r in rows):.2f} px; "
          f"{len(small)} below {args.minimum:g} px; {len(cut)} cut; "
          f"largest gap to its circle {max(placed, default=0):.1f} px, {len(away)} above {args.gap:g} px")
    for r in (small + cut + away)[:10]:
        print(f"  map {r[0]}: {r[4]!r} {r[1]} px, {r[2]}, {r[3]} px from its circle")
    return 1 if small or cut or away else 0


if __name__ == "__main__":
    sys.exit(main())
