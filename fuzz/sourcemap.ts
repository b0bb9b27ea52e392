/** Maps positions in the compiled dist/*.js back to the TypeScript sources (tsc's .js.map files). */
import { SourceMap } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | null>();

/** "codecs/x.ts:L:C" for a 1-based line and column of a compiled file (a path or file: URL). */
export function sourceLocation(file: string, line: number, column: number): string {
  let where = `${file}:${line}:${column}`;
  const js = file.startsWith('file://') ? fileURLToPath(file) : file;
  if (js.endsWith('.js')) {
    let m = maps.get(js);
    if (m === undefined) {
      try {
        m = existsSync(`${js}.map`) ? new SourceMap(JSON.parse(readFileSync(`${js}.map`, 'utf8'))) : null;
      } catch {
        m = null;
      }
      maps.set(js, m);
    }
    const e = m?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
    if (e?.originalSource) where = `${e.originalSource}:${e.originalLine! + 1}:${e.originalColumn! + 1}`;
  }
  return where.replace(/^file:\/\//, '').replace(/^.*?\/(codecs|fuzz|conformance)\//, '$1/');
}
