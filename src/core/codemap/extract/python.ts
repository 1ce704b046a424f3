import type { Node } from 'web-tree-sitter';
import { METHODS_MAX, nameOf, symbolOf, type CodeSymbol, type Source } from './symbol';

/** Top-level functions, classes (with their methods) and assignments of a Python module. */
export function pythonSymbols(root: Node, src: Source): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const def = unwrap(node);
    const name = nameOf(src, def);
    if (def.type === 'function_definition' && name) out.push(symbolOf(def, name, 'function', src.head(def)));
    else if (def.type === 'class_definition' && name) classSymbols(src, def, name, out);
    else if (def.type === 'expression_statement') assignment(src, def, out);
  }
  return out;
}

function unwrap(node: Node): Node {
  return node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
}

function classSymbols(src: Source, node: Node, name: string, out: CodeSymbol[]): void {
  out.push(symbolOf(node, name, 'class', src.head(node)));
  let listed = 0;
  for (const child of node.childForFieldName('body')?.namedChildren ?? []) {
    const m = unwrap(child);
    const mName = nameOf(src, m);
    if (m.type !== 'function_definition' || !mName || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, mName, 'method', src.head(m), name));
  }
}

function assignment(src: Source, node: Node, out: CodeSymbol[]): void {
  const a = node.namedChildren[0];
  if (!a || a.type !== 'assignment') return;
  const left = a.childForFieldName('left');
  if (!left || left.type !== 'identifier') return;
  const name = src.of(left);
  out.push(symbolOf(a, name, /^[A-Z0-9_]+$/.test(name) ? 'const' : 'variable', src.flat(a, 100)));
}
