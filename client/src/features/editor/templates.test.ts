import { describe, expect, it } from 'vitest';
import { readModel } from './editModel';
import { TEMPLATES, templateText } from './templates';

describe('templates', () => {
  it.each(TEMPLATES)('$label has no schema or Kubernetes error', (template) => {
    const model = readModel(template.text('demo'), undefined);
    expect(model.fatal).toBe(false);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('templateText', () => {
  it('names the transport a route is waiting for, and nothing else changes', () => {
    const template = TEMPLATES[0]!;
    const text = templateText(template, 'edge', 'no-such-transport');
    expect(readModel(text, undefined).value).toMatchObject({ metadata: { name: 'no-such-transport' } });
    expect(text.replace('no-such-transport', 'plain-tcp')).toBe(template.text('edge'));
  });
});
