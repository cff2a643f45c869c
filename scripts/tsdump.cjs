// Dev aid: print the tree-sitter-bash tree of each argument (node scripts/tsdump.cjs "cmd" ...).
const Parser=require('tree-sitter'); const Bash=require('tree-sitter-bash');
const p=new Parser(); p.setLanguage(Bash);
for (const s of process.argv.slice(2)) { const t=p.parse(s); console.log(s.replace(/\n/g,'\\n'), '\n  ', t.rootNode.toString()); }
