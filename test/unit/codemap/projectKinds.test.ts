import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recon } from '../../../src/core/codemap/recon';

/** A scratch project made of `files` (path → content). */
async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codemap-kind-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

interface Kind {
  name: string;
  files: Record<string, string>;
  testCommand: string | null;
  entryPoints: string[];
  testFiles?: string[];
}

const KINDS: Kind[] = [
  {
    name: 'npm package with a test script, main and bin',
    files: { 'package.json': JSON.stringify({ main: './lib/index.js', bin: { a: 'bin/a.js', b: './bin/b.js' }, scripts: { test: 'vitest run' } }), 'lib/index.js': 'module.exports = 1;\n', 'lib/index.spec.js': '', 'bin/a.js': '', 'bin/b.js': '' },
    testCommand: 'npm test',
    entryPoints: ['bin/a.js', 'bin/b.js', 'lib/index.js'],
    testFiles: ['lib/index.spec.js'],
  },
  {
    name: "npm package with npm's placeholder test script",
    files: { 'package.json': JSON.stringify({ scripts: { test: 'echo "Error: no test specified" && exit 1' } }), 'index.js': '' },
    testCommand: null,
    entryPoints: ['index.js'],
  },
  {
    name: 'Go module with commands',
    files: { 'go.mod': 'module example.com/x\n', 'cmd/tool/main.go': 'package main\nfunc main() {}\n', 'x.go': 'package x\n', 'x_test.go': 'package x\n' },
    testCommand: 'go test ./...',
    entryPoints: ['cmd/tool/main.go'],
    testFiles: ['x_test.go'],
  },
  {
    name: 'Rust crate with a binary and extra bins',
    files: { 'Cargo.toml': '[package]\nname = "x"\n', 'src/main.rs': 'fn main() {}\n', 'src/bin/extra.rs': 'fn main() {}\n', 'tests/it.rs': '' },
    testCommand: 'cargo test',
    entryPoints: ['src/bin/extra.rs', 'src/main.rs'],
    testFiles: ['tests/it.rs'],
  },
  {
    name: 'Maven project',
    files: { 'pom.xml': '<project/>', 'src/main/java/x/Main.java': 'class Main { public static void main(String[] a) {} }\n', 'src/test/java/x/MainTest.java': 'class MainTest {}\n' },
    testCommand: 'mvn test',
    entryPoints: ['src/main/java/x/Main.java'],
    testFiles: ['src/test/java/x/MainTest.java'],
  },
  {
    name: 'Gradle project with its wrapper',
    files: { 'build.gradle.kts': '', gradlew: '#!/bin/sh\n', 'src/main/java/A.java': 'class A {}\n' },
    testCommand: './gradlew test',
    entryPoints: [],
  },
  {
    name: 'Python project configured for pytest',
    files: { 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n', 'pkg/__init__.py': '', 'pkg/__main__.py': 'print(1)\n', 'tests/test_pkg.py': 'def test_x():\n    pass\n' },
    testCommand: 'pytest',
    entryPoints: ['pkg/__main__.py'],
    testFiles: ['tests/test_pkg.py'],
  },
  {
    name: 'Python scripts with pytest-style tests and no configuration',
    files: { 'app.py': 'print(1)\n', 'calc_test.py': 'def test_x():\n    pass\n' },
    testCommand: 'pytest',
    entryPoints: ['app.py'],
    testFiles: ['calc_test.py'],
  },
  {
    name: 'Makefile with a test target',
    files: { Makefile: 'build:\n\tcc x.c\ntest: build\n\t./run-tests\n', 'x.c': 'int main(void) { return 0; }\n' },
    testCommand: 'make test',
    entryPoints: [],
  },
  {
    name: 'manifest entry points that are not there: shown as not built (build output) or missing, never as files',
    files: { 'package.json': JSON.stringify({ main: 'dist/extension.js', bin: { f: './dist/cli.js', g: 'lib/gone.js' } }), 'src/extension.ts': 'export function activate() {}\n' },
    testCommand: null,
    entryPoints: ['dist/cli.js (not built)', 'dist/extension.js (not built)', 'lib/gone.js (missing)'],
  },
  {
    name: 'a built entry point on disk is listed though its folder is not mapped; a main without extension is the file Node loads',
    files: { 'package.json': JSON.stringify({ main: 'lib/index', bin: 'dist/cli.js' }), 'dist/cli.js': '#!/usr/bin/env node\n', 'lib/index.js': 'module.exports = 1;\n' },
    testCommand: null,
    entryPoints: ['dist/cli.js', 'lib/index.js'],
  },
  {
    name: "test fixtures' programs and manifests are not the project's entry points",
    files: {
      'go.mod': 'module example.com/x\n', 'main.go': 'package main\nfunc main() {}\n',
      'test/fixtures/go/go.mod': 'module fixture\n', 'test/fixtures/go/main.go': 'package main\nfunc main() {}\n',
      'test/fixtures/node/package.json': JSON.stringify({ main: 'index.js' }), 'test/fixtures/node/index.js': '',
      'fixtures/py/pkg/__main__.py': 'print(1)\n', 'fixtures/rust/src/main.rs': 'fn main() {}\n', 'test/data/src/bin/tool.rs': 'fn main() {}\n',
      'testdata/Main.java': 'class Main { public static void main(String[] a) {} }\n',
      'test/e2e/main.go': 'package main\nfunc main() {}\n',
    },
    testCommand: 'go test ./...',
    entryPoints: ['main.go'],
  },
  {
    name: 'nothing to run',
    files: { 'notes.md': '# notes\n', 'lib/util.ts': 'export const x = 1;\n', 'test/fixtures/sample.ts': 'export const y = 2;\n' },
    testCommand: null,
    entryPoints: [],
    testFiles: [],
  },
];

describe('test command, entry points and test files by project kind', () => {
  for (const kind of KINDS) {
    it(kind.name, async () => {
      const dir = await project(kind.files);
      try {
        const r = await recon(dir, { budgetTokens: 1000 });
        assert.equal(r.testCommand, kind.testCommand);
        assert.deepEqual([...r.entryPoints].sort(), kind.entryPoints);
        if (kind.testFiles) assert.deepEqual(r.testFiles, kind.testFiles);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }
});
