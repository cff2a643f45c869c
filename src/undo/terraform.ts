// Terraform: a copy of the local state files (terraform.tfstate and its .backup) of the
// directory a destroy runs in. The state is the way back to re-import or re-create.
import * as fs from 'fs';
import * as path from 'path';
import type { SavedItem } from './store';

type TfItem = Extract<SavedItem, { kind: 'terraform' }>;
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
