import { Document } from 'yaml';
import { PRINT_OPTIONS, kubectlSchema } from './schema.js';

/**
 * Prints a (possibly edited) document with its comments, key order and list style. Throws for a
 * document with syntax errors, which `yaml` refuses to print rather than guess at.
 */
export function printDocument(document: Document): string {
  // Parsed documents carry their own style in the schema; others get the same defaults.
  return document.toString({ ...PRINT_OPTIONS, ...document.schema.toStringOptions });
}

function joinDocuments(texts: readonly string[]): string {
  let out = '';
  texts.forEach((text, i) => {
    if (i === 0 || text.startsWith('---')) out += text;
    // Directives are only allowed after an explicit end of the previous document.
    else if (text.startsWith('%')) out += `...\n${text}`;
    else out += `---\n${text}`;
  });
  return out;
}

export function printDocuments(documents: readonly Document[]): string {
  return joinDocuments(documents.map(printDocument));
}

/**
 * Plain objects as a YAML stream kubectl reads back exactly: strings it would misread (`"yes"`,
 * `"0777"`, `"1:30"`) are quoted, long strings are never folded, and shared objects are written out
 * in full rather than as anchors, which parseYaml rejects.
 */
export function stringifyObjects(objects: readonly unknown[]): string {
  return joinDocuments(
    objects.map((object) =>
      new Document(object, { schema: kubectlSchema, aliasDuplicateObjects: false }).toString({
        ...PRINT_OPTIONS,
        indent: 2,
        indentSeq: true,
      }),
    ),
  );
}
