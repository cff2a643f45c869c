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
}

export interface Pg {
  parseSync(sql: string): { stmts?: { stmt: Node; stmt_location?: number; stmt_len?: number }[] };
  parsePlPgSQLSync(sql: string): unknown;
}
