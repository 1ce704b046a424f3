import type { Node } from 'web-tree-sitter';
import { nameOf, oneLine, symbolOf, type CodeSymbol, type Source } from './symbol';

/** Top-level functions, methods (by receiver type), types, constants and variables of a Go file. */
export function goSymbols(root: Node, src: Source): CodeSymbol[] {
  const out: CodeSymbol[] = [];
  for (const node of root.namedChildren) {
    const name = nameOf(src, node);
    if (node.type === 'function_declaration' && name) out.push(symbolOf(node, name, 'function', src.head(node)));
    else if (node.type === 'method_declaration' && name) {
      const receiverNode = node.childForFieldName('receiver');
      const receiver = (receiverNode ? src.of(receiverNode) : '').match(/([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)\s*$/)?.[1];
      out.push(symbolOf(node, name, 'method', src.head(node), receiver));
    } else if (node.type === 'type_declaration') {
      for (const spec of node.namedChildren) {
        const specName = nameOf(src, spec);
        if (!specName) continue;
        const kind = spec.childForFieldName('type')?.type === 'interface_type' ? 'interface' : 'type';
        out.push(symbolOf(spec, specName, kind, oneLine(`type ${src.of(spec).split('{')[0]}`)));
      }
    } else if (node.type === 'const_declaration' || node.type === 'var_declaration') {
      const keyword = node.type === 'const_declaration' ? 'const' : 'var';
      for (const spec of node.namedChildren) {
        for (const n of spec.childrenForFieldName('name')) {
          out.push(symbolOf(spec, src.of(n), keyword === 'const' ? 'const' : 'variable', oneLine(`${keyword} ${src.of(spec)}`, 100)));
        }
      }
    }
  }
  return out;
}
