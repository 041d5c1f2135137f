// Builds DOM nodes. Everything shown comes from the cluster and is set as text, never parsed as
// HTML; event handlers are attached as functions, never as attributes.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on')) {
      throw new Error(`inline handler ${name} refused`);
    } else if (name === 'value' || name === 'checked' || name === 'disabled' || name === 'selected') {
      node[name] = value;
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function option(value, text, selected) {
  return el('option', { value, selected }, text ?? value);
}
