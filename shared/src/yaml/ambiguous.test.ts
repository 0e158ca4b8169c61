import { describe, expect, it } from 'vitest';
import { parseYaml } from './index.js';

function readValue(scalar: string): { value: unknown; messages: string[]; fatal: boolean | undefined } {
  const [doc] = parseYaml(`value: ${scalar}\n`);
  const value = (doc?.value as { value?: unknown } | undefined)?.value;
  const messages = (doc?.diagnostics ?? []).map((d) => {
    expect(d).toMatchObject({
      severity: 'warning',
      code: 'yaml.ambiguous-scalar',
      path: '/value',
      line: 1,
      column: 8,
    });
    return d.message;
  });
  return { value, messages, fatal: doc?.fatal };
}

describe('ambiguous plain scalars', () => {
  it.each([
    ['y', true],
    ['Y', true],
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['on', true],
    ['On', true],
    ['ON', true],
    ['n', false],
    ['N', false],
    ['no', false],
    ['No', false],
    ['NO', false],
    ['off', false],
    ['Off', false],
    ['OFF', false],
  ])('%s is the boolean kubectl sends, with a warning naming both readings', (text, expected) => {
    const { value, messages, fatal } = readValue(text);
    expect(value).toBe(expected);
    expect(fatal).toBe(false);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`the boolean ${String(expected)}`);
    expect(messages[0]).toContain(`the text "${text}"`);
    expect(messages[0]).toContain(`Write ${String(expected)}, or "${text}" in quotes if you meant the text`);
  });

  it.each([
    ['0777', 511, 777],
    ['-012', -10, -12],
    ['+012', 10, 12],
    ['00644', 420, 644],
  ])('%s with a leading zero is octal for kubectl', (text, kubectl, yaml12) => {
    const { value, messages } = readValue(text);
    expect(value).toBe(kubectl);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`the number ${String(kubectl)}`);
    expect(messages[0]).toContain(`the number ${String(yaml12)}`);
    expect(messages[0]).toContain(`"${text}" in quotes`);
  });

  it.each([
    ['0b1010', 10],
    ['1_000', 1000],
    ['-0x1F', -31],
    ['0X1F', 31],
  ])('%s is a number only for kubectl', (text, kubectl) => {
    const { value, messages } = readValue(text);
    expect(value).toBe(kubectl);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`the number ${String(kubectl)}`);
    expect(messages[0]).toContain(`the text "${text}"`);
  });

  it.each([
    ['1:30', 90],
    ['190:20:30', 685230],
  ])('%s stays text, as kubectl sends it, with a warning about the base-60 reading', (text, base60) => {
    const { value, messages } = readValue(text);
    expect(value).toBe(text);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`base-60 number ${String(base60)}`);
    expect(messages[0]).toContain(`Write "${text}" in quotes`);
  });

  it.each(['"yes"', "'on'", '"0777"', "'0b1010'", '"1:30"', '"n"'])(
    'quoted %s is text with no warning',
    (text) => {
      const { value, messages } = readValue(text);
      expect(value).toBe(text.slice(1, -1));
      expect(messages).toEqual([]);
    },
  );

  it.each([
    ['0', 0],
    ['09', 9],
    ['0789', 789],
    ['0o17', 15],
    ['10:30:75', '10:30:75'],
    ['12:60', '12:60'],
    ['http://host:8080', 'http://host:8080'],
    ['2024-01-31', '2024-01-31'],
  ])('%s reads the same in both and gets no warning', (text, expected) => {
    const { value, messages } = readValue(text);
    expect(value).toBe(expected);
    expect(messages).toEqual([]);
  });

  it('checks keys too, and names the key the way kubectl sends it', () => {
    const [doc] = parseYaml('spec:\n  on: 1\n');
    expect(doc?.value).toEqual({ spec: { true: 1 } });
    expect(doc?.diagnostics).toMatchObject([
      { severity: 'warning', code: 'yaml.ambiguous-scalar', path: '/spec/true', line: 2, column: 3 },
    ]);
  });

  it('does not warn about block scalars', () => {
    const [doc] = parseYaml('value: |\n  yes\n');
    expect(doc?.value).toEqual({ value: 'yes\n' });
    expect(doc?.diagnostics).toEqual([]);
  });
});
