/** What the pipeline and the hosts may use of src/core/exec. */
export type { CommandRun, CommandSpec } from './types';
export { runCommand } from './runCommand';
export { safeEnv } from './safeEnv';
export { splitCommand, type SplitResult } from './splitCommand';
export { expandFiles } from './expandFiles';
export { startApp, type AppHandle, type AppSpec } from './app';
export { httpProbe, type HttpObservation, type HttpProbe } from './httpProbe';
export { readRed, type RedEvidence } from './redEvidence';
export { failureDigest } from './failureDigest';
export { sandboxedExec, type SandboxedExec } from './sandbox/sandboxedExec';
export type { SandboxMode, SandboxSettings, SandboxStatus } from './sandbox/policy';
