#!/usr/bin/env python3
"""Checks the HTML report in headless Chromium, as a reader would use it:

    python3 tools/check_report_interactive.py REPORT_DIR/index.html

Copies the page with a probe script that, once the page has loaded, (1) counts the opening
sentences of the summary, (2) presses the first map's zoom button and reads its viewBox before
and after, (3) searches for the name on the first map label of the last map (a member on the
member map) with the page's own search and counts the circles it outlines, (4) picks the second
entry of the member map's "Colour by" menu (when it has one) and counts the circles refilled and
the legends shown, (5) counts the tables and their "Download CSV" buttons, and (6) collects every
script error. It prints the page with
`chromium --headless --dump-dom`, reads the probe's findings, prints them, and exits 1 unless:
at least five opening sentences, the zoom changed the view, the search found and outlined at
least one circle, the colouring switch refilled circles and showed only the chosen legend, every
table has its button, and no script error occurred.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = """<script>
window.__errors = [];
window.addEventListener('error', event => window.__errors.push(String(event.message)));
window.addEventListener('load', () => {
  const out = { errors: window.__errors };
  out.sentences = document.querySelectorAll('ul.narrative li').length;
  out.ready = document.body.dataset.interactive || '';
  const svgs = document.querySelectorAll('figure.map .svg svg');
  if (svgs.length) {
    const svg = svgs[0];
    out.viewBefore = svg.getAttribute('viewBox');
    const button = svg.parentNode.parentNode.querySelector('.map-controls button');
    if (button) button.click();
    out.viewAfter = svg.getAttribute('viewBox');
    const labels = svgs[svgs.length - 1].querySelectorAll('g.node.label text');
    out.query = labels.length ? labels[0].textContent : '';
    out.found = window.meshworkSearch && out.query ? window.meshworkSearch(out.query) : 0;
    out.outlined = document.querySelectorAll('g.node.found').length;
  }
  // The member map's "Colour by" menu: pick its second colouring, count the circles refilled and
  // the legends shown.
  const select = document.querySelector('select.colour-by');
  out.colourings = select ? select.options.length : 0;
  if (select && select.options.length > 1) {
    const figure = select.closest('figure');
    const fills = () => Array.from(figure.querySelectorAll('.svg g.node:not(.label) ellipse')).map(e => e.getAttribute('fill'));
    const before = fills();
    select.value = '1';
    select.dispatchEvent(new Event('change'));
    const after = fills();
    out.refilled = before.filter((fill, i) => fill !== after[i]).length;
    out.legendsShown = Array.from(figure.querySelectorAll('ul.legend')).filter(ul => !ul.hidden).map(ul => ul.dataset.colouring);
    out.colouredBy = figure.dataset.colouring;
    out.captionWord = (figure.querySelector('.coloured-by') || {}).textContent;
  }
  out.tables = document.querySelectorAll('main table').length;
  out.csvButtons = document.querySelectorAll('button.csv').length;
  const pre = document.createElement('pre');
  pre.id = 'meshwork-probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>
"""


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 64
    page = sys.argv[1]
    html = open(page, encoding="utf-8").read()
    work = tempfile.mkdtemp()
    try:
        probe = os.path.join(work, "index.html")
        with open(probe, "w", encoding="utf-8") as f:
            f.write(html.replace("<body>", "<body>" + PROBE, 1))
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000",
                              "--virtual-time-budget=10000", "--dump-dom", "file://" + probe],
                             capture_output=True, text=True, timeout=180).stdout
    finally:
        shutil.rmtree(work, ignore_errors=True)
    match = re.search(r'<pre id="meshwork-probe">([^<]*)</pre>', dom)
    if not match:
        print("check-report-interactive: the probe did not run (no output from Chromium)")
        return 1
    found = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    print("check-report-interactive:", json.dumps(found))
    problems = []
    if found.get("sentences", 0) < 5:
        problems.append("fewer than five opening sentences")
    if found.get("ready") != "ready":
        problems.append("the page's script did not finish")
    if not found.get("viewBefore") or found.get("viewBefore") == found.get("viewAfter"):
        problems.append("zoom did not change the first map's view")
    if found.get("found", 0) < 1 or found.get("outlined", 0) < 1:
        problems.append(f"search for {found.get('query')!r} outlined no circle")
    if found.get("colourings", 0) > 1:
        if found.get("refilled", 0) < 1:
            problems.append("switching the member map's colouring refilled no circle")
        if found.get("legendsShown") != ["1"] or found.get("captionWord") != found.get("colouredBy"):
            problems.append("switching the member map's colouring did not switch its legend and caption")
    if found.get("csvButtons") != found.get("tables"):
        problems.append("a table has no Download CSV button")
    if found.get("errors"):
        problems.append("script errors: " + "; ".join(found["errors"]))
    for problem in problems:
        print("check-report-interactive: FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
