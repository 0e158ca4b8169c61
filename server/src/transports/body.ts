import { parseYaml, type Diagnostic } from '@dialtone/shared';
import type { Request } from 'express';
import { HttpError } from '../http/index.js';

export const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

export interface BodyDocument {
  index: number;
  value: unknown;
  /** Problems found while reading the text; a `fatal` document has no trustworthy value. */
  diagnostics: Diagnostic[];
  fatal: boolean;
}

/** The documents of a JSON or YAML request body; JSON arrays count as several documents. */
export function bodyDocuments(req: Request): BodyDocument[] {
  if (req.is(YAML_TYPES)) {
    const text = typeof req.body === 'string' ? req.body : '';
    return parseYaml(text).map((doc) => ({
      index: doc.index,
      value: doc.value,
      diagnostics: doc.diagnostics,
      fatal: doc.fatal,
    }));
  }
  if (req.is('application/json')) {
    const body: unknown = req.body;
    const values = Array.isArray(body) ? body : [body];
    return values.map((value, index) => ({ index, value, diagnostics: [], fatal: false }));
  }
  throw new HttpError(
    415,
    'unsupported_media_type',
    'Send the document as application/json or application/yaml.',
  );
}

/** Exactly one readable document, or a 400 that says what is wrong with the text. */
export function singleDocument(req: Request): unknown {
  const documents = bodyDocuments(req);
  if (documents.length !== 1) {
    throw new HttpError(
      400,
      documents.length === 0 ? 'bad_request' : 'multiple_documents',
      documents.length === 0
        ? 'The request body holds no document. Send one ServersTransportTCP.'
        : `The request body holds ${documents.length} documents; this endpoint takes one. Use POST /import for several.`,
    );
  }
  const [document] = documents as [BodyDocument];
  if (document.fatal) {
    throw new HttpError(
      400,
      'yaml_parse_error',
      'The YAML cannot be read; nothing was sent to the cluster.',
      {
        diagnostics: document.diagnostics,
      },
    );
  }
  return document.value;
}
