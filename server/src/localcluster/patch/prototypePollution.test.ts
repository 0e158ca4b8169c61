import { afterEach, describe, expect, it } from 'vitest';
import { applyJsonPatch } from './jsonPatch.js';
import { applyMergePatch } from './mergePatch.js';
import { applyStrategicMergePatch } from './strategicMerge.js';

const HOSTILE = ['__proto__', 'constructor', 'prototype'];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

function document() {
  return { metadata: { name: 'x', labels: { app: 'a' } }, spec: { tls: { serverName: 'db' } } };
}

function prototypeIntact(): void {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** Hostile keys as JSON.parse hands them over: own properties named `__proto__` and so on. */
function parsed(text: string): unknown {
  return JSON.parse(text) as unknown;
}

afterEach(prototypeIntact);

describe('prototype pollution through the embedded cluster patches', () => {
  it.each(HOSTILE)('refuses a JSON Patch path through "%s"', (key) => {
    const patches = [
      [{ op: 'add', path: `/${key}/polluted`, value: 'yes' }],
      [{ op: 'add', path: `/spec/${key}/polluted`, value: 'yes' }],
      [{ op: 'replace', path: `/metadata/${key}`, value: {} }],
      [{ op: 'copy', from: '/spec', path: `/${key}` }],
      [{ op: 'move', from: `/${key}`, path: '/spec/x' }],
      [{ op: 'test', path: `/${key}`, value: {} }],
      parsed(`[{"op":"add","path":"/spec/tls","value":{"${key}":{"polluted":"yes"}}}]`),
    ];
    for (const patch of patches) {
      expect(() => applyJsonPatch(document(), patch), JSON.stringify(patch)).toThrow(
        new RegExp(`names "${key}"`),
      );
    }
  });

  it.each(HOSTILE)('refuses a merge patch and a strategic merge patch with a "%s" key', (key) => {
    const patches = [
      parsed(`{"${key}":{"polluted":"yes"}}`),
      parsed(`{"spec":{"tls":{"${key}":{"polluted":"yes"}}}}`),
      parsed(`{"metadata":{"labels":{"${key}":"yes"}}}`),
      parsed(`{"spec":{"list":[{"${key}":{"polluted":"yes"}}]}}`),
    ];
    for (const patch of patches) {
      expect(() => applyMergePatch(document(), patch), JSON.stringify(patch)).toThrow(TypeError);
      expect(() => applyStrategicMergePatch('ConfigMap', document(), patch)).toThrow(TypeError);
    }
    const directive = parsed(`{"$deleteFromPrimitiveList/${key}":["x"],"$setElementOrder/${key}":[]}`);
    expect(() => applyStrategicMergePatch('Service', document(), directive)).toThrow(TypeError);
  });

  it('still applies ordinary patches, and does not read inherited members as fields', () => {
    expect(applyJsonPatch(document(), [{ op: 'add', path: '/spec/dialTimeout', value: '3s' }])).toMatchObject(
      {
        spec: { dialTimeout: '3s' },
      },
    );
    // `toString` is on every object's prototype; a JSON Patch must see it as missing, as Go would.
    expect(() => applyJsonPatch(document(), [{ op: 'remove', path: '/spec/toString' }])).toThrow(
      /nonexistent key/,
    );
    expect(() => applyJsonPatch(document(), [{ op: 'add', path: '/spec/toString/x', value: 1 }])).toThrow(
      /missing path/,
    );
    expect(applyMergePatch(document(), { spec: { valueOf: { a: 1 } } })).toMatchObject({
      spec: { valueOf: { a: 1 } },
    });
  });
});
