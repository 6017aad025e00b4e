/**
 * The workspace index of registered classes: `@X.register_module()` (with `name=`, `force=`) and
 * `X.register_module(module=Cls)` calls. Incremental: a changed file updates only its own entries,
 * and files without `register_module` in their text are never parsed.
 */
import type { SyntaxNode as Node } from '../syntax';
import { parseSyntax } from '../pieces';
import { digestOf } from '../digest';
import { rangeOf } from '../nodeHelpers';
import type { Range } from '../types';
import { stringText } from './evaluate';
import type { Workspace } from '../fileAccess';
import type { Parser } from 'web-tree-sitter';
import type { AnalysisSession } from '../session';

export interface RegisteredClass {
  /** The name a config's `type=` uses. */
  name: string;
  className: string;
  registry: string;
  file: string;
  /** The class definition's name (for go-to-definition), when the class is defined in `file`. */
  range?: Range;
  /** The whole class definition. */
  body?: Range;
  force: boolean;
}

interface FileEntry {
  /** The digest of the text the classes were read from (the text itself is not kept). */
  digest: string;
  classes: RegisteredClass[];
}

const MARKER = 'register_module';

export class RegistryIndex {
  private readonly files = new Map<string, FileEntry>();
  private readonly dirty = new Set<string>();
  private scanned = false;
  private parses = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly parser?: Parser,
  ) {}

  /** Marks a file as changed (or created/deleted): it is read again on the next lookup. */
  invalidate(file: string): void {
    this.dirty.add(file);
  }

  /** Anything may have changed: every file is listed and read again (unchanged texts are not parsed). */
  invalidateAll(): void {
    for (const file of this.files.keys()) this.dirty.add(file);
    this.scanned = false;
  }

  /**
   * Every class registered under `name`: classes from `preferFiles` first (custom_imports), then
   * those nearest to `near` (the config asking: a project's own modules beat a namesake elsewhere).
   */
  lookup(name: string, preferFiles: (file: string) => boolean = () => false, near?: string): RegisteredClass[] {
    this.refresh();
    const found: RegisteredClass[] = [];
    for (const entry of this.files.values()) for (const c of entry.classes) if (c.name === name) found.push(c);
    const closeness = (file: string) => (near ? sharedPrefix(file, near) : 0);
    return found.sort(
      (a, b) =>
        Number(preferFiles(b.file)) - Number(preferFiles(a.file)) ||
        closeness(b.file) - closeness(a.file) ||
        Number(b.force) - Number(a.force),
    );
  }

  /** How many files were parsed and how many registered classes are known (for tests and logs). */
  stats(): { files: number; classes: number; parses: number } {
    let classes = 0;
    for (const e of this.files.values()) classes += e.classes.length;
    return { files: this.files.size, classes, parses: this.parses };
  }

  private refresh(): void {
    if (!this.scanned) {
      this.scanned = true;
      for (const file of this.workspace.pythonFiles?.() ?? []) this.update(file);
      this.dirty.clear();
      return;
    }
    for (const file of this.dirty) this.update(file);
    this.dirty.clear();
  }

  private update(file: string): void {
    const text = this.workspace.readFile(file);
    if (text === undefined || !text.includes(MARKER)) {
      this.files.delete(file);
      return;
    }
    const digest = digestOf(text);
    if (this.files.get(file)?.digest === digest) return;
    this.parses++;
    this.files.set(file, { digest, classes: registeredIn(file, text, this.parser) });
  }
}

/** The registry of a workspace, kept by the session. */
export function registryOf(workspace: Workspace, session: AnalysisSession): RegistryIndex {
  let index = session.registries.get(workspace);
  if (!index) {
    index = new RegistryIndex(workspace, session.parser);
    session.keepRegistry(workspace, index);
  }
  return index;
}

/** The registrations written in one file. */
export function registeredIn(file: string, text: string, parser?: Parser): RegisteredClass[] {
  const root = parseSyntax(text, undefined, parser);
  const classes = new Map<string, Node>();
  const out: RegisteredClass[] = [];
  for (const node of root.namedChildren) {
    if (node?.type === 'class_definition') classes.set(node.childForFieldName('name')?.text ?? '', node);
    if (node?.type === 'decorated_definition') {
      const definition = node.childForFieldName('definition');
      if (definition?.type !== 'class_definition') continue;
      const className = definition.childForFieldName('name')?.text ?? '';
      classes.set(className, definition);
      for (const decorator of node.namedChildren.filter((c) => c?.type === 'decorator')) {
        const reg = registration(decorator!.firstNamedChild);
        if (reg) for (const name of reg.names ?? [className]) out.push(entry(file, name, className, reg, definition));
      }
    }
  }
  // `X.register_module(module=Cls)` after the class is defined (or imported)
  for (const node of root.namedChildren) {
    const call = node?.type === 'expression_statement' ? node.firstNamedChild : null;
    const reg = registration(call);
    if (!reg?.module) continue;
    for (const name of reg.names ?? [reg.module]) out.push(entry(file, name, reg.module, reg, classes.get(reg.module)));
  }
  return out;
}

interface Registration {
  registry: string;
  names?: string[];
  module?: string;
  force: boolean;
}

function registration(node: Node | null | undefined): Registration | undefined {
  if (!node) return undefined;
  const fn = node.type === 'call' ? node.childForFieldName('function') : node;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== MARKER) return undefined;
  const registry = fn.childForFieldName('object')?.text ?? '';
  const reg: Registration = { registry, force: false };
  if (node.type !== 'call') return reg;
  const args = node.childForFieldName('arguments')?.namedChildren ?? [];
  let position = 0;
  for (const arg of args) {
    if (!arg || arg.type === 'comment') continue;
    const key = arg.type === 'keyword_argument' ? arg.childForFieldName('name')?.text : ['name', 'force', 'module'][position++];
    const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
    if (!value) continue;
    if (key === 'name') reg.names = names(value);
    else if (key === 'force') reg.force = value.type === 'true';
    else if (key === 'module' && value.type === 'identifier') reg.module = value.text;
  }
  return reg;
}

function names(value: Node): string[] | undefined {
  if (value.type === 'none') return undefined;
  const items = value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value];
  const out = items.map((n) => (n ? stringText(n) : undefined)).filter((n): n is string => !!n);
  return out.length ? out : undefined;
}

function entry(file: string, name: string, className: string, reg: Registration, definition?: Node): RegisteredClass {
  const nameNode = definition?.childForFieldName('name');
  return {
    name,
    className,
    registry: reg.registry,
    file,
    range: nameNode ? rangeOf(nameNode) : undefined,
    body: definition ? rangeOf(definition) : undefined,
    force: reg.force,
  };
}

/** How many leading path segments two files share. */
function sharedPrefix(a: string, b: string): number {
  const x = a.split(/[\\/]/);
  const y = b.split(/[\\/]/);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
}
