/**
 * Editor actions beyond fixes: "Generate a dtype test for NAME" (on a class definition and on a DG1xx
 * finding inside a class), which writes `<testsFolder>/test_<module>_dtypes.py` inside the workspace
 * and opens it, and "Log operand dtypes here" on a conv/linear/matmul/custom-op call.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CodeActionKind, type CodeAction, type Connection, type Diagnostic, type Range } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { parseSyntax, type SyntaxNode } from '../analysis/index';
import { defaultTestFileName, dtypeTest, topLevelModules, readFile } from '../dtypeTest/index';
import { logDtypesFix } from '../logDtypes/index';
import { readSource } from '../readSource';
import type { DocumentStore } from './documents';
import type { FileFilter } from './fileFilter';
import type { SettingsStore } from './fileSettings';

export const GENERATE_DTYPE_TEST_COMMAND = 'dtype-guard.generateDtypeTest';

const isFile = (p: string) => existsSync(p) && statSync(p).isFile();
const inside = (file: string, dir: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** The top-level nn.Module class whose definition holds the line. */
function moduleClassAt(root: SyntaxNode, line: number, headerOnly: boolean): string | undefined {
  const modules = new Set(topLevelModules(readFile(root)));
  for (const unit of root.namedChildren) {
    const cls = unit.type === 'decorated_definition' ? unit.childForFieldName('definition') : unit;
    if (cls?.type !== 'class_definition') continue;
    const name = cls.childForFieldName('name')?.text;
    const body = cls.childForFieldName('body');
    const last = headerOnly ? (body?.startPosition.row ?? cls.startPosition.row) : cls.endPosition.row;
    if (name && modules.has(name) && line >= unit.startPosition.row && line <= last) return name;
  }
  return undefined;
}

/** The actions for a range: generate a test (class header or a DG1xx finding in a class), log dtypes (on a call). */
export function editorActions(uri: string, root: SyntaxNode, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const generate = (className: string, diagnostic?: Diagnostic): CodeAction => ({
    title: `Dtype Guard: Generate a dtype test for ${className}`,
    kind: diagnostic ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    command: {
      title: `Generate a dtype test for ${className}`,
      command: GENERATE_DTYPE_TEST_COMMAND,
      arguments: [{ uri, className }],
    },
  });
  const offered = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== 'Dtype Guard' || !/^DG1\d\d$/.test(String(d.code))) continue;
    const name = moduleClassAt(root, d.range.start.line, false);
    if (name && !offered.has(name)) {
      offered.add(name);
      actions.push(generate(name, d));
    }
  }
  const header = moduleClassAt(root, range.start.line, true);
  if (header && !offered.has(header)) actions.push(generate(header));
  const log = logDtypesFix(root, range.start);
  if (log)
    actions.push({
      title: `Dtype Guard: ${log.title}`,
      kind: CodeActionKind.Refactor,
      edit: { changes: { [uri]: log.edits } },
    });
  return actions;
}

/** Runs the generate command: writes (or extends) the test file inside the workspace and opens it. */
export class DtypeTestCommand {
  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly filter: FileFilter,
    private readonly canShowDocument: boolean,
  ) {}

  async execute(args: unknown): Promise<boolean> {
    const { uri, className } = (args ?? {}) as { uri?: unknown; className?: unknown };
    if (typeof uri !== 'string' || typeof className !== 'string') return false;
    try {
      return await this.generate(uri, className);
    } catch (error) {
      this.connection.window.showErrorMessage(`Dtype Guard: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async generate(uri: string, className: string): Promise<boolean> {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') throw new Error('a dtype test can be generated for files on disk only');
    const file = parsed.fsPath;
    const folder = this.filter
      .workspaceFolders()
      .filter((f) => inside(file, f))
      .sort((a, b) => b.length - a.length)[0];
    if (!folder) throw new Error(`${path.basename(file)} is not inside a workspace folder: no test was written`);
    const testsFolder = (await this.settings.forUri(uri)).testsFolder;
    const testFile = path.resolve(folder, testsFolder, defaultTestFileName(file));
    if (!inside(testFile, folder))
      throw new Error(`the tests folder "${testsFolder}" is outside the workspace: no test was written`);
    const testUri = URI.file(testFile).toString();
    const open = this.documents.get(uri);
    const source = open?.source.currentSyntax();
    const root = source ?? parseSyntax(this.readDisk(file));
    const openTest = this.documents.get(testUri);
    const existing = openTest?.document.getText() ?? (existsSync(testFile) ? this.readDisk(testFile) : undefined);
    const result = dtypeTest(root, { file, className, testFile, existing, isFile });
    if (result.status !== 'present') {
      if (openTest) {
        const end = openTest.document.positionAt(openTest.document.getText().length);
        const applied = await this.connection.workspace.applyEdit({
          label: `Dtype Guard: dtype test for ${className}`,
          edit: {
            documentChanges: [
              {
                textDocument: { uri: testUri, version: openTest.document.version },
                edits: [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }],
              },
            ],
          },
        });
        if (!applied.applied) throw new Error(`${path.basename(testFile)} could not be updated`);
      } else {
        mkdirSync(path.dirname(testFile), { recursive: true });
        writeFileSync(testFile, result.text);
      }
    }
    if (this.canShowDocument) await this.connection.window.showDocument({ uri: testUri, takeFocus: true });
    const left = result.plan.placeholders.length;
    if (left)
      this.connection.window.showInformationMessage(
        `Dtype Guard: fill in ${left} PLACEHOLDER value(s) in ${path.basename(testFile)}`,
      );
    return true;
  }

  private readDisk(file: string): string {
    const read = readSource(file, 2_000_000);
    if (!read.ok) throw new Error(`${path.basename(file)}: ${read.reason}`);
    return read.text;
  }
}
