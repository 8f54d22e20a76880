import type { ScanResult } from '../scan/types.js';

/** `flowaudit scan` output. (Stub: replaced by the scanner work.) */
export function formatInventory(scan: ScanResult, _format: 'stylish' | 'json', _color: boolean): string {
  return `${JSON.stringify(scan, null, 2)}\n`;
}
