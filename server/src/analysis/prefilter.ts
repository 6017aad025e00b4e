/**
 * The cheap text test run before parsing. A file is parsed when it is a config and names an
 * OpenMMLab config marker or AMP anywhere, or when its code (comments and strings left out) names
 * an op, a layer or a model the dtype model knows (DTYPE_WORDS) and a conv/linear/custom op,
 * autocast or a half-precision switch; any other file cannot produce a finding, so it is skipped.
 *
 * The dtype model's words are the names of its tables (ops.ts: ops, layer classes, custom
 * modules, layer factories, compiled-extension loaders), so a row added there adds its word; the
 * few things the model recognises outside a table are listed by hand below (MODEL_MARKERS). A
 * config rule that can fire on a file containing none of CONFIG_WORDS must add its word there (the
 * fixture tests and test/unit/prefilter.test.mjs fail otherwise). Be generous; a false "may
 * matter" only costs a parse.
 */

import { EXTENSION_LOADERS, EXTENSION_MODULE, knownOpNames } from './ops';
import { firstAtOrAfter } from './nodeHelpers';

/**
 * Words matched case-insensitively in the code of the file (comments and string literals left
 * out: "linear time" in a docstring names no op). Besides the tables' names (TABLE_WORDS, which
 * count here too), they are the context in which a model word is worth a parse.
 */
export const CODE_WORDS: readonly string[] = [
  // a network's own names for its layers (`self.conv1`, `self.linear`, `ConvBNAct`), generous on purpose
  'conv',
  'linear',
  // custom op families whose kernels are called through a compiled extension (DG102, DG106): deform/modulated conv, CARAFE, autograd.Function
  'deform',
  'carafe',
  'autograd',
  // precision regions and casts (DG105, DG107): autocast, float16/bfloat16, mmcv fp16 decorators, wrap_fp16_model
  'autocast',
  'float16',
  'fp16',
  'fp32',
];

/**
 * Words matched case-insensitively anywhere in the text, strings included: OpenMMLab configs name
 * their switches in strings too (`type='AmpOptimWrapper'`, `{'fp16': ...}`).
 */
export const CONFIG_WORDS: readonly string[] = [
  // inheritance, AMP wrappers, registry and imports of custom modules (DG201-DG203)
  'fp16',
  '_base_',
  'optim_wrapper',
  'optimizer_config',
  'loss_scale',
  'register_module',
  'custom_imports',
  // DeepSpeed bf16 (DG201) and lazy-import configs that inherit through `with read_base():` (DG202)
  'bf16',
  'read_base',
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One pattern matching any of the words, each as a whole name (longest first, so `conv2d` is not cut short). */
const wholeNames = (words: readonly string[]) =>
  `\\b(?:${[...words]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map(escape)
    .join('|')})\\b`;

/**
 * The op and layer names of the dtype model's tables (ops.ts), case-sensitive and whole:
 * `conv2d`, `conv_transpose2d`, `deform_conv2d`, `linear`, `mm`, `layer_norm`, `build_conv_layer`,
 * `Conv2d`, `_ConvNd`, `ConvModule`, `Linear`, `CARAFEPack`..., never a look-alike (`localeconv`,
 * `linear_regression`, `ConversionSyntax`, `comm`): the model knows ops and classes by these
 * names only. A row added to a table adds its name here. In code, such a name is reason enough
 * to parse.
 */
export const TABLE_WORDS = new RegExp(wholeNames(knownOpNames()));

/**
 * Compiled extensions, as the model finds them (ops.ts): a loader call (`load_ext`,
 * `cpp_extension.load`, `load_inline`) or an imported `*_ext` / `_C` module. Only with a
 * CODE_WORDS word: `_C` is also detectron2's config node.
 */
const EXTENSION_WORDS = new RegExp([...EXTENSION_LOADERS.map(escape), EXTENSION_MODULE.source].join('|'));

/** The matrix-product operator between two operands (`q @ k.transpose(-2, -1)`); not `@decorator`. */
const MATMUL_OPERATOR = /[\w\])] ?@ ?[\w(]/;

/**
 * What the dtype model recognises besides its tables' names, each with where (and why no table
 * holds it).
 */
const MODEL_MARKERS: readonly RegExp[] = [
  // `@` is an operator, not a name (exprs.ts): judged like torch.matmul
  MATMUL_OPERATOR,
  // `super()._conv_forward(x, w, b)` in a conv subclass runs F.conv2d (calls.ts, superCall)
  /\b_conv_forward\b/,
  // `SomeFunction.apply(...)` runs an autograd Function's forward (calls.ts, model.ts applyAliasesOf)
  /\.apply\(/,
  // `torch.jit.trace(model, x)` and `torch.onnx.export(model, x)` call the model (calls.ts, SPECIAL_FUNCTIONS)
  /jit\.trace|onnx/,
  // a model built at script level from torch.nn containers (calls.ts builds any torch.nn class as a model)
  /Sequential/,
];

/**
 * Words without which the dtype model (DG101-DG107) cannot find anything: every finding is an op
 * call, a layer or a model that these name somewhere in the file (case-sensitive).
 */
export const DTYPE_WORDS = new RegExp([TABLE_WORDS, EXTENSION_WORDS, ...MODEL_MARKERS].map((p) => p.source).join('|'));

/** Every trigger word, for documentation and tests. */
export const TRIGGER_WORDS: readonly string[] = [...new Set([...CODE_WORDS, ...CONFIG_WORDS])];

/**
 * Case-sensitive patterns for words too common as parts of English words. In code: `.half()` and
 * `HalfTensor` (not "halfway"), the `@` operator and the tables' names. Anywhere: `torch.cuda.amp`,
 * `use_amp`, `AmpOptimWrapper` (often in a config string), `AMP` (not "example", "&amp;").
 */
const CODE_PATTERNS: readonly RegExp[] = [/half\b/, /Half/, MATMUL_OPERATOR, TABLE_WORDS];
const ANYWHERE_PATTERNS: readonly RegExp[] = [/(?<![A-Za-z&])amp(?![a-z])/, /(?<![A-Za-z])AMP(?![A-Z])/, /Amp(?=[A-Z])/];

const wordsPattern = (words: readonly string[]) =>
  new RegExp(words.map((w) => (w === 'conv' ? 'conv(?!er|en)' : escape(w))).join('|'), 'i');
// "convert", "convenient", "convention" are excluded so prose and codecs do not defeat the filter.
const CODE_WORDS_RE = wordsPattern(CODE_WORDS);
const CODE_PATTERNS_RE = new RegExp(CODE_PATTERNS.map((p) => p.source).join('|'));
const ANYWHERE = wordsPattern(CONFIG_WORDS);
const ANYWHERE_CASED = new RegExp(ANYWHERE_PATTERNS.map((p) => p.source).join('|'));
const inCode = (text: string) => CODE_WORDS_RE.test(text) || CODE_PATTERNS_RE.test(text);
// The same patterns, searched match by match in the text itself (see `anyInCode`).
const global = (re: RegExp) => new RegExp(re.source, re.flags + 'g');
const CODE_WORDS_ALL = global(CODE_WORDS_RE);
const CODE_PATTERNS_ALL = global(CODE_PATTERNS_RE);
const DTYPE_WORDS_ALL = global(DTYPE_WORDS);

/**
 * Which rules can look at the file. `config` false: it is not a config, or no config rule runs, so
 * the config words do not count (most of a code base names `fp16` or `bf16` somewhere). `code`
 * false: no code rule runs. Absent means true (the caller does not know).
 */
export interface PrefilterScope {
  config?: boolean;
  code?: boolean;
}

/** Whether a source text may produce a finding; false means no rule can fire on it. */
export function mayHaveFindings(source: string, scope: PrefilterScope = {}): boolean {
  if (scope.config !== false && (ANYWHERE.test(source) || ANYWHERE_CASED.test(source))) return true;
  if (scope.code === false) return false;
  // The words must be in the text at all before the comments and strings are looked for.
  if (!DTYPE_WORDS.test(source) || !inCode(source)) return false;
  const spans = new Spans(source);
  return (anyInCode(CODE_WORDS_ALL, spans) || anyInCode(CODE_PATTERNS_ALL, spans)) && anyInCode(DTYPE_WORDS_ALL, spans);
}

/**
 * Whether a pattern matches in code. Each match is checked against the comments and strings met so
 * far, and the scan for them goes only as far as the matches do: in most files that name an op it
 * stops near the imports. (None of the words holds a quote, `#` or a line break, so a match never
 * straddles a comment or string; the same words are found as in `codeOf(source)`.)
 */
function anyInCode(pattern: RegExp, spans: Spans): boolean {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(spans.source); m; m = pattern.exec(spans.source)) {
    const end = spans.endOfSpanAt(m.index);
    if (end < 0) return true;
    pattern.lastIndex = end;
  }
  return false;
}

/** A line ends at \n, \r\n or a lone \r (as in Python and in editors). */
const LINE_END = /[\r\n]/g;

/** Where a comment or a string literal may start. */
const NOT_CODE = /[#'"]/g;

/**
 * The comment and string-literal spans of a text, found in order and only as far as asked (a cheap
 * scan, not a tokenizer: an f-string's replacement fields count as string, which only drops words
 * an op call never hides in).
 */
class Spans {
  /** Start and end offsets of the spans found so far, flat. */
  private readonly bounds: number[] = [];
  /** Everything before this offset has been classified. */
  private scanned = 0;

  constructor(readonly source: string) {}

  /** The end of the comment or string literal holding the offset, or -1 when the offset is in code. */
  endOfSpanAt(at: number): number {
    while (this.scanned <= at && this.scanned < this.source.length) this.scanNext();
    // The flat bounds are sorted: the first one past `at` is a span's end exactly when `at` is inside it.
    const past = firstAtOrAfter(this.bounds, at + 1);
    return past % 2 === 1 ? this.bounds[past]! : -1;
  }

  /** Finds the next span after `scanned`, or marks the rest of the text as code. */
  private scanNext(): void {
    NOT_CODE.lastIndex = this.scanned;
    const m = NOT_CODE.exec(this.source);
    if (!m) {
      this.scanned = this.source.length;
      return;
    }
    const at = m.index;
    let end: number;
    if (m[0] === '#') {
      LINE_END.lastIndex = at;
      end = LINE_END.exec(this.source)?.index ?? this.source.length;
    } else {
      end = stringEnd(this.source, at, m[0]);
    }
    this.bounds.push(at, end);
    this.scanned = end;
  }

  /** Every span, scanning to the end. */
  all(): number[] {
    while (this.scanned < this.source.length) this.scanNext();
    return this.bounds;
  }
}

/** The text with comments and string literals blanked (each replaced by one space). */
export function codeOf(source: string): string {
  const bounds = new Spans(source).all();
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < bounds.length; i += 2) {
    parts.push(source.slice(from, bounds[i]), ' ');
    from = bounds[i + 1]!;
  }
  parts.push(source.slice(from));
  return parts.join('');
}

/**
 * The offset after the string literal opened by the quote at `at`. An unterminated literal (a
 * broken file, or one being typed) hides nothing: the parser's error recovery may read what
 * follows as code, so only the quote itself is skipped.
 */
function stringEnd(source: string, at: number, quote: string): number {
  const triple = source.startsWith(quote + quote + quote, at);
  const close = triple ? quote + quote + quote : quote;
  for (let i = at + close.length; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (!triple && (c === '\n' || c === '\r')) break;
    else if (c === quote && source.startsWith(close, i)) return i + close.length;
  }
  return at + 1;
}
