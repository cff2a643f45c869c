// Scripts: npm/pnpm/yarn/bun scripts from package.json and make targets from the Makefile are read and
// their commands analysed by every family; the facts carry the outer command line (and `script`, `innerCommand`).
import type { Analyzer } from '../types';
import { analyzePackageScript } from './package';
import { analyzeMake } from './makefile';

const analyzer: Analyzer = {
  name: 'scripts',
  programs: ['npm', 'pnpm', 'yarn', 'bun', 'make', 'gmake'],
  analyze(cmd, ctx) {
    return cmd.program === 'make' || cmd.program === 'gmake' ? analyzeMake(cmd, ctx) : analyzePackageScript(cmd, ctx);
  },
};
export default analyzer;
