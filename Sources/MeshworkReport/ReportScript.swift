/// The report's script: exploring the page without any network access. It only adds to a page
/// that already shows everything without it:
///
/// - every map pans (drag) and zooms (wheel, or the + / − / reset buttons it adds), by changing the
///   SVG's `viewBox`;
/// - a search box in the header finds members and groups by name or id (any part, any case),
///   outlines every match, scrolls to the first and zooms to it;
/// - clicking a circle shows its name and figures (the tooltip Graphviz wrote) in a panel;
/// - a member map with several colourings (its figure holds their fills as JSON, and one legend
///   each, all but the first `hidden`) gets a "Colour by" menu that refills its circles, shows that
///   colouring's legend and rewrites the caption's level;
/// - every table gets a "Download CSV" button (RFC 4180; a cell's `data-value`, the full-precision
///   number, when it has one, else its text).
///
/// It keeps its state in the DOM (`data-` attributes and classes), so that a headless browser can
/// check it (tools/check_report_interactive.py).
enum ReportScript {
    static let css = """
    .map-controls { text-align: right; margin: 0.2em 0; } .map-controls button { font-size: 1em; min-width: 2em; margin-left: 0.2em; cursor: pointer; }
    figure.map .svg svg { cursor: grab; touch-action: none; } figure.map .svg svg.dragging { cursor: grabbing; }
    g.node.found ellipse, g.node.found polygon { stroke: #d00000 !important; stroke-width: 4 !important; }
    #search { margin-top: 0.6em; } #search input { font-size: 1em; padding: 0.25em 0.5em; width: 22em; max-width: 80%; border-radius: 4px; border: 0; }
    #search output { margin-left: 0.6em; color: #cde4f5; }
    #details { position: fixed; right: 1em; bottom: 1em; max-width: 24em; background: white; border: 1px solid #999; border-radius: 6px; padding: 0.6em 1em; box-shadow: 0 2px 8px rgba(0,0,0,0.25); display: none; }
    #details.shown { display: block; } #details button { float: right; border: 0; background: none; font-size: 1.2em; cursor: pointer; }
    button.csv { font-size: 0.85em; margin: -0.5em 0 1em; cursor: pointer; }
    .map-controls label { margin-right: 1em; } .map-controls select { font-size: 1em; margin-left: 0.3em; }

    """

    static let javascript = #"""
    (function () {
      'use strict';
      const maps = Array.from(document.querySelectorAll('figure.map .svg svg'));
      function viewBox(svg) { return svg.getAttribute('viewBox').split(/[ ,]+/).map(Number); }
      function setViewBox(svg, box) { svg.setAttribute('viewBox', box.map(v => v.toFixed(2)).join(' ')); }
      function zoom(svg, factor, cx, cy) {
        const [x, y, w, h] = viewBox(svg);
        if (cx === undefined) { cx = x + w / 2; cy = y + h / 2; }
        setViewBox(svg, [cx - (cx - x) * factor, cy - (cy - y) * factor, w * factor, h * factor]);
      }
      maps.forEach(svg => {
        const home = svg.getAttribute('viewBox');
        svg.dataset.home = home;
        const controls = document.createElement('div');
        controls.className = 'map-controls';
        [['+', 'Zoom in', () => zoom(svg, 0.7)], ['−', 'Zoom out', () => zoom(svg, 1 / 0.7)],
         ['Reset', 'Show the whole map', () => svg.setAttribute('viewBox', home)]].forEach(([text, title, act]) => {
          const button = document.createElement('button');
          button.type = 'button'; button.textContent = text; button.title = title;
          button.addEventListener('click', act);
          controls.appendChild(button);
        });
        svg.parentNode.parentNode.insertBefore(controls, svg.parentNode);
        svg.addEventListener('wheel', event => {
          event.preventDefault();
          const rect = svg.getBoundingClientRect(), [x, y, w, h] = viewBox(svg);
          zoom(svg, event.deltaY < 0 ? 0.8 : 1.25,
               x + (event.clientX - rect.left) / rect.width * w, y + (event.clientY - rect.top) / rect.height * h);
        }, { passive: false });
        let drag = null;
        svg.addEventListener('pointerdown', event => {
          drag = { x: event.clientX, y: event.clientY, box: viewBox(svg), moved: false };
        });
        svg.addEventListener('pointermove', event => {
          if (!drag) return;
          const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
          if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
          drag.moved = true; svg.classList.add('dragging');
          const rect = svg.getBoundingClientRect(), [x, y, w, h] = drag.box;
          setViewBox(svg, [x - dx / rect.width * w, y - dy / rect.height * h, w, h]);
        });
        window.addEventListener('pointerup', () => { if (drag) { svg.classList.remove('dragging'); } drag = null; });
      });

      // Colourings: refill the member map's circles by another level.
      document.querySelectorAll('figure.map').forEach(figure => {
        const data = figure.querySelector('script.colourings'), svg = figure.querySelector('.svg svg');
        const controls = figure.querySelector('.map-controls');
        if (!data || !svg || !controls) return;
        const spec = JSON.parse(data.textContent);
        const byId = new Map();
        svg.querySelectorAll('g.node').forEach(g => { if (!g.classList.contains('label')) byId.set(g.id, g.querySelector('ellipse, polygon')); });
        const shapes = spec.ids.map(id => byId.get(id));
        const legends = Array.from(figure.querySelectorAll('ul.legend[data-colouring]'));
        const word = figure.querySelector('.coloured-by');
        const label = document.createElement('label');
        label.textContent = 'Colour by';
        const select = document.createElement('select');
        select.className = 'colour-by';
        spec.levels.forEach((level, k) => {
          const option = document.createElement('option');
          option.value = String(k); option.textContent = level.title;
          select.appendChild(option);
        });
        function apply(k) {
          const level = spec.levels[k];
          shapes.forEach((shape, v) => { if (shape) shape.setAttribute('fill', level.colours[level.fills[v]]); });
          legends.forEach((legend, i) => { legend.hidden = i !== k; });
          if (word) word.textContent = level.word;
          figure.dataset.colouring = level.word;
        }
        select.addEventListener('change', () => apply(Number(select.value)));
        label.appendChild(select);
        controls.insertBefore(label, controls.firstChild);
        figure.dataset.colouring = spec.levels[0].word;
      });

      // Circles (not label boxes) with their tooltip text.
      const nodes = [];
      maps.forEach(svg => svg.querySelectorAll('g.node').forEach(g => {
        if (g.classList.contains('label')) return;
        const link = g.querySelector('a');
        const text = link ? (link.getAttribute('xlink:title') || link.getAttribute('title') || '') : '';
        if (text) nodes.push({ g, svg, text, lower: text.toLowerCase() });
      }));

      const details = document.createElement('aside');
      details.id = 'details';
      details.setAttribute('role', 'status');
      document.body.appendChild(details);
      function show(text) {
        details.innerHTML = '';
        const close = document.createElement('button');
        close.type = 'button'; close.textContent = '×'; close.title = 'Close';
        close.addEventListener('click', () => details.classList.remove('shown'));
        details.appendChild(close);
        text.split(' · ').forEach((part, i) => {
          const line = document.createElement(i === 0 ? 'strong' : 'div');
          line.textContent = part;
          details.appendChild(line);
        });
        details.classList.add('shown');
      }
      nodes.forEach(node => node.g.addEventListener('click', event => { event.preventDefault(); show(node.text); }));

      function focus(node) {
        const shape = node.g.querySelector('ellipse, polygon');
        if (!shape) return;
        const box = shape.getBBox(), matrix = node.g.closest('g.graph').transform.baseVal.consolidate();
        const cx = box.x + box.width / 2 + (matrix ? matrix.matrix.e : 0), cy = box.y + box.height / 2 + (matrix ? matrix.matrix.f : 0);
        const [, , hw, hh] = node.svg.dataset.home.split(/[ ,]+/).map(Number);
        const w = Math.max(hw / 4, box.width * 8), h = w * hh / hw;
        setViewBox(node.svg, [cx - w / 2, cy - h / 2, w, h]);
        node.svg.closest('figure').scrollIntoView({ block: 'center' });
      }
      const header = document.querySelector('header');
      if (header && nodes.length) {
        const form = document.createElement('form');
        form.id = 'search';
        form.setAttribute('role', 'search');
        const input = document.createElement('input');
        input.type = 'search'; input.placeholder = 'Find a member or group by name or id'; input.setAttribute('aria-label', 'Find a member or group');
        const output = document.createElement('output');
        form.appendChild(input); form.appendChild(output);
        header.appendChild(form);
        function search(query) {
          const q = query.trim().toLowerCase();
          const found = q ? nodes.filter(node => node.lower.includes(q)) : [];
          nodes.forEach(node => node.g.classList.toggle('found', found.includes(node)));
          output.textContent = q ? (found.length ? found.length + (found.length === 1 ? ' match' : ' matches') : 'no match') : '';
          document.body.dataset.found = String(found.length);
          return found;
        }
        input.addEventListener('input', () => search(input.value));
        form.addEventListener('submit', event => {
          event.preventDefault();
          const found = search(input.value);
          if (found.length) { focus(found[0]); show(found[0].text); }
        });
        window.meshworkSearch = query => { input.value = query; const found = search(query); if (found.length) focus(found[0]); return found.length; };
      }

      // Tables out, as CSV.
      document.querySelectorAll('main table').forEach((table, index) => {
        const button = document.createElement('button');
        button.type = 'button'; button.className = 'csv'; button.textContent = 'Download CSV';
        const section = table.closest('section');
        const name = (section ? section.id : 'table') + '-' + (index + 1) + '.csv';
        button.addEventListener('click', () => {
          const quote = cell => /[",\n\r]/.test(cell) ? '"' + cell.replace(/"/g, '""') + '"' : cell;
          const rows = Array.from(table.rows).map(row => Array.from(row.cells)
            .map(cell => quote(cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent)).join(','));
          const link = document.createElement('a');
          link.href = URL.createObjectURL(new Blob([rows.join('\n') + '\n'], { type: 'text/csv' }));
          link.download = name;
          document.body.appendChild(link); link.click(); link.remove();
        });
        table.parentNode.insertBefore(button, table.nextSibling);
      });
      document.body.dataset.interactive = 'ready';
    })();

    """#
}
