import type { Node } from 'web-tree-sitter';
import { METHODS_MAX, nameOf, symbolOf, type CodeSymbol, type SymbolKind, type Source } from './symbol';

const NAMED: Record<string, SymbolKind> = {
  function_item: 'function', struct_item: 'class', enum_item: 'enum', union_item: 'class', trait_item: 'interface',
  type_item: 'type', const_item: 'const', static_item: 'variable', mod_item: 'module', macro_definition: 'macro',
};
const MEMBERS = new Set(['function_item', 'function_signature_item']);

/** Top-level items of a Rust file; the functions of impl and trait blocks as methods of their type. */
export function rustSymbols(root: Node, src: Source): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const kind = NAMED[node.type];
    const name = nameOf(src, node);
    if (kind && name) {
      const sig = kind === 'type' || kind === 'const' || kind === 'variable' ? src.flat(node, 120)
        : kind === 'macro' ? `macro_rules! ${name}` : src.head(node);
      out.push(symbolOf(node, name, kind, sig));
      if (node.type === 'trait_item') members(src, node, name, out);
    } else if (node.type === 'impl_item') {
      const type = node.childForFieldName('type');
      if (type) members(src, node, src.of(type), out);
    }
  }
  return out;
}

function members(src: Source, node: Node, parent: string, out: CodeSymbol[]): void {
  let listed = 0;
  for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
    const name = nameOf(src, m);
    if (!MEMBERS.has(m.type) || !name || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, name, 'method', src.head(m), parent));
  }
}
