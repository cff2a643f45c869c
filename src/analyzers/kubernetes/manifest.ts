// Kinds and names in a manifest given to `kubectl delete -f` (YAML or JSON, several documents, List items).
import type { AnalyzeContext } from '../types';

export interface ManifestObject {
  kind: string;
  name: string | null;
  namespace: string | null;
}

export function manifestObjects(file: string, ctx: AnalyzeContext): ManifestObject[] | null {
  if (file === '-' || /^https?:\/\//.test(file)) return null;
  const text = ctx.readFile(file);
  if (text === null) return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const YAML = require('yaml') as typeof import('yaml');
    const out: ManifestObject[] = [];
    const visit = (doc: unknown): void => {
      if (!doc || typeof doc !== 'object') return;
      const d = doc as { kind?: unknown; items?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
      if (Array.isArray(d.items)) d.items.forEach(visit);
      if (typeof d.kind !== 'string' || d.kind.endsWith('List')) return;
      const name = typeof d.metadata?.name === 'string' ? d.metadata.name : null;
      const namespace = typeof d.metadata?.namespace === 'string' ? d.metadata.namespace : null;
      out.push({ kind: d.kind, name, namespace });
    };
    for (const doc of YAML.parseAllDocuments(text)) visit(doc.toJSON());
    return out;
  } catch {
    return null;
  }
}
