import type { JsonSchema } from '@dialtone/shared';
import { SafeText } from '../shell';
import { Field, valueAt, type FormContext } from './Field';
import { TransportSpecForm } from './TransportSpecForm';

export type { FormContext } from './Field';

interface Props {
  ctx: FormContext;
  schema: JsonSchema;
  isNew: boolean;
  namespaces: string[];
}

/** The form is generated from the cluster's schema: a field the installed CRD lacks is not offered. */
export function SchemaForm({ ctx, schema, isNew, namespaces }: Props) {
  const metadata = schema.properties?.['metadata'];
  const spec = schema.properties?.['spec'];
  const disabled = ctx.model.fatal;
  return (
    <form className="schema-form" onSubmit={(e) => e.preventDefault()} aria-label="Transport form">
      {disabled && (
        <p role="alert" className="banner banner-warning">
          {ctx.model.shapeProblem ?? 'The YAML cannot be read, so the form is read-only. Fix the YAML first.'}
        </p>
      )}
      <fieldset disabled={disabled} className="form-root">
        <fieldset className="form-group">
          <legend>metadata</legend>
          {isNew ? (
            <>
              <Field
                ctx={ctx}
                name="name"
                path={['metadata', 'name']}
                schema={metadata?.properties?.['name'] ?? { type: 'string' }}
              />
              <datalist id="namespace-options">
                {namespaces.map((n) => (
                  <option key={n} value={n} />
                ))}
              </datalist>
              <Field
                ctx={ctx}
                name="namespace"
                path={['metadata', 'namespace']}
                schema={metadata?.properties?.['namespace'] ?? { type: 'string' }}
              />
            </>
          ) : (
            <p>
              <SafeText
                text={`${String(valueAt(ctx.model.value, ['metadata', 'namespace']) ?? '')}/${String(valueAt(ctx.model.value, ['metadata', 'name']) ?? '')}`}
              />{' '}
              <span className="muted">(renaming is create-new plus delete-old)</span>
            </p>
          )}
        </fieldset>
        {spec && <TransportSpecForm ctx={ctx} schema={spec} />}
      </fieldset>
    </form>
  );
}
