// The nn4j dashboard page: keeps the runs the server streams (/events), draws them with uPlot.
// Every name and label from the server is put into the page as text (textContent), never as HTML.
'use strict';
(function () {
  const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#db2777', '#65a30d'];
  const HEIGHT = 220;
  const runs = new Map();          // id → {id, name, status, info, progress, series: {key: {x, y}}, confusion}
  const hidden = new Set();        // ids left out of the comparison charts
  const charts = new Map();        // key → {plot, signature, element}
  let focus = null;                // the run whose layers, confusion matrix and settings are shown
  let focusChosen = false;
  let scheduled = false;

  const $ = (selector) => document.querySelector(selector);
  const color = (id) => PALETTE[(id - 1) % PALETTE.length];
  const element = (tag, text, className) => {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) made.textContent = String(text);
    if (className) made.className = className;
    return made;
  };
  const number = (v) => v === null || v === undefined || !isFinite(v) ? '–'
    : Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-US') : Number(v.toPrecision(4)).toString();
  const duration = (s) => {
    if (s === null || s === undefined || !isFinite(s)) return '–';
    s = Math.round(s);
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return (h > 0 ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
  };

  function merge(update) {
    const ids = new Set(update.ids);
    for (const id of [...runs.keys()]) if (!ids.has(id)) runs.delete(id);
    for (const r of update.runs) {
      let run = runs.get(r.id);
      if (!run) { run = { id: r.id, series: {}, info: null }; runs.set(r.id, run); }
      run.name = r.name; run.status = r.status; run.stopReason = r.stopReason; run.progress = r.progress;
      if (r.info) run.info = r.info;
      if (r.confusion) run.confusion = r.confusion;
      for (const [key, s] of Object.entries(r.series)) {
        const kept = run.series[key];
        if (!kept || s.from === 0) {
          run.series[key] = { x: s.x.slice(), y: s.y.slice() };
        } else {
          kept.x.length = s.from; kept.y.length = s.from;
          for (let i = 0; i < s.x.length; i++) { kept.x.push(s.x[i]); kept.y.push(s.y[i]); }
        }
      }
    }
    if (!runs.has(focus) || !focusChosen) focus = runs.size ? Math.max(...runs.keys()) : null;
    schedule();
  }

  function schedule() {
    if (!scheduled) { scheduled = true; requestAnimationFrame(() => { scheduled = false; render(); }); }
  }

  function render() {
    renderRuns();
    renderComparison();
    renderLayers();
    renderConfusion();
    renderInfo();
  }

  // ----- run cards -----
  function renderRuns() {
    const box = $('#runs');
    if (runs.size && box.querySelector('.empty')) box.textContent = '';
    for (const card of [...box.querySelectorAll('.run')]) if (!runs.has(Number(card.dataset.runId))) card.remove();
    for (const run of runs.values()) {
      let card = box.querySelector('.run[data-run-id="' + run.id + '"]');
      if (!card) card = box.appendChild(runCard(run));
      card.classList.toggle('focused', run.id === focus);
      card.querySelector('.name').textContent = run.name;
      card.querySelector('.status').textContent = run.status + (run.stopReason ? ' (' + run.stopReason + ')' : '');
      const p = run.progress || {}, info = run.info || {};
      const epochs = info.settings && info.settings.epochs ? '/' + info.settings.epochs : '';
      card.querySelector('.facts').textContent = 'epoch ' + p.epoch + epochs + ' · step ' + number(p.step)
        + (info.totalSteps ? '/' + number(info.totalSteps) : '') + ' · ' + number(p.samplesPerSecond) + ' samples/s · '
        + (run.status === 'training' ? duration(p.etaSeconds) + ' left' : duration(p.elapsedSeconds) + ' elapsed')
        + ' · dashboard cost ' + number(100 * (p.overhead || 0)) + ' %';
      const last = [];
      for (const metric of ['loss', 'val_loss', 'accuracy', 'val_accuracy']) {
        const s = run.series['epoch/' + metric];
        if (s && s.y.length) last.push(metric + ' ' + number(s.y[s.y.length - 1]));
      }
      card.querySelector('.last').textContent = last.length ? 'last epoch: ' + last.join(' · ') : 'no epoch finished yet';
    }
  }

  function runCard(run) {
    const card = element('div', null, 'run');
    card.dataset.runId = run.id;
    card.style.setProperty('--run-color', color(run.id));
    const title = card.appendChild(element('div', null, 'title'));
    const shown = title.appendChild(element('input'));
    shown.type = 'checkbox'; shown.checked = !hidden.has(run.id); shown.title = 'show in the comparison charts';
    shown.addEventListener('change', () => { if (shown.checked) hidden.delete(run.id); else hidden.add(run.id); schedule(); });
    title.appendChild(element('span', run.name, 'name'));
    title.appendChild(element('span', '', 'status'));
    card.appendChild(element('div', '', 'facts'));
    card.appendChild(element('div', '', 'last'));
    const actions = card.appendChild(element('div'));
    const show = actions.appendChild(element('a', 'show its layers'));
    show.href = '#layers';
    show.addEventListener('click', () => { focus = run.id; focusChosen = true; schedule(); });
    actions.appendChild(document.createTextNode(' · '));
    const save = actions.appendChild(element('a', 'download for replay'));
    save.href = '/api/runs/' + run.id + '.json';
    save.setAttribute('download', '');
    return card;
  }

  // ----- charts -----
  function join(lines) {
    const xs = [...new Set(lines.flatMap((line) => line.x))].sort((a, b) => a - b);
    const at = new Map(xs.map((x, i) => [x, i]));
    const data = [xs];
    for (const line of lines) {
      const ys = new Array(xs.length).fill(null);
      for (let i = 0; i < line.x.length; i++) {
        const y = line.y[i];
        ys[at.get(line.x[i])] = line.log && !(y > 0) ? null : y;
      }
      data.push(ys);
    }
    return data;
  }

  function draw(key, box, lines, options) {
    const o = options || {};
    const signature = JSON.stringify([lines.map((l) => [l.label, l.color, l.dash, l.width, l.scale, l.x.length <= 60]), o]);
    const data = join(lines);
    let chart = charts.get(key);
    if (chart && (chart.signature !== signature || !document.body.contains(chart.element))) {
      chart.plot.destroy(); charts.delete(key); chart = null;
    }
    if (!chart) {
      box.textContent = '';
      if (!lines.length) { box.appendChild(element('p', o.empty || 'nothing to show yet', 'unavailable')); return; }
      const scales = { x: { time: false }, y: o.log ? { distr: 3 } : {} };
      const axes = [{ label: o.x || 'step' }, { scale: 'y', size: 60 }];
      if (o.share) { scales.share = { range: [0, 1] }; axes.push({ scale: 'share', side: 1, grid: { show: false }, size: 44 }); }
      const plot = new uPlot({
        width: Math.max(box.clientWidth, 300), height: HEIGHT, scales, axes,
        series: [{ label: o.x || 'step' }].concat(lines.map((l) => ({
          label: l.label, stroke: l.color, width: l.width || 1.5, dash: l.dash, scale: l.scale || 'y',
          spanGaps: true, points: { show: !!o.points && l.x.length <= 60 }
        })))
      }, data, box);
      box.__uplot = plot;
      chart = { plot, signature, element: box };
      charts.set(key, chart);
    } else {
      chart.plot.setData(data);
    }
  }

  const series = (run, key) => run.series[key] || { x: [], y: [] };
  const shownRuns = () => [...runs.values()].filter((run) => !hidden.has(run.id));

  function renderComparison() {
    const byRun = (keys, style) => shownRuns().flatMap((run) => keys
      .filter((key) => run.series[key])
      .map((key) => Object.assign({ label: run.name + ' ' + key.split('/')[1], color: color(run.id) },
        style(key), series(run, key))));
    const plot = (name) => $('[data-chart="' + name + '"] .plot');
    draw('step-loss', plot('step-loss'), shownRuns().flatMap((run) => ['step/loss', 'step/loss_smooth']
      .filter((key) => run.series[key])
      .map((key) => Object.assign(key.endsWith('smooth')
        ? { label: run.name + ' smoothed', color: color(run.id), width: 2.5 }
        : { label: run.name + ' loss', color: color(run.id) + '55', width: 1 }, series(run, key)))));
    draw('epoch-loss', plot('epoch-loss'), byRun(['epoch/loss', 'epoch/val_loss'],
      (key) => key.includes('val_') ? { dash: [6, 4] } : {}), { x: 'epoch', points: true });
    draw('epoch-metrics', plot('epoch-metrics'), byRun(['epoch/accuracy', 'epoch/val_accuracy'],
      (key) => key.includes('val_') ? { dash: [6, 4] } : {}), { x: 'epoch', points: true, empty: 'no accuracy: not a classifier' });
    draw('step-lr', plot('step-lr'), byRun(['step/lr'], () => ({})));
    draw('step-speed', plot('step-speed'), byRun(['step/samples_per_second'], () => ({})));
    const run = runs.get(focus);
    const layers = run && run.info ? run.info.layers.filter((l) => l.panel === 'weights') : [];
    draw('update-ratio-' + focus, plot('update-ratio'), layers.filter((l) => run.series['layer/' + l.index + '/update_ratio'])
      .map((l, i) => Object.assign({ label: l.name, color: PALETTE[i % PALETTE.length], log: true },
        series(run, 'layer/' + l.index + '/update_ratio'))), { log: true, empty: 'no update measured yet' });
    for (const name of document.querySelectorAll('.focus-name')) name.textContent = run ? run.name : '';
  }

  // ----- layer panels of the focused run -----
  function renderLayers() {
    const box = $('#layers');
    const run = runs.get(focus);
    const layers = run && run.info ? run.info.layers.filter((l) => l.panel !== 'none') : [];
    if (box.dataset.run !== String(focus) || box.children.length !== layers.length) {
      box.textContent = '';
      box.dataset.run = String(focus);
      for (const layer of layers) {
        const card = box.appendChild(element('figure', null, 'card layer'));
        card.dataset.layer = layer.name;
        const caption = card.appendChild(element('figcaption', layer.name + ' '));
        caption.appendChild(element('span', layer.text, 'layer-type'));
        card.appendChild(element('div', null, 'plot'));
      }
    }
    layers.forEach((layer, i) => {
      const plot = box.children[i].querySelector('.plot');
      const prefix = (layer.panel === 'weights' ? 'layer/' : 'activation/') + layer.index + '/';
      const line = (name, label, colour, extra) => run.series[prefix + name]
        ? [Object.assign({ label, color: colour }, extra || {}, series(run, prefix + name))] : [];
      if (layer.panel === 'weights') {
        draw('layer-' + focus + '-' + layer.index, plot, [].concat(
          line('weight_norm', '‖W‖', '#2563eb', { log: true }),
          line('gradient_norm', '‖∇W‖', '#dc2626', { log: true }),
          line('update_ratio', '‖ΔW‖/‖W‖', '#16a34a', { log: true })), { log: true });
      } else {
        const share = layer.activation === 'relu' ? line('dead', 'dead units', '#dc2626', { scale: 'share' })
          : ['sigmoid', 'tanh'].includes(layer.activation) ? line('saturated', 'saturated', '#dc2626', { scale: 'share' }) : [];
        draw('layer-' + focus + '-' + layer.index, plot, [].concat(
          line('mean', 'mean', '#2563eb'), line('std', 'std', '#9333ea'), share),
          { share: share.length > 0, empty: 'not measured here (on Spark the activations stay on the executors)' });
      }
    });
  }

  // ----- confusion matrix, model and settings of the focused run -----
  function renderConfusion() {
    const table = $('#confusion');
    const run = runs.get(focus);
    const confusion = run && run.confusion;
    table.textContent = '';
    $('#confusion-epoch').textContent = confusion ? '(after epoch ' + confusion.epoch + ')' : '(none: needs a classifier with validation data)';
    if (!confusion) return;
    const classes = run.info.classes;
    const head = table.appendChild(element('tr'));
    head.appendChild(element('th', 'actual \\ predicted'));
    classes.forEach((name) => head.appendChild(element('th', name)));
    confusion.matrix.forEach((row, actual) => {
      const tr = table.appendChild(element('tr'));
      tr.appendChild(element('th', classes[actual]));
      const total = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((count) => {
        const cell = tr.appendChild(element('td', count));
        const share = count / total;
        cell.style.backgroundColor = 'rgba(37, 99, 235, ' + (0.85 * share).toFixed(3) + ')';
        if (share > 0.5) cell.style.color = '#fff';
      });
    });
  }

  function renderInfo() {
    const run = runs.get(focus);
    const info = run && run.info;
    $('#summary').textContent = info ? info.summary : '';
    const table = $('#settings');
    table.textContent = '';
    if (!info) return;
    for (const [name, value] of Object.entries(info.settings)) {
      const tr = table.appendChild(element('tr'));
      tr.appendChild(element('td', name));
      tr.appendChild(element('td', value));
    }
  }

  window.addEventListener('resize', () => {
    for (const chart of charts.values()) chart.plot.setSize({ width: Math.max(chart.element.clientWidth, 300), height: HEIGHT });
  });

  const connection = $('#connection');
  const events = new EventSource('/events');
  events.onopen = () => { connection.textContent = 'live'; connection.classList.add('live'); };
  events.onerror = () => { connection.textContent = 'not connected (training ended or the program stopped); retrying…'; connection.classList.remove('live'); };
  events.onmessage = (message) => merge(JSON.parse(message.data));
})();
