#!/usr/bin/env node
// `npm run arch`: the architecture as it is, not as docs/architecture.md says it is.
//  1. Import cycles among src/ modules, at file level and at folder level (src/<folder>, and
//     src/analyzers/<family> counts as its own folder). Type-only imports count: they still tie
//     two modules' designs together.
//  2. For each family (src/analyzers/<family>), the files outside its folder that name it: its
//     family name, its program names (the registry), the fact types it declares (fact-types.ts) and
//     the target kinds it emits. The goal is none outside the generated registry.
//     What is read is the strings of the code, comments left out (regular-expression literals are
//     skipped as such: their quotes are no strings). Not read (leakText): a program airlock runs
//     itself (spawn/execFile/run/requireTrusted... of `systemctl`, `git`), an encoding name
//     (`toString('base64')`), a property name in an indexed access type (`Command['argv']`): none
//     says anything about a family. A family's program compared with `cmd.program`, a family name,
//     a fact type or a target kind is read wherever it is.
// Usage: node scripts/arch.mjs [--root DIR] [--check] [--json]
//   --root   the project root (default: this repository); a fixture in the tests
//   --check  exit 1 when anything is found (cycles or leaks)
//   --json   machine-readable output
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = resolve(opt('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const src = join(root, 'src');
const rel = (f) => relative(root, f).split(sep).join('/');

/** Files allowed to name every family: the registry (generated from the families' declarations). */
const REGISTRY = [/^src\/analyzers\/index\.ts$/, /\.generated\.ts$/];

function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (/\.(ts|mts|cts|mjs|cjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/**
 * Source without comments (string contents kept): what the module actually says. Regular
 * expression literals are kept as `/re/`: their quotes are no strings, and read as strings they
 * threw every later string and comment out of step (a comment's example read as code).
 */
function stripComments(code) {
  let out = '';
  // A `/` starts a regular expression where an expression may start: after an operator or
  // punctuation, at the start, or after a keyword that takes an expression.
  const regexMayStart = () => {
    const t = out.replace(/\s+$/, '');
    if (!t) return true;
    if (/[(,=:[!&|?{};+\-*%<>~^]$/.test(t)) return true;
    return /\b(return|typeof|case|in|of|delete|void|throw|new|else|do|yield|await)$/.test(t);
  };
  for (let i = 0; i < code.length; ) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === '/' && regexMayStart()) {
      let j = i + 1;
      let inClass = false;
      while (j < code.length && code[j] !== '\n' && (inClass || code[j] !== '/')) {
        if (code[j] === '\\') j++;
        else if (code[j] === '[') inClass = true;
        else if (code[j] === ']') inClass = false;
        j++;
      }
      if (code[j] !== '/') {
        // not a regular expression after all (a division at a line's end): keep the character
        out += c;
        i++;
        continue;
      }
      j++;
      while (j < code.length && /[a-z]/.test(code[j])) j++;
      out += '/re/';
      i = j;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += code[j] === '\\' ? 2 : 1;
      out += code.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The text the leak scan reads: strings that do not say anything about a family blanked out.
 *  - A program airlock itself runs (the first argument of spawn / execFile / run / requireTrusted /
 *    minimalEnv, the head of a `['perl', [args]]` pair, a `*_PAGER:` / `*EDITOR:` value): running
 *    `systemctl` to install a service, or git as a pager-free helper, is not knowing a family.
 *  - A Node encoding name (`toString('base64')`, `Buffer.from(s, 'base64')`, `encoding: 'x'`).
 *  - A property name in an indexed access type (`Command['argv']`).
 * Everything else is read: a family's program compared to `cmd.program`, a family name, a fact type.
 */
function leakText(text) {
  const blank = (m, q) => m.replace(new RegExp(`${q}[^${q}\\n]*${q}$`), `${q}${q}`);
  return text
    .replace(/\b(?:spawn|spawnSync|execFile|execFileSync|run|runOk|requireTrusted|minimalEnv)\s*\(\s*(['"])[^'"\n]*\1/g, (m, q) => blank(m, q))
    .replace(/\[\s*(['"])[^'"\n]*\1(?=\s*,\s*\[)/g, (m, q) => blank(m, q))
    .replace(/\b[A-Z_]*(?:PAGER|EDITOR)\s*:\s*(['"])[^'"\n]*\1/g, (m, q) => blank(m, q))
    .replace(/\.(?:toString|digest)\(\s*(['"])[^'"\n]*\1/g, (m, q) => blank(m, q))
    .replace(/\bBuffer\.from\([^()\n]*,\s*(['"])[^'"\n]*\1(?=\s*\))/g, (m, q) => blank(m, q))
    .replace(/\bencoding\s*:\s*(['"])[^'"\n]*\1/g, (m, q) => blank(m, q))
    .replace(/\b[A-Z]\w*\[\s*(['"])[^'"\n]*\1(?=\s*\])/g, (m, q) => blank(m, q));
}

function resolveImport(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const cand of [base, `${base}.ts`, `${base}.mjs`, `${base}.js`, join(base, 'index.ts'), join(base, 'index.js')]) {
    if (existsSync(cand) && statSync(cand).isFile()) return cand;
  }
  return null;
}

const files = existsSync(src) ? walk(src).sort() : [];
const code = new Map(files.map((f) => [f, stripComments(readFileSync(f, 'utf8'))]));

// ---- import graph -------------------------------------------------------------------------
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm;
const edges = new Map();
for (const f of files) {
  const to = new Set();
  for (const m of code.get(f).matchAll(IMPORT)) {
    const t = resolveImport(f, m[2]);
    if (t && t !== f) to.add(t);
  }
  edges.set(f, [...to].sort());
}

/** Tarjan's strongly connected components of size > 1 (or a self-loop). */
function cycles(nodes, next) {
  let index = 0;
  const idx = new Map(), low = new Map(), on = new Set(), stack = [], out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of next(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || next(v).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) strong(v);
  return out;
}

/** One shortest loop through the component, for the message: a -> b -> a. */
function loopThrough(comp, next) {
  const inComp = new Set(comp);
  const start = comp[0];
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length) {
    const v = queue.shift();
    for (const w of next(v)) {
      if (!inComp.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = prev.get(v); p; p = prev.get(p)) path.unshift(p);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...comp, start];
}

const fileCycles = cycles(files, (f) => edges.get(f) ?? []).map((c) => ({ members: c.map(rel), loop: loopThrough(c, (f) => edges.get(f) ?? []).map(rel) }));

const folderOf = (f) => {
  const parts = rel(f).split('/');
  // Each family is a folder; the registry and the analyzer contract beside them are nodes of their own.
  if (parts[1] === 'analyzers') return parts.length > 3 ? `src/analyzers/${parts[2]}` : rel(f);
  // A file at the top of src/ (engine.ts, types.ts) is a node of its own.
  return parts.length > 2 ? `src/${parts[1]}` : rel(f);
};
const folderEdges = new Map();
const folderWhy = new Map();
for (const [f, to] of edges) {
  const a = folderOf(f);
  for (const t of to) {
    const b = folderOf(t);
    if (a === b) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Set());
    folderEdges.get(a).add(b);
    if (!folderWhy.has(`${a}>${b}`)) folderWhy.set(`${a}>${b}`, `${rel(f)} -> ${rel(t)}`);
  }
}
const folders = [...new Set(files.map(folderOf))].sort();
const nextFolder = (d) => [...(folderEdges.get(d) ?? [])].sort();
const folderCycles = cycles(folders, nextFolder).map((c) => {
  const loop = loopThrough(c, nextFolder);
  // Two folders importing each other: the most direct thing to untie.
  const mutual = [];
  for (const a of c) for (const b of nextFolder(a)) if (a < b && nextFolder(b).includes(a)) mutual.push({ pair: [a, b], because: [folderWhy.get(`${a}>${b}`), folderWhy.get(`${b}>${a}`)] });
  return { members: c, loop, because: loop.slice(1).map((b, i) => folderWhy.get(`${loop[i]}>${b}`)), mutual };
});

// ---- family knowledge outside the family ---------------------------------------------------
const familiesDir = join(src, 'analyzers');
const families = existsSync(familiesDir)
  ? readdirSync(familiesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
  : [];
const strings = (text) => [...text.matchAll(/(['"])((?:(?!\1)[^\\\n]|\\.)*)\1/g)].map((m) => m[2]);

/** Programs per family, from the registry's entries (`programs: [...]`, or a PROGRAMS list it requires). */
function registryPrograms() {
  const out = new Map();
  const reg = join(familiesDir, 'index.ts');
  if (!existsSync(reg)) return out;
  const text = code.get(reg) ?? stripComments(readFileSync(reg, 'utf8'));
  for (const m of text.matchAll(/programs:\s*(\[[^\]]*\]|require\(['"]([^'"]+)['"]\)\.\w+)[^\n]*?require\(['"]\.\/([\w-]+)['"]\)/g)) {
    let list = [];
    if (m[1].startsWith('[')) list = strings(m[1]);
    else {
      const file = resolveImport(reg, m[2]);
      if (file) list = strings(code.get(file) ?? '');
    }
    out.set(m[3], [...(out.get(m[3]) ?? []), ...list]);
  }
  // A family's declaration (src/analyzers/<family>/family.ts): `programs: [...]`, or a list it imports.
  for (const fam of families) {
    const decl = join(familiesDir, fam, 'family.ts');
    const text = code.get(decl);
    if (!text) continue;
    const m = /programs:\s*(\[[^\]]*\]|([A-Za-z_$][\w$]*))/.exec(text);
    if (!m) continue;
    let list = [];
    if (m[1].startsWith('[')) list = strings(m[1]);
    else {
      const from = new RegExp(`import\\s*\\{[^}]*\\b${m[2]}\\b[^}]*\\}\\s*from\\s*(['"])([^'"]+)\\1`).exec(text);
      const file = from && resolveImport(decl, from[2]);
      if (file) list = strings(code.get(file) ?? '');
    }
    out.set(fam, [...new Set([...(out.get(fam) ?? []), ...list])]);
  }
  return out;
}

/** Target kinds a family declares (the keys of `targets: {...}` in its family.ts). */
function declaredTargetKinds(family) {
  const text = code.get(join(familiesDir, family, 'family.ts')) ?? '';
  const block = /targets:\s*\{((?:[^{}]|\{[^{}]*\})*)\}/.exec(text)?.[1] ?? '';
  return [...block.matchAll(/(?:^|[,{\s])(['"]?)([a-z][\w-]*)\1:\s*\{/g)].map((m) => m[2]);
}

/** Fact types a family declares in src/analyzers/<family>/fact-types.ts (top-level keys). */
function declaredFactTypes(family) {
  const f = join(familiesDir, family, 'fact-types.ts');
  if (!existsSync(f)) return [];
  const text = code.get(f) ?? '';
  return [...text.matchAll(/^ {2}(['"]?)([a-z][\w-]*)\1:\s*\{/gm)].map((m) => m[2]);
}

/** Target kinds a family emits (`kind: 'x'` inside its folder), limited to the Target union. */
function targetKinds() {
  const types = join(src, 'types.ts');
  const union = existsSync(types) ? (code.get(types).match(/interface Target\s*\{[^}]*kind:([^;]*);/) ?? [])[1] ?? '' : '';
  // The union is generated from the declarations (src/targets.generated.ts) once they exist.
  const generated = join(src, 'targets.generated.ts');
  const genUnion = existsSync(generated) ? (code.get(generated).match(/type TargetKind\s*=([^;]*);/) ?? [])[1] ?? '' : '';
  const all = new Set([...strings(union), ...strings(genUnion)]);
  const by = new Map();
  for (const fam of families) {
    const kinds = new Set();
    for (const f of files.filter((x) => x.startsWith(join(familiesDir, fam) + sep))) {
      for (const m of code.get(f).matchAll(/kind:\s*(['"])([\w-]+)\1/g)) if (all.has(m[2])) kinds.add(m[2]);
    }
    for (const k of declaredTargetKinds(fam)) kinds.add(k);
    by.set(fam, kinds);
  }
  // A kind two families emit (host, url, path) is shared vocabulary, not one family's knowledge.
  const count = new Map();
  for (const ks of by.values()) for (const k of ks) count.set(k, (count.get(k) ?? 0) + 1);
  return new Map([...by].map(([fam, ks]) => [fam, [...ks].filter((k) => count.get(k) === 1)]));
}

// Program names that are also ordinary words or airlock's own vocabulary (`airlock install`, a
// `service` field, SQL keywords the postgres family wakes for), and the shell builtins that move
// the working directory (cd, pushd, popd: bash's semantics, which src/normalize tracks for every
// family, though the files family wakes for them too): naming them is not family knowledge.
const WORDS = new Set(['cd', 'pushd', 'popd', 'init', 'install', 'service', 'kill', 'split', 'deck', 'mc', 'op', 'pd', 'ip', 'route', 'view', 'drop', 'delete', 'truncate', 'alter', 'update', 'merge', 'revoke', 'copy', 'vacuum', 'reassign', 'source', '.', 'k', 'http', 'https', 'cp', 'install', 'sort', 'cut', 'more', 'less', 'head', 'tail', 'strings', 'find', 'wipe', 'drop', 'java', 'go', 'mcp', 'flux', 'nats', 'unleash', 'square']);
const programs = registryPrograms();
{
  // A program several families wake for (gh, python, rsync) belongs to none of them alone.
  const count = new Map();
  for (const list of programs.values()) for (const p of new Set(list)) count.set(p, (count.get(p) ?? 0) + 1);
  for (const [fam, list] of programs) programs.set(fam, list.filter((p) => count.get(p) === 1 && !WORDS.has(p)));
}
const kinds = targetKinds();
// A fact type several families declare (cli) is shared vocabulary, as a shared program is.
const typeCount = new Map();
for (const fam of families) for (const t of declaredFactTypes(fam)) typeCount.set(t, (typeCount.get(t) ?? 0) + 1);
// A type named like a field (mcp's `tool`) cannot be told apart from the field: not counted.
for (const fam of families) {
  const f = join(familiesDir, fam, 'fact-types.ts');
  if (existsSync(f)) for (const m of (code.get(f) ?? '').matchAll(/^ {4}(['"]?)([\w-]+)\1:/gm)) typeCount.delete(m[2]);
}
const leaks = [];
for (const fam of families) {
  const tokens = new Map();
  const add = (t, what) => tokens.has(t) || tokens.set(t, what);
  add(fam, 'family');
  for (const p of programs.get(fam) ?? []) add(p, 'program');
  for (const t of declaredFactTypes(fam)) if (typeCount.get(t) === 1) add(t, 'fact type');
  for (const k of kinds.get(fam) ?? []) add(k, 'target kind');
  const famDir = join(familiesDir, fam) + sep;
  const found = [];
  for (const f of files) {
    if (f.startsWith(famDir) || REGISTRY.some((r) => r.test(rel(f)))) continue;
    const named = new Set();
    // A family's own program list may hold a name that is another family's too (credentials watches git).
    const text = leakText(/\/family\.ts$/.test(f) ? code.get(f).replace(/programs:\s*\[[^\]]*\]/, '') : code.get(f));
    for (const s of strings(text)) if (tokens.has(s)) named.add(s);
    if (named.size) found.push({ file: rel(f), names: [...named].sort().map((n) => `${n} (${tokens.get(n)})`) });
  }
  // The schema is core too: it must not name a family's knowledge either.
  const schema = join(root, 'schema', 'ruleset.schema.json');
  if (existsSync(schema)) {
    // Its generated parts (definitions.factMatch and .environment, properties.impact, made from the
    // declarations) may name them.
    const doc = JSON.parse(readFileSync(schema, 'utf8'));
    // (The settings' `impact` block too: each family's lookup settings come from its declaration.)
    const dropGenerated = (o) => {
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) {
        if (typeof v?.$comment === 'string' && v.$comment.startsWith('Generated')) delete o[k];
        else dropGenerated(v);
      }
    };
    dropGenerated(doc);
    const named = new Set(strings(JSON.stringify(doc)).filter((s) => tokens.has(s) && tokens.get(s) !== 'program'));
    if (named.size) found.push({ file: rel(schema), names: [...named].sort().map((n) => `${n} (${tokens.get(n)})`) });
  }
  if (found.length) leaks.push({ family: fam, files: found });
}

if (args.includes('--json')) {
  process.stdout.write(JSON.stringify({ fileCycles, folderCycles, leaks }, null, 2) + '\n');
} else {
  const out = [];
  out.push(`import cycles (files): ${fileCycles.length}`);
  for (const c of fileCycles) out.push(`  ${c.loop.join(' -> ')}${c.members.length > c.loop.length - 1 ? `  (${c.members.length} files in the cycle)` : ''}`);
  out.push(`import cycles (folders): ${folderCycles.length}`);
  for (const c of folderCycles) {
    out.push(`  ${c.loop.join(' -> ')}${c.members.length > c.loop.length - 1 ? `  (${c.members.length} folders in the cycle: ${c.members.join(', ')})` : ''}`);
    for (const b of c.because) out.push(`    ${b}`);
    for (const m of c.mutual) out.push(`    ${m.pair.join(' <-> ')}: ${m.because.join('; ')}`);
  }
  const n = leaks.reduce((a, l) => a + l.files.length, 0);
  out.push(`family knowledge outside its folder: ${n} file(s) in ${leaks.length} famil${leaks.length === 1 ? 'y' : 'ies'}`);
  for (const l of leaks) {
    out.push(`  ${l.family}: ${l.files.length} file(s)`);
    for (const f of l.files) out.push(`    ${f.file}: ${f.names.join(', ')}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}
if (args.includes('--check') && (fileCycles.length || folderCycles.length || leaks.length)) process.exitCode = 1;
