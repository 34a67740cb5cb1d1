/*
 * The submission form, built from GET /render/farms: the farm choice, priority bounded and
 * defaulted by the farm, the chunk size only where the farm chunks. The frames field is checked
 * while the user types with the server's grammar and messages (frames.js); the server's own 422
 * (field list or render error envelope) is shown next to the field it names.
 */
import { el, replace, uid } from './dom.js';
import { isObject, asArray, text } from './format.js';
import { request, describe } from './api.js';
import { checkFrames } from './frames.js';
import { Card } from './card.js';

const DCCS = ['maya', 'nuke', 'houdini', 'blender', 'max'];
const FIELDS = ['dcc', 'scene', 'frames', 'output', 'farm', 'priority', 'chunk_size', 'user'];

/** Which field a render envelope message is about: "(--priority)" or "(--chunk-size)". */
export function envelopeField(error) {
  const message = isObject(error) && typeof error.message === 'string' ? error.message : '';
  if (message.includes('(--priority)')) {
    return 'priority';
  }
  if (message.includes('(--chunk-size)')) {
    return 'chunk_size';
  }
  if (isObject(error) && error.code === 'render.farm_not_found') {
    return 'farm';
  }
  return null;
}

export class JobForm {
  constructor(model) {
    this.model = model;
    this.farms = [];
    this.card = new Card('Submit a render job', { id: 'tg-submit-card' });
    this.fields = {};
    this.errors = {};
    this.wrappers = {};
    this.hints = {};
    this.formError = el('div', { className: 'tg-form-error', role: 'alert', hidden: true });
    this.outcome = el('p', { className: 'tg-outcome', role: 'status', 'aria-live': 'polite' });

    this.field('dcc', 'DCC', el('select', { className: 'tg-select' },
      DCCS.map((d) => el('option', { value: d, text: d }))));
    this.field('scene', 'Scene', el('input', { type: 'text', className: 'tg-input',
      autocomplete: 'off', spellcheck: 'false', 'aria-required': 'true',
      placeholder: '/shows/atlas/AR101_010/lighting.ma' }));
    this.field('output', 'Output', el('input', { type: 'text', className: 'tg-input',
      autocomplete: 'off', spellcheck: 'false', 'aria-required': 'true',
      placeholder: '/renders/atlas/AR101_010' }));
    this.field('frames', 'Frames', el('input', { type: 'text', className: 'tg-input',
      autocomplete: 'off', spellcheck: 'false', placeholder: '1-100' }),
    'Deadline notation, e.g. 1-10,20-30x2; empty means 1-100.');
    this.field('farm', 'Farm', el('select', { className: 'tg-select' }));
    this.field('priority', 'Priority', el('input', { type: 'number',
      className: 'tg-input tg-input-short', step: '1', inputmode: 'numeric' }));
    this.field('chunk_size', 'Chunk size', el('input', { type: 'number',
      className: 'tg-input tg-input-short', step: '1', inputmode: 'numeric' }));
    this.field('user', 'User (optional)', el('input', { type: 'text', className: 'tg-input',
      autocomplete: 'off' }));

    this.fields.frames.addEventListener('input', () => this.checkFramesField());
    this.fields.farm.addEventListener('change', () => this.applyFarm());
    for (const name of FIELDS) {
      if (name !== 'frames') {
        this.fields[name].addEventListener('input', () => this.setError(name, null));
      }
    }
    this.submitButton = el('button', { type: 'submit', className: 'tg-button',
      text: 'Submit job' });
    this.form = el('form', { className: 'tg-job-form', novalidate: true,
      'aria-label': 'Submit a render job' },
    el('div', { className: 'tg-form-grid' }, FIELDS.map((name) => this.wrappers[name])),
    this.formError,
    el('div', { className: 'tg-actions' }, this.submitButton),
    this.outcome);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.card.show(this.form);
  }

  field(name, label, input, hint) {
    const id = 'tg-job-' + name.replace('_', '-');
    const errorId = uid('tg-error');
    const hintId = uid('tg-hint');
    input.id = id;
    input.name = name;
    input.setAttribute('aria-describedby', hintId + ' ' + errorId);
    this.fields[name] = input;
    this.errors[name] = el('span', { className: 'tg-field-error', id: errorId,
      'data-field-error': name });
    this.hints[name] = el('span', { className: 'tg-field-hint', id: hintId, text: hint || '' });
    this.wrappers[name] = el('div', { className: 'tg-field', 'data-field': name },
      el('label', { for: id, text: label }), input, this.hints[name], this.errors[name]);
  }

  setFarms(farms) {
    const previous = this.fields.farm.value;
    this.farms = farms;
    replace(this.fields.farm, farms.map((f) => el('option', { value: f.name, text: f.name })));
    const names = farms.map((f) => f.name);
    this.fields.farm.value = names.includes(previous) ? previous
      : (names.includes('mock') ? 'mock' : (names[0] ?? ''));
    this.applyFarm();
  }

  capabilities() {
    const farm = this.farms.find((f) => f.name === this.fields.farm.value);
    return farm && isObject(farm.capabilities) ? farm.capabilities : {};
  }

  /** Priority bounds and default, chunk controls shown only when the farm chunks. */
  applyFarm() {
    this.setError('farm', null);
    const caps = this.capabilities();
    const farm = this.farms.find((f) => f.name === this.fields.farm.value);
    this.hints.farm.textContent = farm ? text(farm.description) : '';
    const priority = isObject(caps.priority) ? caps.priority : {};
    bound(this.fields.priority, priority.minimum, priority.maximum);
    this.fields.priority.value = typeof priority.default === 'number'
      ? String(priority.default) : '';
    this.hints.priority.textContent = range(priority.minimum, priority.maximum)
      + (typeof priority.default === 'number' ? ', default ' + priority.default : '');
    this.setError('priority', null);
    const chunking = isObject(caps.chunking) ? caps.chunking : {};
    const enabled = chunking.enabled === true;
    this.wrappers.chunk_size.hidden = !enabled;
    this.fields.chunk_size.disabled = !enabled;
    bound(this.fields.chunk_size, chunking.minimum, chunking.maximum);
    this.fields.chunk_size.value = enabled && typeof chunking.default === 'number'
      ? String(chunking.default) : '';
    this.hints.chunk_size.textContent = enabled ? range(chunking.minimum, chunking.maximum)
      + (typeof chunking.default === 'number' ? ', default ' + chunking.default : '') : '';
    this.setError('chunk_size', null);
  }

  checkFramesField() {
    const value = this.fields.frames.value;
    if (value.trim() === '' && value === '') {
      this.setError('frames', null);
      return true;
    }
    const result = checkFrames(value);
    this.setError('frames', result.ok ? null : result.message);
    return result.ok;
  }

  setError(name, message) {
    const input = this.fields[name];
    this.errors[name].textContent = message || '';
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
  }

  body() {
    const f = this.fields;
    const body = { dcc: f.dcc.value, scene: f.scene.value, output: f.output.value,
      farm: f.farm.value };
    if (f.frames.value !== '') {
      body.frames = f.frames.value;
    }
    if (f.priority.value !== '') {
      body.priority = Number(f.priority.value);
    }
    if (!f.chunk_size.disabled && f.chunk_size.value !== '') {
      body.chunk_size = Number(f.chunk_size.value);
    }
    if (f.user.value !== '') {
      body.user = f.user.value;
    }
    return body;
  }

  async submit() {
    FIELDS.forEach((name) => this.setError(name, null));
    this.formError.hidden = true;
    this.outcome.textContent = '';
    if (!this.checkFramesField()) {
      this.fields.frames.focus();
      return;
    }
    this.submitButton.disabled = true;
    this.outcome.textContent = 'Submitting\u2026';
    const answer = await request('POST', '/render/jobs', { auth: true, body: this.body() });
    this.submitButton.disabled = false;
    if (answer.status === 201 && isObject(answer.data)) {
      const id = String(answer.data.job_id);
      this.outcome.textContent = 'Job ' + id + ' submitted (' + text(answer.data.status) + ').';
      this.fields.scene.value = '';
      this.fields.output.value = '';
      // The stream announces the job; should it be slow, ask for the record once.
      setTimeout(async () => {
        if (!this.model.get(id)) {
          const job = await request('GET', '/render/jobs/' + encodeURIComponent(id),
            { auth: true });
          if (job.ok && isObject(job.data) && !this.model.get(id)) {
            this.model.upsert(job.data);
          }
        }
      }, 400);
      return;
    }
    this.outcome.textContent = '';
    this.showErrors(answer);
  }

  /** 422 field lists and render envelopes next to their field; anything else above the button. */
  showErrors(answer) {
    const data = answer.data;
    let first = null;
    const general = [];
    if (isObject(data) && Array.isArray(data.detail)) {
      for (const item of data.detail.filter(isObject)) {
        const loc = asArray(item.loc);
        const name = loc.length === 1 && FIELDS.includes(loc[0]) ? loc[0] : null;
        if (name && !this.wrappers[name].hidden) {
          this.setError(name, String(item.msg));
          first = first || name;
        } else {
          general.push(loc.join('.') + ': ' + item.msg);
        }
      }
    } else if (isObject(data) && isObject(data.error)) {
      const name = envelopeField(data.error);
      const hint = typeof data.error.hint === 'string' ? ' ' + data.error.hint : '';
      if (name && !this.wrappers[name].hidden) {
        this.setError(name, data.error.message + hint);
        first = name;
      } else {
        general.push('HTTP ' + answer.status + ' ' + text(data.error.code) + ': '
          + data.error.message + hint);
      }
    } else {
      general.push(describe(answer));
    }
    if (general.length > 0) {
      replace(this.formError, el('strong', { text: 'The job was not submitted. ' }),
        general.join(' '));
      this.formError.hidden = false;
    }
    if (first) {
      this.fields[first].focus();
    }
  }
}

function bound(input, min, max) {
  for (const [attr, value] of [['min', min], ['max', max]]) {
    if (typeof value === 'number') {
      input.setAttribute(attr, String(value));
    } else {
      input.removeAttribute(attr);
    }
  }
}

function range(min, max) {
  if (typeof min === 'number' && typeof max === 'number') {
    return min + '\u2013' + max;
  }
  if (typeof min === 'number') {
    return 'at least ' + min;
  }
  return typeof max === 'number' ? 'at most ' + max : 'any integer';
}
