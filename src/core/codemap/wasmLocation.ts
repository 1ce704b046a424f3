import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the tree-sitter runtime (web-tree-sitter.wasm) and the grammar .wasm files are. The bundles
 * in dist/ are shipped without node_modules, so esbuild.js copies them to dist/wasm/ and that comes
 * first; from compiled tests (out/) or sources, the installed packages are found up the tree.
 */
export interface WasmLocation {
  runtime: string;
  grammarDir: string;
}

export const RUNTIME_WASM = 'web-tree-sitter.wasm';

export function locateWasm(from: string = __dirname): WasmLocation | null {
  const shipped = join(from, 'wasm');
  if (existsSync(join(shipped, RUNTIME_WASM))) return { runtime: join(shipped, RUNTIME_WASM), grammarDir: shipped };
  for (let dir = from; ; dir = dirname(dir)) {
    const runtime = join(dir, 'node_modules', 'web-tree-sitter', RUNTIME_WASM);
    const grammarDir = join(dir, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
    if (existsSync(runtime) && existsSync(grammarDir)) return { runtime, grammarDir };
    if (dirname(dir) === dir) return null;
  }
}
