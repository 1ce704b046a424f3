/**
 * What a Factory command returns to its caller (`vscode.commands.executeCommand` resolves to it), so
 * that scripts, keybindings and tests can see what happened without reading notifications.
 */
export type CommandStatus = 'started' | 'unavailable' | 'refused' | 'cancelled' | 'idle' | 'done';

export interface CommandOutcome {
  command: string;
  status: CommandStatus;
  /** The sentence shown to the person. */
  detail: string;
  /** The folder or file the command was aimed at, when it had one. */
  target?: string;
}
