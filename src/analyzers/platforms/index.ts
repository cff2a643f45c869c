// Platforms: fly, heroku, vercel, netlify, supabase, neon, planetscale.
// Facts: { type: 'cli', tool, object (topic: apps, volumes, pg, db...), action, name, app, ... }.
import type { Analyzer } from '../types';
import { analyzeFly, analyzeHeroku, analyzeNetlify, analyzeVercel } from './paas';
import { analyzeNeon, analyzePscale, analyzeSupabase } from './dbaas';
import { remoteFacts } from './remote';

const BY_PROGRAM: Record<string, Analyzer['analyze']> = {
  fly: analyzeFly, flyctl: analyzeFly, heroku: analyzeHeroku, vercel: analyzeVercel, netlify: analyzeNetlify,
  supabase: analyzeSupabase, neonctl: analyzeNeon, neon: analyzeNeon, pscale: analyzePscale,
};

const analyzer: Analyzer = {
  name: 'platforms',
  async analyze(cmd, ctx) {
    const f = BY_PROGRAM[cmd.program ?? ''];
    if (!f) return [];
    const own = await f(cmd, ctx);
    return cmd.program === 'heroku' || cmd.program === 'fly' || cmd.program === 'flyctl' ? [...own, ...(await remoteFacts(cmd, ctx))] : own;
  },
};
export default analyzer;
