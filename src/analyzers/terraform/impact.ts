// Terraform: the addresses a destroy takes. A saved plan's addresses come from the analyzer
// (`addresses`); otherwise the local state file lists what a full destroy would remove.
import * as fs from 'fs';
import * as path from 'path';
import type { Fact } from '../../types';
import type { Impact, Lookup, LookupContext } from '../providers';

const MAX_STATE = 32 * 1024 * 1024;

interface StateResource {
  mode?: string;
  type?: string;
  name?: string;
  module?: string;
  instances?: { index_key?: string | number }[];
}

/** Managed resource addresses in a terraform.tfstate (format 4). */
export function stateAddresses(text: string): string[] {
  const state = JSON.parse(text) as { resources?: StateResource[] };
  const out: string[] = [];
  for (const r of state.resources ?? []) {
    if (r.mode !== 'managed') continue;
    const base = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
    const inst = r.instances ?? [];
    if (inst.length <= 1 && inst[0]?.index_key === undefined) out.push(base);
    else for (const i of inst) out.push(typeof i.index_key === 'number' ? `${base}[${i.index_key}]` : `${base}["${i.index_key}"]`);
  }
  return out;
}

export function terraformDir(fact: Fact, cwd: string): string {
  return path.resolve(cwd, String(fact.chdir || '.'));
}

export async function terraformImpact(fact: Fact, ctx: LookupContext): Promise<Impact | null> {
  if (fact.type !== 'terraform') return null;
  const destroying = fact.action === 'destroy' || (Array.isArray(fact.addresses) && fact.addresses.length > 0);
  if (!destroying) return null;
  let addresses = Array.isArray(fact.addresses) ? fact.addresses.map(String) : [];
  let from = 'the plan';
  if (!addresses.length) {
    const file = path.join(terraformDir(fact, ctx.cwd), 'terraform.tfstate');
    try {
      if (fs.statSync(file).size > MAX_STATE) throw new Error('state file too large to read');
      addresses = stateAddresses(fs.readFileSync(file, 'utf8'));
      from = 'the local state';
    } catch (e) {
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no local terraform.tfstate (remote backend?)' : (e as Error).message;
      return { source: 'terraform', status: 'unavailable', summary: [`could not look up what is destroyed: ${why}`], error: why };
    }
  }
  const shown = addresses.slice(0, 8);
  return {
    source: 'terraform',
    status: 'looked-up',
    summary: [`destroys ${addresses.length} resources (from ${from}): ${shown.join(', ')}${addresses.length > shown.length ? ', …' : ''}`],
    details: { addresses },
  };
}

/** The family's impact lookup (its declaration's `impact`), loaded by src/impact through the generated table. */
export const lookup: Lookup = terraformImpact;
