/** The `nn.Module` classes of a file and their `__init__` / `forward` signatures, read from the core's class facts. */
import type { SyntaxNode as Node } from '../analysis/syntax';
import { collectImports, type ImportMap } from '../analysis/imports';
import { collectClasses, type ClassFacts } from '../analysis/dtype/classFacts';
import { PARAM_BASES } from '../analysis/ops';
import { LAYERS } from './layers';

export interface Param {
  name: string;
  /** The default's source text, when it has one. */
  defaultText?: string;
  defaultNode?: Node;
  /** `*args` / `**kwargs`. */
  splat?: boolean;
}

export interface ModuleClass {
  facts: ClassFacts;
  /** `__init__`'s parameters after `self` (inherited from a local base, or the torch layer's own). */
  init: Param[];
  /** `forward`'s parameters after `self`; undefined when the class inherits a torch layer's forward. */
  forward?: Param[];
  /** The torch layer this class extends (`torch.nn.Conv2d`), directly or through local bases. */
  layerBase?: string;
}

export interface FileClasses {
  root: Node;
  imports: ImportMap;
  classes: Map<string, ClassFacts>;
}

const MODULE_BASES = new Set([
  'torch.nn.Module',
  'torch.nn.Sequential',
  'mmcv.runner.BaseModule',
  'mmengine.model.BaseModule',
  'mmcv.cnn.ConvModule',
]);

const LIBRARY_MODELS = /^(mmcv|mmengine|mmdet|mmdet3d|mmseg|mmrotate|mmpose|mmpretrain|mmcls|timm|detectron2)\.[\w.]*[A-Z]\w*$/;

export function readFile(root: Node): FileClasses {
  const imports = collectImports(root);
  return { root, imports, classes: collectClasses(root, imports) };
}

/** The torch layer a class extends, following local bases. */
export function layerBaseOf(facts: ClassFacts, file: FileClasses, seen = new Set<string>()): string | undefined {
  if (seen.has(facts.name)) return undefined;
  seen.add(facts.name);
  for (const base of facts.bases) {
    if (LAYERS.has(base) || PARAM_BASES.has(base)) return base;
    const local = file.classes.get(base);
    const found = local && layerBaseOf(local, file, seen);
    if (found) return found;
  }
  return undefined;
}

/** Whether a class is an nn.Module (directly, through a torch layer, or through a local base). */
export function isModuleClass(facts: ClassFacts, file: FileClasses, seen = new Set<string>()): boolean {
  if (facts.autogradFunction || seen.has(facts.name)) return false;
  seen.add(facts.name);
  return facts.bases.some((b) => {
    if (MODULE_BASES.has(b) || LAYERS.has(b) || PARAM_BASES.has(b)) return true;
    // A model class of an OpenMMLab or timm package (mmdet's AnchorHead) with a forward of its own.
    if (LIBRARY_MODELS.test(b) && facts.methods.has('forward')) return true;
    const local = file.classes.get(b);
    return !!local && isModuleClass(local, file, seen);
  });
}

export function parametersOf(fn: Node | undefined): Param[] {
  const params: Param[] = [];
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'identifier') params.push({ name: p.text });
    else if (p.type === 'typed_parameter') params.push({ name: p.namedChildren[0]?.text ?? '?' });
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const value = p.childForFieldName('value') ?? undefined;
      params.push({ name: p.childForFieldName('name')?.text ?? '?', defaultText: value?.text, defaultNode: value });
    } else if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern')
      params.push({ name: p.text, splat: true });
  }
  // The first parameter is `self`.
  return params.slice(1);
}

/** Reads one class of the file as a module, or undefined when it is not an nn.Module. */
export function moduleClass(file: FileClasses, name: string): ModuleClass | undefined {
  const facts = file.classes.get(name);
  if (!facts || !isModuleClass(facts, file)) return undefined;
  const layerBase = layerBaseOf(facts, file);
  const initFn = facts.methods.get('__init__');
  let init = parametersOf(initFn);
  const spec = layerBase ? LAYERS.get(layerBase) : undefined;
  // No __init__ of its own, or one that passes *args/**kwargs on: the torch layer's required arguments.
  if (spec && (!initFn || (init.length && init.every((p) => p.splat)))) {
    const required = spec.rank === 0 ? 2 : spec.params.indexOf('kernel_size') + 1;
    init = spec.params.slice(0, Math.max(required, 1)).map((n) => ({ name: n }));
  }
  const forwardFn = facts.methods.get('forward');
  return { facts, init, forward: forwardFn ? parametersOf(forwardFn) : undefined, layerBase };
}

/** The nn.Module classes defined at the top level of the file, in document order. */
export function topLevelModules(file: FileClasses): string[] {
  const names: string[] = [];
  for (const unit of file.root.namedChildren) {
    const cls = unit.type === 'decorated_definition' ? unit.childForFieldName('definition') : unit;
    const name = cls?.type === 'class_definition' ? cls.childForFieldName('name')?.text : undefined;
    if (name && moduleClass(file, name)) names.push(name);
  }
  return names;
}
