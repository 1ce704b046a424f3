import type { Node } from 'web-tree-sitter';
import { METHODS_MAX, nameOf, oneLine, symbolOf, type CodeSymbol, type Source } from './symbol';

/** Top-level symbols of a TypeScript, TSX or JavaScript file, with the methods of its classes. */
export function typescriptSymbols(root: Node, src: Source): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) declaration(src, node, out);
  return out;
}

const FUNCTIONS = new Set(['function_declaration', 'generator_function_declaration', 'function_signature']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);
const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const METHODS = new Set(['method_definition', 'abstract_method_signature', 'method_signature']);

function declaration(src: Source, node: Node, out: CodeSymbol[]): void {
  const t = node.type;
  if (t === 'export_statement' || t === 'ambient_declaration') {
    const decl = node.childForFieldName('declaration') ?? node.namedChildren.find((c) => c.type !== 'decorator' && c.type !== 'comment');
    if (decl && decl !== node) declaration(src, decl, out);
    return;
  }
  const name = nameOf(src, node);
  if (FUNCTIONS.has(t) && name) out.push(symbolOf(node, name, 'function', src.head(node)));
  else if (CLASSES.has(t) && name) classSymbols(src, node, name, out);
  else if (t === 'interface_declaration' && name) out.push(symbolOf(node, name, 'interface', src.head(node)));
  else if (t === 'type_alias_declaration' && name) out.push(symbolOf(node, name, 'type', src.flat(node)));
  else if (t === 'enum_declaration' && name) out.push(symbolOf(node, name, 'enum', src.head(node)));
  else if ((t === 'internal_module' || t === 'module') && name) out.push(symbolOf(node, name, 'namespace', src.head(node)));
  else if (t === 'lexical_declaration' || t === 'variable_declaration') variables(src, node, out);
}

function classSymbols(src: Source, node: Node, name: string, out: CodeSymbol[]): void {
  out.push(symbolOf(node, name, 'class', src.head(node)));
  const body = node.childForFieldName('body');
  if (!body) return;
  let listed = 0;
  for (const m of body.namedChildren) {
    if (!METHODS.has(m.type)) continue;
    const mName = nameOf(src, m);
    if (!mName || mName.startsWith('#') || listed++ >= METHODS_MAX) continue;
    out.push(symbolOf(m, mName, 'method', src.head(m), name));
  }
}

function variables(src: Source, node: Node, out: CodeSymbol[]): void {
  const keyword = src.of(node).slice(0, 8).match(/^\s*(const|let|var)\b/)?.[1] ?? 'const';
  for (const d of node.namedChildren) {
    if (d.type !== 'variable_declarator') continue;
    const nameNode = d.childForFieldName('name');
    if (!nameNode || nameNode.type !== 'identifier') continue;
    const name = src.of(nameNode);
    const value = d.childForFieldName('value');
    // `const x = require('x')` is an import, not a symbol of this file.
    if (value && value.type === 'call_expression' && /^(?:require|import)\b/.test(src.text.slice(value.startIndex, value.startIndex + 8))) continue;
    const type = d.childForFieldName('type');
    if (value && FUNCTION_VALUES.has(value.type)) {
      out.push(symbolOf(d, name, 'function', `${keyword} ${name} = ${src.head(value)}`));
    } else if (type) {
      out.push(symbolOf(d, name, 'const', oneLine(`${keyword} ${name}${src.of(type)}`)));
    } else {
      const v = value ? src.flat(value, 60) : '';
      out.push(symbolOf(d, name, keyword === 'const' ? 'const' : 'variable', oneLine(`${keyword} ${name}${v ? ` = ${v}` : ''}`)));
    }
  }
}
