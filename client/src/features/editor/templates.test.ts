import { describe, expect, it } from 'vitest';
import { readModel } from './editModel';
import { TEMPLATES } from './templates';

describe('templates', () => {
  it.each(TEMPLATES)('$label has no schema or Kubernetes error', (template) => {
    const model = readModel(template.text('demo'), undefined);
    expect(model.fatal).toBe(false);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
