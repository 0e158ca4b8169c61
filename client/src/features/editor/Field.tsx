import {
  toPointer,
  TRAEFIK_DURATION_DEFAULTS,
  formatGoDuration,
  type Diagnostic,
  type DurationField,
  type JsonSchema,
  type PathSegment,
} from '@dialtone/shared';
import type { DiagnosticAction } from '../transports';
import { describeDuration, durationValue } from './durationText';
import { diagnosticsAt, type EditModel } from './editModel';
import { fieldId, fieldKind, helpText, referenceKind } from './formFields';
import { DurationUnit } from './DurationUnit';
import { FieldProblems } from './FieldProblems';
import { ReferenceCheck } from './ReferenceCheck';
import { FIELDS } from './uiSchema';

export interface FormContext {
  model: EditModel;
  onEdit(path: PathSegment[], value: unknown): void;
  /** Several edits as one change: a mode switch, a migration. */
  onEditMany(edits: { path: PathSegment[]; value: unknown }[]): void;
  cluster: string;
  namespace: string | undefined;
  actionFor?(d: Diagnostic): DiagnosticAction | undefined;
}

// The order people think in (how long to dial, then how to keep and end the connection, then TLS),
// not the schema's alphabetical one; fields the list does not name keep the schema's order after it.
const PREFERRED = ['dialTimeout', 'dialKeepAlive', 'terminationDelay', 'proxyProtocol', 'tls', 'serverName'];

function orderedProperties(schema: JsonSchema): [string, JsonSchema][] {
  const rank = (key: string) => {
    const i = PREFERRED.indexOf(key);
    return i === -1 ? PREFERRED.length : i;
  };
  return Object.entries(schema.properties ?? {}).sort(([a], [b]) => rank(a) - rank(b));
}

export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

export interface FieldProps {
  ctx: FormContext;
  name: string | number;
  path: PathSegment[];
  schema: JsonSchema;
  label?: string;
}

export function Field({ ctx, name, path, schema, label }: FieldProps) {
  const kind = fieldKind(name, schema);
  const id = fieldId(path);
  const value = valueAt(ctx.model.value, path);
  const problems = diagnosticsAt(ctx.model, toPointer(path));
  const ui = typeof name === 'string' ? FIELDS[name] : undefined;
  const fromSchema = helpText(schema);
  const help = ui?.help ?? fromSchema.help;
  const deprecated = fromSchema.deprecated;
  const describedBy =
    [
      help ? `${id}-help` : '',
      problems.length ? `${id}-problems` : '',
      kind === 'duration' ? `${id}-reads` : '',
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  const text = label ?? ui?.label ?? String(name);
  // The YAML key beside the words, so what the form says maps onto the YAML tab and kubectl.
  const caption = (
    <>
      {text}
      {ui && typeof name === 'string' && (
        <>
          {' '}
          <code className="key">{name}</code>
        </>
      )}
    </>
  );
  const helpBlock = (
    <>
      {help && (
        <p id={`${id}-help`} className="help">
          {help}
        </p>
      )}
      {deprecated && <p className="help diagnostic-warning">{deprecated}</p>}
    </>
  );

  if (kind === 'object') {
    return (
      <fieldset className="form-group">
        <legend>{caption}</legend>
        {helpBlock}
        <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
        {orderedProperties(schema).map(([key, child]) => (
          <Field key={key} ctx={ctx} name={key} path={[...path, key]} schema={child} />
        ))}
      </fieldset>
    );
  }

  if (kind === 'list') {
    const items = Array.isArray(value) ? value : [];
    const itemSchema = schema.items ?? { type: 'string' };
    const blank = itemSchema.type === 'object' ? {} : '';
    return (
      <fieldset className="form-group">
        <legend>{caption}</legend>
        {helpBlock}
        <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
        {items.map((_, index) => (
          <div key={index} className="list-item">
            <Field
              ctx={ctx}
              name={index}
              path={[...path, index]}
              schema={itemSchema}
              label={`${text} ${String(index + 1)}`}
            />
            <button
              type="button"
              className="link"
              onClick={() =>
                ctx.onEdit(path, items.length === 1 ? undefined : items.filter((__, i) => i !== index))
              }
            >
              Remove {text} {index + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => ctx.onEdit([...path, items.length], blank)}>
          Add to {text}
        </button>
      </fieldset>
    );
  }

  if (kind === 'boolean') {
    return (
      <div className="field">
        <label className="check">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            aria-describedby={describedBy}
            onChange={(e) => ctx.onEdit(path, e.target.checked ? true : undefined)}
          />
          {caption}
        </label>
        {helpBlock}
        <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
      </div>
    );
  }

  const shown =
    value === undefined || value === null
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  const reference = kind === 'string' ? referenceKind(path) : undefined;
  const placeholder =
    kind === 'duration'
      ? formatGoDuration(TRAEFIK_DURATION_DEFAULTS[name as DurationField])
      : schema.default !== undefined
        ? String(schema.default)
        : undefined;
  const onText = (raw: string) => {
    if (kind === 'duration' || kind === 'int-or-string') ctx.onEdit(path, durationValue(raw));
    else if (kind === 'number')
      ctx.onEdit(path, raw.trim() === '' || Number.isNaN(Number(raw)) ? undefined : Number(raw));
    else ctx.onEdit(path, raw === '' ? undefined : raw);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{caption}</label>
      {schema.enum ? (
        <select id={id} value={shown} aria-describedby={describedBy} onChange={(e) => onText(e.target.value)}>
          <option value="">(unset)</option>
          {schema.enum.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={kind === 'number' ? 'number' : 'text'}
          value={shown}
          placeholder={placeholder}
          min={schema.minimum}
          max={schema.maximum}
          list={
            reference && ctx.namespace
              ? `${reference}-${ctx.namespace}`
              : path.join('/') === 'metadata/namespace'
                ? 'namespace-options'
                : undefined
          }
          aria-invalid={problems.some((p) => p.severity === 'error')}
          aria-describedby={describedBy}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onText(e.target.value)}
        />
      )}
      {kind === 'duration' && (
        <DurationUnit
          label={text}
          value={value as string | number | undefined}
          onValue={(next) => ctx.onEdit(path, next)}
        />
      )}
      {kind === 'duration' && (
        <p id={`${id}-reads`} className="reads" data-testid={`reads-${String(name)}`}>
          Traefik reads: {describeDuration(name as DurationField, value as string | number | undefined)}
        </p>
      )}
      {helpBlock}
      {reference && <ReferenceCheck ctx={ctx} path={path} name={shown} />}
      <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
    </div>
  );
}
