import { useMemo, useState } from 'react';
import { apiPaths, type DocumentsResponse } from '@dialtone/shared';
import { write } from '../../api';
import { withServerFindings, type EditModel } from './editModel';
import { metadataField } from './objectText';

export interface ServerValidation {
  result?: DocumentsResponse;
  error?: string;
  pending: boolean;
  /** The text that was validated; the verdict holds only while the text is the same. */
  text?: string;
}

/** Validate: the server's strict dry run, whose findings join the local ones at their fields and lines. */
export function useServerValidation(cluster: string, model: EditModel) {
  const [validation, setValidation] = useState<ServerValidation>({ pending: false });

  const validate = async () => {
    setValidation({ pending: true });
    try {
      const namespace = metadataField(model.value, 'namespace');
      const query = namespace ? `?namespace=${encodeURIComponent(namespace)}` : '';
      const result = await write<DocumentsResponse>('POST', `${apiPaths.validate(cluster)}${query}`, {
        yaml: model.text,
      });
      setValidation({ result, pending: false, text: model.text });
    } catch (error) {
      setValidation({ error: error instanceof Error ? error.message : String(error), pending: false });
    }
  };

  const shown = useMemo<EditModel>(
    () =>
      validation.text === model.text && validation.result
        ? { ...model, diagnostics: withServerFindings(model.diagnostics, validation.result) }
        : model,
    [model, validation],
  );

  return { validation, validate, shown };
}
