"""charts.py -- the two SVG charts of compare.py (standard library only, deterministic output).

ratio_chart: one horizontal bar per (graph, kernel), Meshwork's time over the faster anchor's on a
log scale, with that kernel's goal drawn as a line across the bar's row; bars past the goal are red,
bars of kernels too fast to gate grey.
times_chart: one small panel per kernel, seconds against the graph's edges (both logarithmic), one
line per implementation, so the growth with the input reads as a slope (1 = linear).
"""
import math
import os
from xml.sax.saxutils import escape

COLOURS = {"Meshwork": "#1f5fa8", "igraph": "#d1731f", "networkit": "#3a9a4a", "leidenalg": "#8a5fb0"}
FONT = 'font-family="Helvetica, Arial, sans-serif"'


def _svg(width, height, body):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">\n'
            '<rect width="100%%" height="100%%" fill="white"/>\n%s\n</svg>\n' % (width, height, width, height,
                                                                             "\n".join(body)))


def _write(path, text):
    with open(path + ".partial", "w") as f:
        f.write(text)
    os.replace(path + ".partial", path)


def ratio_chart(rows, path):
    """rows: (graph, kernel, ratio, goal, gated). Log2 axis from 1/64 to 8; grey = not gated."""
    lo, hi = -6.0, 3.0
    left, right, top, row_h = 230, 40, 40, 16
    width = 900
    plot_w = width - left - right
    height = top + row_h * len(rows) + 50

    def x(r):
        return left + (min(max(math.log2(r), lo), hi) - lo) / (hi - lo) * plot_w
    body = ['<text x="%d" y="22" %s font-size="14" font-weight="bold">Meshwork time / the faster anchor '
            '(log scale; line = goal; below 1 = Meshwork faster; grey = under 1 ms, not gated)</text>' % (left, FONT)]
    for e in range(int(lo), int(hi) + 1):
        xx = x(2.0 ** e)
        label = ("1/%d" % 2 ** -e) if e < 0 else "%d" % 2 ** e
        body.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (xx, top - 4, xx, top + row_h * len(rows)))
        body.append('<text x="%.1f" y="%d" %s font-size="11" text-anchor="middle">%sx</text>'
                    % (xx, top + row_h * len(rows) + 16, FONT, label))
    for i, (graph, kernel, ratio, goal, gated) in enumerate(rows):
        y = top + i * row_h
        colour = "#9e9e9e" if not gated else "#c62828" if ratio > goal else "#2e7d32"
        body.append('<text x="%d" y="%d" %s font-size="11" text-anchor="end">%s  %s</text>'
                    % (left - 6, y + 12, FONT, escape(graph), escape(kernel)))
        body.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>' % (
            left, y + 3, max(x(ratio) - left, 1), row_h - 5, colour))
        body.append('<text x="%.1f" y="%d" %s font-size="10">%.2fx</text>' % (
            min(x(ratio), left + plot_w - 30) + 3, y + 12, FONT, ratio))
        body.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="black" stroke-width="2"/>' % (
            x(goal), y + 1, x(goal), y + row_h - 1))
    _write(path, _svg(width, height, body))


def times_chart(series, path, title="Seconds per kernel against the graph's edges (log-log; fastest run)",
                unit="s", xlabel="x: edges of the graph; each point is one graph of the run (hover for its name)"):
    """series: {kernel: {implementation: [(x, y, point name)]}}, x = edges by default, y = seconds."""
    kernels = list(series)
    cols, pw, ph, gap = 4, 230, 170, 55
    rows_n = max(1, math.ceil(len(kernels) / cols))
    width, height = cols * (pw + gap) + 40, rows_n * (ph + 2 * gap) + 70
    points = [p for per in series.values() for pts in per.values() for p in pts]
    if not points:
        _write(path, _svg(width, 60, ['<text x="10" y="30" %s>no data</text>' % FONT]))
        return
    ex_lo = math.floor(math.log10(min(p[0] for p in points)))
    ex_hi = math.ceil(math.log10(max(p[0] for p in points)))
    body = ['<text x="20" y="24" %s font-size="14" font-weight="bold">%s</text>' % (FONT, escape(title))]
    lx = 20
    for who, colour in COLOURS.items():
        body.append('<rect x="%d" y="34" width="12" height="12" fill="%s"/><text x="%d" y="45" %s font-size="12">%s'
                    '</text>' % (lx, colour, lx + 16, FONT, who))
        lx += 110
    for idx, kernel in enumerate(kernels):
        ox = 55 + (idx % cols) * (pw + gap)
        oy = 70 + (idx // cols) * (ph + 2 * gap)
        ts = [p[1] for pts in series[kernel].values() for p in pts]
        ty_lo = math.floor(math.log10(max(min(ts), 1e-6)))
        ty_hi = max(math.ceil(math.log10(max(max(ts), 1e-6))), ty_lo + 1)

        def px(e):
            return ox + (math.log10(e) - ex_lo) / max(ex_hi - ex_lo, 1) * pw

        def py(t):
            return oy + ph - (math.log10(max(t, 1e-6)) - ty_lo) / (ty_hi - ty_lo) * ph
        body.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#999"/>' % (ox, oy, pw, ph))
        body.append('<text x="%d" y="%d" %s font-size="12" font-weight="bold">%s</text>'
                    % (ox, oy - 6, FONT, escape(kernel)))
        for e in range(ty_lo, ty_hi + 1):
            body.append('<text x="%d" y="%.1f" %s font-size="9" text-anchor="end">1e%d %s</text>'
                        % (ox - 3, py(10.0 ** e) + 3, FONT, e, unit))
        for e in range(ex_lo, ex_hi + 1):
            body.append('<text x="%.1f" y="%d" %s font-size="9" text-anchor="middle">1e%d</text>'
                        % (px(10.0 ** e), oy + ph + 12, FONT, e))
        for who, pts in sorted(series[kernel].items()):
            pts = sorted(pts)
            colour = COLOURS.get(who, "#555")
            if len(pts) > 1:
                body.append('<polyline fill="none" stroke="%s" stroke-width="1.5" points="%s"/>' % (
                    colour, " ".join("%.1f,%.1f" % (px(e), py(t)) for e, t, _ in pts)))
            for e, t, name in pts:
                body.append('<circle cx="%.1f" cy="%.1f" r="2.5" fill="%s"><title>%s %s: %.4g %s</title></circle>'
                            % (px(e), py(t), colour, escape(who), escape(name), t, unit))
    body.append('<text x="20" y="%d" %s font-size="11">%s</text>' % (height - 8, FONT, escape(xlabel)))
    _write(path, _svg(width, height, body))
