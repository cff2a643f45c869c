// ORM calls that empty a whole table (ActiveRecord delete_all, Django objects.all().delete(), Prisma deleteMany({})).
import type { CallSite } from '../lang/model';
import type { Lang } from '../lang/model';
import { obj } from './values';

export function ormCall(lang: Lang, c: CallSite): { api: string; model: string } | null {
  const k = c.callee;
  if (lang === 'ruby') {
    const m = /^([A-Z][\w:]*)(?:\.all|\.unscoped)?\.(delete_all|destroy_all|truncate)$/.exec(k);
    if (m && !c.args.length) return { api: m[2]!, model: m[1]! };
  }
  if (lang === 'python') {
    const m = /(?:^|\.)([A-Z]\w*)\.objects(?:\.all\(\))?\.delete$/.exec(k);
    if (m) return { api: 'objects.all().delete()', model: m[1]! };
    const s = /^(?:\w+\.)*query\(\)\.delete$/.exec(k);
    if (s && c.root && /query$/.test(c.root.callee)) return { api: 'query().delete()', model: c.root.args[0]?.text ?? '?' };
  }
  if (lang === 'javascript') {
    const m = /\.(\w+)\.(deleteMany|destroy)$/.exec(k);
    if (m && /PrismaClient|prisma|db/i.test(k)) {
      const o = obj(c.args[0]);
      const where = o?.where;
      if (!c.args.length || (o && (where === undefined || (where && typeof where === 'object' && Object.keys(where).length === 0)) )) return { api: m[2]!, model: m[1]! };
    }
  }
  return null;
}
