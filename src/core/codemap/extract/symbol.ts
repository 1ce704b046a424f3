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

/**
 * The file's text and slices of it by node. Slicing the source (tree-sitter's indices are UTF-16
 * offsets here) avoids copying a whole class body out of WebAssembly to read its first line.
 */
export class Source {
  /** `cLike`: comments are `//` and `/* *\/` (all parsed languages but Python), dropped from signatures. */
  constructor(
    readonly text: string,
    private readonly cLike = true,
  ) {}

  private clean(text: string): string {
    return this.cLike ? text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|\s)\/\/[^\n]*/g, '$1') : text;
  }

  of(node: Node): string {
    return this.text.slice(node.startIndex, node.endIndex);
  }

  /** The node's text before its body (field `body`), on one line, clipped. */
  head(node: Node): string {
    const body = node.childForFieldName('body');
    return oneLine(this.clean(this.text.slice(node.startIndex, body ? body.startIndex : node.endIndex)));
  }

  /** The node's whole text on one line, clipped (read no further than needed). */
  flat(node: Node, max = SIGNATURE_MAX): string {
    return oneLine(this.clean(this.text.slice(node.startIndex, Math.min(node.endIndex, node.startIndex + max * 4))), max);
  }
}

export function symbolOf(node: Node, name: string, kind: SymbolKind, signature: string, parent?: string): CodeSymbol {
  const s: CodeSymbol = { name, kind, signature, line: node.startPosition.row + 1 };
  if (parent !== undefined) s.parent = parent;
  return s;
}

export function nameOf(src: Source, node: Node, field = 'name'): string | null {
  const n = node.childForFieldName(field);
  return n ? src.of(n) : null;
}
