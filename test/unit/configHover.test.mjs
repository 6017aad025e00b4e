// The hover and go-to-definition data of configs: effective AMP state, where values come from,
// the _base_ chain, and the class a type='Name' resolves to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { core } from '../helpers/core.mjs';

const WS = path.resolve('test/fixtures/workspaces/dg203_autocast_conv');
const workspace = core.diskWorkspace([WS]);
const read = (rel) => ({ file: path.join(WS, rel), text: readFileSync(path.join(WS, rel), 'utf8') });
/** The position of the first `needle` on 1-based `line`, plus `offset` characters. */
function at(text, line, needle, offset = 1) {
  return { line: line - 1, character: text.split('\n')[line - 1].indexOf(needle) + offset };
}

test('hover on type= names the registered class and the call that breaks under autocast', () => {
  const { file, text } = read('configs/retinanet_fusion.py');
  const info = core.configHoverAt(text, at(text, 3, "'FusionConv'", 2), { path: file, workspace });
  assert.ok(info?.type?.resolved, 'a hover with a resolved class');
  assert.equal(info.subject, 'type');
  assert.equal(info.type.name, 'FusionConv');
  assert.equal(info.type.resolved.file, path.join(WS, 'models/fusion_conv.py'));
  assert.equal(info.type.resolved.range.start.line + 1, 11);
  assert.equal(info.type.autocast.length, 1);
  assert.equal(info.type.autocast[0].range.start.line + 1, 21);
  assert.equal(info.amp.on, false, 'this config has no AMP: the risk is listed but nothing is warned');
  const target = core.configDefinitionAt(text, at(text, 3, "'FusionConv'", 2), { path: file, workspace });
  assert.deepEqual(target, { file: info.type.resolved.file, range: info.type.resolved.range });
});

test('hover on an AMP key shows the effective AMP state and where each value comes from', () => {
  const { file, text } = read('configs/retinanet_fusion_amp_child.py');
  const base = core.configHoverAt(text, at(text, 1, '_base_'), { path: file, workspace });
  assert.ok(base?.bases, 'a hover with the _base_ chain');
  assert.equal(base.subject, 'base');
  assert.deepEqual(
    base.bases.map((b) => [b.text, b.status]),
    [['./retinanet_fusion_amp.py', 'ok']],
  );
  assert.equal(base.amp.on, true);
  assert.equal(base.amp.sources[0].file, path.join(WS, 'configs/retinanet_fusion_amp.py'));
  assert.equal(base.amp.sources[0].range.start.line + 1, 2);
  const def = core.configDefinitionAt(text, at(text, 1, 'retinanet_fusion_amp'), { path: file, workspace });
  assert.ok(def, 'the _base_ entry has a definition');
  assert.equal(def.file, path.join(WS, 'configs/retinanet_fusion_amp.py'));
});

test('hover on a keyword inside a dict gives its merged value and origin', () => {
  const { file, text } = read('configs/retinanet_fusion_fp16_inline.py');
  const info = core.configHoverAt(text, at(text, 6, 'fp16'), { path: file, workspace });
  assert.ok(info?.key?.from, 'a hover with the merged value and its origin');
  assert.equal(info.key.path, 'fp16');
  assert.equal(info.key.value, 'dict(loss_scale=512.)');
  assert.equal(info.key.from.range.start.line + 1, 6);
  const backbone = core.configHoverAt(text, at(text, 4, 'backbone'), { path: file, workspace });
  assert.ok(backbone?.key?.value, 'a hover with the merged value');
  assert.equal(backbone.key.path, 'model.backbone');
  assert.match(backbone.key.value, /type='ResNet'/);
  assert.match(backbone.key.value, /conv_cfg=dict\(type='FusionConv'\)/);
});

test('no hover data outside configs', () => {
  const { file, text } = read('models/fusion_conv.py');
  assert.equal(core.configHoverAt(text, { line: 10, character: 8 }, { path: file, workspace }), undefined);
});
