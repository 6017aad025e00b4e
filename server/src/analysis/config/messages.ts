/** The short messages of the config rules: what turns AMP on, in words that fit the Problems panel. */
import type { AmpSource } from './amp';

/** A loss scale as Python reads it: `512.` is the float 512.0. */
export function lossScaleText(scale: string): string {
  return /^\d+\.$/.test(scale) ? `${scale}0` : scale;
}

/** What a source turns on: `fp16 AMP (loss scale 512.0)`, `bfloat16 AMP`, `DeepSpeed fp16`. */
export function ampKind(source: AmpSource): string {
  if (source.dtype === 'bfloat16') return 'bfloat16 AMP';
  if (source.form === 'deepspeed') return 'DeepSpeed fp16';
  if (source.form === 'loop-fp16') return 'fp16 autocast in the loop';
  return `fp16 AMP${source.lossScale ? ` (loss scale ${lossScaleText(source.lossScale)})` : ''}`;
}

/** DG201's message. */
export function ampEnabledMessage(source: AmpSource): string {
  return `${source.label} turns on ${ampKind(source)}`;
}
