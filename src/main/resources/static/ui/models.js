// Models view: the registry's models, versions, aliases and model cards; promote, roll back, upload.
import { call } from './api.js';
import { $, el, fillRows, showError } from './dom.js';

const enc = encodeURIComponent;

function definitionList(entries) {
  const dl = el('dl', null, { class: 'card' });
  for (const [term, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    dl.append(el('dt', term), el('dd', typeof value === 'object' ? JSON.stringify(value) : value));
  }
  return dl;
}

function fmt(value) {
  return typeof value === 'number' ? Number(value.toPrecision(4)) : value;
}

/** The parts of a model card people look for, then the whole manifest. */
function renderCard(container, card) {
  const a = card.architecture || {};
  const t = card.training || {};
  const d = card.data || {};
  const v = card.validation || {};
  const i = card.intervals || {};
  const intervals = i.samples !== undefined
    ? `${(i.levels || []).length} levels from ${i.samples} samples${i.method ? `; ${i.method}` : ''}` : null;
  container.replaceChildren(
    definitionList([
      ['Version', `${card.name} v${card.version}`],
      ['Description', card.description],
      ['Created', card.createdAt],
      ['SHA-256', card.sha256],
      ['Architecture', `${a.cell} ${a.numLayers} layer(s) × ${a.hiddenSize} units, window ${a.window}, horizon ${a.horizon}`],
      ['Training', t.epochs !== undefined || t.framework
        ? [t.framework, t.loss && `loss ${t.loss}`, t.epochsRun !== undefined && `${t.epochsRun} epochs run`,
          t.bestEpoch !== undefined && `best epoch ${t.bestEpoch}`, t.note].filter(Boolean).join(', ') : null],
      ['Training data', d.seriesCount !== undefined
        ? `${d.seriesCount} series of ${d.minLength} to ${d.maxLength} points${d.firstTimestamp ? `, ${d.firstTimestamp} to ${d.lastTimestamp}` : ''}` : null],
      ['Validation MASE', v.model ? `model ${fmt(v.model.mase)}, seasonal naive ${fmt((v.seasonalNaive || {}).mase)} on ${v.windows} windows` : null],
      ['Intervals calibration', intervals],
    ]),
    (() => {
      const details = el('details');
      details.append(el('summary', 'Whole model card (JSON)'), el('pre', JSON.stringify(card, null, 2)));
      return details;
    })(),
  );
}

export function initModels({ refreshModelChoices }) {
  let models = [];
  let current = null; // the model shown in detail

  const status = (text) => { $('models-status').textContent = text; };
  const fail = (e) => { status(''); showError($('models-error'), e.message); };

  async function loadList() {
    showError($('models-error'), '');
    try {
      models = await call('GET', 'models');
    } catch (e) {
      fail(e);
      return;
    }
    fillRows($('models-table').tBodies[0], models.map((m) => {
      const button = el('button', m.name, { type: 'button', class: 'link', 'data-model': m.name });
      button.addEventListener('click', () => showModel(m.name));
      const aliases = Object.entries(m.aliases || {}).map(([alias, version]) => `${alias} → v${version}`).join(', ');
      return [button, m.versions.join(', '), m.serving ? `v${m.serving}` : '–', aliases || '–'];
    }));
    if (current && models.some((m) => m.name === current)) await showModel(current);
  }

  async function showCard(name, version) {
    try {
      renderCard($('model-card'), await call('GET', `models/${enc(name)}/versions/${version}`));
      $('card-heading').textContent = `Model card of ${name} v${version}`;
    } catch (e) {
      fail(e);
    }
  }

  async function showModel(name) {
    current = name;
    const model = models.find((m) => m.name === name);
    let versions;
    try {
      versions = await call('GET', `models/${enc(name)}/versions`);
    } catch (e) {
      fail(e);
      return;
    }
    $('model-detail-heading').textContent = `Model ${name}`;
    fillRows($('versions-table').tBodies[0], versions.map((v) => {
      const actions = el('span', null, { class: 'actions' });
      const card = el('button', 'Card', { type: 'button', 'aria-label': `Model card of version ${v.version}` });
      card.addEventListener('click', () => showCard(name, v.version));
      const promote = el('button', 'Promote', {
        type: 'button', 'aria-label': `Promote version ${v.version} to production`, 'data-version': v.version,
      });
      promote.addEventListener('click', () => setAlias(name, 'production', v.version));
      actions.append(card, promote);
      const created = el('time', (v.createdAt || '').replace('T', ' ').slice(0, 16), { datetime: v.createdAt });
      return [`v${v.version}`, created, v.cell, v.aliases.join(', ') || '–', actions];
    }));
    $('alias-version').replaceChildren(...versions.map((v) => new Option(`v${v.version}`, String(v.version))));
    if (model && model.serving) $('alias-version').value = String(model.serving);
    $('model-detail').hidden = false;
    const serving = model && model.serving ? model.serving : versions.length ? versions[versions.length - 1].version : 0;
    if (serving) await showCard(name, serving);
  }

  async function setAlias(name, alias, version) {
    showError($('models-error'), '');
    let answer;
    try {
      answer = await call('PUT', `models/${enc(name)}/aliases/${enc(alias)}`,
        { body: { version: Number(version) }, withKey: true });
    } catch (e) {
      fail(e);
      return;
    }
    await loadList();
    refreshModelChoices();
    // Said last, once the tables show it.
    status(`${answer.name}@${answer.alias} now points at v${answer.version}`
      + (answer.previous ? ` (was v${answer.previous}).` : ' (new alias).'));
  }

  async function rollback() {
    const model = models.find((m) => m.name === current);
    if (!model) return;
    const production = (model.aliases || {}).production;
    const older = model.versions.filter((v) => v < (production || model.serving)).sort((a, b) => b - a)[0];
    if (!older) {
      showError($('models-error'), `${model.name} has no version older than v${production || model.serving} to roll back to.`);
      return;
    }
    await setAlias(model.name, 'production', older);
  }

  async function upload(event) {
    event.preventDefault();
    showError($('models-error'), '');
    const name = $('upload-name').value.trim();
    const weights = $('upload-weights').files[0];
    const manifest = $('upload-manifest').files[0];
    if (!name || !weights) {
      showError($('models-error'), 'Give a model name and choose a .safetensors file.');
      return;
    }
    const form = new FormData();
    form.append('weights', weights, weights.name);
    if (manifest) form.append('manifest', new Blob([await manifest.text()], { type: 'application/json' }), manifest.name);
    status(`Uploading ${weights.name}…`);
    $('upload-submit').disabled = true;
    let card;
    try {
      card = await call('POST', `models/${enc(name)}/versions`, { body: form, withKey: true });
    } catch (e) {
      fail(e);
      return;
    } finally {
      $('upload-submit').disabled = false;
    }
    current = card.name;
    await loadList();
    refreshModelChoices();
    status(`Uploaded ${card.name} v${card.version}: validated, warmed up and registered.`);
  }

  $('models-refresh').addEventListener('click', loadList);
  $('alias-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (current) setAlias(current, $('alias-name').value.trim(), $('alias-version').value);
  });
  $('rollback').addEventListener('click', rollback);
  $('upload-form').addEventListener('submit', upload);
  return { shown: loadList };
}
