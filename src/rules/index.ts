/** The rule registry (SPEC section 6), sorted by id. */
import { aiVendorOwnUse } from './ccpa/ai-vendor-own-use.js';
import { deletionGap } from './ccpa/deletion-gap.js';
import { gpc } from './ccpa/gpc.js';
import { noticeAtCollection } from './ccpa/notice-at-collection.js';
import { noticeSaleDisclosure } from './ccpa/notice-sale-disclosure.js';
import { optOutGate } from './ccpa/opt-out-gate.js';
import { optOutMechanism } from './ccpa/opt-out-mechanism.js';
import { serviceProviderCcba } from './ccpa/service-provider-ccba.js';
import { serviceProviderContract } from './ccpa/service-provider-contract.js';
import { staleFlow } from './map/stale-flow.js';
import { unassignedCode } from './map/unassigned-code.js';
import { undeclaredCategory } from './map/undeclared-category.js';
import { undeclaredFlow } from './map/undeclared-flow.js';
import { undeclaredVendor } from './map/undeclared-vendor.js';
import { skippedFile } from './tool/skipped-file.js';
import { suppression } from './tool/suppression.js';
import type { Rule } from './types.js';

export const rules: readonly Rule[] = [
  aiVendorOwnUse,
  deletionGap,
  gpc,
  noticeAtCollection,
  noticeSaleDisclosure,
  optOutGate,
  optOutMechanism,
  serviceProviderCcba,
  serviceProviderContract,
  staleFlow,
  unassignedCode,
  undeclaredCategory,
  undeclaredFlow,
  undeclaredVendor,
  skippedFile,
  suppression,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
