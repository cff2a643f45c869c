// Kubernetes: kubectl / oc / k and helm. Facts: { type: 'cli', tool, action, object, name, namespace, ... }.
import type { Analyzer } from '../types';
import { analyzeKubectl } from './kubectl';
import { analyzeHelm } from './helm';

const analyzer: Analyzer = {
  name: 'kubernetes',
  analyze(cmd, ctx) {
    if (cmd.program === 'helm' || cmd.program === 'helm3') return analyzeHelm(cmd, ctx);
    return analyzeKubectl(cmd, ctx);
  },
};
export default analyzer;
