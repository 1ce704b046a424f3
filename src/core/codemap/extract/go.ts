import type { Node } from 'web-tree-sitter';
import { headOf, nameOf, oneLine, symbolOf, type CodeSymbol } from './symbol';

/** Top-level functions, methods (by receiver type), types, constants and variables of a Go file. */
export function goSymbols(root: Node): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const name = nameOf(node);
    if (node.type === 'function_declaration' && name) out.push(symbolOf(node, name, 'function', headOf(node)));
    else if (node.type === 'method_declaration' && name) {
      const receiver = node.childForFieldName('receiver')?.text.match(/([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*$/)?.[1];
      out.push(symbolOf(node, name, 'method', headOf(node), receiver));
    } else if (node.type === 'type_declaration') {
      for (const spec of node.namedChildren) {
        const specName = nameOf(spec);
        if (!specName) continue;
        const kind = spec.childForFieldName('type')?.type === 'interface_type' ? 'interface' : 'type';
        out.push(symbolOf(spec, specName, kind, oneLine(`type ${spec.text.split('{')[0]}`)));
      }
    } else if (node.type === 'const_declaration' || node.type === 'var_declaration') {
      const keyword = node.type === 'const_declaration' ? 'const' : 'var';
      for (const spec of node.namedChildren) {
        for (const n of spec.childrenForFieldName('name')) {
          out.push(symbolOf(spec, n.text, keyword === 'const' ? 'const' : 'variable', oneLine(`${keyword} ${spec.text}`, 100)));
        }
      }
    }
  }
  return out;
}
