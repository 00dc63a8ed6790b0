// DOM building without HTML strings: every text goes in through textContent / text nodes, so names, findings,
// chat and anything else a user or a model wrote is shown as text, never parsed as markup.

/** el('button', {type: 'button', onclick: f, 'data-testid': 'x'}, 'Label', child…) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** A labelled form field; returns {row, input}. */
export function field(label, attrs = {}, kind = 'input') {
  const id = attrs.id ?? `f-${Math.random().toString(36).slice(2, 9)}`;
  const input = el(kind, { ...attrs, id });
  const row = el('div', { class: 'field' }, el('label', { for: id, text: label }), input);
  return { row, input };
}

/** A region where errors and notices are announced to screen readers. */
export function messageBox(testid) {
  return el('div', { class: 'message', role: 'alert', 'aria-live': 'assertive', 'data-testid': testid, hidden: true });
}

export function showMessage(box, text, kind = 'error') {
  box.className = `message ${kind}`;
  box.textContent = text;
  box.hidden = !text;
  // A message far above the control that caused it would go unseen.
  if (text) box.scrollIntoView({ block: 'nearest' });
}

export function formatTime(date) {
  return new Date(date).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** Seconds → "4:05". */
export function formatLeft(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
