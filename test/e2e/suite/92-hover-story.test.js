// The hover tells what the squiggle's message does not: where each operand got its dtype (linked to
// the line that made it), the regimes that break and the fix, without repeating the message.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { lineOf, openFixture, waitFor, waitForDiagnostics } = require('./helpers');
const { screenshot } = require('./screenshot');

async function hoverText(uri, position) {
  const hovers = (await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

suite('hover without repetition', () => {
  test('the message once (beside the hover), the story in the hover, links to where operands were made', async () => {
    const { document, editor } = await openFixture('models/two_heads.py');
    const diagnostics = await waitFor('both findings', async () => {
      const found = await waitForDiagnostics(document.uri, 'DG101');
      return found.length === 2 ? found : undefined;
    });
    const first = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line)[0];
    assert.equal(first.message, 'cls_bias is float32, input x is float16 under model.half()');
    assert.ok(first.message.length <= 90);
    const text = await waitFor('the Dtype Guard hover', async () => {
      const t = await hoverText(document.uri, first.range.start);
      return t.includes('Dtype Guard (DG101)') ? t : undefined;
    });
    assert.ok(!text.includes(first.message), 'the hover repeats the message');
    assert.equal(text.split('Dtype Guard (DG101)').length, 2, 'one title');
    const made = (needle) => lineOf(document, needle) + 1;
    assert.ok(text.includes(`#L${made('cls_bias = torch.zeros')})`), 'the bias links to its torch.zeros line');
    assert.ok(text.includes(`#L${made('self.cls_weight = nn.Parameter')})`), 'the weight links to __init__');
    assert.ok(!text.includes(`#L${first.range.start.line + 1})`), 'no link points at the call');
    assert.match(text, /\*\*Fix:\*\* Cast cls_bias to x\.dtype/);

    // The picture for the docs: the hover as the user sees it, with the message above the story.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    editor.selection = new vscode.Selection(first.range.start.translate(0, 2), first.range.start.translate(0, 2));
    editor.revealRange(new vscode.Range(0, 0, 0, 0), vscode.TextEditorRevealType.AtTop);
    await vscode.commands.executeCommand('editor.action.showHover');
    await screenshot('hover', { selector: '.monaco-hover .markdown-hover', area: '.part.editor' });
  });
});
