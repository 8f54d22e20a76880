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
import type { ModuleResolver } from './modules.js';
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

/** What the text pre-filter and the cache keys need, without loading the module resolver. */
export interface Detection {
  detectors: Detectors;
  guards: GuardMatcher;
}

export interface ScanContext extends Detection {
  modules: ModuleResolver;
  keepImport: (file: string, specifier: string) => boolean;
  extractOptions: ExtractOptions;
}

export function buildDetection(setup: ScanContextSetup): Detection {
  return { detectors: buildDetectors(setup.catalog, setup.vendors), guards: new GuardMatcher(setup.guards) };
}

/**
 * The whole context. The module resolver is imported here, when first needed: it loads the TypeScript
 * compiler (to read tsconfig files), which a warm run that hits the whole-result cache never needs.
 */
export async function buildScanContext(setup: ScanContextSetup, detection: Detection = buildDetection(setup)): Promise<ScanContext> {
  const { ModuleResolver } = await import('./modules.js');
  const { detectors, guards } = detection;
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
