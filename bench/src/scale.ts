/** How big a run is: the full run for the table, or `--quick`, a few seconds that prove each benchmark still works. */
export interface Scale {
  quick: boolean;
  /** Transports in a cluster for the list, cache and peer benchmarks. */
  objects: number;
  /** Timed rounds of each interleaved comparison. */
  rounds: number;
  /** Writes whose events are timed. */
  changes: number;
  /** Transports validated in one go. */
  corpus: number;
  /** Endpoints in one probe sweep. */
  sweep: number;
  /** Rows added to the dashboard's demo list in Chromium. */
  browserRows: number;
}

export const FULL: Scale = {
  quick: false,
  objects: 10_000,
  rounds: 15,
  changes: 40,
  corpus: 10_000,
  sweep: 200,
  browserRows: 10_000,
};

export const QUICK: Scale = {
  quick: true,
  objects: 200,
  rounds: 5,
  changes: 5,
  corpus: 500,
  sweep: 16,
  browserRows: 200,
};

/** "10,000" */
export const count = (n: number) => n.toLocaleString('en-US');
