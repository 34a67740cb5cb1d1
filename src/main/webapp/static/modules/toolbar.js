/* The toolbar: the live indicator and the dashboard token form with what the token grants. */
import { el } from './dom.js';
import { readToken, writeToken } from './api.js';
import { summary } from './roles.js';

const STATE_WORDS = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  closed: 'refused',
};

export class LiveIndicator {
  constructor() {
    this.dot = el('span', { className: 'tg-dot', 'aria-hidden': 'true' });
    this.text = el('span', { className: 'tg-live-text', text: 'Starting\u2026' });
    this.detail = el('span', { className: 'tg-live-detail' });
    this.root = el('div', { className: 'tg-live', role: 'status', 'aria-live': 'polite',
      id: 'tg-live' }, this.dot, this.text, this.detail);
    this.updated = el('span', { className: 'tg-updated', text: '' });
    this.refresh = el('button', { type: 'button', className: 'tg-button tg-button-quiet',
      text: 'Refresh all' });
  }

  /** Shows the streams' states; returns the mode (connected, reconnecting or polling). */
  show(streams) {
    let mode;
    let words;
    if (streams.length === 0) {
      mode = 'polling';
      words = 'Polling every 30 s';
      this.detail.textContent = readToken() ? 'no stream allowed' : 'no dashboard token';
    } else {
      const states = streams.map((s) => s.state);
      if (states.every((s) => s === 'connected')) {
        mode = 'connected';
        words = 'Live';
      } else if (states.includes('closed')) {
        mode = 'polling';
        words = 'Polling every 30 s';
      } else {
        mode = 'reconnecting';
        words = states.includes('reconnecting') ? 'Reconnecting\u2026' : 'Connecting\u2026';
      }
      this.detail.textContent = streams.map((s) => s.spec.label + ': ' + STATE_WORDS[s.state]
        + (s.detail ? ' (' + s.detail + ')' : '')).join(' \u00b7 ');
    }
    this.root.className = 'tg-live tg-live-' + mode;
    this.root.dataset.mode = mode;
    this.text.textContent = words;
    return mode;
  }
}

export class TokenForm {
  constructor(onChange) {
    this.input = el('input', {
      id: 'tg-token', name: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'Paste the dashboard token', className: 'tg-input',
      'aria-describedby': 'tg-token-state tg-token-roles',
    });
    this.state = el('span', { className: 'tg-token-state', id: 'tg-token-state' });
    this.roles = el('span', { className: 'tg-token-roles', id: 'tg-token-roles',
      role: 'status' });
    this.clear = el('button', { type: 'button', className: 'tg-button tg-button-quiet',
      text: 'Clear token' });
    this.root = el('form', { className: 'tg-token-form', 'aria-label': 'Dashboard token' },
      el('label', { for: 'tg-token', text: 'Dashboard token' }),
      this.input,
      el('button', { type: 'submit', className: 'tg-button', text: 'Save token' }),
      this.clear,
      this.state,
      this.roles);
    this.root.addEventListener('submit', (event) => {
      event.preventDefault();
      const token = this.input.value.trim();
      this.input.value = '';
      writeToken(token || null);
      onChange();
    });
    this.clear.addEventListener('click', () => {
      this.input.value = '';
      writeToken(null);
      onChange();
    });
  }

  /** roles: null while asking. */
  showState(roles) {
    const stored = Boolean(readToken());
    this.state.textContent = stored ? 'Token stored for this browser tab.' : 'No token stored.';
    this.clear.disabled = !stored;
    this.roles.classList.toggle('tg-token-refused', Boolean(roles && roles.state !== 'ok'
      && roles.state !== 'none'));
    this.roles.textContent = !stored ? '' : (roles === null ? 'Checking what it allows\u2026'
      : summary(roles));
  }
}
