// Scripts and task runners: npm/pnpm/yarn/bun scripts (and the install hooks they run), make targets,
// just recipes, go-task tasks, rake tasks, invoke tasks, nox sessions and tox environments are read
// from their config file and what they run is analysed by every family; the facts carry the outer
// command line (and `script`, `innerCommand`).
import type { Analyzer } from '../types';
import { analyzePackageScript } from './package';
import { analyzeMake } from './makefile';
import { analyzeJust } from './just';
import { analyzeTask } from './taskfile';
import { analyzeRake } from './rake';
import { analyzeInvoke, analyzeNox } from './pytasks';
import { analyzeTox } from './tox';

const analyzer: Analyzer = {
  name: 'scripts',
  analyze(cmd, ctx) {
    switch (cmd.program) {
      case 'make':
      case 'gmake':
        return analyzeMake(cmd, ctx);
      case 'just':
        return analyzeJust(cmd, ctx);
      case 'task':
      case 'go-task':
        return analyzeTask(cmd, ctx);
      case 'rake':
        return analyzeRake(cmd, ctx);
      case 'invoke':
      case 'inv':
        return analyzeInvoke(cmd, ctx);
      case 'nox':
        return analyzeNox(cmd, ctx);
      case 'tox':
        return analyzeTox(cmd, ctx);
      default:
        return analyzePackageScript(cmd, ctx);
    }
  },
};
export default analyzer;
