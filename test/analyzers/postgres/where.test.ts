// The WHERE re-emitted for the impact count: only plain conditions, proven by re-parsing.
import { describe, expect, it } from 'vitest';
import { loadPg } from '../../../src/analyzers/postgres/sql';
import { safeWhere } from '../../../src/analyzers/postgres/where';
import type { Node } from '../../../src/analyzers/postgres/ast';

async function whereOf(sql: string): Promise<string | null> {
  const pg = await loadPg();
  const stmt = pg.parseSync(sql).stmts![0]!.stmt as Node;
  const body = (stmt.DeleteStmt ?? stmt.UpdateStmt) as Node;
  return safeWhere(pg, body.whereClause as Node);
}

describe('safeWhere', () => {
  it('re-emits columns, constants, comparisons, AND/OR/NOT, IS NULL, IN, BETWEEN, LIKE', async () => {
    expect(await whereOf('DELETE FROM t WHERE id = 3')).toBe('("id") = (3)');
    expect(await whereOf("DELETE FROM t WHERE a.b <= -2.5 AND s IS NOT NULL OR NOT (x IN (1, 'two'))")).toBe(`((("a"."b") <= (-2.5)) AND (("s") IS NOT NULL)) OR (NOT (("x") IN (1, 'two')))`);
    expect(await whereOf("UPDATE t SET a = 1 WHERE d NOT BETWEEN '2026-01-01' AND '2026-02-01' AND e NOT ILIKE 'x%'")).toBe(`(("d") NOT BETWEEN '2026-01-01' AND '2026-02-01') AND (("e") NOT ILIKE ('x%'))`);
  });

  it('a quote inside a literal stays inside the literal', async () => {
    expect(await whereOf("DELETE FROM t WHERE name = 'x'' OR 1=1 --'")).toBe(`("name") = ('x'' OR 1=1 --')`);
    expect(await whereOf('DELETE FROM t WHERE "we""ird" = 1')).toBe('("we""ird") = (1)');
  });

  it('functions, subqueries, casts, user operators and parameters are not emitted', async () => {
    for (const sql of [
      'DELETE FROM t WHERE pg_sleep(10) IS NULL',
      'DELETE FROM t WHERE id IN (SELECT id FROM u)',
      'DELETE FROM t WHERE EXISTS (SELECT dblink_exec(1))',
      "DELETE FROM t WHERE id = '1'::int",
      'DELETE FROM t WHERE id OPERATOR(public.=) 1',
      'DELETE FROM t WHERE id @@ 1',
      'DELETE FROM t WHERE id = $1',
      'DELETE FROM t WHERE CURRENT OF c',
    ]) expect(await whereOf(sql), sql).toBeNull();
  });
});
