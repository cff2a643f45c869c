// A small SQL statement classifier for MySQL/MariaDB and SQLite: a tokenizer that knows strings,
// quoted identifiers and comments (so 'drop table' inside a literal is data), then one look at
// each statement's leading keywords. Not a parser: enough to tell DROP/TRUNCATE/DELETE-without-WHERE.

export interface SqlStatement {
  /** drop, truncate, delete, update, alter-drop, select, insert, ... (lower case first keyword otherwise). */
  action: string;
  /** database, table, view, index, user, column, ... ('' when not relevant). */
  object: string;
  names: string[];
  /** DELETE/UPDATE has a top-level WHERE. */
  where: boolean;
  text: string;
}

interface Tok {
  k: 'w' | 's' | 'i' | 'p';
  v: string;
}

export function tokenize(sql: string, dialect: 'mysql' | 'sqlite'): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '#' && dialect === 'mysql') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      // MySQL executable comments /*! ... */ and /*+ hints */ hold code: drop only the markers.
      if (dialect === 'mysql' && sql[i + 2] === '!') {
        i += 3;
        while (i < n && /\d/.test(sql[i]!)) i++;
        continue;
      }
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '*' && sql[i + 1] === '/') {
      i += 2;
    } else if (c === "'" || c === '"' || c === '`' || (c === '[' && dialect === 'sqlite')) {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      let v = '';
      while (j < n) {
        const d = sql[j]!;
        if (d === '\\' && dialect === 'mysql' && close !== '`') {
          v += sql[j + 1] ?? '';
          j += 2;
          continue;
        }
        if (d === close) {
          if (sql[j + 1] === close) {
            v += d;
            j += 2;
            continue;
          }
          break;
        }
        v += d;
        j++;
      }
      const ident = c === '`' || c === '[' || (c === '"' && dialect === 'sqlite');
      out.push({ k: ident ? 'i' : 's', v });
      i = j + 1;
    } else if (/[A-Za-z0-9_$@]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$@]/.test(sql[j]!)) j++;
      out.push({ k: 'w', v: sql.slice(i, j) });
      i = j;
    } else {
      out.push({ k: 'p', v: c });
      i++;
    }
  }
  return out;
}

const OBJECTS: Record<string, string> = { DATABASE: 'database', SCHEMA: 'database', TABLE: 'table', TABLES: 'table', VIEW: 'view', INDEX: 'index', USER: 'user', TRIGGER: 'trigger', PROCEDURE: 'procedure', FUNCTION: 'function', EVENT: 'event', ROLE: 'role', SERVER: 'server', TABLESPACE: 'tablespace' };

export function classifySql(sql: string, dialect: 'mysql' | 'sqlite'): SqlStatement[] {
  const toks = tokenize(sql.replace(/^\s*delimiter\s+\S+\s*$/gim, ''), dialect);
  const out: SqlStatement[] = [];
  let cur: Tok[] = [];
  for (const t of [...toks, { k: 'p', v: ';' } as Tok]) {
    if (t.k === 'p' && t.v === ';') {
      if (cur.length) out.push(classify(cur));
      cur = [];
    } else cur.push(t);
  }
  return out;
}

function text(toks: Tok[]): string {
  return toks.map((t) => (t.k === 's' ? `'${t.v}'` : t.k === 'i' ? `\`${t.v}\`` : t.v)).join(' ').replace(/ ([.,)]) ?/g, '$1').slice(0, 200);
}

/** Qualified names (a.b) separated by commas, from position i, until a keyword that ends the list. */
function namesAt(toks: Tok[], i: number, stop: RegExp = /^(ON|CASCADE|RESTRICT|WHERE|SET|USING|LIMIT|ORDER|PARTITION|JOIN|AS|VALUES|SELECT)$/i): string[] {
  const names: string[] = [];
  let name = '';
  for (; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'p' && t.v === '.') name += '.';
    else if (t.k === 'p' && t.v === ',') {
      if (name) names.push(name);
      name = '';
    } else if (t.k === 'w' && stop.test(t.v)) break;
    else if (t.k === 'w' || t.k === 'i' || (t.k === 's' && name === '')) {
      if (name && !name.endsWith('.')) break;
      name += t.v;
    } else break;
  }
  if (name) names.push(name);
  return names;
}

function topLevelWord(toks: Tok[], word: string): number {
  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'p' && t.v === '(') depth++;
    else if (t.k === 'p' && t.v === ')') depth--;
    else if (depth === 0 && t.k === 'w' && t.v.toUpperCase() === word) return i;
  }
  return -1;
}

function classify(toks: Tok[]): SqlStatement {
  const up = (i: number): string => (toks[i]?.k === 'w' ? toks[i]!.v.toUpperCase() : '');
  const st: SqlStatement = { action: up(0).toLowerCase() || 'unknown', object: '', names: [], where: false, text: text(toks) };
  let i = 1;
  switch (up(0)) {
    case 'DROP': {
      while (/^(TEMPORARY|UNDEFINED|MATERIALIZED|ONLINE|OFFLINE)$/.test(up(i))) i++;
      st.object = OBJECTS[up(i)] ?? up(i).toLowerCase();
      i++;
      if (up(i) === 'IF' && up(i + 1) === 'EXISTS') i += 2;
      st.names = namesAt(toks, i);
      return st;
    }
    case 'TRUNCATE':
      st.object = 'table';
      if (up(1) === 'TABLE') i++;
      st.names = namesAt(toks, i);
      return st;
    case 'DELETE': {
      const from = topLevelWord(toks, 'FROM');
      st.object = 'table';
      st.names = from >= 0 ? namesAt(toks, from + 1) : namesAt(toks, 1);
      st.where = topLevelWord(toks, 'WHERE') >= 0;
      return st;
    }
    case 'UPDATE':
      while (/^(LOW_PRIORITY|IGNORE|OR|ROLLBACK|ABORT|REPLACE|FAIL)$/.test(up(i))) i++;
      st.object = 'table';
      st.names = namesAt(toks, i);
      st.where = topLevelWord(toks, 'WHERE') >= 0;
      return st;
    case 'ALTER': {
      st.object = OBJECTS[up(1)] ?? up(1).toLowerCase();
      st.names = namesAt(toks, 2);
      let depth = 0;
      for (let j = 2; j < toks.length; j++) {
        const t = toks[j]!;
        if (t.k === 'p' && t.v === '(') depth++;
        else if (t.k === 'p' && t.v === ')') depth--;
        else if (depth === 0 && /^(DROP|TRUNCATE)$/.test(up(j)) && !/^(INDEX|KEY|CONSTRAINT|FOREIGN|PRIMARY|CHECK|DEFAULT|TRIGGER)$/.test(up(j + 1))) {
          st.action = 'alter-drop';
          st.object = up(j + 1) === 'PARTITION' ? 'partition' : 'column';
        }
      }
      return st;
    }
    default:
      return st;
  }
}
