import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { recon, type Recon } from '../../../src/core/codemap/recon';
import { scratchCopy } from './poly';

/** The signatures the map shows for a file, one per line, without indentation. */
function mapBlock(map: string, path: string): string[] {
  const lines = map.split('\n');
  const at = lines.findIndex((l) => l.startsWith(`${path} `));
  assert.ok(at >= 0, `${path} is not in the map:\n${map}`);
  const block: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.startsWith('  ')) break;
    block.push(l.trim());
  }
  return block;
}

describe('recon on a multi-language project', () => {
  let r: Recon;
  let done: () => Promise<void>;
  before(async () => {
    const copy = await scratchCopy();
    done = copy.done;
    // Ignored by the fixture's .gitignore (written here: git would not keep them).
    await mkdir(join(copy.dir, 'generated'));
    await writeFile(join(copy.dir, 'generated', 'huge.ts'), 'export const generated = 1;\n');
    await writeFile(join(copy.dir, 'debug.log'), 'log\n');
    await mkdir(join(copy.dir, 'node_modules', 'dep'), { recursive: true });
    await writeFile(join(copy.dir, 'node_modules', 'dep', 'index.js'), 'module.exports = 1;\n');
    r = await recon(copy.dir, { budgetTokens: 4000 });
  });
  after(() => done());

  it('lists every file with language, size and lines, skipping ignored files, dependencies and .git', () => {
    const paths = r.files.map((f) => f.path);
    assert.deepEqual(paths, [...paths].sort());
    for (const p of ['src/store.ts', 'src/util.js', 'py/app/models.py', 'go/server.go', 'rust/src/lib.rs', 'java/src/main/java/App.java', 'styles.css', 'README.md', '.gitignore']) {
      assert.ok(paths.includes(p), `${p} missing from ${paths.join(', ')}`);
    }
    for (const p of ['generated/huge.ts', 'debug.log', 'node_modules/dep/index.js']) assert.ok(!paths.includes(p), `${p} should be skipped`);
    const store = r.files.find((f) => f.path === 'src/store.ts');
    assert.deepEqual(store && { language: store.language, lines: store.lines, test: store.test }, { language: 'typescript', lines: 26, test: false });
    assert.ok(store && store.bytes > 400);
    assert.equal(r.files.find((f) => f.path === 'styles.css')?.language, 'css');
    assert.equal(r.languages.typescript, 5);
    assert.equal(r.languages.python, 4);
    assert.equal(r.languages.go, 2);
    assert.equal(r.languages.rust, 2);
    assert.equal(r.languages.java, 1);
    assert.equal(r.languages.javascript, 1);
  });

  it('finds the test files, the test command and the entry points', () => {
    assert.deepEqual(r.testFiles, ['py/tests/test_models.py', 'test/store.test.ts']);
    assert.equal(r.testCommand, 'npm test');
    assert.deepEqual([...r.entryPoints].sort(), ['bin/poly.js (missing)', 'go/main.go', 'java/src/main/java/App.java', 'py/app/__main__.py', 'rust/src/main.rs', 'src/index.ts']);
  });

  it('shows top-level symbols with signatures (no bodies) in each parsed language', () => {
    const ts = mapBlock(r.map, 'src/store.ts');
    for (const s of ['interface StoreOptions', 'type Key = string;', 'const DEFAULT_SIZE = 10', 'class Store', 'get(key: Key): number | undefined', 'put(key: Key, value: number): void',
      'constructor(private readonly options: StoreOptions)', 'function createStore(options: StoreOptions = { size: DEFAULT_SIZE }): Store']) {
      assert.ok(ts.includes(s), `TS: "${s}" not in ${JSON.stringify(ts)}`);
    }
    const js = mapBlock(r.map, 'src/util.js');
    assert.ok(js.includes('function formatKey(key)'), JSON.stringify(js));
    assert.ok(js.includes("const slug = (text, sep = '-') =>"), JSON.stringify(js));
    assert.ok(!js.some((l) => l.includes('require')), `an import is not a symbol: ${JSON.stringify(js)}`);
    const py = mapBlock(r.map, 'py/app/models.py');
    for (const s of ['MAX_USERS = 100', 'class User:', 'def __init__(self, name: str) -> None:', 'def greeting(self) -> str:', 'def load_users(path: str) -> list[User]:']) {
      assert.ok(py.includes(s), `Python: "${s}" not in ${JSON.stringify(py)}`);
    }
    const go = mapBlock(r.map, 'go/server.go');
    for (const s of ['const Version = "1.0"', 'type Server struct', 'type Handler interface', 'func NewServer(addr string) *Server', 'func (s *Server) Start() error']) {
      assert.ok(go.includes(s), `Go: "${s}" not in ${JSON.stringify(go)}`);
    }
    const rs = mapBlock(r.map, 'rust/src/lib.rs');
    for (const s of ['pub struct Config', 'pub fn new(name: &str) -> Self', 'pub trait Named', 'fn name(&self) -> &str;', 'pub enum Mode', 'pub fn parse(input: &str) -> Result<Config, String>']) {
      assert.ok(rs.includes(s), `Rust: "${s}" not in ${JSON.stringify(rs)}`);
    }
    const java = mapBlock(r.map, 'java/src/main/java/App.java');
    for (const s of ['public class App', 'public App(int base)', 'public int add(int a, int b)', 'public static void main(String[] args)']) {
      assert.ok(java.includes(s), `Java: "${s}" not in ${JSON.stringify(java)}`);
    }
    assert.ok(!r.map.includes('return '), `a body leaked into the map:\n${r.map}`);
  });

  it('names files of other languages without symbols', () => {
    assert.deepEqual(mapBlock(r.map, 'styles.css'), []);
    assert.ok(r.mapped.includes('README.md'));
  });

  it('ranks the most referred-to file and symbols first', () => {
    const order = r.map.split('\n').filter((l) => !l.startsWith(' ')).map((l) => l.split(' ')[0]);
    // store.ts is imported by index.ts, report.ts and the test; lonely.ts by nobody.
    assert.equal(order[0], 'src/store.ts', r.map);
    assert.ok(order.indexOf('src/util.js') < order.indexOf('src/lonely.ts'), r.map);
    const ts = mapBlock(r.map, 'src/store.ts');
    assert.ok(ts.indexOf('class Store') < ts.indexOf('interface StoreOptions'), `Store (used by 2 files) before StoreOptions (by none): ${JSON.stringify(ts)}`);
    const go = mapBlock(r.map, 'go/server.go');
    assert.ok(go.indexOf('func NewServer(addr string) *Server') < go.indexOf('const Version = "1.0"'), JSON.stringify(go));
  });
});
