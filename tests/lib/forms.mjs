// forms.mjs — reading a form page that came back with its errors: each
// field's block and the message next to it (aria-invalid on the field).
import assert from 'node:assert/strict';

// The field block (<div class="field…">…</div>) of the input named name.
export function fieldBlock(html, name) {
  const at = html.indexOf(`id="f-${name}"`);
  assert.ok(at > 0, `field ${name} present`);
  const start = html.lastIndexOf('<div class="field', at);
  return html.slice(start, html.indexOf('</div>', at) + 6);
}

// Asserts the field is marked invalid with this message next to it.
export function assertFieldError(html, name, message) {
  const block = fieldBlock(html, name);
  assert.match(block, /aria-invalid="true"/, `${name} is marked invalid: ${block}`);
  assert.ok(block.includes(`<p class="error" id="e-${name}">${message}</p>`), `${name}: ${message} in ${block}`);
}

// Asserts the field is not marked invalid.
export function assertFieldFine(html, name) {
  assert.doesNotMatch(fieldBlock(html, name), /aria-invalid/, `${name} is fine`);
}
