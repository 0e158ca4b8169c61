import { describe, expect, it } from 'vitest';
import { bundledSchemas, type JsonSchema } from '../schema/index.js';
import { ingressRouteTCPSpecShape, serversTransportTCPSpecShape } from './index.js';

/** The field tree of a schema node, in the same notation as the shapes. */
function shapeOfSchema(node: JsonSchema): unknown {
  if (node.type === 'array') {
    const items = node.items!;
    return items.type === 'object' ? [shapeOfSchema(items)] : 'list';
  }
  if (node.type === 'object' && node.properties) {
    return Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, shapeOfSchema(v)]));
  }
  return 'scalar';
}

// The types cover the newest schema (master's); the release's is a subset of it.
describe('TypeScript types and the CRD schema', () => {
  it('name exactly the same ServersTransportTCP fields', () => {
    expect(serversTransportTCPSpecShape).toEqual(
      shapeOfSchema(bundledSchemas('master').serversTransportTCP.schema.properties!['spec']!),
    );
  });

  it('name exactly the same IngressRouteTCP fields', () => {
    expect(ingressRouteTCPSpecShape).toEqual(
      shapeOfSchema(bundledSchemas('master').ingressRouteTCP.schema.properties!['spec']!),
    );
  });
});
