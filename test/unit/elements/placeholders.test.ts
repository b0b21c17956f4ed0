import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillPlaceholders, firstPlaceholder, placeholderValues } from '../../../src/elements/support-inbox/placeholders.js';
import { PLACEHOLDERS } from '../../../src/protocol/desk.js';

describe('canned reply placeholders', () => {
  it('fills every known placeholder from the customer, the context card and the agent', () => {
    const values = placeholderValues({
      customer: { name: 'Grace', email: 'grace@example.com' },
      context: { orderId: '100234', name: 'Volta X12 Pro', sku: 'VX12P-256-GR', serial: 'SN-42' },
      agentName: 'Alex',
    });
    const body = PLACEHOLDERS.map((name) => `{{${name}}}`).join('|');
    assert.equal(fillPlaceholders(body, values), 'Grace|grace@example.com|100234|Volta X12 Pro|VX12P-256-GR|SN-42|Alex');
  });

  it('leaves an unknown placeholder visible for the agent', () => {
    assert.equal(fillPlaceholders('Hi {{customer.name}}, {{customer.shoe_size}}', { 'customer.name': 'Grace' }), 'Hi Grace, {{customer.shoe_size}}');
  });

  it('leaves a placeholder with no value or a blank value visible, never an empty gap', () => {
    const values = placeholderValues({ customer: { name: '  ' }, context: { sku: 'X1' } });
    assert.equal(fillPlaceholders('Hi {{customer.name}}, order {{order.id}} for {{product.sku}}', values), 'Hi {{customer.name}}, order {{order.id}} for X1');
  });

  it('accepts spaces inside the braces and keeps text that only looks like one', () => {
    assert.equal(fillPlaceholders('{{ order.id }} {order.id} {{}}', { 'order.id': '7' }), '7 {order.id} {{}}');
  });

  it('puts a value in as text, once: a value holding a placeholder is not filled again', () => {
    assert.equal(fillPlaceholders('{{customer.name}}', { 'customer.name': '{{agent.name}} $& $1', 'agent.name': 'Alex' }), '{{agent.name}} $& $1');
  });

  it('finds the first placeholder left, to select it for the agent', () => {
    assert.deepEqual(firstPlaceholder('Hi Grace, order {{order.id}} and {{x}}'), { start: 16, end: 28 });
    assert.equal(firstPlaceholder('Hi Grace'), undefined);
  });
});
