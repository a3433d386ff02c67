// Small DOM helpers shared by the views: text-only rendering (no innerHTML with data).

export const $ = (id) => document.getElementById(id);

/** An element with text content or children. */
export function el(tag, text = null, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== null && text !== undefined) node.textContent = String(text);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

/** Shows a message in an error box (role=alert), or hides it when message is empty. */
export function showError(box, message) {
  box.textContent = message || '';
  box.hidden = !message;
}

/** Replaces a table's rows: rows is an array of arrays of cells (strings, numbers or nodes). */
export function fillRows(tbody, rows, headerColumn = true) {
  tbody.replaceChildren(...rows.map((cells) => {
    const tr = el('tr');
    cells.forEach((cell, i) => {
      const td = el(i === 0 && headerColumn ? 'th' : 'td');
      if (i === 0 && headerColumn) td.scope = 'row';
      if (cell instanceof Node) td.appendChild(cell);
      else td.textContent = cell === null || cell === undefined ? '–' : String(cell);
      tr.appendChild(td);
    });
    return tr;
  }));
}

/** A header row of the given labels. */
export function fillHead(thead, labels) {
  const tr = el('tr');
  for (const label of labels) tr.appendChild(el('th', label, { scope: 'col' }));
  thead.replaceChildren(tr);
}

/** Levels typed as "80, 95" into numbers; throws with a readable message. */
export function parseLevels(text) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return trimmed.split(/[\s,;]+/).filter(Boolean).map((part) => {
    const level = Number(part);
    if (!Number.isFinite(level) || level < 1 || level > 99) {
      throw new Error(`interval level "${part}" must be a number from 1 to 99`);
    }
    return level;
  });
}

/** Fills a series <select> with ids, keeping at most `limit` options that contain `filter`. */
export function fillSeriesPicker(select, ids, filter = '', limit = 1000) {
  const needle = filter.trim().toLowerCase();
  const options = [];
  ids.forEach((id, index) => {
    if (options.length < limit && (!needle || id.toLowerCase().includes(needle))) {
      options.push(new Option(id, String(index)));
    }
  });
  select.replaceChildren(...options);
  return options.length;
}
