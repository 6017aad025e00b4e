/**
 * The syntax tree the rules walk: plain JS objects made from a tree-sitter tree in one cursor walk.
 * Every property read on a wasm node crosses into wasm and allocates; the analysis reads each node
 * many times, so converting once and walking JS objects is several times faster, and the wasm tree
 * can be freed at once.
 */
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import { wasmExports } from './treeSitter';

export interface Point {
  row: number;
  column: number;
}

/** A part of a text: where it starts and its own characters. */
export interface TextPart {
  start: number;
  text: string;
}

/**
 * The text a tree was parsed from, with its line starts (rows count `\n` only, as tree-sitter does).
 * It may be held in parts (an edited document's pieces, see incremental.ts): the whole string is
 * joined only when something asks for it, so an edit need not copy the whole text.
 */
export class SourceText {
  private flat: string | undefined;
  /** The text's parts, in order (one, the whole text, when made from a string). */
  readonly parts: readonly TextPart[];
  readonly length: number;

  /**
   * `text`: the whole text, or its parts in order, each starting where the one before ends and
   * each but the first at a line start. `starts`: the line starts when the caller knows them
   * already (never changed here).
   */
  constructor(
    text: string | readonly TextPart[],
    private starts?: Uint32Array,
  ) {
    if (typeof text === 'string') {
      this.flat = text;
      this.parts = [{ start: 0, text }];
      this.length = text.length;
    } else {
      this.parts = text;
      const last = text.at(-1);
      this.length = last ? last.start + last.text.length : 0;
      if (text.length <= 1) this.flat = last?.text ?? '';
    }
  }

  /** The whole text (joined from its parts on first use). */
  get text(): string {
    return (this.flat ??= this.parts.map((p) => p.text).join(''));
  }

  /** Whether the whole string exists (it was given, or asked for): an edit's analysis should not need it. */
  get joined(): boolean {
    return this.flat !== undefined;
  }

  /**
   * Whether `test` holds for some part of the text. For a search that never spans a line break
   * this is the search of the whole text, without joining it.
   */
  some(test: (text: string) => boolean): boolean {
    return this.flat !== undefined ? test(this.flat) : this.parts.some((p) => test(p.text));
  }

  /** Where each line starts (made on first use). */
  get lineStarts(): Uint32Array {
    return (this.starts ??= lineStartsOf(this.parts));
  }

  /** The line starts if they were made or given already: an edit can shift them instead of making them again. */
  get knownLineStarts(): Uint32Array | undefined {
    return this.starts;
  }

  /** Row and UTF-16 column of an offset. */
  pointAt(index: number): Point {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: index - starts[lo]! };
  }

  /** Offset of a row and column (clamped to the text). */
  indexAt(point: Point): number {
    const starts = this.lineStarts;
    const start = starts[Math.min(Math.max(point.row, 0), starts.length - 1)]!;
    return Math.min(start + Math.max(point.column, 0), this.length);
  }
}

/**
 * Offsets at which lines start in a text held in parts (`SourceText`), in a typed array: an edit
 * copies it (see incremental.ts), and copies of those are several times faster.
 */
function lineStartsOf(parts: readonly TextPart[]): Uint32Array {
  const starts = [0];
  for (const { start, text } of parts)
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(start + i + 1);
  return Uint32Array.from(starts);
}

/** Texts up to this length are copied by `ownText`; longer ones (whole statements) are rarely kept. */
const OWN_TEXT_MAX = 1024;

/**
 * `text.slice(start, end)`, copied when short. V8 makes a slice of 13 characters or more point
 * into the whole string, so a name kept in a cache of one syntax node (an import, a function
 * result) kept every earlier version of an edited document alive: about 50 MB after 300 edits of
 * a 20k-line file. Joining the slice to a character and slicing that again makes a copy the size
 * of the name; a slice of the whole text is the text itself and is returned as is.
 */
export function ownText(text: string, start: number, end: number): string {
  const slice = text.slice(start, end);
  if (slice.length < 13 || slice.length > OWN_TEXT_MAX) return slice;
  return (' ' + slice).slice(1);
}

// Node ids are unique in the process, so results keyed by id never mix two trees; a counter, not a cache.
let nextId = 1;

/** The children of every leaf: one shared array, as most nodes are leaves. */
const NO_CHILDREN: SyntaxNode[] = [];

/**
 * Where the nodes of one top-level statement are: an edit before the statement moves all of them
 * by changing `shift` once, and a new version of the text is swapped in the same way.
 */
class Anchor {
  constructor(
    public shift: number,
    public source: SourceText,
    /** The piece's own text, which its nodes' offsets index; absent for a root joined from pieces. */
    readonly text?: string,
  ) {}
}

/**
 * Node type and field names by number: a node keeps its type, field and two flags in one small
 * integer (`SyntaxNode.bits`) rather than in four fields, a fifth less memory per node. Entry 0 is
 * no field. Only grows, with the names of the grammars loaded; an entry never changes.
 */
const NAMES: string[] = [''];
const NAME_IDS = new Map<string, number>([['', 0]]);

/** The number of a name (an interned string: see `interned`). */
function nameId(name: string): number {
  let id = NAME_IDS.get(name);
  if (id === undefined) {
    id = NAMES.length;
    if (id > NAME_MASK) throw new Error('too many node type and field names');
    NAMES.push(name);
    NAME_IDS.set(name, id);
  }
  return id;
}

const NAME_BITS = 11;
const NAME_MASK = (1 << NAME_BITS) - 1;
const NAMED = 1 << (2 * NAME_BITS);
const ERROR_BIT = 1 << (2 * NAME_BITS + 1);

/** The bits of a node's type, field (or none) and whether it is named. */
function bitsOf(typeId: number, fieldId: number, isNamed: boolean): number {
  return typeId | (fieldId << NAME_BITS) | (isNamed ? NAMED : 0);
}

export class SyntaxNode {
  /** Unique among all nodes made in this process: results cached by id survive a reparse. */
  readonly id = nextId++;
  parent: SyntaxNode | null = null;
  children: SyntaxNode[] = NO_CHILDREN;
  /** @internal the named children; set with the children when they all are named */
  named: readonly SyntaxNode[] | undefined;
  /** The type and field by number (`NAMES`), and the named and error flags. */
  private bits: number;

  constructor(
    /** The type, the field this node fills in its parent (or none) and whether it is named: `bitsOf`. */
    bits: number,
    private readonly start: number,
    private readonly end: number,
    /** @internal shared by the nodes of a piece (see pieces.ts) */
    public anchor: Anchor,
  ) {
    this.bits = bits;
  }

  get type(): string {
    return NAMES[this.bits & NAME_MASK]!;
  }

  get isNamed(): boolean {
    return (this.bits & NAMED) !== 0;
  }

  /** The field this node fills in its parent (`function`, `arguments`...), or null. */
  get field(): string | null {
    const id = (this.bits >>> NAME_BITS) & NAME_MASK;
    return id === 0 ? null : NAMES[id]!;
  }

  /** An ERROR node or a zero-width (missing) token is in this subtree. */
  get hasError(): boolean {
    return (this.bits & ERROR_BIT) !== 0;
  }

  set hasError(value: boolean) {
    this.bits = value ? this.bits | ERROR_BIT : this.bits & ~ERROR_BIT;
  }

  get startIndex(): number {
    return this.start + this.anchor.shift;
  }

  get endIndex(): number {
    return this.end + this.anchor.shift;
  }

  get source(): SourceText {
    return this.anchor.source;
  }

  /** The node's text; a short one is a copy of its own (see `ownText`), so caches can keep it. */
  get text(): string {
    const own = this.anchor.text;
    return own !== undefined ? ownText(own, this.start, this.end) : ownText(this.source.text, this.startIndex, this.endIndex);
  }

  get startPosition(): Point {
    return this.source.pointAt(this.startIndex);
  }

  get endPosition(): Point {
    return this.source.pointAt(this.endIndex);
  }

  get namedChildren(): readonly SyntaxNode[] {
    // Most nodes have no anonymous child: their children array serves as is.
    return (this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed));
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.namedChildren[0] ?? null;
  }

  get previousNamedSibling(): SyntaxNode | null {
    const siblings = this.parent?.children ?? [];
    for (let i = siblings.indexOf(this) - 1; i >= 0; i--) if (siblings[i]!.isNamed) return siblings[i]!;
    return null;
  }

  childForFieldName(name: string): SyntaxNode | null {
    const id = NAME_IDS.get(name);
    if (id === undefined) return null;
    for (const c of this.children) if (((c.bits >>> NAME_BITS) & NAME_MASK) === id) return c;
    return null;
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    return this.children.filter((c) => c.field === name);
  }

  /** The smallest node (named or not) that spans the index, as tree-sitter's `descendantForIndex`. */
  descendantForIndex(index: number): SyntaxNode {
    const inner = this.children.find((c) => c.startIndex <= index && index < c.endIndex);
    return inner ? inner.descendantForIndex(index) : this;
  }

  descendantForPosition(point: Point): SyntaxNode {
    return this.descendantForIndex(this.source.indexAt(point));
  }
}

/** Per language, by the grammar's type id: the `NAMES` number of the type and whether it is named; by field id, the number of the field (0: none). */
interface LanguageTables {
  named: boolean[];
  typeIds: number[];
  fieldIds: number[];
}

// Derived from the grammar object, which never changes: not a cache a session must drop.
const tablesByLanguage = new WeakMap<Language, LanguageTables>();

function tablesOf(language: Language): LanguageTables {
  let tables = tablesByLanguage.get(language);
  if (!tables) {
    tables = {
      named: language.types.map((_, id) => language.nodeTypeIsNamed(id)),
      typeIds: language.types.map((t) => nameId(interned(t || 'ERROR'))),
      fieldIds: language.fields.map((f) => (f === null ? 0 : nameId(interned(f)))),
    };
    tablesByLanguage.set(language, tables);
  }
  return tables;
}

/**
 * The engine's own copy of a string, as for a literal: the rules compare node types and field
 * names with literals millions of times, and two such strings compare by identity alone.
 */
function interned(name: string): string {
  return Object.keys({ [name]: 0 })[0]!;
}

/** The moves and reads of a tree cursor that the conversion needs. */
interface CursorReader {
  typeId(): number;
  isMissing(): boolean;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  firstChild(): boolean;
  nextSibling(): boolean;
  parent(): boolean;
}

type WasmCall = (tree: number) => number;

/**
 * A reader that calls the wasm exports directly. The cursor's state lives in web-tree-sitter's
 * transfer buffer, which every `goto` call writes back; the public TreeCursor copies it in and out
 * of JS around each call, which is most of the cost of a walk. One read through the public API
 * puts the cursor in the buffer; nothing else touches the buffer until the walk ends.
 */
function directReader(cursor: TreeCursor, tree: Tree): CursorReader | undefined {
  const exports = wasmExports();
  const fn = (name: string) => exports?.[`_ts_tree_cursor_${name}_wasm`] as WasmCall | undefined;
  const [typeId, missing, fieldId, start, end, first, next, up] = [
    'current_node_type_id',
    'current_node_is_missing',
    'current_field_id',
    'start_index',
    'end_index',
    'goto_first_child',
    'goto_next_sibling',
    'goto_parent',
  ].map(fn);
  const address = (tree as unknown as Record<number, unknown>)[0];
  if (!typeId || !missing || !fieldId || !start || !end || !first || !next || !up || typeof address !== 'number')
    return undefined;
  void cursor.startIndex; // copies the cursor into the transfer buffer
  return {
    typeId: () => typeId(address),
    isMissing: () => missing(address) === 1,
    fieldId: () => fieldId(address),
    startIndex: () => start(address),
    endIndex: () => end(address),
    firstChild: () => first(address) === 1,
    nextSibling: () => next(address) === 1,
    parent: () => up(address) === 1,
  };
}

/** The same reads through web-tree-sitter's public cursor API (when the exports are not reachable). */
function publicReader(cursor: TreeCursor): CursorReader {
  return {
    typeId: () => cursor.nodeTypeId,
    isMissing: () => cursor.currentNode.isMissing,
    fieldId: () => cursor.currentFieldId,
    startIndex: () => cursor.startIndex,
    endIndex: () => cursor.endIndex,
    firstChild: () => cursor.gotoFirstChild(),
    nextSibling: () => cursor.gotoNextSibling(),
    parent: () => cursor.gotoParent(),
  };
}

/**
 * Converts the node under the cursor and everything below it; the cursor ends where it started.
 * Punctuation and keywords that fill no field (`(`, `,`, `def`, `import`...) are left out: no rule
 * reads them, and they are a third of all nodes. Tokens in a field (operators) are kept.
 */
function convert(
  cursor: CursorReader,
  tables: LanguageTables,
  anchor: Anchor,
  /** The `NAMES` number of the field this node fills in its parent, 0 for none. */
  fieldBits: number,
  /** The node's type id when the caller has read it already (each read is a call into wasm). */
  typeId = cursor.typeId(),
): SyntaxNode {
  const isNamed = tables.named[typeId] ?? true;
  const typeBits = tables.typeIds[typeId] ?? nameId('ERROR');
  const node = new SyntaxNode(bitsOf(typeBits, fieldBits, isNamed), cursor.startIndex(), cursor.endIndex(), anchor);
  let allNamed = true;
  if (cursor.firstChild()) {
    node.children = [];
    do {
      const childField = tables.fieldIds[cursor.fieldId()] ?? 0;
      const childType = cursor.typeId();
      if (childField === 0 && !(tables.named[childType] ?? true)) {
        // a token the parser inserted to recover from an error still marks the statement as broken
        if (cursor.isMissing()) node.hasError = true;
        continue;
      }
      const child = convert(cursor, tables, anchor, childField, childType);
      child.parent = node;
      if (!child.isNamed) allNamed = false;
      node.children.push(child);
      if (child.hasError) node.hasError = true;
    } while (cursor.nextSibling());
    cursor.parent();
    // An array grown by push keeps room for 17 elements or more; most nodes have one to three
    // children, and a copy of exact size halves the memory a kept tree takes.
    node.children = node.children.length === 0 ? NO_CHILDREN : node.children.slice();
  } else if (node.startIndex === node.endIndex) {
    node.hasError = true;
  }
  // Most nodes have no anonymous child: their children array serves as the named ones.
  if (allNamed) node.named = node.children;
  if (node.type === 'ERROR') node.hasError = true;
  return node;
}

/** The cursor reader of a tree: the direct one when the wasm exports are reachable (`public`: tests compare the two). */
function readerOf(treeCursor: TreeCursor, tree: Tree, reader: 'direct' | 'public'): CursorReader {
  return (reader === 'direct' && directReader(treeCursor, tree)) || publicReader(treeCursor);
}

/** The JS tree of a parsed text. */
export function toSyntax(tree: Tree, textOrSource: string | SourceText, reader: 'direct' | 'public' = 'direct'): SyntaxNode {
  const source = typeof textOrSource === 'string' ? new SourceText(textOrSource) : textOrSource;
  return pieceSyntax(tree, source, 0, source.text, reader);
}

/**
 * The JS tree of a piece of a text (`text`), parsed on its own from offset `shift` of `source`: its
 * nodes share one anchor, so `movePiece` moves them all at once, and read their text in the
 * piece's own (the whole text is never needed for it).
 */
export function pieceSyntax(
  tree: Tree,
  source: SourceText,
  shift: number,
  text: string,
  reader: 'direct' | 'public' = 'direct',
): SyntaxNode {
  const treeCursor = tree.walk();
  try {
    return convert(readerOf(treeCursor, tree, reader), tablesOf(tree.language), new Anchor(shift, source, text), 0);
  } finally {
    treeCursor.delete();
  }
}

/**
 * The text a node's offsets are read in without joining the whole text: its piece's own text
 * (from `pieceShift(node)` of the whole), or for a root joined from pieces the whole text.
 */
export function pieceText(node: SyntaxNode): string {
  return node.anchor.text ?? node.source.text;
}

/** Where `pieceText(node)` starts in the whole text. */
export function pieceShift(node: SyntaxNode): number {
  return node.anchor.text !== undefined ? node.anchor.shift : 0;
}

/** Moves the nodes of a piece (`pieceSyntax`) to start at `shift` of `source`. */
export function movePiece(piece: SyntaxNode, shift: number, source: SourceText): void {
  piece.anchor.shift = shift;
  piece.anchor.source = source;
}

/** The type of a text's root. */
const MODULE = 'module';

/** A piece as the root of the text: a piece's root may have been a statement of a joined root before. */
function asRoot(piece: SyntaxNode): SyntaxNode {
  piece.parent = null;
  for (const child of piece.children) child.parent = piece;
  return piece;
}

/**
 * The module of a text parsed in pieces: the statements of every piece under one root, which
 * spans them as the root of the whole text's parse does. A piece whose root is not a module (the
 * parser gave up on it) is kept whole, as a statement.
 */
export function joinPieces(pieces: readonly SyntaxNode[], source: SourceText): SyntaxNode {
  const first = pieces[0];
  if (!first) throw new Error('a text has one piece at least');
  if (pieces.length === 1) return asRoot(first);
  const children: SyntaxNode[] = [];
  let hasError = false;
  let start: number | undefined;
  let end = 0;
  for (const piece of pieces) {
    // A piece of blank lines or comments alone is an empty module: zero width is no error there.
    // Such a piece stands at its own end (a line of only a zero-width space or a BOM at column 0
    // makes one), and the whole text's module ends there too when something came before it.
    const empty = piece.children.length === 0 && piece.startIndex === piece.endIndex;
    if (empty) {
      if (start !== undefined) end = piece.endIndex;
      continue;
    }
    start ??= piece.startIndex;
    end = piece.endIndex;
    if (piece.type === MODULE) children.push(...piece.children);
    else children.push(piece);
    if (piece.hasError) hasError = true;
  }
  if (start === undefined) return asRoot(first);
  const root = new SyntaxNode(bitsOf(nameId(MODULE), 0, true), start, end, new Anchor(0, source));
  root.children = children;
  root.hasError = hasError;
  for (const child of children) child.parent = root;
  if (children.every((c) => c.isNamed)) root.named = children;
  return root;
}
