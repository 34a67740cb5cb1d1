/*
 * Building DOM nodes. Everything that comes from the service is inserted as text (textContent,
 * createElement): the page never builds HTML from data.
 */

/** Builds an element; children may be nodes, strings (inserted as text), arrays or null. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name === 'className') {
        node.className = value;
      } else if (name === 'text') {
        node.textContent = String(value);
      } else if (name === 'hidden') {
        node.hidden = true;
      } else if (name === 'on') {
        for (const [type, handler] of Object.entries(value)) {
          node.addEventListener(type, handler);
        }
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(node, children);
  return node;
}

export function append(node, child) {
  if (child === null || child === undefined || child === false) {
    return;
  }
  if (Array.isArray(child)) {
    child.forEach((c) => append(node, c));
  } else if (typeof child === 'string' || typeof child === 'number') {
    node.appendChild(document.createTextNode(String(child)));
  } else {
    node.appendChild(child);
  }
}

export function replace(node, ...children) {
  node.replaceChildren();
  append(node, children);
}

/** A data table; the first cell of each row is its row header. */
export function table(caption, headings, rows, numericColumns = []) {
  const numeric = (i) => (numericColumns.includes(i) ? 'tg-num' : null);
  return el('div', { className: 'tg-table-wrap' },
    el('table', { className: 'tg-table' },
      el('caption', { className: 'tg-visually-hidden', text: caption }),
      el('thead', null, el('tr', null, headings.map((h, i) =>
        el('th', { scope: 'col', className: numeric(i), text: h })))),
      el('tbody', null, rows.map((cells) => el('tr', null, cells.map((cell, i) => (i === 0
        ? el('th', { scope: 'row', className: numeric(i) }, cell)
        : el('td', { className: numeric(i) }, cell))))))));
}

export function figures(items) {
  return el('dl', { className: 'tg-figures' }, items.map((item) =>
    el('div', { className: 'tg-figure' + (item.cls ? ' ' + item.cls : '') },
      el('dt', { text: item.label }),
      el('dd', null, item.value))));
}

/** Pairs of label and value as a definition list. */
export function pairs(items) {
  return el('dl', { className: 'tg-pairs' }, items.flatMap(([label, value]) =>
    [el('dt', { text: label }), el('dd', null, value)]));
}

let ids = 0;

/** A fresh id for label/field wiring. */
export function uid(prefix) {
  ids += 1;
  return prefix + '-' + ids;
}
