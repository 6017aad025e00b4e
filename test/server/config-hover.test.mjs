// Configs over real JSON-RPC, on a copy of examples/: the hover explains AMP, values, the _base_
// chain and the class a type= builds; go to definition jumps to that class.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSession } from '../helpers/session.mjs';

const CONFIG = 'configs/retinanet/retinanet_r50_fpn_fusion_fp16_1x_coco.py';
let session;
let doc;
before(async () => {
  session = await startSession({ tree: 'examples' });
  doc = session.open(CONFIG);
  await session.published(doc.uri);
});
after(() => session.close());

/** The position of the first occurrence of `needle` (plus `offset` characters) in the config. */
function at(needle, offset = 1) {
  const lines = doc.text.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return { line, character: lines[line].indexOf(needle) + offset };
}

const hover = (position) => session.client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position });

test('on fp16: the value, where it is written, and that AMP is on', async () => {
  const { contents } = await hover(at('fp16 ='));
  assert.equal(contents.kind, 'markdown');
  assert.match(contents.value, /\*\*`fp16`\*\* = /);
  assert.match(contents.value, /Written in \[retinanet_r50_fpn_fusion_fp16_1x_coco\.py:\d+\]\(file:\/\/.*#L\d+\)/);
  assert.match(contents.value, /\*\*AMP is on\*\* for this config:/);
});

test("on type='FusionConv': the registered class and its calls that break under AMP", async () => {
  const { contents } = await hover(at("'FusionConv'", 2));
  assert.match(contents.value, /\*\*`FusionConv`\*\* builds class `FusionConv` \(MODELS\), \[fusion_conv\.py:\d+\]/);
});

test('on _base_: the chain with each file', async () => {
  const { contents } = await hover(at('_base_'));
  assert.match(contents.value, /\*\*`_base_` chain\*\*/);
  assert.match(contents.value, /`\.\/retinanet_r50_fpn_1x_coco\.py` → \[retinanet_r50_fpn_1x_coco\.py\]/);
});

test('go to definition on the type jumps to the registered class', async () => {
  const location = await session.client.request('textDocument/definition', {
    textDocument: { uri: doc.uri },
    position: at("'FusionConv'", 2),
  });
  assert.match(location.uri, /models\/fusion_conv\.py$/);
  const line = session.text('models/fusion_conv.py').split('\n')[location.range.start.line];
  assert.match(line, /class FusionConv\b/);
});
