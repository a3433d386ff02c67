// The page: tabs, the API key, the shared data box and the model lists; each view lives in its module.
import { apiKey, call } from './api.js';
import { parseCsv } from './csv.js';
import { $ } from './dom.js';
import { initForecast } from './forecast.js';
import { initBacktest } from './backtest.js';
import { initModels } from './models.js';
import { initTraining } from './training.js';

const MAX_UPLOAD_BYTES = 16 * 1024 * 1024; // the service's default seqcast.forecast.max-body-size

const EXAMPLES = {
  'air-passengers': { file: 'ui/examples/air-passengers.csv', horizon: 12, windows: 3 },
  weather: { file: 'ui/examples/weather.csv', horizon: 7, windows: 3 },
  stock: { file: 'ui/examples/stock.csv', horizon: 5, windows: 3 },
};

/** The series in the data box, parsed on demand (throws CsvError) and cached by text. */
const data = {
  cachedText: null,
  cachedSeries: null,
  text: () => $('csv-text').value,
  series() {
    const text = this.text();
    if (text !== this.cachedText) {
      this.cachedSeries = parseCsv(text);
      this.cachedText = text;
    }
    return this.cachedSeries;
  },
};

function summarise() {
  const summary = $('data-summary');
  if (!data.text().trim()) {
    summary.textContent = 'No data yet: pick an example, upload a file or paste CSV.';
    return;
  }
  try {
    const series = data.series();
    const points = series.reduce((sum, s) => sum + s.values.length, 0);
    summary.textContent = `${series.length} series, ${points} points.`;
  } catch (e) {
    summary.textContent = `Not readable yet: ${e.message}`;
  }
}

function setUpTabs(onShow) {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab, focus) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !selected;
    }
    $('data-panel').hidden = tab.id === 'tab-models';
    if (focus) tab.focus();
    onShow(tab.id.replace('tab-', ''));
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -i, End: tabs.length - 1 - i };
      if (event.key in moves) {
        event.preventDefault();
        select(tabs[(i + moves[event.key] + tabs.length) % tabs.length], true);
      }
    });
  });
}

async function loadExample(name) {
  const example = EXAMPLES[name];
  const response = await fetch(example.file, { cache: 'no-store' });
  $('csv-text').value = await response.text();
  $('forecast-horizon').value = example.horizon;
  $('backtest-horizon').value = example.horizon;
  $('backtest-windows').value = example.windows;
  $('training-horizon').value = example.horizon;
  summarise();
}

function setUpData() {
  for (const button of document.querySelectorAll('button.example')) {
    button.addEventListener('click', () => loadExample(button.dataset.example));
  }
  $('csv-text').addEventListener('input', summarise);
  $('csv-file').addEventListener('change', async () => {
    const file = $('csv-file').files[0];
    if (!file) return;
    if (file.size > MAX_UPLOAD_BYTES) {
      $('data-summary').textContent = `${file.name} is ${(file.size / 1048576).toFixed(1)} MB; the service takes at most 16 MB.`;
      return;
    }
    $('csv-text').value = await file.text();
    summarise();
  });
  summarise();
}

function setUpKey() {
  const input = $('api-key');
  input.value = apiKey.get();
  input.addEventListener('input', () => apiKey.set(input.value.trim()));
}

/** Model choices for the forecast and backtest selects: default, auto, names, aliases, versions. */
async function refreshModelChoices() {
  let models = [];
  try {
    models = await call('GET', 'models');
  } catch (e) {
    models = [];
  }
  for (const select of document.querySelectorAll('select.model-select')) {
    const previous = select.value;
    const options = [new Option('service default', ''), new Option('auto (fit a model on these series)', 'auto')];
    for (const model of models) {
      options.push(new Option(`${model.name} (serving v${model.serving})`, model.name));
      for (const alias of Object.keys(model.aliases || {})) {
        options.push(new Option(`${model.name}@${alias} (v${model.aliases[alias]})`, `${model.name}@${alias}`));
      }
      for (const version of model.versions) {
        options.push(new Option(`${model.name}@${version}`, `${model.name}@${version}`));
      }
    }
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === previous)) select.value = previous;
  }
}

const context = { data, refreshModelChoices };
const views = {
  forecast: initForecast(context),
  backtest: initBacktest(context),
  models: initModels(context),
  training: initTraining(context),
};
setUpKey();
setUpData();
setUpTabs((name) => views[name].shown && views[name].shown());
refreshModelChoices();
document.body.dataset.ready = 'true';
