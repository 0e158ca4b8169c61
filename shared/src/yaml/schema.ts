import { Schema } from 'yaml';
import type { Scalar, ScalarTag, Tags, ToStringOptions } from 'yaml';
import {
  KUBECTL_BOOL,
  KUBECTL_FLOAT,
  KUBECTL_INF_NAN,
  KUBECTL_INT,
  KUBECTL_NULL,
  SEXAGESIMAL,
  kubectlBool,
  kubectlFloat,
  kubectlInfNan,
  kubectlInt,
  readPlainKubectl,
  sameScalar,
} from './scalars.js';

/**
 * A `yaml` schema that reads plain scalars the way kubectl does (go-yaml v2), so `Scalar.value`
 * in a parsed document is what the API server will receive.
 *
 * Printing with it has two properties the form and the exporter rely on:
 * - a scalar that still holds the value it was parsed with is printed as it was written
 *   (`0777` stays `0777`, not `511`; `yes` stays `yes`), so an edit elsewhere changes nothing else;
 * - a string that kubectl would read as something else (`"yes"`, `"0777"`, `"1:30"`) is quoted,
 *   because the string printer quotes any text matched by another default tag's `test`.
 */

/** Printed text of a scalar that still reads as its current value, else undefined. */
function unchangedSource(item: Scalar): string | undefined {
  const { source } = item;
  if (typeof source !== 'string' || item.type !== 'PLAIN') return undefined;
  return sameScalar(readPlainKubectl(source), item.value) ? source : undefined;
}

function formatNumber(value: unknown): string {
  if (typeof value === 'bigint') return String(value);
  if (typeof value !== 'number') return String(value);
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  return String(value);
}

const nullTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:null',
  default: true,
  identify: (value) => value === null || value === undefined,
  test: KUBECTL_NULL,
  resolve: () => null,
  stringify: (item) => unchangedSource(item) ?? 'null',
};

const boolTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:bool',
  default: true,
  identify: (value) => typeof value === 'boolean',
  test: KUBECTL_BOOL,
  resolve: kubectlBool,
  stringify: (item) => unchangedSource(item) ?? String(item.value),
};

const infNanTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value) => typeof value === 'number' && !Number.isFinite(value),
  test: KUBECTL_INF_NAN,
  resolve: kubectlInfNan,
  stringify: (item) => unchangedSource(item) ?? formatNumber(item.value),
};

const intTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:int',
  default: true,
  identify: (value) => typeof value === 'bigint' || Number.isInteger(value),
  test: KUBECTL_INT,
  resolve: kubectlInt,
  stringify: (item) => unchangedSource(item) ?? formatNumber(item.value),
};

const floatTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:float',
  default: true,
  identify: (value) => typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value),
  test: KUBECTL_FLOAT,
  resolve: kubectlFloat,
  stringify: (item) => unchangedSource(item) ?? formatNumber(item.value),
};

// Never chosen for a value (identify is false); it exists so the string printer sees its `test`
// and quotes base-60-looking text, which YAML 1.1 readers other than kubectl turn into numbers.
const sexagesimalTag: ScalarTag = {
  tag: 'tag:dialtone.dev,2025:yaml-1.1-base-60',
  default: true,
  identify: () => false,
  test: SEXAGESIMAL,
  resolve: (text) => text,
};

function keepParsedBase60(stringTag: ScalarTag): ScalarTag {
  const print = stringTag.stringify;
  return {
    ...stringTag,
    stringify(item, ctx, onComment, onChompKeep) {
      // Parsed `1:30` is already warned about; quoting it on every save would rewrite the user's text.
      const { source } = item;
      if (
        item.type === 'PLAIN' &&
        typeof source === 'string' &&
        source === item.value &&
        SEXAGESIMAL.test(source)
      ) {
        return source;
      }
      return print ? print(item, ctx, onComment, onChompKeep) : String(item.value);
    },
  };
}

function kubectlTags(failsafe: Tags): Tags {
  const tags: Tags = failsafe.map((tag) =>
    typeof tag !== 'string' && !tag.collection && tag.tag === 'tag:yaml.org,2002:str'
      ? keepParsedBase60(tag)
      : tag,
  );
  // Order matters: the first tag whose test matches reads the scalar, as go-yaml's resolve() does.
  return tags.concat([nullTag, boolTag, infNanTag, intTag, floatTag, sexagesimalTag]);
}

/** Print options that keep a parsed document looking as it was written. */
export const PRINT_OPTIONS: Readonly<ToStringOptions> = {
  lineWidth: 0,
  flowCollectionPadding: false,
};

/**
 * Shared by every parsed and generated document: building a schema per document would dominate the
 * cost of small documents. `resolveKnownTags: false` matters for sharing, since known tags such as
 * `!!binary` would otherwise be pushed onto `tags` each time one is seen.
 */
export const kubectlSchema = new Schema({
  schema: 'failsafe',
  customTags: kubectlTags,
  resolveKnownTags: false,
  merge: false,
  toStringDefaults: PRINT_OPTIONS,
});

/** The same schema for documents whose lists sit flush with their key, as kubectl prints them. */
export const kubectlFlushListSchema = kubectlSchema.clone();
kubectlFlushListSchema.toStringOptions = { ...PRINT_OPTIONS, indentSeq: false };
