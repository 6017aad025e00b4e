/**
 * Settings per file: the editor's `dtypeGuard` section pulled with workspace/configuration for the
 * file's scope, merged with `[tool.dtype-guard]` of the nearest pyproject.toml (editor settings win
 * when they differ from the default), cached until the client or a pyproject.toml says they changed.
 */
import path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import {
  defaultSettings,
  findProjectConfig,
  ProjectConfigError,
  SETTINGS_SCHEMA,
  type ProjectSettings,
  type Settings,
} from '../settingsSchema';

export interface FileSettings extends Settings {
  /** The pyproject.toml whose `[tool.dtype-guard]` table was merged in, if any. */
  projectFile?: string;
}

/** Reports a broken pyproject.toml (or that it is fine again: `error` undefined). */
export type ProjectProblemSink = (file: string, error: ProjectConfigError | undefined) => void;

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Takes what is well-typed from a client's settings object; everything else keeps its default. */
export function normalizeSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!isRecord(raw)) return s;
  if (typeof raw.enable === 'boolean') s.enable = raw.enable;
  if (raw.diagnosticMode === 'openFiles' || raw.diagnosticMode === 'workspace') s.diagnosticMode = raw.diagnosticMode;
  if (isRecord(raw.severity)) s.severity = raw.severity as Settings['severity'];
  for (const key of ['select', 'ignore', 'exclude', 'configGlobs'] as const) if (isStringList(raw[key])) s[key] = raw[key];
  if (isRecord(raw.fixAll) && typeof raw.fixAll.unsafe === 'boolean') s.fixAll = { unsafe: raw.fixAll.unsafe };
  if (typeof raw.debounceMs === 'number' && raw.debounceMs >= 0) s.debounceMs = raw.debounceMs;
  if (typeof raw.maxFileSize === 'number' && raw.maxFileSize >= 0) s.maxFileSize = raw.maxFileSize;
  if (isRecord(raw.trace) && ['off', 'messages', 'verbose'].includes(raw.trace.server as string)) {
    s.trace = { server: raw.trace.server as Settings['trace']['server'] };
  }
  if (typeof raw.testsFolder === 'string' && raw.testsFolder.trim()) s.testsFolder = raw.testsFolder;
  return s;
}

/** Editor settings win; a list left empty (its default) lets pyproject.toml decide; severities merge per code. */
export function mergeProject(editor: Settings, project: ProjectSettings | undefined): Settings {
  if (!project) return editor;
  const pick = (mine: string[], theirs: string[] | undefined) => (mine.length ? mine : (theirs ?? []));
  return {
    ...editor,
    select: pick(editor.select, project.select),
    ignore: pick(editor.ignore, project.ignore),
    exclude: pick(editor.exclude, project.exclude),
    configGlobs: pick(editor.configGlobs, project.configGlobs),
    severity: { ...project.severity, ...editor.severity },
    // A folder set in the editor (not the default) wins over pyproject.toml's.
    testsFolder:
      editor.testsFolder !== defaultSettings().testsFolder ? editor.testsFolder : (project.testsFolder ?? editor.testsFolder),
  };
}

/** The top-level keys of the `dtypeGuard` section: a folder's settings sent without one of them are not used. */
const SECTION_KEYS = [...new Set(Object.keys(SETTINGS_SCHEMA).map((key) => key.split('.')[0]!))];

/** One workspace folder's `dtypeGuard` section as the editor sent it with initialize. */
interface FolderSettings {
  folder: string;
  raw: Record<string, unknown>;
}

/**
 * `initializationOptions.folderSettings`: `[{ uri, settings }]`, each `settings` the folder's whole
 * `dtypeGuard` section (what workspace/configuration would answer). Entries that are not file
 * folders or lack a key are left out, so their files are asked for as before.
 */
export function folderSettingsFrom(options: unknown): FolderSettings[] {
  if (!isRecord(options) || !Array.isArray(options.folderSettings)) return [];
  const found: FolderSettings[] = [];
  for (const item of options.folderSettings as unknown[]) {
    if (!isRecord(item) || typeof item.uri !== 'string' || !isRecord(item.settings)) continue;
    const raw = item.settings;
    if (!SECTION_KEYS.every((key) => key in raw)) continue;
    const uri = URI.parse(item.uri);
    if (uri.scheme === 'file') found.push({ folder: uri.fsPath, raw });
  }
  // innermost folder first, for nested workspace folders
  return found.sort((a, b) => b.folder.length - a.folder.length);
}

function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

export class SettingsStore {
  private readonly editorCache = new Map<string, Promise<Settings>>();
  /**
   * Folder settings sent with initialize: the first analyses of their files need no
   * workspace/configuration round trip. Dropped at the first configuration change, after which
   * every file's settings are asked for.
   */
  private folderSettings: FolderSettings[];
  private readonly projectCache = new Map<string, { file?: string; settings?: ProjectSettings }>();
  /** Settings pushed with didChangeConfiguration, for clients that cannot answer workspace/configuration. */
  private pushed: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly onProjectProblem: ProjectProblemSink,
    initial?: unknown,
  ) {
    this.pushed = initial;
    this.folderSettings = canPull ? folderSettingsFrom(initial) : [];
  }

  async forUri(uri: string): Promise<FileSettings> {
    const editor = await this.editorSettings(uri);
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return editor;
    const project = this.projectSettings(path.dirname(parsed.fsPath));
    return { ...mergeProject(editor, project.settings), projectFile: project.file };
  }

  /**
   * The client said settings changed: forget the cache (and take pushed values when it sent them),
   * and resolve whether a setting that was read has a new value. VS Code's client sends one such
   * notification as soon as the server registers for it, with nothing changed; analysing every open
   * document again for it would delay their first diagnostics.
   */
  async editorChanged(settings: unknown): Promise<boolean> {
    const before = this.pushed;
    if (isRecord(settings) && 'dtypeGuard' in settings) this.pushed = settings.dtypeGuard;
    const read = [...this.editorCache];
    this.editorCache.clear();
    this.folderSettings = [];
    if (!this.canPull) return !sameSettings(normalizeSettings(before), normalizeSettings(this.pushed));
    const changed = await Promise.all(read.map(async ([uri, was]) => !sameSettings(await was, await this.editorSettings(uri))));
    return changed.includes(true);
  }

  /** A pyproject.toml changed on disk. */
  projectChanged(): void {
    this.projectCache.clear();
  }

  private editorSettings(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(normalizeSettings(this.pushed));
    let cached = this.editorCache.get(uri);
    const sent = cached ? undefined : this.sentWithInitialize(uri);
    if (sent) {
      cached = Promise.resolve(normalizeSettings(sent));
      this.editorCache.set(uri, cached);
    }
    if (!cached) {
      cached = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dtypeGuard' }).then(
        (raw: unknown) => normalizeSettings(raw),
        () => normalizeSettings(this.pushed),
      );
      this.editorCache.set(uri, cached);
    }
    return cached;
  }

  /** The section of the innermost folder sent with initialize that holds this file, if any. */
  private sentWithInitialize(uri: string): Record<string, unknown> | undefined {
    if (!this.folderSettings.length) return undefined;
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    return this.folderSettings.find((f) => isInside(f.folder, parsed.fsPath))?.raw;
  }

  private projectSettings(dir: string): { file?: string; settings?: ProjectSettings } {
    let cached = this.projectCache.get(dir);
    if (cached) return cached;
    try {
      const config = findProjectConfig(dir);
      cached = { file: config?.file, settings: config?.settings };
      if (config) this.onProjectProblem(config.file, undefined);
    } catch (error) {
      if (!(error instanceof ProjectConfigError)) throw error;
      this.onProjectProblem(error.file, error); // carry on with the editor settings alone
      cached = {};
    }
    this.projectCache.set(dir, cached);
    return cached;
  }
}
