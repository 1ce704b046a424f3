import type { Node } from 'web-tree-sitter';
import { headOf, METHODS_MAX, nameOf, oneLine, symbolOf, type CodeSymbol, type SymbolKind } from './symbol';

const NAMED: Record<string, SymbolKind> = {
  function_item: 'function', struct_item: 'class', enum_item: 'enum', union_item: 'class', trait_item: 'interface',
  type_item: 'type', const_item: 'const', static_item: 'variable', mod_item: 'module', macro_definition: 'macro',
};
const MEMBERS = new Set(['function_item', 'function_signature_item']);

/** Top-level items of a Rust file; the functions of impl and trait blocks as methods of their type. */
export function rustSymbols(root: Node): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const kind = NAMED[node.type];
    const name = nameOf(node);
    if (kind && name) {
      const sig = kind === 'type' || kind === 'const' || kind === 'variable' ? oneLine(node.text, 120)
        : kind === 'macro' ? `macro_rules! ${name}` : headOf(node);
      out.push(symbolOf(node, name, kind, sig));
      if (node.type === 'trait_item') members(node, name, out);
    } else if (node.type === 'impl_item') {
      const type = node.childForFieldName('type')?.text;
      if (type) members(node, type, out);
    }
  }
  return out;
}

function members(node: Node, parent: string, out: CodeSymbol[]): void {
  let listed = 0;
  for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
    const name = nameOf(m);
    if (!MEMBERS.has(m.type) || !name || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, name, 'method', headOf(m), parent));
  }
}
