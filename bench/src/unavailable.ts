/**
 * A benchmark that cannot run on this machine because a tool is missing (Chromium, the judges'
 * binaries, openssl): its rows are listed as not run with this reason, never left out.
 */
export class Unavailable extends Error {
  override name = 'Unavailable';
}
