// The request flow shared by the forecast and backtest views: the data box's CSV posted with the view's
// options as query parameters, the view's status line, error box, result block and run button.
import { call, query } from './api.js';
import { $, parseLevels, showError } from './dom.js';

/**
 * Posts the data box's text to `path` (view "forecast" or "backtest": elements `${view}-status`,
 * `${view}-error`, `${view}-result`, `${view}-levels`, `run-${view}`). options(levels) gives the other
 * query parameters. Answers {answer, history, millis}, or null after showing what went wrong.
 * history maps series ids to this page's reading of the CSV (empty when only the service could read it).
 */
export async function postCsv(view, path, data, options, busyText) {
  showError($(`${view}-error`), '');
  const text = data.text();
  if (!text.trim()) {
    showError($(`${view}-error`), 'No data: pick an example, upload a CSV file or paste CSV rows first.');
    return null;
  }
  let levels;
  try {
    levels = parseLevels($(`${view}-levels`).value);
  } catch (e) {
    showError($(`${view}-error`), e.message);
    return null;
  }
  const params = { ...options(), levels: levels.join(',') };
  $(`${view}-status`).textContent = busyText;
  $(`run-${view}`).disabled = true;
  const started = performance.now();
  let answer;
  try {
    answer = await call('POST', `${path}${query(params)}`, { body: text, contentType: 'text/csv' });
  } catch (e) {
    $(`${view}-status`).textContent = '';
    $(`${view}-result`).hidden = true;
    showError($(`${view}-error`), e.message);
    return null;
  } finally {
    $(`run-${view}`).disabled = false;
  }
  const history = new Map();
  try {
    for (const s of data.series()) history.set(s.id, s);
  } catch (e) {
    // The service read the CSV; where this page's simpler reader cannot, the chart shows no history.
  }
  return { answer, history, millis: Math.round(performance.now() - started) };
}
