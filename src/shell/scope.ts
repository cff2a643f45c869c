// Shell variables as the line would see them: the checking process's environment (when given),
// then literal assignments made earlier in the same line.

export class Scope {
  private readonly vars = new Map<string, string | null>();
  private readonly exported = new Set<string>();

  constructor(
    private readonly env: Record<string, string | undefined> | null,
    private readonly parent: Scope | null = null,
    /** $0, $1, ... when known (`bash -c 'eval "$1"' sh CMD`); null when not. */
    private readonly positional: (string | null)[] | null = null,
  ) {}

  /** Value, or null when it cannot be known (unset without an environment, or set from $(...)). */
  get(name: string): string | null {
    if (this.vars.has(name)) return this.vars.get(name)!;
    if (this.parent) return this.parent.get(name);
    if (this.positional && /^([0-9]|@|\*|#)$/.test(name)) return this.positionalValue(name);
    if (/^[0-9@*#?$!-]$/.test(name)) return null; // positional and special parameters
    // bash never takes IFS from its environment: it starts with space, tab, newline.
    if (name === 'IFS') return ' \t\n';
    // bash sets PWD to the directory it starts in, whatever the environment said: the checker's
    // environment is not the command's cwd, so the analyzers put the cwd back ($PWD, src/analyzers/files/paths.ts).
    if (name === 'PWD' || name === 'OLDPWD') return null;
    if (this.env) {
      const v = this.env[name];
      // With a real environment an unset variable expands to "" in bash.
      return v === undefined ? '' : v;
    }
    return null;
  }

  /** $1.. as separate words for "$@"; null when not known. */
  positionalArgs(): (string | null)[] | null {
    if (this.positional) return this.positional.slice(1);
    return this.parent ? this.parent.positionalArgs() : null;
  }

  private positionalValue(name: string): string | null {
    const p = this.positional!;
    if (name === '#') return String(Math.max(0, p.length - 1));
    if (name === '@' || name === '*') return p.slice(1).some((v) => v === null) ? null : p.slice(1).join(' ');
    const v = p[Number(name)];
    return v === undefined ? '' : v;
  }

  /** The field separators for word splitting: IFS as the line or the environment set it. */
  ifs(): string | null {
    for (let sc: Scope | null = this; sc; sc = sc.parent) {
      if (sc.vars.has('IFS')) return sc.vars.get('IFS')!;
    }
    return ' \t\n';
  }

  /** True when nothing is known about the variable (so a default cannot be trusted either). */
  isUnknown(name: string): boolean {
    if (this.vars.has(name)) return this.vars.get(name) === null;
    if (this.parent) return this.parent.isUnknown(name);
    return this.env === null;
  }

  /** True when the line itself assigned the variable (`HOME=/tmp/h; rm -rf ~`). */
  assignedHere(name: string): boolean {
    return this.vars.has(name) || (this.parent?.assignedHere(name) ?? false);
  }

  set(name: string, value: string | null): void {
    this.vars.set(name, value);
    this.globVars.delete(name);
  }

  /** Variables holding a glob pattern that stands for its matches (`for f in *.tmp`). */
  private readonly globVars = new Set<string>();

  /** `for f in *.tmp`: f takes each match of the pattern, so it is judged as the pattern itself. */
  setGlob(name: string, pattern: string): void {
    this.vars.set(name, pattern);
    this.globVars.add(name);
  }

  isGlobVar(name: string): boolean {
    if (this.vars.has(name)) return this.globVars.has(name);
    return this.parent?.isGlobVar(name) ?? false;
  }

  /** `export X=...` in this line: the value reaches the environment of later commands. */
  markExported(name: string): void {
    this.exported.add(name);
  }

  /** Variables exported earlier in the line (values as known now). */
  exportedValues(): Record<string, string | null> {
    const out: Record<string, string | null> = this.parent ? this.parent.exportedValues() : {};
    for (const n of this.exported) out[n] = this.get(n);
    return out;
  }

  unset(name: string): void {
    this.vars.set(name, this.env ? '' : null);
  }

  /**
   * Where commands run now, after the line's `cd`s: '' = the line's cwd, else a path (absolute,
   * relative to the line's cwd, or '~/…'), null = unknown. Several when a `cd` may have failed.
   */
  dirs: (string | null)[] = [''];

  /** A subshell sees the parent's variables; its assignments do not leak back. */
  child(): Scope {
    const c = new Scope(null, this);
    // A subshell starts where its parent is, and its `cd`s stay inside it.
    c.dirs = [...this.dirs];
    return c;
  }
}
