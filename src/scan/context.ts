/**
 * What the per-file extraction needs besides a file's text: the detectors, the guards and the module
 * resolver behind `keepImport`. Built the same way on the main thread and in each extraction worker, so
 * a file's facts do not depend on where they were extracted.
 */
import type { Catalog } from '../catalog/types.js';
import { buildDetectors, packageDetector, type Detectors } from './detectors.js';
import type { ExtractOptions } from './extract.js';
import type { GuardSpec } from '../data-map/types.js';
import { GuardMatcher } from './guards.js';
import { ModuleResolver } from './modules.js';
import type { ScanInput } from './types.js';
import { isHttpPackage, PLATFORM_GLOBALS } from './values.js';

/** Plain data (structured-cloneable): what a worker receives to rebuild the context. */
export interface ScanContextSetup {
  root: string;
  catalog: Catalog;
  vendors: ScanInput['vendors'];
  guards: GuardSpec[];
  files: readonly string[];
  tsconfigs: readonly string[];
  packageJsons: readonly string[];
}

export interface ScanContext {
  detectors: Detectors;
  guards: GuardMatcher;
  modules: ModuleResolver;
  keepImport: (file: string, specifier: string) => boolean;
  extractOptions: ExtractOptions;
}

export function buildScanContext(setup: ScanContextSetup): ScanContext {
  const detectors = buildDetectors(setup.catalog, setup.vendors);
  const guards = new GuardMatcher(setup.guards);
  const modules = new ModuleResolver(setup.root, new Set(setup.files), setup.tsconfigs, setup.packageJsons);
  const keepImport = (file: string, specifier: string): boolean =>
    specifier.startsWith('.') || packageDetector(detectors, specifier) !== undefined || isHttpPackage(specifier) || modules.resolve(file, specifier) !== undefined;
  const extractOptions: ExtractOptions = {
    guards,
    relevantGlobals: new Set([...detectors.globals.keys(), ...PLATFORM_GLOBALS, ...guards.tokens]),
    keepImport,
  };
  return { detectors, guards, modules, keepImport, extractOptions };
}
