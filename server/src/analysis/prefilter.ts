/**
 * The cheap text test run before parsing. A file is parsed when it is a config and names an
 * OpenMMLab config marker or AMP anywhere, or when its code (comments and strings left out) names a conv/linear/custom op,
 * autocast or a half-precision switch and the dtype model's own words (DTYPE_WORDS) are in it;
 * any other file cannot produce a finding, so it is skipped.
 *
 * Keep these lists in step with the rules' op tables (ops.ts) and config markers: a rule that can
 * fire on a file containing none of these words must add its word here (the fixture test and
 * test/unit/prefilter.test.mjs fail otherwise). Be generous; a false "may matter" only costs a parse.
 */

import { firstAtOrAfter } from './tree';

/**
 * Words matched case-insensitively in the code of the file (comments and string literals left
 * out: "linear time" in a docstring names no op).
 */
export const CODE_WORDS: readonly string[] = [
  // conv/linear ops and modules: F.conv*, torch.conv*, conv_transpose*, nn.Conv*, _conv_forward, F.linear, nn.Linear
  'conv',
  'linear',
  'addmm',
  // matrix products (judged in module methods): torch.matmul, torch.bmm, torch.einsum; `mm` and `@` below
  'matmul',
  'einsum',
  'bmm',
  'baddbmm',
  // functional norms whose affine tensors must have the input's dtype: F.layer_norm, F.group_norm
  'layer_norm',
  'group_norm',
  // custom ops autocast does not cover (DG106): deform/modulated conv, CARAFE, autograd.Function
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

/**
 * Words without which the dtype model (DG101-DG107) cannot find anything: every finding is an op
 * call, a layer or a model that these name somewhere in the file (case-sensitive). In lower case
 * only the op names of ops.ts count (`conv2d`, `conv_transpose2d`, `deform_conv2d`, `linear`,
 * `_conv_forward`, `build_conv_layer`), not `localeconv` or `linear_regression`; likewise the
 * layer classes (`Conv2d`, `ConvTranspose2d`, `_ConvNd`, `ConvModule`, `Linear`), not
 * `ConversionSyntax`: the model knows classes by these names only (ops.ts), never by a look-alike.
 * Compiled extensions are named as the model finds them (`*_ext`, `_C`, `load_ext`, `load_inline`).
 */
export const DTYPE_WORDS =
  /conv(?:_transpose)?[123]d|conv_forward|matmul|einsum|layer_norm|group_norm|\bbmm\b|baddbmm|\bmm\b|[\w\])] ?@ ?[\w(]|conv_layer|linear\b|addmm|carafe|CARAFE|_ext\b|load_ext|\b_C\b(?!\.)|cpp_extension|load_inline|\.apply\(|Linear\b|Conv(?:Transpose)?(?:[123]d|Nd)|ConvModule|jit\.trace|onnx|Sequential/;

/** Every trigger word, for documentation and tests. */
export const TRIGGER_WORDS: readonly string[] = [...new Set([...CODE_WORDS, ...CONFIG_WORDS])];

/**
 * Case-sensitive patterns for words too common as parts of English words. In code: `.half()` and
 * `HalfTensor` (not "halfway"). Anywhere: `torch.cuda.amp`, `use_amp`, `AmpOptimWrapper` (often in
 * a config string), `AMP` (not "example", "&amp;").
 */
const CODE_PATTERNS: readonly RegExp[] = [/half\b/, /Half/, /\bmm\(/, /[\w\])] ?@ ?[\w(]/];
const ANYWHERE_PATTERNS: readonly RegExp[] = [/(?<![A-Za-z&])amp(?![a-z])/, /(?<![A-Za-z])AMP(?![A-Z])/, /Amp(?=[A-Z])/];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
