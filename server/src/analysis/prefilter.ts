/**
 * The cheap text test run before parsing: a file that names no conv/linear/custom op, no autocast
 * or half-precision switch and no OpenMMLab config marker cannot produce a finding, so it is skipped.
 *
 * Keep these lists in step with the rules' op tables (ops.ts) and config markers: a rule that can
 * fire on a file containing none of these words must add its word here (the fixture test and
 * test/unit/prefilter.test.mjs fail otherwise). Be generous; a false "may matter" only costs a parse.
 */

/** Words matched case-insensitively anywhere in the text. */
export const TRIGGER_WORDS: readonly string[] = [
  // conv/linear ops and modules: F.conv*, torch.conv*, conv_transpose*, nn.Conv*, _conv_forward, F.linear, nn.Linear
  'conv',
  'linear',
  'addmm',
  // custom ops autocast does not cover (DG106): deform/modulated conv, CARAFE, autograd.Function
  'deform',
  'carafe',
  'autograd',
  // precision regions and casts (DG105, DG107): autocast, float16/bfloat16, mmcv fp16 decorators, wrap_fp16_model
  'autocast',
  'float16',
  'fp16',
  'fp32',
  // OpenMMLab configs (DG201-DG203): inheritance, AMP wrappers, registry and imports of custom modules
  '_base_',
  'optim_wrapper',
  'optimizer_config',
  'loss_scale',
  'register_module',
  'custom_imports',
];

/**
 * Case-sensitive patterns for words too common as parts of English words: `.half()` / `HalfTensor`
 * (not "halfway"), `torch.cuda.amp` / `use_amp` / `AmpOptimWrapper` / `AMP` (not "example", "&amp;").
 * 'conv' above also matches "convert"; that costs parses, not findings, but the words below do not.
 */
export const TRIGGER_PATTERNS: readonly RegExp[] = [
  /half\b/,
  /Half/,
  /(?<![A-Za-z&])amp(?![a-z])/,
  /(?<![A-Za-z])AMP(?![A-Z])/,
  /Amp(?=[A-Z])/,
];

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// "convert", "convenient", "convention" are excluded so prose and codecs do not defeat the filter.
const WORDS = new RegExp(TRIGGER_WORDS.map((w) => (w === 'conv' ? 'conv(?!er|en)' : escape(w))).join('|'), 'i');
const PATTERNS = new RegExp(TRIGGER_PATTERNS.map((p) => p.source).join('|'));

/** Whether a source text may produce a finding; false means no rule can fire on it. */
export function mayHaveFindings(source: string): boolean {
  return WORDS.test(source) || PATTERNS.test(source);
}
