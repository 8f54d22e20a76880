/**
 * The project's import graph, from each file's text-level imports and re-exports (file-index.ts) resolved
 * to project files: who imports what, with which names.
 */
import type { TextImport, TextReexport } from './imports.js';

export interface ProjectImport {
  specifier: string;
  target: string;
  names: readonly string[] | '*';
}

export interface ImportGraph {
  /** Files importing or re-exporting from a file, with the names they take (`*`: any). */
  dependents: Map<string, { file: string; names: readonly string[] | '*' }[]>;
  /** Files re-exporting from a file. */
  reexporters: Map<string, string[]>;
  /** Each file's imports and re-exports of project files. */
  importsOf: Map<string, ProjectImport[]>;
}

/**
 * `resolve` gives a file's [specifier, project file] pairs for the specifiers it is handed (the file index
 * remembers them between runs).
 */
export function buildImportGraph(
  files: Iterable<[string, { imports: readonly TextImport[]; reexports: readonly TextReexport[] }]>,
  resolve: (file: string, specifiers: string[]) => [string, string][],
): ImportGraph {
  const graph: ImportGraph = { dependents: new Map(), reexporters: new Map(), importsOf: new Map() };
  for (const [file, info] of files) {
    const specified = [...info.imports, ...info.reexports.map((r) => ({ specifier: r.specifier, names: r.star ? ('*' as const) : r.pairs.map(([imported]) => imported) }))];
    const targets = new Map(resolve(file, [...new Set(specified.map((imp) => imp.specifier))]));
    const resolved = specified.flatMap((imp) => {
      const target = targets.get(imp.specifier);
      return target === undefined ? [] : [{ specifier: imp.specifier, target, names: imp.names }];
    });
    graph.importsOf.set(file, resolved);
    for (const imp of resolved) {
      const list = graph.dependents.get(imp.target);
      if (list) list.push({ file, names: imp.names });
      else graph.dependents.set(imp.target, [{ file, names: imp.names }]);
    }
    for (const r of info.reexports) {
      const target = targets.get(r.specifier);
      if (target !== undefined) graph.reexporters.set(target, [...(graph.reexporters.get(target) ?? []), file]);
    }
  }
  return graph;
}
