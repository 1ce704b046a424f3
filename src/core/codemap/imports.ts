/**
 * What a file imports from other files of the project, and which of their names it uses: the
 * edges the ranking counts for JS/TS and Python. Read from the text with patterns (cheap, and the
 * same for every dialect); only relative JS/TS specifiers and Python modules can name project files.
 */
export interface ImportRef {
  /** The specifier as written: './store', '../lib/x.js', '.models', 'app.models'. */
  from: string;
  /** Names used from it; '*' for all (export * from …); empty when only the file is named. */
  names: string[];
}

const ES_IMPORT = /\bimport\s+(?:type\s+)?([\w$*{}\s,]+?)\s+from\s*['"]([^'"\n]+)['"]/g;
const ES_REEXPORT = /\bexport\s+(?:type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/g;
const CJS_REQUIRE = /\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*require\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g;
const ANY_JS = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;
const PY_FROM = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\n#]+)/gm;

function escape(s: string): string {
  return s.replace(/[$.*+?^(){}[\]\\|]/g, '\\$&');
}

/** `binding.member` uses in the text: the names a namespace or module binding reaches. */
function membersOf(text: string, binding: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(?<![\\w$.])${escape(binding)}\\.([A-Za-z_$][\\w$]*)`, 'g'))) out.add(m[1]);
  return [...out];
}

/** `{ a, b as c, type d }` → a, b, d (CommonJS `{ a: b }` → a). */
function braced(list: string): string[] {
  return list
    .replace(/[{}()]/g, '')
    .split(',')
    .map((p) => p.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/)[0].trim())
    .filter((n) => /^[\w$]+$/.test(n));
}

class Refs {
  private readonly map = new Map<string, Set<string>>();
  add(from: string, names: readonly string[] = []): void {
    let set = this.map.get(from);
    if (!set) this.map.set(from, (set = new Set()));
    for (const n of names) set.add(n);
  }
  list(): ImportRef[] {
    return [...this.map].map(([from, names]) => ({ from, names: [...names] }));
  }
}

export function jsImports(text: string): ImportRef[] {
  const refs = new Refs();
  for (const m of text.matchAll(ES_IMPORT)) {
    if (!m[2].startsWith('.')) continue;
    const clause = m[1];
    const names: string[] = [];
    const brace = clause.match(/\{[^}]*\}/);
    if (brace) names.push(...braced(brace[0]));
    const ns = clause.match(/\*\s*as\s+([\w$]+)/);
    if (ns) names.push(...membersOf(text, ns[1]));
    const def = clause.replace(/\{[^}]*\}|\*\s*as\s+[\w$]+/g, '').replace(/,/g, ' ').trim();
    if (/^[\w$]+$/.test(def)) names.push('default', ...membersOf(text, def));
    refs.add(m[2], names);
  }
  for (const m of text.matchAll(ES_REEXPORT)) {
    if (m[2].startsWith('.')) refs.add(m[2], m[1].startsWith('*') ? ['*'] : braced(m[1]));
  }
  for (const m of text.matchAll(CJS_REQUIRE)) {
    if (m[2].startsWith('.')) refs.add(m[2], m[1].startsWith('{') ? braced(m[1]) : membersOf(text, m[1]));
  }
  for (const m of text.matchAll(ANY_JS)) if (m[1].startsWith('.')) refs.add(m[1]);
  return refs.list();
}

export function pythonImports(text: string): ImportRef[] {
  const refs = new Refs();
  for (const m of text.matchAll(PY_FROM)) {
    const list = m[2].trim();
    refs.add(m[1], list === '*' ? ['*'] : braced(list));
    // `from pkg import module` names a module too: recorded as its own import.
    if (list !== '*') for (const n of braced(list)) refs.add(`${m[1]}${m[1].endsWith('.') ? '' : '.'}${n}`, membersOf(text, n));
  }
  for (const m of text.matchAll(PY_IMPORT)) {
    for (const part of m[1].split(',')) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      if (/^[\w.]+$/.test(mod)) refs.add(mod, membersOf(text, alias ?? mod));
    }
  }
  return refs.list();
}
