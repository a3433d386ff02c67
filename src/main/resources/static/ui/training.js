// Training view: submits a training job on the data box's series, polls it, draws the loss per epoch.
import { call } from './api.js';
import { lineChart } from './chart.js';
import { $, showError } from './dom.js';

const POLL_MILLIS = 500;
const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

function describe(job) {
  const parts = [`Job ${job.id.slice(0, 8)} for ${job.modelName}: ${job.state}`];
  if (job.stage) parts[0] += ` (${job.stage})`;
  parts.push(`epoch ${job.epoch} of at most ${job.maxEpochs}`);
  if (job.bestEpoch) parts.push(`best epoch ${job.bestEpoch}`);
  if (typeof job.elapsedSeconds === 'number') parts.push(`${job.elapsedSeconds.toFixed(1)} s elapsed`);
  if (typeof job.etaSeconds === 'number') parts.push(`at most ${job.etaSeconds.toFixed(0)} s left`);
  if (job.model) parts.push(`registered as ${job.model.name} v${job.model.version}`);
  if (job.error) parts.push(job.error);
  return `${parts.join(', ')}.`;
}

export function initTraining({ data, refreshModelChoices }) {
  let job = null;
  let timer = null;

  function render() {
    $('training-state').textContent = describe(job);
    const progress = $('training-progress');
    progress.max = job.maxEpochs;
    progress.value = FINISHED.has(job.state) && job.state === 'succeeded' ? job.maxEpochs : job.epoch;
    const epochs = job.epochs || [];
    const refit = job.refitEpochs || [];
    const lines = [
      { name: 'training loss', className: 'train-loss', values: epochs.map((e) => e.trainLoss) },
      { name: 'validation loss', className: 'validation-loss', values: epochs.map((e) => e.validationLoss) },
    ];
    if (refit.length) lines.push({ name: 'refit training loss', className: 'refit-loss', values: refit.map((e) => e.trainLoss) });
    lineChart($('loss-chart'), { label: `Loss of ${epochs.length} epoch(s)${refit.length ? ` and ${refit.length} refit epoch(s)` : ''}`, lines });
    $('training-cancel').disabled = FINISHED.has(job.state);
  }

  async function poll() {
    timer = null;
    try {
      job = await call('GET', `training-jobs/${encodeURIComponent(job.id)}`, { withKey: true });
    } catch (e) {
      showError($('training-error'), e.message);
      timer = setTimeout(poll, POLL_MILLIS * 4);
      return;
    }
    render();
    if (FINISHED.has(job.state)) {
      $('training-start').disabled = false;
      if (job.state === 'succeeded') refreshModelChoices();
    } else {
      timer = setTimeout(poll, POLL_MILLIS);
    }
  }

  async function start(event) {
    event.preventDefault();
    showError($('training-error'), '');
    let series;
    try {
      series = data.series();
    } catch (e) {
      showError($('training-error'), `The data box cannot be read: ${e.message}`);
      return;
    }
    const body = {
      series: series.map((s) => (s.timestamps ? { id: s.id, values: s.values, timestamps: s.timestamps } : { id: s.id, values: s.values })),
      horizon: Number($('training-horizon').value),
      config: {
        cell: $('training-cell').value,
        hidden: Number($('training-hidden').value),
        epochs: Number($('training-epochs').value),
        patience: Number($('training-patience').value),
      },
    };
    const name = $('training-name').value.trim();
    $('training-start').disabled = true;
    try {
      job = await call('POST', `models/${encodeURIComponent(name)}/training-jobs`, { body, withKey: true });
    } catch (e) {
      $('training-start').disabled = false;
      showError($('training-error'), e.message);
      return;
    }
    $('training-job').hidden = false;
    render();
    if (timer) clearTimeout(timer);
    timer = setTimeout(poll, POLL_MILLIS);
  }

  async function cancel() {
    if (!job) return;
    try {
      job = await call('DELETE', `training-jobs/${encodeURIComponent(job.id)}`, { withKey: true });
      render();
    } catch (e) {
      showError($('training-error'), e.message);
    }
  }

  $('training-form').addEventListener('submit', start);
  $('training-cancel').addEventListener('click', cancel);
  return {};
}
