// Small SVG charts written for this page (no library, no inline styles: classes styled by app.css).
// Every chart is one <svg role="img"> with an aria-label, plus a legend list; the numbers themselves are
// in the tables beside the charts.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 800;
const HEIGHT = 320;
const MARGIN = { left: 64, right: 16, top: 14, bottom: 38 };
const MAX_DRAWN_POINTS = 2000; // a longer history is thinned (min and max per bucket) so drawing stays fast

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.appendChild(node);
  return node;
}

function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function formatNumber(value) {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) return value.toExponential(1);
  return Number(value.toPrecision(6)).toString();
}

/** Scales for x in [0, xMax] and the finite values given. */
function scales(xMax, values) {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  if (!Number.isFinite(low)) { low = 0; high = 1; }
  if (low === high) { low -= 1; high += 1; }
  const pad = (high - low) * 0.05;
  low -= pad;
  high += pad;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  return {
    low, high, xMax: Math.max(1, xMax),
    x: (i) => MARGIN.left + (i / Math.max(1, xMax)) * plotWidth,
    y: (v) => MARGIN.top + (1 - (v - low) / (high - low)) * plotHeight,
  };
}

function axes(svg, scale, xLabelAt) {
  const group = element('g', { class: 'axes' }, svg);
  const step = niceStep(scale.high - scale.low, 5);
  for (let v = Math.ceil(scale.low / step) * step; v <= scale.high; v += step) {
    const y = scale.y(v);
    element('line', { class: 'grid', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y, y2: y }, group);
    const text = element('text', { class: 'tick', x: MARGIN.left - 6, y: y + 4, 'text-anchor': 'end' }, group);
    text.textContent = formatNumber(Math.abs(v) < step / 1e6 ? 0 : v);
  }
  const ticks = Math.min(6, scale.xMax);
  for (let k = 0; k <= ticks; k++) {
    const i = Math.round((k / ticks) * scale.xMax);
    const x = scale.x(i);
    element('line', { class: 'axis', x1: x, x2: x, y1: HEIGHT - MARGIN.bottom, y2: HEIGHT - MARGIN.bottom + 4 }, group);
    const anchor = k === 0 ? 'start' : k === ticks ? 'end' : 'middle';
    const text = element('text', { class: 'tick', x, y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': anchor }, group);
    text.textContent = xLabelAt(i);
  }
  element('line', {
    class: 'axis', x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: HEIGHT - MARGIN.bottom, y2: HEIGHT - MARGIN.bottom,
  }, group);
}

/** Indices to draw: all of them, or for a long series the first, last, min and max of each bucket. */
function thinned(values) {
  if (values.length <= MAX_DRAWN_POINTS) return values.map((_, i) => i);
  const buckets = MAX_DRAWN_POINTS / 2;
  const size = values.length / buckets;
  const kept = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(values.length, Math.floor((b + 1) * size));
    let min = -1;
    let max = -1;
    for (let i = from; i < to; i++) {
      if (values[i] === null) continue;
      if (min < 0 || values[i] < values[min]) min = i;
      if (max < 0 || values[i] > values[max]) max = i;
    }
    if (min >= 0) kept.push(Math.min(min, max), Math.max(min, max));
  }
  return kept;
}

/** An SVG path through (x(i), y(values[i])), broken where a value is missing. */
function linePath(indices, values, scale, offset = 0) {
  let d = '';
  let pen = false;
  for (const i of indices) {
    const v = values[i];
    if (v === null || !Number.isFinite(v)) { pen = false; continue; }
    d += `${pen ? 'L' : 'M'}${scale.x(i + offset).toFixed(1)},${scale.y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function start(container, label) {
  container.replaceChildren();
  const svg = element('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': label, preserveAspectRatio: 'xMidYMid meet',
  });
  element('title', {}, svg).textContent = label;
  container.appendChild(svg);
  return svg;
}

function legend(container, items) {
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const [className, text] of items) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${className}`;
    swatch.setAttribute('aria-hidden', 'true');
    item.append(swatch, text);
    list.appendChild(item);
  }
  container.appendChild(list);
}

/**
 * History, forecast mean and interval bands (widest first, so the narrower one lies on top) of one series;
 * optional backtest windows [{from, to}] shaded on the history.
 */
export function forecastChart(container, { label, history, forecast = null, windows = [] }) {
  const svg = start(container, label);
  const n = history.values.length;
  const h = forecast ? forecast.mean.length : 0;
  const levels = forecast ? Object.keys(forecast.intervals || {}).sort((a, b) => Number(b) - Number(a)) : [];
  const all = [...history.values];
  if (forecast) {
    all.push(...forecast.mean);
    for (const level of levels) all.push(...forecast.intervals[level].lower, ...forecast.intervals[level].upper);
  }
  const scale = scales(n + h - 1, all);
  const timeAt = (i) => {
    if (i < n) return history.timestamps ? history.timestamps[i] : String(i + 1);
    if (forecast && forecast.timestamps) return forecast.timestamps[i - n];
    return String(i + 1);
  };
  axes(svg, scale, timeAt);

  windows.forEach((w, k) => {
    const x1 = scale.x(Math.max(0, w.from - 0.5));
    const x2 = scale.x(Math.min(n - 1, w.to - 0.5));
    element('rect', {
      class: `window window-${k % 2}`, x: x1, y: MARGIN.top, width: Math.max(1, x2 - x1),
      height: HEIGHT - MARGIN.top - MARGIN.bottom, 'data-origin': w.from,
    }, svg);
    element('line', { class: 'origin', x1, x2: x1, y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }, svg);
  });

  if (forecast) {
    for (const level of levels) {
      const { lower, upper } = forecast.intervals[level];
      let d = '';
      for (let i = 0; i < h; i++) d += `${i ? 'L' : 'M'}${scale.x(n + i).toFixed(1)},${scale.y(upper[i]).toFixed(1)}`;
      for (let i = h - 1; i >= 0; i--) d += `L${scale.x(n + i).toFixed(1)},${scale.y(lower[i]).toFixed(1)}`;
      element('path', { class: `band band-${level}`, d: `${d}Z`, 'data-level': level, 'data-points': h }, svg);
    }
  }
  element('path', {
    class: 'history-line', d: linePath(thinned(history.values), history.values, scale), 'data-points': n,
  }, svg);
  if (forecast) {
    const lastIndex = history.values.map((v, i) => (v === null ? -1 : i)).reduce((a, b) => Math.max(a, b), -1);
    let d = lastIndex === n - 1 ? `M${scale.x(n - 1).toFixed(1)},${scale.y(history.values[n - 1]).toFixed(1)}` : '';
    forecast.mean.forEach((v, i) => { d += `${d ? 'L' : 'M'}${scale.x(n + i).toFixed(1)},${scale.y(v).toFixed(1)}`; });
    element('path', { class: 'forecast-line', d, 'data-points': h }, svg);
    const points = element('g', { class: 'forecast-points' }, svg);
    forecast.mean.forEach((v, i) => {
      const dot = element('circle', {
        class: 'forecast-point', cx: scale.x(n + i).toFixed(1), cy: scale.y(v).toFixed(1), r: h > 60 ? 1.5 : 3,
        'data-value': v,
      }, points);
      element('title', {}, dot).textContent = `${timeAt(n + i)}: ${formatNumber(v)}`;
    });
  }
  const items = [['history', 'history']];
  if (forecast) items.push(['forecast', 'forecast']);
  for (const level of [...levels].reverse()) items.push([`band-${level}`, `${level}% interval`]);
  if (windows.length) items.push(['window', 'backtest windows (origin at the left edge)']);
  legend(container, items);
}

/** Lines over x = 1..length, e.g. the loss per epoch; lines: [{name, values, className}]. */
export function lineChart(container, { label, lines }) {
  const svg = start(container, label);
  const length = Math.max(1, ...lines.map((l) => l.values.length));
  const scale = scales(length - 1, lines.flatMap((l) => l.values));
  axes(svg, scale, (i) => String(i + 1));
  for (const line of lines) {
    const indices = line.values.map((_, i) => i);
    element('path', {
      class: `line ${line.className}`, d: linePath(indices, line.values, scale), 'data-points': line.values.length,
    }, svg);
  }
  legend(container, lines.map((l) => [l.className, l.name]));
}
