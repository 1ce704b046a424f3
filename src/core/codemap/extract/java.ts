import type { Node } from 'web-tree-sitter';
import { METHODS_MAX, nameOf, symbolOf, type CodeSymbol, type SymbolKind, type Source } from './symbol';

const TYPES: Record<string, SymbolKind> = {
  class_declaration: 'class', interface_declaration: 'interface', enum_declaration: 'enum',
  record_declaration: 'class', annotation_type_declaration: 'interface',
};
const MEMBERS = new Set(['method_declaration', 'constructor_declaration']);

/** The top-level types of a Java file and their methods and constructors. */
export function javaSymbols(root: Node, src: Source): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const kind = TYPES[node.type];
    const name = nameOf(src, node);
    if (!kind || !name) continue;
    out.push(symbolOf(node, name, kind, src.head(node)));
    let listed = 0;
    for (const m of node.childForFieldName('body')?.namedChildren ?? []) {
      const mName = nameOf(src, m);
      if (!MEMBERS.has(m.type) || !mName || listed++ >= METHODS_MAX) continue;
      out.push(symbolOf(m, mName, 'method', src.head(m), name));
    }
  }
  return out;
}
