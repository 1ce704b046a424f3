/** One line of the live run log, as the dashboard, the output channel and the CLI show it. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  /** Milliseconds since the epoch. */
  time: number;
  level: LogLevel;
  /** What produced it: a stage, a role or the host, e.g. `review`, `qc`, `extension`. */
  source: string;
  message: string;
  /** A body shown folded under the line: a model's answer, a command's output. Always shown as text. */
  detail?: string;
  /** The model call this line announces (its journal effect key): the call's text grows under it while it answers. */
  call?: string;
}
