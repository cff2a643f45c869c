// The hook <-> resident server line protocol (one request line, one reply line).
//
//   request:  check <TAB> cwd <TAB> line <TAB> session-environment <TAB> shell-name  \n
//             ping \n
//   reply:    allow | incomplete | confirm <TAB> message | deny <TAB> message | pong   \n
//
// Fields are escaped so each fits one line: \ -> \\, newline -> \n, tab -> \t, CR -> \r.
// Shells unescape the message with printf '%b' (bash) / print (zsh), which read the same escapes.

export function escapeField(s: string): string {
  return s.replace(/[\\\n\t\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\t' ? '\\t' : '\\r'));
}

export function unescapeField(s: string): string {
  return s.replace(/\\([\\ntr])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : '\\'));
}

export interface CheckRequest {
  cwd: string;
  line: string;
  sessionEnvironment: string;
  shell: string;
}

export function parseRequest(raw: string): CheckRequest | 'ping' | null {
  if (raw === 'ping') return 'ping';
  const f = raw.split('\t');
  if (f[0] !== 'check' || f.length < 3) return null;
  return { cwd: unescapeField(f[1] ?? ''), line: unescapeField(f[2] ?? ''), sessionEnvironment: unescapeField(f[3] ?? ''), shell: f[4] ?? '' };
}

export function formatRequest(r: CheckRequest): string {
  return ['check', escapeField(r.cwd), escapeField(r.line), escapeField(r.sessionEnvironment), r.shell].join('\t') + '\n';
}
