import type { Node } from 'web-tree-sitter';
import { headOf, METHODS_MAX, nameOf, oneLine, symbolOf, type CodeSymbol } from './symbol';

/** Top-level functions, classes (with their methods) and assignments of a Python module. */
export function pythonSymbols(root: Node): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const def = unwrap(node);
    const name = nameOf(def);
    if (def.type === 'function_definition' && name) out.push(symbolOf(def, name, 'function', headOf(def)));
    else if (def.type === 'class_definition' && name) classSymbols(def, name, out);
    else if (def.type === 'expression_statement') assignment(def, out);
  }
  return out;
}

function unwrap(node: Node): Node {
  return node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
}

function classSymbols(node: Node, name: string, out: CodeSymbol[]): void {
  out.push(symbolOf(node, name, 'class', headOf(node)));
  let listed = 0;
  for (const child of node.childForFieldName('body')?.namedChildren ?? []) {
    const m = unwrap(child);
    const mName = nameOf(m);
    if (m.type !== 'function_definition' || !mName || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, mName, 'method', headOf(m), name));
  }
}

function assignment(node: Node, out: CodeSymbol[]): void {
  const a = node.namedChildren[0];
  if (!a || a.type !== 'assignment') return;
  const left = a.childForFieldName('left');
  if (!left || left.type !== 'identifier') return;
  out.push(symbolOf(a, left.text, /^[A-Z0-9_]+$/.test(left.text) ? 'const' : 'variable', oneLine(a.text, 100)));
}
