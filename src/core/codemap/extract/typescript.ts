import type { Node } from 'web-tree-sitter';
import { headOf, METHODS_MAX, nameOf, oneLine, symbolOf, type CodeSymbol } from './symbol';

/** Top-level symbols of a TypeScript, TSX or JavaScript file, with the methods of its classes. */
export function typescriptSymbols(root: Node): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) declaration(node, out);
  return out;
}

const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_signature']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const METHODS = new Set(['method_definition', 'abstract_method_signature', 'method_signature']);

function declaration(node: Node, out: CodeSymbol[]): void {
  const t = node.type;
  if (t === 'export_statement' || t === 'ambient_declaration') {
    const decl = node.childForFieldName('declaration') ?? node.namedChildren.find((c) => c.type !== 'decorator' && c.type !== 'comment');
    if (decl && decl !== node) declaration(decl, out);
    return;
  }
  const name = nameOf(node);
  if (FUNCTIONS.has(t) && name) out.push(symbolOf(node, name, 'function', headOf(node)));
  else if (CLASSES.has(t) && name) classSymbols(node, name, out);
  else if (t === 'interface_declaration' && name) out.push(symbolOf(node, name, 'interface', headOf(node)));
  else if (t === 'type_alias_declaration' && name) out.push(symbolOf(node, name, 'type', oneLine(node.text)));
  else if (t === 'enum_declaration' && name) out.push(symbolOf(node, name, 'enum', headOf(node)));
  else if ((t === 'internal_module' || t === 'module') && name) out.push(symbolOf(node, name, 'namespace', headOf(node)));
  else if (t === 'lexical_declaration' || t === 'variable_declaration') variables(node, out);
}

function classSymbols(node: Node, name: string, out: CodeSymbol[]): void {
  out.push(symbolOf(node, name, 'class', headOf(node)));
  const body = node.childForFieldName('body');
  if (!body) return;
  let listed = 0;
  for (const m of body.namedChildren) {
    if (!METHODS.has(m.type)) continue;
    const mName = nameOf(m);
    if (!mName || mName.startsWith('#') || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, mName, 'method', headOf(m), name));
  }
}

function variables(node: Node, out: CodeSymbol[]): void {
  const keyword = node.text.match(/^\s*(const|let|var)\b/)?.[1] ?? 'const';
  for (const d of node.namedChildren) {
    if (d.type !== 'variable_declarator') continue;
    const nameNode = d.childForFieldName('name');
    if (!nameNode || nameNode.type !== 'identifier') continue;
    const name = nameNode.text;
    const value = d.childForFieldName('value');
    // `const x = require('x')` is an import, not a symbol of this file.
    if (value && value.type === 'call_expression' && /^(?:require|import)\b/.test(value.text)) continue;
    const type = d.childForFieldName('type');
    if (value && FUNCTION_VALUES.has(value.type)) {
      out.push(symbolOf(d, name, 'function', `${keyword} ${name} = ${headOf(value)}`));
    } else if (type) {
      out.push(symbolOf(d, name, 'const', oneLine(`${keyword} ${name}${type.text}`)));
    } else {
      const v = value ? oneLine(value.text, 60) : '';
      out.push(symbolOf(d, name, keyword === 'const' ? 'const' : 'variable', oneLine(`${keyword} ${name}${v ? ` = ${v}` : ''}`)));
    }
  }
}
