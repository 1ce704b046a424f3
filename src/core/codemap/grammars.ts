import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { grammarFile, type ParsedLanguage } from './languages';
import { locateWasm, RUNTIME_WASM } from './wasmLocation';

/**
 * The tree-sitter runtime and grammars, loaded lazily: the runtime when the first parsable file is
 * met, each grammar when the first file of its language is. One parser per language, reused.
 */
let runtime: Promise<string> | null = null;
const parsers = new Map<ParsedLanguage, Promise<Parser>>();

function init(): Promise<string> {
  runtime ??= (async () => {
    const where = locateWasm();
    if (!where) {
      throw new Error(
        `code map: the tree-sitter files (${RUNTIME_WASM} and the grammar .wasm files) were not found next to ${__dirname} (wasm/) nor in a node_modules above it; rebuild with \`npm run build\`, which copies them to dist/wasm/.`,
      );
    }
    await Parser.init({ locateFile: () => where.runtime });
    return where.grammarDir;
  })();
  return runtime;
}

export function parserFor(language: ParsedLanguage): Promise<Parser> {
  let p = parsers.get(language);
  if (!p) {
    p = (async () => {
      const dir = await init();
      const lang = await Language.load(join(dir, grammarFile(language)));
      const parser = new Parser();
      parser.setLanguage(lang);
      return parser;
    })();
    parsers.set(language, p);
  }
  return p;
}
