/**
 * The one schema of Dtype Guard's settings (defaults and descriptions) and the reader of
 * `[tool.dtype-guard]` in pyproject.toml, shared by the language server and the CLI.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { Severity } from './analysis/types';
import { readSource } from './readSource';

export interface Settings {
  enable: boolean;
  diagnosticMode: 'openFiles' | 'workspace';
  severity: Record<string, Severity | 'off'>;
  select: string[];
  ignore: string[];
  exclude: string[];
  configGlobs: string[];
  fixAll: { unsafe: boolean };
  debounceMs: number;
  maxFileSize: number;
  trace: { server: 'off' | 'messages' | 'verbose' };
  testsFolder: string;
}

/** Every setting with its default and a one-line description (package.json is kept in step by a test). */
export const SETTINGS_SCHEMA = {
  enable: { default: true, description: 'Run Dtype Guard on Python files.' },
  diagnosticMode: { default: 'openFiles', description: 'Report problems for open files only, or for the whole workspace.' },
  severity: { default: {}, description: 'Per-code severity overrides: error, warning, information, hint or off.' },
  select: { default: [], description: 'Rule codes or prefixes to run (empty: all).' },
  ignore: { default: [], description: 'Rule codes or prefixes never to run.' },
  exclude: { default: [], description: 'Glob patterns of files to skip, relative to the workspace folder.' },
  configGlobs: {
    default: [],
    description: 'Extra glob patterns of OpenMMLab config files (besides configs/ and files that set _base_).',
  },
  'fixAll.unsafe': { default: false, description: 'Let "fix all" also apply fixes marked unsafe.' },
  debounceMs: {
    default: 150,
    description: 'Longest wait in milliseconds after an edit before analysing (none when the last analysis took under 50 ms).',
  },
  maxFileSize: { default: 2_000_000, description: 'Files larger than this many bytes are not analysed.' },
  'trace.server': { default: 'off', description: 'Trace the communication between VS Code and the server.' },
  testsFolder: {
    default: 'tests',
    description: 'Folder, relative to the workspace folder, where "Generate a dtype test" writes its pytest files.',
  },
} as const;

export function defaultSettings(): Settings {
  return {
    enable: true,
    diagnosticMode: 'openFiles',
    severity: {},
    select: [],
    ignore: [],
    exclude: [],
    configGlobs: [],
    fixAll: { unsafe: false },
    debounceMs: 150,
    maxFileSize: 2_000_000,
    trace: { server: 'off' },
    testsFolder: 'tests',
  };
}

/** The subset of settings pyproject.toml can set (kebab-case keys are accepted too). */
export type ProjectSettings = Partial<
  Pick<Settings, 'select' | 'ignore' | 'severity' | 'exclude' | 'configGlobs' | 'testsFolder'>
>;

export interface ProjectConfig {
  file: string;
  settings: ProjectSettings;
}

export class ProjectConfigError extends Error {
  constructor(
    readonly file: string,
    /** Without the file name, for a diagnostic shown on the file itself. */
    readonly reason: string,
    /** 1-based line and column of a TOML syntax error, when the parser gives one. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}: ${reason}`);
  }
}

const MAX_PYPROJECT_BYTES = 1_000_000;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

function stringList(value: unknown, key: string, file: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ProjectConfigError(file, `[tool.dtype-guard] ${key} must be a list of strings`);
  }
  return value as string[];
}

/** Reads `[tool.dtype-guard]` of one pyproject.toml; undefined when the file has no such table. */
export function readPyproject(file: string): ProjectConfig | undefined {
  // Not readFileSync: a directory named pyproject.toml threw past every handler, a FIFO blocked.
  const read = readSource(file, MAX_PYPROJECT_BYTES);
  if (!read.ok) throw new ProjectConfigError(file, `cannot be read: ${read.reason}`);
  const text = read.text;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const where = error as { line?: unknown; column?: unknown };
    const line = typeof where.line === 'number' ? where.line : undefined;
    const column = typeof where.column === 'number' ? where.column : undefined;
    throw new ProjectConfigError(file, `invalid TOML: ${reason}`, line, column);
  }
  const tool = doc.tool as Record<string, unknown> | undefined;
  const table = tool?.['dtype-guard'] as Record<string, unknown> | undefined;
  if (!table) return undefined;
  const settings: ProjectSettings = {};
  for (const [rawKey, value] of Object.entries(table)) {
    const key = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (key === 'select' || key === 'ignore' || key === 'exclude' || key === 'configGlobs') {
      settings[key] = stringList(value, rawKey, file);
    } else if (key === 'testsFolder') {
      if (typeof value !== 'string' || !value.trim()) {
        throw new ProjectConfigError(file, `[tool.dtype-guard] ${rawKey} must be a folder name (a string)`);
      }
      settings.testsFolder = value;
    } else if (key === 'severity') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ProjectConfigError(file, '[tool.dtype-guard] severity must be a table of CODE = "level"');
      }
      for (const [code, level] of Object.entries(value)) {
        if (typeof level !== 'string' || !SEVERITIES.has(level)) {
          throw new ProjectConfigError(file, `[tool.dtype-guard] severity.${code} must be one of ${[...SEVERITIES].join(', ')}`);
        }
      }
      settings.severity = value as Record<string, Severity | 'off'>;
    } else {
      throw new ProjectConfigError(file, `[tool.dtype-guard] unknown key "${rawKey}"`);
    }
  }
  return { file, settings };
}

/** Finds the nearest pyproject.toml with a `[tool.dtype-guard]` table, upward from a folder. */
export function findProjectConfig(startDir: string): ProjectConfig | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'pyproject.toml');
    if (existsSync(file)) {
      const config = readPyproject(file);
      if (config) return config;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
