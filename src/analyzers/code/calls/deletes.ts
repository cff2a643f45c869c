// File-deleting APIs per language, with the path argument when it is literal.
import type { CallSite } from '../lang/model';
import type { Lang } from '../lang/model';
import { obj, str } from './values';

export function deleteCall(lang: Lang, c: CallSite): { path: string | null; recursive: boolean } | null {
  const k = c.callee;
  const first = (): string | null => str(c.args[0]);
  const recOpt = (): boolean => {
    const o = obj(c.args[1]);
    return o?.recursive === true;
  };
  switch (lang) {
    case 'python':
      if (/^shutil\.rmtree$/.test(k)) return { path: first(), recursive: true };
      if (/^os\.(remove|unlink|rmdir|removedirs)$/.test(k)) return { path: first(), recursive: false };
      if (/^(pathlib\.)?Path\(\)\.(unlink|rmdir)$/.test(k)) return { path: str(c.root?.args[0]), recursive: false };
      return null;
    case 'javascript':
      if (/^fs(\.promises)?\.(rm|rmSync|rmdir|rmdirSync)$|^(fs-extra|fse)\.(rm|rmSync)$/.test(k)) return { path: first(), recursive: recOpt() };
      if (/^fs(\.promises)?\.(unlink|unlinkSync)$/.test(k)) return { path: first(), recursive: false };
      if (/^(fs-extra|fse|fs)\.(remove|removeSync|emptyDir|emptyDirSync)$/.test(k)) return { path: first(), recursive: true };
      if (/^(rimraf|rimraf\.sync|rimraf\.rimraf|rimraf\.rimrafSync|rimrafSync|del|del\.deleteAsync|del\.deleteSync|deleteAsync|deleteSync)$/.test(k)) return { path: first(), recursive: true };
      if (/^Deno\.(remove|removeSync)$/.test(k)) return { path: first(), recursive: recOpt() };
      return null;
    case 'ruby':
      if (/^FileUtils\.(rm_rf|rm_r|rmtree|remove_dir|remove_entry|remove_entry_secure)$/.test(k)) return { path: first(), recursive: true };
      if (/^FileUtils\.(rm|rm_f|remove|remove_file|safe_unlink)$|^File\.(delete|unlink)$|^Dir\.(rmdir|delete|unlink)$/.test(k)) return { path: first(), recursive: false };
      if (/^Pathname\.new\(\)\.rmtree$/.test(k)) return { path: str(c.root?.args[0]), recursive: true };
      return null;
    case 'go':
      if (k === 'os.RemoveAll') return { path: first(), recursive: true };
      if (k === 'os.Remove') return { path: first(), recursive: false };
      return null;
    case 'php':
      if (/^(unlink|rmdir)$/.test(k)) return { path: first(), recursive: false };
      return null;
  }
}

