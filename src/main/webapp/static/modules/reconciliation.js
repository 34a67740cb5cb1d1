/* The mismatch summary card (GET /errors/summary). */
import { el, table } from './dom.js';
import { isObject, asArray, text, count, plural, DASH } from './format.js';
import { getJson } from './api.js';
import { Card } from './card.js';

export class ReconciliationPanel {
  constructor() {
    this.card = new Card('Mismatch summary');
  }

  async load() {
    const result = await getJson('/errors/summary');
    if (!result.ok || result.data === null) {
      this.card.fail(result.ok ? { status: result.status, message: 'Unexpected response.' }
        : result, 'Mismatch summary');
      return;
    }
    const rows = asArray(result.data).filter(isObject).map((g) => [
      el('span', { className: 'tg-badge tg-tone-bad', text: text(g.type) }),
      el('code', { className: 'tg-path', text: text(g.path) }), count(g.count),
      asArray(g.shots).length === 0 ? DASH : asArray(g.shots).map(String).join(', ')]);
    this.card.meta.textContent = plural(rows.length, 'group', 'groups');
    this.card.show(rows.length === 0
      ? el('p', { className: 'tg-empty', text: 'No mismatches: everything reconciles.' })
      : table('Mismatch groups', ['Type', 'Path or key', 'Count', 'Shots'], rows, [2]));
  }
}
