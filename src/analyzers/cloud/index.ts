// Clouds: aws, gcloud, gsutil, az. Facts: { type: 'cli', tool, object (service or command group), action, name, ... }.
import type { Analyzer } from '../types';
import { analyzeAws } from './aws';
import { analyzeGcloud, analyzeGsutil } from './gcloud';
import { analyzeAz } from './azure';

const analyzer: Analyzer = {
  name: 'cloud',
  analyze(cmd, ctx) {
    // Help and request skeletons print text and call nothing: `aws s3 rm help`, `gcloud help sql`,
    // `az vm delete --help`, `aws ec2 terminate-instances --generate-cli-skeleton`.
    const words = cmd.argv.slice(1).map((w) => w.value);
    if (words.some((w) => w === '--help' || w === '--generate-cli-skeleton') || ((cmd.program === 'aws' || cmd.program === 'gcloud') && words.includes('help')) || (cmd.program === 'az' && words.includes('-h'))) return [];
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
