/** The AMP state of an effective config: every setting that turns fp16/bf16 mixed precision on. */
import { typeName, valueAt, type ConfigValue, type DictValue } from './values';
import { lossScaleText } from './messages';

export type AmpForm = 'fp16-dict' | 'fp16-hook' | 'amp-optim-wrapper' | 'apex-optim-wrapper' | 'loop-fp16' | 'deepspeed';

export interface AmpSource {
  form: AmpForm;
  /** The key path of the setting that decides (`['optim_wrapper', 'type']`). */
  keys: string[];
  /** The value that turns AMP on, with where it was written. */
  value: ConfigValue;
  dtype: 'float16' | 'bfloat16';
  /** What the setting is, for messages (`optim_wrapper type='AmpOptimWrapper'`). */
  label: string;
  /** Loss scale as written, when there is one. */
  lossScale?: string;
  /** What reads the setting, when the config's flavour tells (for the hover, not the message). */
  reader?: string;
}

const FP16_HOOKS = new Set(['Fp16OptimizerHook', 'GradientCumulativeFp16OptimizerHook']);
export const AMP_WRAPPERS = new Set(['AmpOptimWrapper']);
export const APEX_WRAPPERS = new Set(['ApexOptimWrapper']);

/** Which runner reads the config: mmcv 1.x's train API, mmengine's Runner, or not known from the keys. */
export type ConfigFlavour = 'mmcv' | 'mmengine' | 'unknown';

const MMCV_KEYS = ['optimizer_config', 'runner', 'lr_config', 'workflow'];
const MMENGINE_KEYS = ['optim_wrapper', 'default_scope', 'param_scheduler'];

/**
 * The flavour from the effective config itself: mmcv 1.x configs carry `optimizer_config`,
 * `runner`, `lr_config`; mmengine ones `optim_wrapper`, `default_scope`, `param_scheduler` or a
 * `train_cfg = dict(type='...Loop')`. A config with keys of both (or neither) is 'unknown'.
 */
export function configFlavour(config: DictValue): ConfigFlavour {
  const has = (k: string) => config.entries.has(k);
  const loop = ['train_cfg', 'val_cfg', 'test_cfg'].some((k) => /Loop$/.test(typeName(valueAt(config, [k, 'type'])) ?? ''));
  const mmcv = MMCV_KEYS.some(has);
  const mmengine = loop || MMENGINE_KEYS.some(has);
  return mmcv === mmengine ? 'unknown' : mmcv ? 'mmcv' : 'mmengine';
}

/** Every AMP source of an effective config (empty: AMP is off). */
export function ampSources(config: DictValue): AmpSource[] {
  const sources: AmpSource[] = [];
  const flavour = configFlavour(config);
  const fp16 = config.entries.get('fp16');
  // mmcv 1.x train API: `if fp16_cfg is not None` — an empty dict turns it on, None turns it off.
  // mmengine's Runner never reads a top-level `fp16`: a leftover one there turns nothing on.
  if (fp16?.kind === 'dict' && flavour !== 'mmengine') {
    sources.push({
      form: 'fp16-dict',
      keys: ['fp16'],
      value: fp16,
      dtype: 'float16',
      label: 'fp16 = dict(...)',
      ...(flavour === 'mmcv' ? { reader: "mmcv 1.x's Fp16OptimizerHook" } : {}),
      lossScale: scale(fp16),
    });
  }
  for (const keys of [['optimizer_config'], ['default_hooks', 'optimizer']]) {
    const hook = valueAt(config, keys);
    const type = valueAt(hook, ['type']);
    const name = typeName(type);
    if (hook?.kind === 'dict' && type && name && FP16_HOOKS.has(name)) {
      sources.push({
        form: 'fp16-hook',
        keys: [...keys, 'type'],
        value: type,
        dtype: 'float16',
        label: `${keys.join('.')} type='${name}'`,
        lossScale: scale(hook),
      });
    }
  }
  const wrapper = config.entries.get('optim_wrapper');
  const wrapperType = valueAt(wrapper, ['type']);
  const wrapperName = typeName(wrapperType);
  if (wrapper?.kind === 'dict' && wrapperType && wrapperName) {
    const dtype = valueAt(wrapper, ['dtype']);
    // mmengine accepts dtype='float32'/'float64': autocast then changes nothing
    const fullPrecision = dtype?.kind === 'str' && (dtype.value === 'float32' || dtype.value === 'float64');
    if (AMP_WRAPPERS.has(wrapperName) && !fullPrecision) {
      const bf16 = dtype?.kind === 'str' && dtype.value === 'bfloat16';
      sources.push({
        form: 'amp-optim-wrapper',
        keys: ['optim_wrapper', 'type'],
        value: wrapperType,
        dtype: bf16 ? 'bfloat16' : 'float16',
        label: `optim_wrapper type=${wrapperType.kind === 'str' ? `'${wrapperName}'` : wrapperName}`,
        lossScale: bf16 ? undefined : scale(wrapper),
      });
    } else if (APEX_WRAPPERS.has(wrapperName)) {
      sources.push({
        form: 'apex-optim-wrapper',
        keys: ['optim_wrapper', 'type'],
        value: wrapperType,
        dtype: 'float16',
        label: `optim_wrapper type='${wrapperName}'`,
      });
    }
  }
  for (const loop of ['test_cfg', 'val_cfg']) {
    const flag = valueAt(config, [loop, 'fp16']);
    if (flag?.kind === 'bool' && flag.value) {
      sources.push({ form: 'loop-fp16', keys: [loop, 'fp16'], value: flag, dtype: 'float16', label: `${loop} fp16=True` });
    }
  }
  for (const [key, dtype] of [
    ['fp16', 'float16'],
    ['bf16', 'bfloat16'],
  ] as const) {
    const enabled = valueAt(config, ['strategy', key, 'enabled']);
    if (enabled?.kind === 'bool' && enabled.value) {
      sources.push({
        form: 'deepspeed',
        keys: ['strategy', key, 'enabled'],
        value: enabled,
        dtype,
        label: `strategy ${key}=dict(enabled=True)`,
      });
    }
  }
  return sources;
}

function scale(dict: ConfigValue): string | undefined {
  const value = valueAt(dict, ['loss_scale']);
  if (!value) return undefined;
  if (value.kind === 'number') return value.text;
  if (value.kind === 'str') return `'${value.value}'`;
  return value.kind === 'dict' ? 'dict(...)' : undefined;
}

/** The sentence the hover tells a source with: what it turns on and what fails under it. */
export function describeSource(source: AmpSource): string {
  if (source.dtype === 'bfloat16') {
    return `${labelWithReader(source)} turns on bfloat16 autocast (no loss scaling): layers that mix BFloat16 and Float operands fail under it`;
  }
  const scaled = source.lossScale ? ` with loss scale ${lossScaleText(source.lossScale)}` : '';
  const what =
    source.form === 'deepspeed'
      ? 'DeepSpeed fp16'
      : source.form === 'loop-fp16'
        ? 'fp16 autocast in the loop'
        : `fp16 mixed precision${scaled}`;
  return `${labelWithReader(source)} turns on ${what}: layers that mix Half and Float operands fail under it`;
}

const labelWithReader = (source: AmpSource) => (source.reader ? `${source.label} (read by ${source.reader})` : source.label);
