/** What a dtype test for one class needs: its constructor values, its sample inputs, and what is left to fill in. */
import { constructionOf, type ArgumentValue } from './arguments';
import { moduleClass, topLevelModules, type FileClasses } from './moduleClasses';
import { firstLayerOf, inputShape } from './sampleInput';

export interface InputValue {
  name: string;
  /** `torch.randn(2, 8, 16, 16)`; undefined for a placeholder. */
  value?: string;
  reason: string;
}

export interface TestPlan {
  className: string;
  args: ArgumentValue[];
  inputs: InputValue[];
  /** The class's code opens autocast regions of its own (its output may be the autocast dtype). */
  ownAutocast: boolean;
  /** One line per value left as a placeholder. */
  placeholders: string[];
}

export class PlanError extends Error {}

/** The plan for one class of the file; a PlanError when it is not an nn.Module class of the file. */
export function planFor(file: FileClasses, className: string): TestPlan {
  const cls = moduleClass(file, className);
  if (!cls) {
    const known = topLevelModules(file);
    const list = known.length ? `; its nn.Module classes: ${known.join(', ')}` : '; it defines no nn.Module class';
    throw new PlanError(
      file.classes.has(className) ? `${className} is not an nn.Module class` : `no class ${className} in the file${list}`,
    );
  }
  const { args } = constructionOf(cls, file);
  const inputs: InputValue[] = [];
  const forward = cls.forward ?? [{ name: 'input' }];
  const required = forward.filter((p) => p.defaultText === undefined);
  const layer = firstLayerOf(cls, file);
  required.forEach((p, i) => {
    if (p.splat) {
      inputs.push({ name: p.name.replace(/^\*+/, ''), reason: `forward takes ${p.name}` });
      return;
    }
    if (i > 0) {
      inputs.push({ name: p.name, reason: `a second forward argument: nothing tells its shape` });
      return;
    }
    const forwardFn = cls.facts.methods.get('forward');
    if (forwardFn && new RegExp(`\\b${p.name}\\.(items|keys|values)\\(|\\b${p.name}\\[['"]`).test(forwardFn.text)) {
      inputs.push({ name: p.name, reason: 'the forward reads it as a dict: fill in its keys and tensors' });
      return;
    }
    if (!layer) {
      inputs.push({ name: p.name, reason: 'the forward reaches no conv or linear layer this file builds' });
      return;
    }
    if (layer.opaque) {
      inputs.push({ name: p.name, reason: `${layer.what} takes a sparse tensor, not a dense one` });
      return;
    }
    const channels = layer.channels;
    if (channels === undefined || channels <= 0 || !Number.isInteger(channels)) {
      inputs.push({ name: p.name, reason: `the input channels of ${layer.what} cannot be read` });
      return;
    }
    // mmcv's masked conv takes one image at a time.
    const batch = /masked_conv2d|MaskedConv2d/.test(file.root.text) ? 1 : 2;
    const shape = inputShape(layer, channels, batch);
    inputs.push({ name: p.name, value: `torch.randn(${shape.join(', ')})`, reason: `the input of ${layer.what}` });
  });
  const placeholders = [
    ...args.filter((a) => a.value === undefined).map((a) => `${a.name}: ${a.reason}`),
    ...inputs.filter((a) => a.value === undefined).map((a) => `${a.name}: ${a.reason}`),
  ];
  // The file opens autocast regions itself (in this class or a submodule it builds).
  const ownAutocast = /\bautocast\b/.test(file.root.text);
  return { className, args, inputs, placeholders, ownAutocast };
}
