// The HTTP-client family: curl, wget, HTTPie/xh and `gh api` -> `http` and `graphql` facts.
import type { Analyzer, AnalyzeContext } from '../types';
import type { Command, Fact } from '../../types';
import { pipeText } from '../../shell/stdin';
import { parseCurl, type Sources } from './curl';
import { parseWget } from './wget';
import { parseHttpie } from './httpie';
import { parseGhApi } from './gh';
import { requestFacts } from './facts';
import type { HttpRequest } from './request';

export const HTTP_PROGRAMS = ['curl', 'wget', 'http', 'https', 'xh', 'xhs', 'httpie', 'gh'] as const;

function parse(cmd: Command, src: Sources): HttpRequest | null {
  switch (cmd.program) {
    case 'curl':
      return parseCurl(cmd.argv, src);
    case 'wget':
      return parseWget(cmd.argv, src);
    case 'gh':
      return parseGhApi(cmd.argv, src);
    case 'httpie':
      // `httpie` is the plugin manager CLI; `httpie http ...` is not a thing, but be lenient.
      return cmd.argv[1]?.value && /^(GET|POST|PUT|PATCH|DELETE)$/i.test(cmd.argv[1].value) ? parseHttpie(cmd.argv, 'http', src) : null;
    default:
      return parseHttpie(cmd.argv, cmd.program!, src);
  }
}

export function sourcesFor(cmd: Command, ctx: AnalyzeContext): Sources {
  let stdin: string | null | undefined;
  return {
    readFile: (p) => ctx.readFile(p),
    stdin: () => (stdin === undefined ? (stdin = pipeText(cmd, (p) => ctx.readFile(p))) : stdin),
    hasStdin: () => cmd.stdin !== null,
  };
}

const analyzer: Analyzer = {
  name: 'http',
  analyze(cmd: Command, ctx: AnalyzeContext): Fact[] {
    const req = parse(cmd, sourcesFor(cmd, ctx));
    return req ? requestFacts(req, cmd.text) : [];
  },
};

export default analyzer;
