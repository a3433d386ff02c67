// CSV in the API's format: rows of "timestamp,value" (one series, id "series") or "id,timestamp,value",
// header optional, an empty value or NA is missing. The service parses the same text again and is the
// authority; this parser only gives the page the history to plot and the series to train on.

/** A problem in the CSV text, with its 1-based line number. */
export class CsvError extends Error {
  constructor(line, message) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

const HEADER_NAMES = new Set(['id', 'unique_id', 'timestamp', 'ds', 'value', 'y', 'date', 'time']);

function splitRow(line, lineNumber) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field.trim()); field = ''; }
    else field += c;
  }
  if (quoted) throw new CsvError(lineNumber, 'a quote is not closed');
  fields.push(field.trim());
  return fields;
}

function parseValue(text, lineNumber) {
  if (text === '' || text.toUpperCase() === 'NA') return null;
  const value = Number(text);
  if (!Number.isFinite(value) || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new CsvError(lineNumber, `"${text}" is not a number (write an empty field or NA for a missing value)`);
  }
  return value;
}

/**
 * Parses CSV text into series [{id, timestamps, values}] in order of first appearance.
 * Throws CsvError naming the line for a ragged row, a non-number or an empty text.
 */
export function parseCsv(text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const byId = new Map();
  let columns = 0;
  let seenRow = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    if (lines[i].trim() === '') continue;
    const fields = splitRow(lines[i], lineNumber);
    if (!seenRow) {
      seenRow = true;
      if (fields.length !== 2 && fields.length !== 3) {
        throw new CsvError(lineNumber, `expected 2 columns (timestamp,value) or 3 (id,timestamp,value), got ${fields.length}`);
      }
      columns = fields.length;
      if (fields.every((f) => HEADER_NAMES.has(f.toLowerCase()))) continue;
    }
    if (fields.length !== columns) {
      throw new CsvError(lineNumber, `expected ${columns} columns like the first row, got ${fields.length}`);
    }
    const id = columns === 3 ? fields[0] : 'series';
    if (id === '') throw new CsvError(lineNumber, 'the id is empty');
    const timestamp = fields[columns - 2];
    const value = parseValue(fields[columns - 1], lineNumber);
    let series = byId.get(id);
    if (!series) {
      series = { id, timestamps: [], values: [] };
      byId.set(id, series);
    }
    series.timestamps.push(timestamp);
    series.values.push(value);
  }
  if (byId.size === 0) throw new CsvError(1, 'no data rows: paste rows of timestamp,value or id,timestamp,value');
  for (const series of byId.values()) {
    if (series.timestamps.every((t) => t === '')) series.timestamps = null;
  }
  return [...byId.values()];
}

function csvField(text) {
  const s = String(text);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The forecasts of a /forecast answer as CSV: id, step, timestamp, mean, then lower/upper per level. */
export function forecastCsv(response) {
  const levels = [];
  for (const f of response.forecasts) {
    for (const level of Object.keys(f.intervals || {})) if (!levels.includes(level)) levels.push(level);
  }
  const header = ['id', 'step', 'timestamp', 'mean'];
  for (const level of levels) header.push(`lower_${level}`, `upper_${level}`);
  const rows = [header.join(',')];
  for (const f of response.forecasts) {
    f.mean.forEach((mean, i) => {
      const row = [csvField(f.id), i + 1, f.timestamps ? f.timestamps[i] : '', mean];
      for (const level of levels) {
        const interval = (f.intervals || {})[level];
        row.push(interval ? interval.lower[i] : '', interval ? interval.upper[i] : '');
      }
      rows.push(row.join(','));
    });
  }
  return `${rows.join('\n')}\n`;
}
