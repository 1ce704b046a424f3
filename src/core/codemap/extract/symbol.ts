import type { Node } from 'web-tree-sitter';

/** One top-level symbol of a file (or a method of one), as the code map shows it. */
export interface CodeSymbol {
  name: string;
  kind: SymbolKind;
  /** The declaration without its body, on one line, clipped. */
  signature: string;
  /** 1-based. */
  line: number;
  /** The class, struct, trait or impl a method belongs to. */
  parent?: string;
}

export type SymbolKind =
  | 'function' | 'class' | 'interface' | 'type' | 'enum' | 'const' | 'variable' | 'method' | 'namespace' | 'module' | 'macro';

/** Signatures longer than this are clipped with an ellipsis: the map is a table of contents. */
export const SIGNATURE_MAX = 160;
/** Methods listed per class; the rest are counted, not listed. */
export const METHODS_MAX = 25;

/** Whitespace runs (newlines included) become one space; long text is clipped. */
export function oneLine(text: string, max = SIGNATURE_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The node's text before its body (field `body`, or the first child of one of `bodyTypes`). */
export function headOf(node: Node, bodyTypes: readonly string[] = []): string {
  const body = node.childForFieldName('body') ?? node.namedChildren.find((c) => bodyTypes.includes(c.type)) ?? null;
  const text = node.text;
  if (!body) return oneLine(text);
  return oneLine(text.slice(0, body.startIndex - node.startIndex));
}

export function symbolOf(node: Node, name: string, kind: SymbolKind, signature: string, parent?: string): CodeSymbol {
  const s: CodeSymbol = { name, kind, signature, line: node.startPosition.row + 1 };
  if (parent !== undefined) s.parent = parent;
  return s;
}

export function nameOf(node: Node, field = 'name'): string | null {
  const n = node.childForFieldName(field);
  return n ? n.text : null;
}
