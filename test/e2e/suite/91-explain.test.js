// "Dtype Guard: Explain a dtype error" on a traceback pasted from another machine's run (the
// clipboard): it opens the file at the crashing line with the explanation and its quick fix, and
// the explanation goes away once the file changes.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');
const { codeOf, fixtureUri, lineOf, waitFor } = require('./helpers');

const EXPLAINED = 'Dtype Guard (explained crash)';

const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/home/alice/det/tools/train_head.py", line 31, in <module>',
  '    main()',
  '  File "/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py", line 1501, in _call_impl',
  '    return forward_call(*args, **kwargs)',
  '  File "/home/alice/det/models/embed_head.py", line 11, in forward',
  '    return self.fc(feats)',
  '  File "/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py", line 1501, in _call_impl',
  '    return forward_call(*args, **kwargs)',
  '  File "/opt/conda/lib/python3.10/site-packages/torch/nn/modules/linear.py", line 114, in forward',
  '    return F.linear(input, self.weight, self.bias)',
  'RuntimeError: expected scalar type Half but found Float',
  '',
].join('\n');

const explained = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === EXPLAINED);

suite('explain a dtype error', () => {
  test('the command on a pasted traceback opens the line with the explanation and the fix', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.env.clipboard.writeText(TRACEBACK);
    const uri = fixtureUri('models/embed_head.py');
    await vscode.commands.executeCommand('dtypeGuard.explain');

    const editor = await waitFor('the crashing file to open', () => {
      const active = vscode.window.activeTextEditor;
      return active && active.document.uri.toString() === uri.toString() ? active : undefined;
    });
    const line = lineOf(editor.document, 'return self.fc(feats)');
    assert.equal(editor.selection.start.line, line, 'the cursor is on the crashing line');

    const [diagnostic] = await waitFor('the explanation', () => (explained(uri).length ? explained(uri) : undefined));
    assert.equal(codeOf(diagnostic), 'DG100');
    assert.equal(diagnostic.range.start.line, line);
    assert.match(diagnostic.message, /expected scalar type Half but found Float/);
    assert.match(diagnostic.message, /weight `self\.fc\.weight` is float32 while input `feats` is float16/);

    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, 'quickfix');
    const fix = (actions ?? []).find((a) => a.title.startsWith('Dtype Guard (DG100): Cast feats'));
    assert.ok(fix, `a quick fix among ${(actions ?? []).map((a) => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the cast in the file', () =>
      editor.document.getText().includes('return self.fc(feats.to(self.fc.weight.dtype))'),
    );
    await waitFor('the explanation to go once the file changed', () => explained(uri).length === 0);
  });
});
