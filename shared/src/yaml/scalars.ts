/**
 * How plain (unquoted) scalars are read, twice: as kubectl reads them and as a YAML 1.2 parser does.
 *
 * kubectl decodes manifests with sigs.k8s.io/yaml, which uses go-yaml v2 and therefore mostly YAML 1.1
 * rules. Editors, linters and most other tools use YAML 1.2. Where the two disagree the user sees one
 * thing and the API server receives another, so those scalars are worth a warning.
 */

/** A scalar as a JSON value, which is all the API server ever receives. */
export type ScalarValue = string | number | boolean | null;

// go-yaml v2 `resolve.go` looks these exact spellings up in a table before anything else.
export const KUBECTL_NULL = /^(?:~|null|Null|NULL)?$/;
export const KUBECTL_BOOL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const KUBECTL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
export const KUBECTL_INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

// For text starting with a digit or a sign, go-yaml v2 deletes every `_` and then tries
// strconv.ParseInt(text, 0, 64): base prefixes 0x/0b/0o, and a bare leading 0 means octal.
// The `_*` sprinkled through these patterns accept exactly what survives that deletion.
export const KUBECTL_INT =
  /^(?=[-+0-9])[-+]?_*(?:0_*[xX]_*[0-9a-fA-F][0-9a-fA-F_]*|0_*[bB]_*[01][01_]*|0_*[oO]_*[0-7][0-7_]*|0[0-7_]*|[1-9][0-9_]*)$/;
// Then its yamlStyleFloat pattern on the same underscore-free text; text starting with `.` goes to
// strconv.ParseFloat untouched instead. `0789` is not valid octal, so it lands here as 789.
export const KUBECTL_FLOAT =
  /^(?:(?=[-+0-9])[-+]?_*(?:\._*[0-9][0-9_]*|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE]_*[-+]?_*[0-9][0-9_]*)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?)$/;
// YAML 1.1 base-60 numbers. go-yaml v2 never implemented them (it keeps the text), but other
// YAML 1.1 readers do, so `1:30` means 90 to some tools and "1:30" to kubectl.
export const SEXAGESIMAL = /^[-+]?(?:[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$/;

const CORE_NULL = /^(?:~|null|Null|NULL)?$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_OCT = /^0o[0-7]+$/;
const CORE_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

export function kubectlBool(text: string): boolean {
  return KUBECTL_TRUE.has(text);
}

export function kubectlInfNan(text: string): number {
  if (text.endsWith('nan') || text.endsWith('NaN') || text.endsWith('NAN')) return NaN;
  return text.startsWith('-') ? -Infinity : Infinity;
}

const PREFIX_RADIX: Record<string, number | undefined> = { '0x': 16, '0b': 2, '0o': 8 };

/** Value of text already matched by KUBECTL_INT. */
export function kubectlInt(text: string): number {
  let digits = text.replace(/_/g, '');
  let sign = 1;
  if (digits.startsWith('-') || digits.startsWith('+')) {
    if (digits.startsWith('-')) sign = -1;
    digits = digits.slice(1);
  }
  const prefix = digits.slice(0, 2).toLowerCase();
  let radix = PREFIX_RADIX[prefix];
  if (radix !== undefined) digits = digits.slice(2);
  else radix = digits.length > 1 && digits.startsWith('0') ? 8 : 10;
  const magnitude = Number.parseInt(digits, radix);
  return magnitude === 0 ? 0 : sign * magnitude;
}

/** Value of text already matched by KUBECTL_FLOAT. */
export function kubectlFloat(text: string): number {
  return Number(text.startsWith('.') ? text : text.replace(/_/g, ''));
}

/** What kubectl sends for a plain scalar. */
export function readPlainKubectl(text: string): ScalarValue {
  if (KUBECTL_NULL.test(text)) return null;
  if (KUBECTL_BOOL.test(text)) return kubectlBool(text);
  if (KUBECTL_INF_NAN.test(text)) return kubectlInfNan(text);
  if (KUBECTL_INT.test(text)) return kubectlInt(text);
  if (KUBECTL_FLOAT.test(text)) return kubectlFloat(text);
  return text;
}

/** What a YAML 1.2 core-schema parser reads for a plain scalar. */
export function readPlainCore(text: string): ScalarValue {
  if (CORE_NULL.test(text)) return null;
  if (CORE_BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (CORE_INT.test(text)) return Number.parseInt(text, 10);
  if (CORE_OCT.test(text)) return Number.parseInt(text.slice(2), 8);
  if (CORE_HEX.test(text)) return Number.parseInt(text.slice(2), 16);
  if (CORE_FLOAT.test(text)) return Number(text);
  if (KUBECTL_INF_NAN.test(text)) return kubectlInfNan(text);
  return text;
}

export function sameScalar(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a)) return Number.isNaN(b);
  return a === b;
}

function sexagesimalValue(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const parts = text.replace(/^[-+]/, '').replace(/_/g, '').split(':');
  let total = 0;
  for (const part of parts) total = total * 60 + Number(part);
  return sign * total;
}

function show(value: ScalarValue): string {
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `the boolean ${String(value)}`;
  if (value === null) return 'null';
  return `the number ${String(value)}`;
}

export interface Ambiguity {
  message: string;
  hint: string;
}

/**
 * Explains a plain scalar that kubectl and YAML 1.2 read differently, or returns undefined.
 * `kubectl` is the value already read for `text`; callers skip plain strings without a colon,
 * which can never be ambiguous, before calling this.
 */
export function explainAmbiguity(text: string, kubectl: ScalarValue): Ambiguity | undefined {
  const quoted = JSON.stringify(text);
  if (typeof kubectl === 'string') {
    if (!SEXAGESIMAL.test(text)) return undefined;
    const base60 = sexagesimalValue(text);
    return {
      message:
        `${text} is read by kubectl as ${show(kubectl)}, but YAML 1.1 readers take it as the base-60 ` +
        `number ${String(base60)}. Write ${quoted} in quotes so every tool reads the text.`,
      hint: `Quote it: ${quoted}. If you meant the number, write ${String(base60)}.`,
    };
  }
  const core = readPlainCore(text);
  if (sameScalar(core, kubectl)) return undefined;
  const both = `${text} is read by kubectl (YAML 1.1) as ${show(kubectl)}, but by YAML 1.2 tools as ${show(core)}.`;
  if (typeof kubectl === 'boolean') {
    return {
      message: `${both} Write ${String(kubectl)}, or ${quoted} in quotes if you meant the text.`,
      hint: `Booleans are unambiguous only as true or false; any other text must be quoted.`,
    };
  }
  if (typeof core === 'number') {
    return {
      message:
        `${both} Write ${String(kubectl)} for the value kubectl sends, ${String(core)} for the decimal ` +
        `number, or ${quoted} in quotes if you meant the text.`,
      hint: 'A leading zero makes YAML 1.1 read the digits as octal; for an octal value write 0o followed by the digits.',
    };
  }
  return {
    message: `${both} Write ${String(kubectl)} for the number, or ${quoted} in quotes if you meant the text.`,
    hint: 'YAML 1.2 has no underscores in numbers, no 0b binary, and no sign or capital letter before 0x/0o; write plain decimal digits.',
  };
}
