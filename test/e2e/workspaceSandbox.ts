import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliProcess } from './cliProcess';
import { RecordingListener } from './recordingListener';

/**
 * For tests of what a workspace's .factory/config.json may not do: per test a fresh project folder
 * with its .factory/, an empty FACTORY_HOME for the user's own config, the user's secrets in the
 * environment, and one local listener that records anything sent to it. Registers its mocha hooks.
 */
export function useWorkspaceSandbox(prefix: string, secrets: Readonly<Record<string, string>>) {
  const listener = new RecordingListener();
  const dirs = { root: '', ws: '', factoryHome: '' };
  before(() => listener.listen());
  after(() => listener.close());
  beforeEach(() => {
    dirs.root = mkdtempSync(join(tmpdir(), prefix));
    dirs.ws = join(dirs.root, 'project');
    dirs.factoryHome = join(dirs.root, 'factory-home');
    mkdirSync(join(dirs.ws, '.factory'), { recursive: true });
    mkdirSync(dirs.factoryHome);
    listener.seen.length = 0;
  });
  afterEach(() => rmSync(dirs.root, { recursive: true, force: true }));
  return {
    listener,
    get root() {
      return dirs.root;
    },
    get ws() {
      return dirs.ws;
    },
    get factoryHome() {
      return dirs.factoryHome;
    },
    /** Writes the workspace's .factory/config.json; returns its path. */
    workspaceConfig(config: unknown): string {
      const file = join(dirs.ws, '.factory', 'config.json');
      writeFileSync(file, JSON.stringify(config));
      return file;
    },
    run: (args: string[], cwd = dirs.ws) => runCliProcess(args, { cwd, env: { ...secrets, FACTORY_HOME: dirs.factoryHome } }),
  };
}
