// Clouds: aws, gcloud, gsutil, az. Facts: { type: 'cli', tool, object (service or command group), action, name, ... }.
import type { Analyzer } from '../types';
import { analyzeAws } from './aws';
import { analyzeGcloud, analyzeGsutil } from './gcloud';
import { analyzeAz } from './azure';

const analyzer: Analyzer = {
  name: 'cloud',
  programs: ['aws', 'gcloud', 'gsutil', 'az'],
  analyze(cmd, ctx) {
    switch (cmd.program) {
      case 'aws':
        return analyzeAws(cmd, ctx);
      case 'gcloud':
        return analyzeGcloud(cmd, ctx);
      case 'gsutil':
        return analyzeGsutil(cmd, ctx);
      default:
        return analyzeAz(cmd, ctx);
    }
  },
};
export default analyzer;
