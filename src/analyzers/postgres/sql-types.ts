// The shapes sql.ts and plpgsql.ts share (apart from sql.ts, so plpgsql.ts need not import it back).
import type { Node } from './ast';

export interface SqlItem {
  /** drop, truncate, delete-all, update-all, ... read, write, ddl, other, unparsed. */
  class: string;
  /** AST node name of the statement doing it (DropStmt, DeleteStmt...). */
  statement: string;
  /** Top-level statement it was found in. */
  top: string;
  objectType: string;
  objects: string[];
  cascade: boolean;
  /** Statement text (shortened). */
  sql: string;
  detail?: string;
  /** DELETE/UPDATE: the WHERE as safe SQL to count the rows it matches (./where.ts). */
  where?: string;
  /** DELETE/UPDATE with a WHERE too complex to run for a count (functions, subqueries). */
  whereUncounted?: boolean;
}

export interface Pg {
  parseSync(sql: string): { stmts?: { stmt: Node; stmt_location?: number; stmt_len?: number }[] };
  parsePlPgSQLSync(sql: string): unknown;
}
