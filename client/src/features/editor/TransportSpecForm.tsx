import { useState } from 'react';
import { effectiveValues, toPointer, type JsonSchema, type ServersTransportTCPSpec } from '@dialtone/shared';
import { diagnosticsAt } from './editModel';
import { Field, valueAt, type FormContext } from './Field';
import { fieldId } from './formFields';
import { FieldProblems } from './FieldProblems';
import { ReferenceCheck } from './ReferenceCheck';
import {
  FIELDS,
  LAID_OUT,
  LEGACY_FIELDS,
  MODE_FIELDS,
  MODES,
  modeOf,
  shownMode,
  switchMode,
  type SecurityMode,
} from './uiSchema';

const DURATIONS = ['dialTimeout', 'dialKeepAlive', 'terminationDelay'] as const;

function ProxyProtocol({ ctx, schema }: { ctx: FormContext; schema: JsonSchema }) {
  const path = ['spec', 'proxyProtocol'];
  const id = fieldId([...path, 'version']);
  const version = valueAt(ctx.model.value, [...path, 'version']);
  const present = valueAt(ctx.model.value, path) !== undefined;
  const problems = [
    ...diagnosticsAt(ctx.model, toPointer(path)),
    ...diagnosticsAt(ctx.model, toPointer([...path, 'version'])),
  ];
  const shown = !present ? 'off' : version === 1 || version === 2 ? String(version) : 'unset';
  const versions = (schema.properties?.['version']?.enum as number[] | undefined) ?? [1, 2];
  return (
    <div className="field">
      <label htmlFor={id}>
        {FIELDS['proxyProtocol']!.label} <code className="key">proxyProtocol</code>
      </label>
      <select
        id={id}
        value={shown}
        aria-invalid={problems.some((p) => p.severity === 'error')}
        aria-describedby={`${id}-help${problems.length ? ` ${id}-problems` : ''}`}
        onChange={(e) =>
          e.target.value === 'off'
            ? ctx.onEdit(path, undefined)
            : ctx.onEdit([...path, 'version'], Number(e.target.value))
        }
      >
        <option value="off">off</option>
        {shown === 'unset' && <option value="unset">on, without a version (broken)</option>}
        {versions.map((v) => (
          <option key={v} value={String(v)}>
            v{v}
          </option>
        ))}
      </select>
      <p id={`${id}-help`} className="help">
        {FIELDS['proxyProtocol']!.help}
      </p>
      <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
    </div>
  );
}

/** One trusted CA: a Secret or a ConfigMap, picked by name from the namespace. */
function CaPicker({ ctx, index, count }: { ctx: FormContext; index: number; count: number }) {
  const path = ['spec', 'tls', 'rootCAs', index];
  const item = (valueAt(ctx.model.value, path) ?? {}) as { secret?: string; configMap?: string };
  const kind = item.configMap !== undefined && item.secret === undefined ? 'configMap' : 'secret';
  const name = item[kind] ?? '';
  const namePath = [...path, kind];
  const id = fieldId(namePath);
  const problems = [
    ...diagnosticsAt(ctx.model, toPointer(path)),
    ...diagnosticsAt(ctx.model, toPointer(namePath)),
  ];
  const list = valueAt(ctx.model.value, ['spec', 'tls', 'rootCAs']) as unknown[];
  return (
    <div className="list-item picker">
      <label htmlFor={`${id}-kind`} className="visually-hidden">
        Kind of trusted CA {index + 1}
      </label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => ctx.onEdit(path, { [e.target.value]: name })}>
        <option value="secret">Secret</option>
        <option value="configMap">ConfigMap</option>
      </select>
      <label htmlFor={id} className="visually-hidden">
        {kind === 'secret' ? 'Secret' : 'ConfigMap'} of trusted CA {index + 1}
      </label>
      <input
        id={id}
        value={name}
        list={`${kind === 'secret' ? 'secrets' : 'configmaps'}-${ctx.namespace ?? ''}`}
        placeholder={kind === 'secret' ? 'Secret name' : 'ConfigMap name'}
        aria-invalid={problems.some((p) => p.severity === 'error')}
        aria-describedby={problems.length ? `${id}-problems` : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => ctx.onEdit(namePath, e.target.value === '' ? undefined : e.target.value)}
      />
      <button
        type="button"
        className="link"
        onClick={() =>
          ctx.onEdit(['spec', 'tls', 'rootCAs'], count === 1 ? undefined : list.filter((_, i) => i !== index))
        }
      >
        Remove trusted CA {index + 1}
      </button>
      <ReferenceCheck ctx={ctx} path={namePath} name={name} />
      <FieldProblems diagnostics={problems} id={id} actionFor={ctx.actionFor} />
    </div>
  );
}

function TrustedCas({ ctx }: { ctx: FormContext }) {
  const list = valueAt(ctx.model.value, ['spec', 'tls', 'rootCAs']);
  const items = Array.isArray(list) ? list : [];
  const ui = FIELDS['rootCAs']!;
  return (
    <fieldset className="form-group">
      <legend>
        {ui.label} <code className="key">rootCAs</code>
      </legend>
      <p className="help">{ui.help}</p>
      {items.length === 0 && <p className="muted">None: Traefik trusts the system&apos;s public CAs.</p>}
      {items.map((_, index) => (
        <CaPicker key={index} ctx={ctx} index={index} count={items.length} />
      ))}
      <button
        type="button"
        onClick={() => ctx.onEdit(['spec', 'tls', 'rootCAs', items.length], { secret: '' })}
      >
        Add a trusted CA
      </button>
    </fieldset>
  );
}

function ModeSelector({ mode, onMode }: { mode: SecurityMode; onMode(mode: SecurityMode): void }) {
  return (
    <fieldset className="mode-selector">
      <legend>Security</legend>
      {MODES.map((m) => (
        <label key={m.id} className={`mode${m.id === mode ? ' mode-selected' : ''}`}>
          <input
            type="radio"
            name="security-mode"
            value={m.id}
            checked={m.id === mode}
            onChange={() => onMode(m.id)}
          />
          <span>
            <strong>{m.label}</strong>
            <span className="help"> {m.help}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The Legacy section: deprecated fields, shown only where they are set; each finding carries its migration. */
function Legacy({ ctx, tlsSchema }: { ctx: FormContext; tlsSchema: JsonSchema | undefined }) {
  const present = LEGACY_FIELDS.filter(
    (key) => tlsSchema?.properties?.[key] && valueAt(ctx.model.value, ['spec', 'tls', key]) !== undefined,
  );
  if (present.length === 0) return null;
  return (
    <fieldset className="form-group legacy">
      <legend>Legacy</legend>
      <p className="help">
        Fields Traefik still reads but that have replacements, or that it ignores for TCP.
      </p>
      {present.map((key) => (
        <Field
          key={key}
          ctx={ctx}
          name={key}
          path={['spec', 'tls', key]}
          schema={tlsSchema!.properties![key]!}
        />
      ))}
    </fieldset>
  );
}

/**
 * The spec, laid out for transports: connection settings, then one security mode with only its
 * fields, then legacy fields. Fields the installed CRD lacks are not offered; fields it has that
 * the layout does not know are shown as the schema describes them.
 */
export function TransportSpecForm({ ctx, schema }: { ctx: FormContext; schema: JsonSchema }) {
  const props = schema.properties ?? {};
  const tlsSchema = props['tls'];
  const spec = (valueAt(ctx.model.value, ['spec']) ?? {}) as ServersTransportTCPSpec;
  const written = modeOf(effectiveValues(spec).tlsMode);
  const [chosen, setChosen] = useState<SecurityMode>();
  const mode = shownMode(chosen, written);
  const tlsField = (key: string) => {
    const child = tlsSchema?.properties?.[key];
    if (!child) return null;
    if (key === 'rootCAs') return <TrustedCas key={key} ctx={ctx} />;
    return <Field key={key} ctx={ctx} name={key} path={['spec', 'tls', key]} schema={child} />;
  };
  const others = Object.entries(props).filter(([key]) => !LAID_OUT.has(key));
  const tlsProblems = diagnosticsAt(ctx.model, '/spec/tls');

  return (
    <>
      <fieldset className="form-group">
        <legend>Connection</legend>
        {DURATIONS.filter((key) => props[key]).map((key) => (
          <Field key={key} ctx={ctx} name={key} path={['spec', key]} schema={props[key]!} />
        ))}
        {props['proxyProtocol'] && <ProxyProtocol ctx={ctx} schema={props['proxyProtocol']} />}
      </fieldset>
      {tlsSchema && (
        <div className="form-group security">
          <ModeSelector
            mode={mode}
            onMode={(next) => {
              setChosen(next);
              ctx.onEditMany(switchMode(next));
            }}
          />
          <FieldProblems diagnostics={tlsProblems} id="field-spec-tls" actionFor={ctx.actionFor} />
          {mode === 'insecure' && (
            <p className="banner banner-warning">
              Traefik accepts any certificate the backend presents, including an attacker&apos;s.
            </p>
          )}
          {MODE_FIELDS[mode].map(tlsField)}
        </div>
      )}
      <Legacy ctx={ctx} tlsSchema={tlsSchema} />
      {others.map(([key, child]) => (
        <Field key={key} ctx={ctx} name={key} path={['spec', key]} schema={child} />
      ))}
    </>
  );
}
