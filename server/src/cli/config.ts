/**
 * Per-file settings for a CLI run: `[tool.dtype-guard]` of the nearest pyproject.toml upward from
 * each file (or the one `--config` names), with command-line flags on top.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { Severity } from '../analysis/index';
import { defaultSettings, findProjectConfig, readPyproject, type ProjectConfig } from '../settingsSchema';

/** What the command line says about rule selection; undefined fields defer to the project file. */
export interface SelectionFlags {
  select?: string[];
  ignore?: string[];
  configFile?: string;
}

/** The analysis options and file limits that apply to one file. */
export interface FileSettings {
  select: string[];
  ignore: string[];
  severity: Record<string, Severity | 'off'>;
  maxFileSize: number;
  /** Extra glob patterns of OpenMMLab config files, relative to the project root. */
  configGlobs: string[];
  /** The folder of the governing pyproject.toml: config bases and registered modules are read inside it. */
  projectRoot?: string;
}

interface Resolved {
  config?: ProjectConfig;
  settings: FileSettings;
  excluded?: (rel: string) => boolean;
}

export class RunSettings {
  private readonly byDir = new Map<string, Resolved>();
  private readonly fixed?: Resolved;

  constructor(private readonly flags: SelectionFlags) {
    if (flags.configFile) {
      const file = path.resolve(flags.configFile);
      // readPyproject throws for a missing or invalid file: a configuration error, exit 2.
      this.fixed = this.resolve(readPyproject(file) ?? { file, settings: {} });
    }
  }

  /** The settings for a file (or folder) at this absolute path. */
  forPath(absPath: string, isDir = false): FileSettings {
    return this.lookup(isDir ? absPath : path.dirname(absPath)).settings;
  }

  /** The project file that governs a path, for --verbose. */
  configFileFor(absPath: string): string | undefined {
    return this.lookup(path.dirname(absPath)).config?.file;
  }

  /** Whether the `exclude` globs of the governing project file match this path. */
  isExcluded = (absPath: string): boolean => {
    // A folder is governed by the project file above it, so `exclude = ["build"]` can prune `build/` itself.
    const resolved = this.lookup(path.dirname(absPath));
    if (!resolved.excluded || !resolved.config) return false;
    const rel = path.relative(path.dirname(resolved.config.file), absPath).split(path.sep).join('/');
    return !rel.startsWith('..') && resolved.excluded(rel);
  };

  private lookup(dir: string): Resolved {
    if (this.fixed) return this.fixed;
    let resolved = this.byDir.get(dir);
    if (!resolved) {
      resolved = this.resolve(findProjectConfig(dir));
      this.byDir.set(dir, resolved);
    }
    return resolved;
  }

  private resolve(config: ProjectConfig | undefined): Resolved {
    const project = config?.settings ?? {};
    const settings: FileSettings = {
      // --select replaces the project's selection; --ignore adds to the project's.
      select: this.flags.select ?? project.select ?? [],
      ignore: [...(project.ignore ?? []), ...(this.flags.ignore ?? [])],
      severity: project.severity ?? {},
      maxFileSize: defaultSettings().maxFileSize,
      configGlobs: project.configGlobs ?? [],
      projectRoot: config ? path.dirname(config.file) : undefined,
    };
    return { config, settings, excluded: project.exclude?.length ? excludeMatcher(project.exclude) : undefined };
  }
}

/** Globs relative to the project folder; a glob without `/` matches any single path segment (`build`, `*_pb2.py`). */
function excludeMatcher(globs: string[]): (rel: string) => boolean {
  const full = picomatch(globs, { dot: true });
  const bare = globs.filter((g) => !g.includes('/'));
  const segment = bare.length ? picomatch(bare, { dot: true }) : () => false;
  return (rel) => full(rel) || rel.split('/').some((part) => segment(part));
}
