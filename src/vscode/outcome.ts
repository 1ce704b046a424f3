/**
 * What a Factory command returns to its caller (`vscode.commands.executeCommand` resolves to it), so
 * that scripts, keybindings and tests can see what happened without reading notifications.
 */
export type CommandStatus = 'started' | 'refused' | 'cancelled' | 'idle' | 'done' | 'failed';

/** How a run that Build or Resume drove ended (status `done`); `failed` is a bug, with its message. */
export interface RunEnd {
  id: string;
  state: 'shipped' | 'not_shipped' | 'stopped';
  reason: string;
  reportFile: string;
}

export interface CommandOutcome {
  command: string;
  status: CommandStatus;
  /** The sentence shown to the person. */
  detail: string;
  /** The folder or file the command was aimed at, when it had one. */
  target?: string;
  /** Build and Resume: the run, once it ended. */
  run?: RunEnd;
}
