// Forecast view: posts the data box's CSV to /forecast and plots the answer per series.
import { forecastChart } from './chart.js';
import { forecastCsv } from './csv.js';
import { postCsv } from './csv-request.js';
import { $, el, fillHead, fillRows, fillSeriesPicker } from './dom.js';

export function initForecast({ data, refreshModelChoices }) {
  let answer = null;
  let history = new Map();

  function draw() {
    if (!answer) return;
    const index = Number($('forecast-series').value);
    const f = answer.forecasts[index];
    if (!f) return;
    const past = history.get(f.id) || { timestamps: null, values: [] };
    const levels = Object.keys(f.intervals || {});
    forecastChart($('forecast-chart'), {
      label: `${f.id}: ${past.values.length} observed points and a forecast of ${f.mean.length} steps`
        + (levels.length ? ` with ${levels.join('% and ')}% intervals` : ''),
      history: past,
      forecast: f,
    });
    $('forecast-caption').textContent = `${f.id}${f.frequency ? ` (frequency ${f.frequency})` : ''}: `
      + `${past.values.length} points of history, ${f.mean.length} forecast steps`
      + (f.extended ? `, recursive from step ${f.recursiveFrom + 1}` : '')
      + (f.paddedSteps ? `, ${f.paddedSteps} padded input steps` : '') + '.';

    const selection = f.selection;
    const served = `${answer.model.name}${answer.model.ephemeral ? ' (auto, this request only)' : ` v${answer.model.version}`}`;
    $('forecast-method').textContent = selection
      ? `Answered by ${selection.method} (model ${served}), chosen on ${selection.origins} rolling origin(s).`
      : `Answered by model ${served} without the rolling-origin check.`;
    const mase = Object.entries((selection && selection.mase) || {}).sort((a, b) => (a[1] ?? Infinity) - (b[1] ?? Infinity));
    fillRows($('selection-table').tBodies[0], mase.length
      ? mase.map(([name, score]) => [name === selection.method ? `${name} (chosen)` : name, score])
      : [['no scores: the series is too short for 3 rolling origins', '']]);
    for (const row of $('selection-table').tBodies[0].rows) {
      if (row.cells[0].textContent.endsWith('(chosen)')) row.className = 'chosen';
    }

    fillHead($('forecast-table').tHead, ['Step', 'Time', 'Mean', ...levels.flatMap((l) => [`${l}% lower`, `${l}% upper`])]);
    fillRows($('forecast-table').tBodies[0], f.mean.map((mean, i) => [
      i + 1, f.timestamps ? f.timestamps[i] : '', mean,
      ...levels.flatMap((l) => [f.intervals[l].lower[i], f.intervals[l].upper[i]]),
    ]));
  }

  function filterSeries() {
    if (!answer) return;
    const ids = answer.forecasts.map((f) => f.id);
    const shown = fillSeriesPicker($('forecast-series'), ids, $('forecast-series-filter').value);
    $('forecast-series-count').textContent = `${shown} of ${ids.length} series`;
    draw();
  }

  async function run(event) {
    event.preventDefault();
    const result = await postCsv('forecast', 'forecast', data, () => ({
      horizon: $('forecast-horizon').value,
      model: $('forecast-model').value,
      selection: $('forecast-selection').value,
    }), 'Forecasting…');
    if (!result) return;
    ({ answer, history } = result);
    const { millis } = result;
    $('forecast-status').textContent = `Forecast of ${answer.forecasts.length} series by ${answer.model.name}`
      + `${answer.model.ephemeral ? ' (auto)' : ` v${answer.model.version}`} in ${millis} ms.`;
    const warnings = answer.warnings || [];
    $('forecast-warnings').replaceChildren(...(warnings.length ? warnings : ['none']).map((w) => el('li', w)));
    $('forecast-series-filter').value = '';
    $('forecast-result').hidden = false;
    filterSeries();
    // One column (phone, narrow window): the chart is below the form, bring it into view.
    if (window.matchMedia('(max-width: 999px)').matches) $('forecast-result').scrollIntoView({ block: 'start' });
    if ($('forecast-model').value === 'auto') refreshModelChoices();
  }

  function download() {
    if (!answer) return;
    const url = URL.createObjectURL(new Blob([forecastCsv(answer)], { type: 'text/csv' }));
    const link = el('a', null, { href: url, download: 'forecast.csv' });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  $('forecast-form').addEventListener('submit', run);
  $('forecast-series').addEventListener('change', draw);
  $('forecast-series-filter').addEventListener('input', filterSeries);
  $('download-forecast').addEventListener('click', download);
  return {};
}
