// Backtest view: posts the data box's CSV to /backtest, shades the windows on the actuals and tables the
// scores of the model beside naive and seasonal naive on the same windows.
import { forecastChart } from './chart.js';
import { postCsv } from './csv-request.js';
import { $, el, fillHead, fillRows, fillSeriesPicker } from './dom.js';

const ROWS = [['model', 'Model'], ['naive', 'Naive'], ['seasonalNaive', 'Seasonal naive']];

const number = (v) => (v === null || v === undefined ? '–' : Number(v.toPrecision(4)));
const percent = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

function metricsTable(table, comparison, levels) {
  fillHead(table.tHead, ['', 'MAE', 'RMSE', 'sMAPE %', 'MASE', ...levels.map((l) => `coverage ${l}%`)]);
  fillRows(table.tBodies[0], ROWS.map(([key, label]) => {
    const scores = comparison[key] || {};
    return [label, number(scores.mae), number(scores.rmse), number(scores.smape), number(scores.mase),
      ...levels.map((l) => percent(scores.coverage && scores.coverage[l]))];
  }));
}

export function initBacktest({ data }) {
  let answer = null;
  let history = new Map();

  function levelsOf(comparison) {
    return Object.keys((comparison.model && comparison.model.coverage) || {});
  }

  function draw() {
    if (!answer) return;
    const s = answer.series[Number($('backtest-series').value)];
    if (!s) return;
    const past = history.get(s.id) || { timestamps: null, values: [] };
    forecastChart($('backtest-chart'), {
      label: `${s.id}: actual values with ${s.origins.length} backtest windows of ${answer.horizon} steps`,
      history: past,
      windows: s.origins.map((origin) => ({ from: origin, to: origin + answer.horizon })),
    });
    $('backtest-caption').textContent = `${s.id}: windows start at points ${s.origins.map((o) => o + 1).join(', ')}`
      + ` (${answer.horizon} steps each, step ${answer.step}); season ${s.season}.`;
    $('backtest-series-caption').textContent = `${s.id}: the model against the baselines on the same windows`;
    metricsTable($('backtest-series-table'), s.metrics, levelsOf(s.metrics));
  }

  async function run(event) {
    event.preventDefault();
    const result = await postCsv('backtest', 'backtest', data, () => ({
      horizon: $('backtest-horizon').value,
      windows: $('backtest-windows').value,
      step: $('backtest-step').value,
      model: $('backtest-model').value,
    }), 'Backtesting…');
    if (!result) return;
    ({ answer, history } = result);
    $('backtest-status').textContent = `Backtest of ${answer.series.length} series, ${answer.windows} window(s) of `
      + `${answer.horizon} steps, by ${answer.model.name}${answer.model.version ? ` v${answer.model.version}` : ''}`
      + ` in ${result.millis} ms.`;
    fillSeriesPicker($('backtest-series'), answer.series.map((s) => s.id));
    metricsTable($('backtest-aggregate-table'), answer.aggregate, levelsOf(answer.aggregate));
    const warnings = answer.warnings || [];
    $('backtest-warnings').replaceChildren(...warnings.map((w) => el('li', w)));
    $('backtest-result').hidden = false;
    draw();
  }

  $('backtest-form').addEventListener('submit', run);
  $('backtest-series').addEventListener('change', draw);
  return {};
}
