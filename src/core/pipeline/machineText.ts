/**
 * The facts of the machine a project is built on, for the blueprint request: a model cannot run
 * `node --version`, and a blueprint that names a runner the machine lacks fails at its first RED.
 */
import { arch, platform } from 'node:os';

export function machineText(versions: NodeJS.ProcessVersions = process.versions, os: string = platform(), cpu: string = arch()): string {
  return `${os} (${cpu}), Node.js ${versions.node} with npm.`;
}
