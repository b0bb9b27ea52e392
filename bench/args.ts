/** Command-line flags of `npm run bench`. */
export interface BenchArgs {
  json: boolean;
  quick: boolean;
  /** Run the Go side (off with --no-go). */
  go: boolean;
  /** Write bench/RESULTS.md after a full run (off with --no-write). */
  write: boolean;
  vectorsDir?: string;
  /** Words; a case runs when its name contains one of them (all cases when empty). */
  filter: string[];
}

export function parseArgs(argv: readonly string[]): BenchArgs {
  const a: BenchArgs = { json: false, quick: false, go: true, write: true, filter: [] };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--json') a.json = true;
    else if (x === '--quick') a.quick = true;
    else if (x === '--no-go') a.go = false;
    else if (x === '--no-write') a.write = false;
    else if (x === '--vectors') {
      const d = argv[++i];
      if (!d) throw new Error('--vectors needs a folder');
      a.vectorsDir = d;
    } else if (x.startsWith('--vectors=')) a.vectorsDir = x.slice('--vectors='.length);
    else if (x.startsWith('-')) throw new Error(`unknown flag ${x} (known: --json --quick --no-go --no-write --vectors DIR)`);
    else a.filter.push(x);
  }
  return a;
}
