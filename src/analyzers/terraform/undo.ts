// Terraform: a copy of the local state files (terraform.tfstate and its .backup) of the
// directory a destroy runs in. The state is the way back to re-import or re-create.
import * as fs from 'fs';
import * as path from 'path';
import type { CheckpointProvider } from '../providers';
import { terraformDir } from './impact';

export interface TfItem {
  kind: 'terraform';
  dir: string;
  files: { name: string; saved: string }[];
}
const STATE_FILES = ['terraform.tfstate', 'terraform.tfstate.backup'];

export function stateFilesIn(dir: string): string[] {
  return STATE_FILES.filter((f) => fs.existsSync(path.join(dir, f)));
}

export function saveTerraform(dir: string, into: string): TfItem {
  const files = stateFilesIn(dir).map((name) => {
    const saved = path.join(into, `tfstate-${name}`);
    fs.copyFileSync(path.join(dir, name), saved);
    return { name, saved };
  });
  return { kind: 'terraform', dir, files };
}

export function restoreTerraform(item: TfItem): string[] {
  for (const f of item.files) fs.copyFileSync(f.saved, path.join(item.dir, f.name));
  return [`terraform state restored in ${item.dir} (${item.files.map((f) => f.name).join(', ')})`];
}

/** A destroy or apply: a copy of the local state. */
export const checkpoints: CheckpointProvider<TfItem> = {
  plan(fact, ctx) {
    if (fact.action !== 'destroy' && fact.action !== 'apply') return null;
    const dir = terraformDir(fact, ctx.cwd);
    if (!stateFilesIn(dir).length || !ctx.once(`tf:${dir}`)) return null;
    return { what: 'a copy of the terraform state', bytes: fs.statSync(path.join(dir, stateFilesIn(dir)[0]!)).size };
  },
  save: (fact, ctx) => saveTerraform(terraformDir(fact, ctx.cwd), ctx.dir),
  restore: (item) => restoreTerraform(item),
  describe: (item) => `terraform state ${item.dir}`,
};
