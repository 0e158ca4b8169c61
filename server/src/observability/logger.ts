import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths pino blanks before a line is written. Request logging writes no headers or bodies at all;
 * these catch anything that reaches a log through an error object or a careless field.
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  '*.headers["x-csrf-token"]',
  'data',
  '*.data',
  'stringData',
  '*.stringData',
  'kubeconfig',
  '*.kubeconfig',
];

const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;

/** Removes PEM blocks and bearer tokens from free text (error messages from libraries). */
export function scrubText(text: string): string {
  return text.replace(PEM, '[PEM removed]').replace(BEARER, '$1[removed]');
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env['DIALTONE_LOG_LEVEL'] ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'dialtone' },
      serializers: {
        err: (error: unknown) => {
          if (!(error instanceof Error)) return { message: scrubText(String(error)) };
          return { type: error.name, message: scrubText(error.message), stack: scrubText(error.stack ?? '') };
        },
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
