// Walks the bash syntax tree and emits every simple command, wherever it is nested
// (lists, pipelines, subshells, groups, if/for/while/case, functions, $(...), <(...), heredoc pipelines).
// Each command is judged on its own later; nothing here decides.
import type { Assignment, Command, Redirect, StdinSource, Word } from '../types';
import { parseShell, type Node } from './parser';
import { Scope } from './scope';
import { resolveWord } from './words';
import { programName } from './program-name';
import { noteCdIn, noteWrites } from './line-state';
import { expandArgument } from './expand';
import { coprocBody, readsIntoVariables } from './builtins';

export const MAX_NODE_DEPTH = 200;

export interface WalkResult {
  commands: Command[];
  errors: string[];
  /** Variables the line sets, exports or unsets, in order. */
  assignments: Assignment[];
}

interface Ctx {
  out: Command[];
  errors: string[];
  source: string;
  /** Functions being defined around the current node (a call to one of them is recursion). */
  functions: string[];
  assignments: Assignment[];
  /** Something emitted so far may have created or moved files (Command.afterWrites). */
  wrote: boolean;
}

export function extractCommands(source: string, scope: Scope): WalkResult {
  const parsed = parseShell(source);
  const ctx: Ctx = { out: [], errors: [...parsed.errors], source, functions: [], assignments: [], wrote: false };
  try {
    visit(parsed.root, scope, ctx, 0, null);
  } finally {
    // Commands hold values, not nodes: the tree can go.
    parsed.dispose();
  }
  return { commands: ctx.out, errors: ctx.errors, assignments: ctx.assignments };
}

/** Visit a statement. `stdin` is the pipe feeding it (pipeline stage > 1). Returns the last command emitted. */
/** Bodies that may run more than once: a later round runs after everything of an earlier one. */
const REPEATS = new Set(['while_statement', 'until_statement', 'for_statement', 'c_style_for_statement', 'function_definition']);

function visit(node: Node, scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null, redirects: Redirect[] = []): Command | null {
  if (REPEATS.has(node.type)) {
    const from = ctx.out.length;
    const last = visitOnce(node, scope, ctx, depth, stdin, redirects);
    if (ctx.wrote) for (const c of ctx.out.slice(from)) c.afterWrites = true;
    return last;
  }
  return visitOnce(node, scope, ctx, depth, stdin, redirects);
}

function visitOnce(node: Node, scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null, redirects: Redirect[] = []): Command | null {
  if (depth > MAX_NODE_DEPTH) {
    if (!ctx.errors.some((e) => e.startsWith('nesting'))) ctx.errors.push(`nesting deeper than ${MAX_NODE_DEPTH} levels`);
    return null;
  }
  const d = depth + 1;
  switch (node.type) {
    case 'command':
      return emitCommand(node, scope, ctx, d, stdin, redirects);
    case 'pipeline':
      return visitPipeline(node.namedChildren, scope, ctx, d, stdin);
    case 'redirected_statement':
      return visitRedirected(node, scope, ctx, d, stdin);
    case 'variable_assignment':
      assign(node, scope, ctx, d, 'set');
      return null;
    case 'variable_assignments':
      for (const a of node.namedChildren) assign(a, scope, ctx, d, 'set');
      return null;
    case 'declaration_command': {
      const exporting = /^(export|declare\s+-\w*x|typeset\s+-\w*x)\b/.test(node.text);
      for (const child of node.namedChildren) {
        if (child.type === 'variable_assignment') {
          assign(child, scope, ctx, d, exporting ? 'export' : 'set');
          if (exporting) scope.markExported(child.childForFieldName('name')?.text ?? '');
        } else {
          visitSubstitutions(child, scope, ctx, d);
          if (exporting && /^[A-Za-z_][A-Za-z0-9_]*$/.test(child.text)) {
            scope.markExported(child.text);
            ctx.assignments.push({ name: child.text, action: 'export', value: scope.get(child.text), text: node.text });
          }
        }
      }
      return null;
    }
    case 'unset_command':
      for (const child of node.namedChildren.slice(0)) {
        const w = resolveWord(child, scope);
        if (w.value && w.value !== 'unset' && !w.value.startsWith('-')) {
          scope.unset(w.value);
          ctx.assignments.push({ name: w.value, action: 'unset', value: null, text: node.text });
        }
      }
      return null;
    case 'subshell':
    case 'process_substitution':
    case 'command_substitution': {
      const inner = scope.child();
      let last: Command | null = null;
      for (const child of node.namedChildren) last = visit(child, inner, ctx, d, stdin) ?? last;
      return last;
    }
    case 'function_definition': {
      const name = node.childForFieldName('name')?.text ?? '';
      ctx.functions.push(name);
      const body = node.childForFieldName('body');
      const last = body ? visit(body, scope, ctx, d, null) : null;
      ctx.functions.pop();
      return last;
    }
    case 'comment':
    case 'heredoc_body':
    case 'heredoc_start':
    case 'heredoc_end':
      return null;
    case 'ERROR':
      // Still judge whatever commands bash might find inside the broken part.
      for (const child of node.namedChildren) visit(child, scope, ctx, d, null);
      return null;
    case 'for_statement':
      return visitFor(node, scope, ctx, d, stdin);
    case 'list': {
      // `||` and mixed lists visit every part in order.
      const parts = andOperands(node);
      return parts ? visitAndChain(parts, scope, ctx, d, stdin) : visitChildren(node, scope, ctx, d, stdin);
    }
    default:
      return visitChildren(node, scope, ctx, d, stdin);
  }
}

/**
 * Lists, groups, compound statements, if/for/while/case, functions, negation, test commands:
 * every child statement is visited in order; words in tests may hold substitutions.
 */
function visitChildren(node: Node, scope: Scope, ctx: Ctx, d: number, stdin: StdinSource | null): Command | null {
  let last: Command | null = null;
  for (const child of node.namedChildren) {
    if (isWordLike(child)) visitSubstitutions(child, scope, ctx, d);
    else last = visit(child, scope, ctx, d, stdin) ?? last;
  }
  return last;
}

/** Loop bodies are judged once per listed value, at most this many (more: once, with the variable unknown). */
const MAX_LOOP_VALUES = 16;

/**
 * `for d in src data; do rm -rf $d; done` / `select`: the body runs with the variable set to each
 * listed value in turn, so it is judged once per value. Values we cannot know (globs, $(...), "$@",
 * no `in` list) leave the variable unknown.
 */
function visitFor(node: Node, scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null): Command | null {
  const name = node.childForFieldName('variable')?.text ?? '';
  const hasIn = node.children.some((c) => !c.isNamed && c.type === 'in');
  let values: { value: string | null; glob: boolean }[] = [];
  let known = hasIn;
  for (const v of node.childrenForFieldName('value')) {
    visitSubstitutions(v, scope, ctx, depth);
    for (const w of expandArgument(v, scope)) {
      if (w.value === null) known = false;
      // A glob item takes each of its matches: the body is judged once with the pattern itself.
      values.push({ value: w.value, glob: Boolean(w.glob) });
    }
  }
  if (!known || values.length > MAX_LOOP_VALUES) values = [{ value: null, glob: false }];
  const body = node.childForFieldName('body');
  let last: Command | null = null;
  for (const { value, glob } of values) {
    if (name && glob && value !== null) scope.setGlob(name, value);
    else if (name) scope.set(name, value);
    if (body) last = visit(body, scope, ctx, depth, stdin) ?? last;
  }
  return last;
}

function isWordLike(n: Node): boolean {
  return /^(word|string|raw_string|ansi_c_string|concatenation|simple_expansion|expansion|number|variable_name|translated_string|arithmetic_expansion|binary_expression|unary_expression|test_operator|regex|extglob_pattern|parenthesized_expression|ternary_expression|postfix_expression)$/.test(n.type);
}

function visitPipeline(stages: Node[], scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null): Command | null {
  let feed = stdin;
  let last: Command | null = null;
  for (const stage of stages) {
    if (stage.type === 'comment') continue;
    // Each stage runs in a subshell in bash, but assignments there are rare; keep one scope.
    last = visit(stage, scope, ctx, depth, feed);
    feed = { kind: 'pipe', text: null, producer: last };
  }
  return last;
}

/** The last command of a redirected list gets the list's redirects (nested lists: their last). */
function visitRedirectedTail(node: Node, scope: Scope, ctx: Ctx, depth: number, input: StdinSource | null, redirects: Redirect[], extraArgs: Word[]): Command | null {
  if (node.type === 'list') {
    const parts = node.namedChildren.filter((c) => c.type !== 'comment');
    const tail = parts.pop();
    for (const p of parts) visit(p, scope, ctx, depth, null);
    return tail ? visitRedirectedTail(tail, scope, ctx, depth, input, redirects, extraArgs) : null;
  }
  if (node.type === 'redirected_statement') {
    // Its own redirects come first, then the outer ones (bash applies them in that order).
    const last = visitRedirected(node, scope, ctx, depth, input);
    if (last) last.redirects.push(...redirects);
    return last;
  }
  const last = visit(node, scope, ctx, depth, input, redirects);
  if (last && node.type === 'command') last.argv.push(...extraArgs);
  return last;
}

function visitRedirected(node: Node, scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null): Command | null {
  const redirects: Redirect[] = [];
  let input = stdin;
  const after: Node[] = [];
  const extraArgs: Word[] = [];
  for (const r of node.childrenForFieldName('redirect')) {
    const got = readRedirect(r, scope, ctx, depth);
    redirects.push(...got.redirects);
    if (got.stdin) input = got.stdin;
    after.push(...got.continuation);
    extraArgs.push(...got.extraArgs);
  }
  const body = node.childForFieldName('body');
  let last: Command | null = null;
  if (body?.type === 'pipeline') {
    // `a | cat <<EOF`: tree-sitter wraps the whole pipeline, but bash applies the redirect to the last stage.
    const stages = body.namedChildren.filter((c) => c.type !== 'comment');
    const lastStage = stages.pop();
    const prev = visitPipeline(stages, scope, ctx, depth, stdin);
    if (lastStage) {
      const feed: StdinSource | null = input !== stdin ? input : stages.length ? { kind: 'pipe', text: null, producer: prev } : stdin;
      last = visit(lastStage, scope, ctx, depth, feed, redirects);
    }
  } else if (body?.type === 'list') {
    // `a && b > f`: tree-sitter hangs the redirect on the whole list, but bash applies it to the
    // last command only (and a redirect that is lost would hide a write).
    const parts = body.namedChildren.filter((c) => c.type !== 'comment');
    const tail = parts.pop();
    for (const p of parts) visit(p, scope, ctx, depth, stdin);
    if (tail) last = visitRedirectedTail(tail, scope, ctx, depth, input, redirects, extraArgs);
  } else if (body) {
    last = visit(body, scope, ctx, depth, input, redirects);
    if (last && body.type === 'command') last.argv.push(...extraArgs);
  } else if (redirects.length) {
    // `> file` with no command at all: bash opens (and truncates) the file all the same.
    last = nullCommand(node.text, redirects, input, scope, ctx);
  }
  // `cat <<EOF | psql`: tree-sitter hangs the rest of the pipeline under the heredoc redirect.
  for (const cont of after) {
    if (cont.type === 'pipeline') last = visitPipeline(cont.namedChildren, scope, ctx, depth, { kind: 'pipe', text: null, producer: last });
    else if (cont.type === 'command' || cont.type === 'redirected_statement') last = visit(cont, scope, ctx, depth, { kind: 'pipe', text: null, producer: last });
    else last = visit(cont, scope, ctx, depth, null) ?? last;
  }
  return last;
}

interface RedirectInfo {
  redirects: Redirect[];
  stdin: StdinSource | null;
  continuation: Node[];
  /** `rm -rf >x /`: tree-sitter hangs the words after the target on the redirect; bash passes them as arguments. */
  extraArgs: Word[];
}

function readRedirect(r: Node, scope: Scope, ctx: Ctx, depth: number): RedirectInfo {
  const info: RedirectInfo = { redirects: [], stdin: null, continuation: [], extraArgs: [] };
  const fdNode = r.childForFieldName('descriptor');
  const fd = fdNode ? Number(fdNode.text) : null;
  if (r.type === 'heredoc_redirect') {
    const startNode = r.namedChildren.find((c) => c.type === 'heredoc_start');
    const bodyNode = r.namedChildren.find((c) => c.type === 'heredoc_body');
    const delim = startNode?.text ?? '';
    const quoted = /['"\\]/.test(delim);
    const stripTabs = r.children.some((c) => c.type === '<<-');
    let text = bodyNode ? bodyNode.text : '';
    // tree-sitter-bash misparses a body whose first line starts with `\` (psql's `\i x.sql`): those
    // lines become words/pipeline text. Take the body from the source between the lines instead.
    const endNode = r.namedChildren.find((c) => c.type === 'heredoc_end');
    if (startNode && endNode && r.namedChildren.some((c) => c !== bodyNode && c.startIndex >= startNode.endIndex && c.startIndex < endNode.startIndex && c.text.includes('\n'))) {
      const src = r.text;
      const nl = src.indexOf('\n', startNode.endIndex - r.startIndex);
      if (nl >= 0) text = src.slice(nl + 1, endNode.startIndex - r.startIndex);
    }
    if (stripTabs) text = text.replace(/^\t+/gm, '');
    if (!quoted && bodyNode) {
      visitSubstitutions(bodyNode, scope, ctx, depth);
      visitBackticks(text, scope, ctx, depth);
      // `<<-` bodies (tab-indented) come back from tree-sitter as plain text: find $(...) ourselves.
      if (!hasSubstitution(bodyNode)) visitDollarParens(text, scope, ctx, depth);
      text = expandHeredoc(text, scope);
    }
    info.stdin = { kind: 'heredoc', text };
    info.redirects.push({ op: stripTabs ? '<<-' : '<<', fd, target: null });
    for (const c of r.namedChildren) {
      if (c.type === 'heredoc_start' || c.type === 'heredoc_body' || c.type === 'heredoc_end') continue;
      if (c.type === 'file_redirect' || c.type === 'herestring_redirect') {
        const nested = readRedirect(c, scope, ctx, depth);
        info.redirects.push(...nested.redirects);
      } else info.continuation.push(c);
    }
    return info;
  }
  if (r.type === 'herestring_redirect') {
    const wordNode = r.namedChildren.find((c) => c.type !== 'file_descriptor');
    const w = wordNode ? resolveWord(wordNode, scope) : null;
    if (wordNode) visitSubstitutions(wordNode, scope, ctx, depth);
    info.stdin = { kind: 'herestring', text: w && w.value !== null ? w.value + '\n' : null };
    info.redirects.push({ op: '<<<', fd, target: w });
    return info;
  }
  // file_redirect: operator is the first anonymous child after an optional descriptor.
  const op = r.children.find((c) => !c.isNamed)?.type ?? '>';
  const dest = r.childForFieldName('destination') ?? r.namedChildren.find((c) => c.type !== 'file_descriptor') ?? null;
  const target = dest ? resolveWord(dest, scope) : null;
  if (dest) visitSubstitutions(dest, scope, ctx, depth);
  info.redirects.push({ op, fd, target });
  for (const extra of r.childrenForFieldName('destination').slice(1)) {
    visitSubstitutions(extra, scope, ctx, depth);
    info.extraArgs.push(resolveWord(extra, scope));
  }
  if (op === '<' && (fd === null || fd === 0)) info.stdin = { kind: 'file', path: target?.value ?? null };
  return info;
}

/** `cmd` in an unquoted heredoc body runs too; tree-sitter leaves backticks there as text. */
function visitBackticks(text: string, scope: Scope, ctx: Ctx, depth: number): void {
  for (const m of text.matchAll(/(?<!\\)`((?:\\.|[^`\\])*)`/g)) {
    const inner = m[1]!.replace(/\\([`$\\])/g, '$1');
    const parsed = parseShell(inner);
    ctx.errors.push(...parsed.errors.map((e) => `in a heredoc substitution: ${e}`));
    visit(parsed.root, scope.child(), ctx, depth, null);
  }
}

function hasSubstitution(n: Node): boolean {
  return n.type === 'command_substitution' || n.namedChildren.some(hasSubstitution);
}

/** `$(cmd)` in an unquoted heredoc body the grammar left as text: each runs when the heredoc is read. */
function visitDollarParens(text: string, scope: Scope, ctx: Ctx, depth: number): void {
  for (let at = text.indexOf('$('); at >= 0; at = text.indexOf('$(', at + 2)) {
    if (text[at + 2] === '(' || (at > 0 && text[at - 1] === '\\')) continue; // $(( arithmetic )), \$(
    let level = 1;
    let j = at + 2;
    let quote: string | null = null;
    for (; j < text.length && level > 0; j++) {
      const ch = text[j]!;
      if (quote) {
        if (ch === quote) quote = null;
        else if (ch === '\\' && quote === '"') j++;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\') j++;
      else if (ch === '(') level++;
      else if (ch === ')') level--;
    }
    const inner = level === 0 ? text.slice(at + 2, j - 1) : text.slice(at + 2);
    const parsed = parseShell(inner);
    ctx.errors.push(...parsed.errors.map((e) => `in a heredoc substitution: ${e}`));
    try {
      visit(parsed.root, scope.child(), ctx, depth, null);
    } finally {
      parsed.dispose();
    }
  }
}

/** $VAR and ${VAR} in an unquoted heredoc; unknown ones are left as written. */
function expandHeredoc(text: string, scope: Scope): string {
  return text.replace(/\\([$`\\])|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, esc: string, a: string, b: string) => {
    if (esc) return esc;
    const v = scope.get(a ?? b);
    return v === null ? m : v;
  });
}

function assign(node: Node, scope: Scope, ctx: Ctx, depth: number, action: 'set' | 'export'): void {
  const name = node.childForFieldName('name')?.text;
  const valueNode = node.childForFieldName('value');
  if (valueNode) visitSubstitutions(valueNode, scope, ctx, depth);
  if (!name) return;
  const value = node.text.includes('+=') ? null : valueNode ? resolveWord(valueNode, scope).value : '';
  scope.set(name, value);
  ctx.assignments.push({ name, action, value, text: node.parent?.type === 'declaration_command' ? node.parent.text : node.text });
}

/** Commands hidden inside words: $(...), `...`, <(...). */
function visitSubstitutions(node: Node, scope: Scope, ctx: Ctx, depth: number): void {
  if (depth > MAX_NODE_DEPTH) {
    if (!ctx.errors.some((e) => e.startsWith('nesting'))) ctx.errors.push(`nesting deeper than ${MAX_NODE_DEPTH} levels`);
    return;
  }
  if (node.type === 'command_substitution' || node.type === 'process_substitution') {
    visit(node, scope, ctx, depth, null);
    return;
  }
  for (const child of node.namedChildren) visitSubstitutions(child, scope, ctx, depth + 1);
}

function emitCommand(node: Node, scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null, outer: Redirect[]): Command | null {
  const env: Record<string, string | null> = {};
  const argv: Word[] = [];
  const redirects: Redirect[] = [...outer];
  let input = stdin;
  // Prefix assignments apply to the command's environment, not to its own arguments.
  const local = scope.child();
  for (const child of node.namedChildren) {
    switch (child.type) {
      case 'variable_assignment': {
        const name = child.childForFieldName('name')?.text;
        const v = child.childForFieldName('value');
        if (v) visitSubstitutions(v, scope, ctx, depth);
        if (name) {
          const value = v ? resolveWord(v, scope).value : '';
          env[name] = value;
          local.set(name, value);
          ctx.assignments.push({ name, action: 'set', value, text: node.text });
        }
        break;
      }
      case 'file_redirect':
      case 'herestring_redirect':
      case 'heredoc_redirect': {
        const got = readRedirect(child, scope, ctx, depth);
        redirects.push(...got.redirects);
        if (got.stdin) input = got.stdin;
        argv.push(...got.extraArgs);
        break;
      }
      case 'comment':
        break;
      default:
        visitSubstitutions(child, scope, ctx, depth);
        argv.push(...expandArgument(child, scope));
    }
  }
  coprocBody(argv);
  if (argv.length === 0) {
    // `X=1 >file` alone: assignments stay in the shell.
    for (const [k, v] of Object.entries(env)) scope.set(k, v);
    // The redirects still happen (`>file` empties it): judged as bash's null command `:`.
    return redirects.length ? nullCommand(node.text, redirects, input, scope, ctx) : null;
  }
  const cmd: Command = {
    argv,
    program: programName(argv[0]!),
    env: { ...scope.exportedValues(), ...env },
    redirects,
    stdin: input,
    via: [],
    text: node.text,
  };
  if (cmd.program !== null && ctx.functions.includes(argv[0]!.value ?? '')) cmd.recursive = true;
  readsIntoVariables(cmd, scope);
  cmd.dirs = [...scope.dirs];
  if (cmd.program === 'cd' || cmd.program === 'pushd' || cmd.program === 'popd') noteCdIn(cmd, scope);
  noteWrites(cmd, ctx);
  ctx.out.push(cmd);
  return cmd;
}


/** Operands of a chain of `&&` (tree-sitter nests them to the left), or null for any other list. */
function andOperands(node: Node): Node[] | null {
  if (node.type !== 'list') return null;
  const op = node.children.find((c) => !c.isNamed);
  if (op?.type !== '&&') return null;
  const named = node.namedChildren.filter((c) => c.type !== 'comment');
  if (named.length !== 2) return null;
  return [...(andOperands(named[0]!) ?? [named[0]!]), named[1]!];
}

/**
 * `cd X && a && b`: a and b run only when the cd succeeded, so in X alone. After the chain, the
 * line may be in X or (the cd failed, the rest skipped) where it was.
 */
function visitAndChain(parts: Node[], scope: Scope, ctx: Ctx, depth: number, stdin: StdinSource | null): Command | null {
  const before = [...scope.dirs];
  let last: Command | null = null;
  let narrowed = false;
  for (const part of parts) {
    const got = visit(part, scope, ctx, depth, stdin);
    last = got ?? last;
    if (got && got.cdTo !== undefined && part.type === 'command') {
      scope.dirs = [got.cdTo];
      narrowed = true;
    }
  }
  if (narrowed) for (const d of before) if (!scope.dirs.includes(d)) scope.dirs.push(d);
  return last;
}

/** A line of redirects only (`> f`, `X=1 >f`): bash's null command `:` with those redirects. */
function nullCommand(text: string, redirects: Redirect[], stdin: StdinSource | null, scope: Scope, ctx: Ctx): Command {
  const cmd: Command = { argv: [{ raw: ':', value: ':' }], program: ':', env: scope.exportedValues(), redirects, stdin, via: [], text, dirs: [...scope.dirs] };
  noteWrites(cmd, ctx);
  ctx.out.push(cmd);
  return cmd;
}

export { Scope };
export { programName };
