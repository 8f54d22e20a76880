/**
 * Deterministic generator of a synthetic TypeScript monorepo for the flowaudit benchmark.
 *
 *   tsx bench/generate.ts --lines 100000 --out bench/corpus/100k [--seed 1]
 *
 * The corpus is mostly ordinary application code (interfaces, classes, generics, async functions, JSX,
 * comments) so that parsing it costs what parsing real code costs. About 10% of the files call a vendor
 * SDK directly, about 25% import one of the project's wrapper modules (chains up to four functions deep
 * across packages), and `apps/api/src/privacy/erase.ts#eraseUser` reaches three vendors' deletion calls
 * through wrappers. It also writes a `datamap.yaml` (SPEC section 2), `corpus.json` (sizes and densities)
 * and `expected.json` (the call sites the generator planted, for recall checks).
 *
 * Same seed and size -> byte-identical corpus. No Math.random, no clock in the output.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bump when the generated code changes, so `run.ts` regenerates stale corpora. */
export const GENERATOR_VERSION = 5;

// ---------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32)

export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  pickSome<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0] as T);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vocabulary

const NOUNS = [
  'order', 'invoice', 'cart', 'product', 'customer', 'shipment', 'coupon', 'review', 'inventory', 'warehouse',
  'payment', 'refund', 'subscription', 'address', 'session', 'account', 'profile', 'notification', 'report',
  'category', 'listing', 'bundle', 'promotion', 'supplier', 'ticket', 'message', 'channel', 'team', 'member',
  'project', 'task', 'schedule', 'booking', 'reservation', 'venue', 'menu', 'recipe', 'course', 'lesson', 'badge',
  'reward', 'wallet', 'transfer', 'ledger', 'receipt', 'quote', 'contract', 'asset', 'device', 'region', 'locale',
  'currency', 'discount', 'wishlist', 'banner', 'article', 'comment', 'tag', 'upload', 'job', 'webhook', 'plan',
  'feature', 'experiment', 'metric', 'dashboard', 'widget', 'filter', 'variant', 'price', 'store', 'catalog',
];
const VERBS = [
  'get', 'fetch', 'load', 'build', 'create', 'update', 'remove', 'format', 'parse', 'validate', 'compute', 'resolve',
  'normalize', 'merge', 'filter', 'sort', 'group', 'map', 'sync', 'refresh', 'apply', 'prepare', 'collect',
  'summarize', 'estimate', 'calculate', 'check', 'ensure', 'schedule', 'archive', 'restore', 'publish', 'select',
];
const ADJECTIVES = [
  'active', 'pending', 'archived', 'recent', 'featured', 'primary', 'default', 'visible', 'draft', 'shared', 'paged',
  'cached', 'sorted', 'local', 'remote', 'expired', 'valid', 'partial', 'grouped', 'next',
];
const SUFFIXES = ['Summary', 'Details', 'Options', 'State', 'Input', 'Result', 'Record', 'Config', 'Entry', 'Payload', 'Props', 'Filter', 'Stats'];
const PRIMITIVES = ['string', 'number', 'boolean', 'Date', 'string[]', 'number[]', 'Record<string, number>', 'string | null', 'ReadonlyArray<string>'];
const FIELD_WORDS = [
  'id', 'label', 'title', 'status', 'count', 'total', 'createdAt', 'updatedAt', 'slug', 'description', 'price',
  'quantity', 'weight', 'currency', 'position', 'enabled', 'tags', 'score', 'rank', 'notes', 'sku', 'version',
  'ownerTeam', 'region', 'dueDate', 'priority', 'source', 'kind', 'limit', 'offset', 'url', 'color', 'locale',
];
const SENTENCE_WORDS = [
  'the', 'a', 'each', 'every', 'this', 'value', 'list', 'request', 'response', 'cache', 'record', 'is', 'stays',
  'returns', 'keeps', 'sorted', 'stable', 'empty', 'when', 'unless', 'before', 'after', 'only', 'once', 'page',
  'batch', 'retry', 'limit', 'total', 'fields', 'order', 'server', 'client', 'rendered', 'computed', 'missing',
];
const STATUS_WORDS = ['draft', 'pending', 'active', 'paused', 'archived', 'failed', 'completed', 'cancelled'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

// ---------------------------------------------------------------------------------------------------------
// Code writer

/** Lines of one file under construction; `line()` is the 1-based number of the next line. */
class CodeWriter {
  readonly lines: string[] = [];
  private depth = 0;
  add(text: string): void {
    this.lines.push(text === '' ? '' : '  '.repeat(this.depth) + text);
  }
  open(text: string): void {
    this.add(text);
    this.depth++;
  }
  close(text = '}'): void {
    this.depth--;
    this.add(text);
  }
  outdent(): void {
    this.depth--;
  }
  /** A line at the enclosing level that continues the block (`} else {`, `case 'x':`). */
  middle(text: string): void {
    this.depth--;
    this.add(text);
    this.depth++;
  }
  nextLine(): number {
    return this.lines.length + 1;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Vendors: direct call snippets (reference/vendors.md)

type Runtime = 'browser' | 'server';
type VendorId =
  | 'posthog' | 'segment' | 'mixpanel' | 'meta-pixel' | 'google-analytics' | 'stripe' | 'sendgrid' | 'openai'
  | 'sentry' | 'intercom';

interface VendorSnippet {
  vendor: VendorId;
  api: string;
  runtime: Runtime;
  /** Import lines and module-level client setup. */
  imports: string[];
  setup: string[];
  /** Emits the transmitting call (one statement, may span lines); returns nothing. `user` and `order` are in scope. */
  call: (w: CodeWriter, rng: Rng) => void;
  /** May be gated by canSellData (sale/share-prone vendors). */
  gateable: boolean;
}

const EVENT_NAMES = ['checkout_started', 'order_completed', 'signup_completed', 'product_viewed', 'cart_updated', 'search_performed', 'plan_upgraded', 'coupon_applied'];

const VENDOR_SNIPPETS: VendorSnippet[] = [
  {
    vendor: 'posthog', api: 'posthog.capture', runtime: 'browser', gateable: true,
    imports: ["import posthog from 'posthog-js';"], setup: [],
    call: (w, rng) => {
      w.open(`posthog.capture('${rng.pick(EVENT_NAMES)}', {`);
      w.add('email: user.email,');
      w.add('userId: user.id,');
      w.add('orderId: order.id,');
      w.add(`step: ${rng.int(1, 5)},`);
      w.close('});');
    },
  },
  {
    vendor: 'posthog', api: 'PostHog#capture', runtime: 'server', gateable: true,
    imports: ["import { PostHog } from 'posthog-node';"],
    setup: ["const posthogClient = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://us.i.posthog.com' });"],
    call: (w, rng) => {
      w.open('posthogClient.capture({');
      w.add('distinctId: user.id,');
      w.add(`event: '${rng.pick(EVENT_NAMES)}',`);
      w.add('properties: { email: user.email, orderId: order.id, orderTotal: order.total },');
      w.close('});');
    },
  },
  {
    vendor: 'segment', api: 'analytics.track', runtime: 'server', gateable: true,
    imports: ["import { Analytics } from '@segment/analytics-node';"],
    setup: ["const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });"],
    call: (w, rng) => {
      w.open('analytics.track({');
      w.add('userId: user.id,');
      w.add(`event: '${cap(rng.pick(EVENT_NAMES).replace(/_/g, ' '))}',`);
      w.add('properties: { orderId: order.id, email: user.email, orderTotal: order.total },');
      w.close('});');
    },
  },
  {
    vendor: 'mixpanel', api: 'mixpanel.track', runtime: 'server', gateable: true,
    imports: ["import Mixpanel from 'mixpanel';"],
    setup: ["const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '');"],
    call: (w, rng) => {
      w.add(`mixpanel.track('${rng.pick(EVENT_NAMES)}', { distinct_id: user.id, email: user.email, ip: user.lastIp });`);
    },
  },
  {
    vendor: 'meta-pixel', api: 'fbq', runtime: 'browser', gateable: true,
    imports: [], setup: [],
    call: (w, rng) => {
      w.add(`fbq('track', '${rng.pick(['Purchase', 'Lead', 'CompleteRegistration', 'AddToCart'])}', { value: order.total, currency: 'USD', em: user.email, orderId: order.id });`);
    },
  },
  {
    vendor: 'google-analytics', api: 'gtag', runtime: 'browser', gateable: true,
    imports: [], setup: [],
    call: (w, rng) => {
      w.open(`gtag('event', '${rng.pick(['purchase', 'begin_checkout', 'sign_up', 'add_to_cart'])}', {`);
      w.add('transaction_id: order.id,');
      w.add('value: order.total,');
      w.add('user_id: user.id,');
      w.close('});');
    },
  },
  {
    vendor: 'stripe', api: 'stripe.customers.create', runtime: 'server', gateable: false,
    imports: ["import Stripe from 'stripe';"],
    setup: ["const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');"],
    call: (w) => {
      w.open('await stripe.customers.create({');
      w.add('email: user.email,');
      w.add('name: user.fullName,');
      w.add('metadata: { userId: user.id, orderId: order.id },');
      w.close('});');
    },
  },
  {
    vendor: 'sendgrid', api: 'sgMail.send', runtime: 'server', gateable: false,
    imports: ["import sgMail from '@sendgrid/mail';"],
    setup: ["sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');"],
    call: (w, rng) => {
      w.open('await sgMail.send({');
      w.add('to: user.email,');
      w.add("from: 'orders@acme.example',");
      w.add(`subject: '${cap(rng.pick(NOUNS))} update for order ' + order.id,`);
      w.add('html: `<p>Hello ${user.fullName}, your order ${order.id} is ${order.status}.</p>`,');
      w.close('});');
    },
  },
  {
    vendor: 'openai', api: 'openai.chat.completions.create', runtime: 'server', gateable: false,
    imports: ["import OpenAI from 'openai';"],
    setup: ["const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });"],
    call: (w) => {
      w.open('await openai.chat.completions.create({');
      w.add("model: 'gpt-4.1-mini',");
      w.add("messages: [{ role: 'user', content: `Write a short note to ${user.email} about order ${order.id}` }],");
      w.close('});');
    },
  },
  {
    vendor: 'sentry', api: 'Sentry.setUser', runtime: 'server', gateable: false,
    imports: ["import * as Sentry from '@sentry/node';"], setup: [],
    call: (w) => {
      w.add('Sentry.setUser({ id: user.id, email: user.email, ip_address: user.lastIp });');
    },
  },
  {
    vendor: 'sentry', api: 'Sentry.setUser', runtime: 'browser', gateable: false,
    imports: ["import * as Sentry from '@sentry/react';"], setup: [],
    call: (w) => {
      w.add('Sentry.setUser({ id: user.id, email: user.email });');
    },
  },
  {
    vendor: 'segment', api: 'fetch api.segment.io', runtime: 'server', gateable: true,
    imports: [], setup: ["const SEGMENT_ENDPOINT = 'https://api.segment.io/v1/track';"],
    call: (w, rng) => {
      w.open('await fetch(SEGMENT_ENDPOINT, {');
      w.add("method: 'POST',");
      w.add("headers: { 'content-type': 'application/json' },");
      w.add(`body: JSON.stringify({ userId: user.id, event: '${rng.pick(EVENT_NAMES)}', properties: { email: user.email } }),`);
      w.close('});');
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Wrappers: the project's own helpers around vendors (chains up to four deep)

interface WrapperApi {
  /** Import specifier and the function callers import. */
  from: string;
  name: string;
  runtime: Runtime | 'any';
  vendor: VendorId;
  /** Functions between the caller and the vendor call, the caller's callee first. */
  depth: number;
  /** The wrapper itself checks canSellData. */
  gatedInside: boolean;
  /** Emits the call (one statement); `user` and `order` are in scope. */
  call: (w: CodeWriter, rng: Rng) => void;
}

const WRAPPERS: WrapperApi[] = [
  {
    from: '@acme/telemetry', name: 'recordProductEvent', runtime: 'any', vendor: 'posthog', depth: 4, gatedInside: false,
    call: (w, rng) => w.add(`await recordProductEvent(user, '${rng.pick(EVENT_NAMES)}', { orderId: order.id, orderTotal: order.total });`),
  },
  {
    from: '@acme/analytics', name: 'track', runtime: 'any', vendor: 'posthog', depth: 3, gatedInside: false,
    call: (w, rng) => w.add(`await track(user, '${rng.pick(EVENT_NAMES)}', { orderId: order.id, email: user.email });`),
  },
  {
    from: '@acme/email', name: 'sendOrderEmail', runtime: 'server', vendor: 'sendgrid', depth: 2, gatedInside: false,
    call: (w) => w.add("await sendOrderEmail(user, order, 'order-confirmation');"),
  },
  {
    from: '@acme/billing', name: 'ensureCustomer', runtime: 'server', vendor: 'stripe', depth: 2, gatedInside: false,
    call: (w) => w.add('const billingCustomer = await ensureCustomer(user);'),
  },
  {
    from: '@acme/ai', name: 'summarizeForUser', runtime: 'server', vendor: 'openai', depth: 2, gatedInside: false,
    call: (w) => w.add('const summary = await summarizeForUser(user, `Order ${order.id}: ${order.status}`);'),
  },
  {
    from: '@acme/ads', name: 'trackConversion', runtime: 'browser', vendor: 'meta-pixel', depth: 1, gatedInside: true,
    call: (w, rng) => w.add(`trackConversion(user, '${rng.pick(['Purchase', 'Lead', 'AddToCart'])}', order.total);`),
  },
  {
    from: '@acme/ads', name: 'sendGaEvent', runtime: 'browser', vendor: 'google-analytics', depth: 1, gatedInside: false,
    call: (w, rng) => w.add(`sendGaEvent('${rng.pick(['purchase', 'view_item', 'sign_up'])}', { user_id: user.id, transaction_id: order.id });`),
  },
  {
    from: '@acme/monitoring', name: 'identifyUser', runtime: 'server', vendor: 'sentry', depth: 1, gatedInside: false,
    call: (w) => w.add('identifyUser(user);'),
  },
  {
    from: '@acme/cdp', name: 'trackServerEvent', runtime: 'server', vendor: 'segment', depth: 2, gatedInside: false,
    call: (w, rng) => w.add(`await trackServerEvent(user.id, '${rng.pick(EVENT_NAMES)}', { orderId: order.id, email: user.email });`),
  },
  {
    from: '@acme/support', name: 'upsertSupportContact', runtime: 'server', vendor: 'intercom', depth: 1, gatedInside: false,
    call: (w) => w.add('await upsertSupportContact(user);'),
  },
];

// ---------------------------------------------------------------------------------------------------------
// Ordinary code

interface FileContext {
  rng: Rng;
  names: NameRegistry;
  /** Import lines (deduplicated, emitted at the top). */
  imports: Set<string>;
  /** Types declared in this file, usable in signatures. */
  localTypes: string[];
  /** Functions declared in this file. */
  localFunctions: string[];
  exports: string[];
}

class NameRegistry {
  private readonly used = new Map<string, number>();
  unique(base: string): string {
    const n = this.used.get(base) ?? 0;
    this.used.set(base, n + 1);
    return n === 0 ? base : `${base}${n + 1}`;
  }
}

const LOCALS = ['items', 'values', 'entries', 'records', 'rows', 'results', 'pending', 'matches', 'batch', 'selected'];
const SCALARS = ['count', 'total', 'offset', 'limit', 'index', 'attempts', 'weight', 'score'];

function typeRef(ctx: FileContext): string {
  const { rng } = ctx;
  if (ctx.localTypes.length > 0 && rng.chance(0.35)) return rng.pick(ctx.localTypes);
  return rng.pick(PRIMITIVES);
}

function jsDoc(w: CodeWriter, rng: Rng, lines = rng.int(1, 3)): void {
  w.add('/**');
  for (let i = 0; i < lines; i++) {
    const words = Array.from({ length: rng.int(5, 12) }, () => rng.pick(SENTENCE_WORDS));
    w.add(` * ${cap(words.join(' '))}.`);
  }
  if (rng.chance(0.4)) w.add(` * @param ${rng.pick(['input', 'options', 'id'])} the ${rng.pick(NOUNS)} to ${rng.pick(VERBS)}`);
  w.add(' */');
}

function lineComment(w: CodeWriter, rng: Rng): void {
  const words = Array.from({ length: rng.int(4, 10) }, () => rng.pick(SENTENCE_WORDS));
  w.add(`// ${cap(words.join(' '))}.`);
}

function interfaceBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const name = ctx.names.unique(cap(rng.pick(NOUNS)) + rng.pick(SUFFIXES));
  if (rng.chance(0.5)) jsDoc(w, rng, 1);
  const generic = rng.chance(0.15);
  w.open(`export interface ${name}${generic ? '<T = unknown>' : ''} {`);
  const fields = rng.pickSome(FIELD_WORDS, rng.int(3, 10));
  for (const field of fields) {
    if (rng.chance(0.15)) lineComment(w, rng);
    w.add(`${rng.chance(0.1) ? 'readonly ' : ''}${field}${rng.chance(0.25) ? '?' : ''}: ${typeRef(ctx)};`);
  }
  if (generic) w.add('data: T;');
  w.close();
  w.add('');
  ctx.localTypes.push(name);
  ctx.exports.push(name);
}

function typeAliasBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const base = cap(rng.pick(NOUNS));
  const kind = rng.int(0, 2);
  if (kind === 0) {
    const name = ctx.names.unique(`${base}Status`);
    w.add(`export type ${name} = ${rng.pickSome(STATUS_WORDS, rng.int(2, 5)).map((s) => `'${s}'`).join(' | ')};`);
    ctx.localTypes.push(name);
    ctx.exports.push(name);
  } else if (kind === 1 && ctx.localTypes.length > 0) {
    const source = rng.pick(ctx.localTypes);
    const name = ctx.names.unique(`${rng.pick(['Partial', 'Readonly', 'Editable'])}${base}${rng.pick(SUFFIXES)}`);
    w.add(`export type ${name} = { [K in keyof ${source}]?: ${source}[K] extends Date ? string : ${source}[K] };`);
    ctx.exports.push(name);
  } else {
    const name = ctx.names.unique(`${base}Event`);
    w.add(`export type ${name} =`);
    for (const status of rng.pickSome(STATUS_WORDS, rng.int(2, 4))) {
      w.add(`  | { type: '${status}'; ${rng.pick(FIELD_WORDS)}: ${rng.pick(PRIMITIVES)}; at: number }`);
    }
    w.lines[w.lines.length - 1] += ';';
    ctx.localTypes.push(name);
    ctx.exports.push(name);
  }
  w.add('');
}

function enumBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const name = ctx.names.unique(`${cap(rng.pick(NOUNS))}${rng.pick(['Kind', 'Level', 'Mode', 'Stage'])}`);
  w.open(`export enum ${name} {`);
  for (const [i, s] of rng.pickSome(STATUS_WORDS, rng.int(3, 6)).entries()) w.add(`${cap(s)} = ${rng.chance(0.5) ? `'${s}'` : i},`);
  w.close();
  w.add('');
  ctx.exports.push(name);
}

function expression(ctx: FileContext): string {
  const { rng } = ctx;
  const local = rng.pick(LOCALS);
  switch (rng.int(0, 9)) {
    case 0:
      return `${local}.filter((entry) => entry.${rng.pick(FIELD_WORDS)} !== undefined).map((entry) => entry.${rng.pick(FIELD_WORDS)})`;
    case 1:
      return `${local}.reduce((sum, entry) => sum + (entry.${rng.pick(['total', 'count', 'price', 'weight'])} ?? 0), 0)`;
    case 2:
      return `\`${rng.pick(NOUNS)}-\${${rng.pick(SCALARS)}}-\${${rng.pick(['input', 'options'])}.${rng.pick(FIELD_WORDS)}}\``;
    case 3:
      return `${rng.pick(['input', 'options', 'config'])}?.${rng.pick(FIELD_WORDS)} ?? ${rng.chance(0.5) ? rng.int(0, 100) : `'${rng.pick(STATUS_WORDS)}'`}`;
    case 4:
      return `Math.max(${rng.pick(SCALARS)}, ${rng.int(1, 50)}) * ${(rng.next() * 3).toFixed(2)}`;
    case 5:
      return `new Map(${local}.map((entry) => [entry.id, entry] as const))`;
    case 6:
      return `Object.entries(${rng.pick(['input', 'config', 'options'])} ?? {}).sort(([a], [b]) => a.localeCompare(b))`;
    case 7:
      return `/^[a-z0-9-]{${rng.int(1, 4)},${rng.int(8, 64)}}$/i.test(String(${rng.pick(['input', 'options'])}.${rng.pick(FIELD_WORDS)}))`;
    case 8:
      return `${rng.pick(SCALARS)} > ${rng.int(0, 20)} ? '${rng.pick(STATUS_WORDS)}' : '${rng.pick(STATUS_WORDS)}'`;
    default:
      return `[...${local}].slice(${rng.int(0, 3)}, ${rng.int(4, 40)})`;
  }
}

function statements(w: CodeWriter, ctx: FileContext, count: number, depth: number, isAsync: boolean): void {
  const { rng } = ctx;
  for (let i = 0; i < count; i++) {
    const kind = rng.int(0, depth >= 2 ? 6 : 12);
    switch (kind) {
      case 0:
      case 1:
        w.add(`const ${rng.pick(LOCALS)}${rng.int(1, 9)} = ${expression(ctx)};`);
        break;
      case 2:
        w.add(`let ${rng.pick(SCALARS)}${rng.int(1, 9)} = ${rng.int(0, 10)};`);
        break;
      case 3:
        if (isAsync && ctx.localFunctions.length > 0) {
          w.add(`const ${rng.pick(['loaded', 'fetched', 'resolved'])}${cap(rng.pick(NOUNS))} = await ${rng.pick(ctx.localFunctions)}(${rng.pick(['input', 'options', 'id'])});`);
        } else {
          w.add(`const { ${rng.pickSome(FIELD_WORDS, rng.int(1, 3)).join(', ')}, ...rest${rng.int(1, 9)} } = ${rng.pick(['input', 'options', 'config'])} ?? {};`);
        }
        break;
      case 4:
        if (rng.chance(0.3)) lineComment(w, rng);
        w.add(`${rng.pick(['logger.debug', 'metrics.increment', 'console.debug'])}('${rng.pick(NOUNS)}.${rng.pick(VERBS)}', { ${rng.pick(SCALARS)}: ${rng.int(0, 9)} });`);
        break;
      case 5:
        w.add(`if (!${rng.pick(['input', 'options', 'config'])}) throw new Error('${rng.pick(NOUNS)} ${rng.pick(['is required', 'not found', 'is invalid'])}');`);
        break;
      case 6:
        w.add(`const ${rng.pick(['key', 'label', 'path', 'slug'])}${rng.int(1, 9)} = \`\${${rng.pick(['input', 'options'])}.${rng.pick(FIELD_WORDS)}}/${rng.pick(NOUNS)}\`;`);
        break;
      case 7:
        w.open(`if (${rng.pick(SCALARS)} ${rng.pick(['>', '<', '>=', '==='])} ${rng.int(0, 100)}) {`);
        statements(w, ctx, rng.int(1, 3), depth + 1, isAsync);
        if (rng.chance(0.5)) {
          w.middle('} else {');
          statements(w, ctx, rng.int(1, 2), depth + 1, isAsync);
        }
        w.close();
        break;
      case 8: {
        const element = rng.pick(['entry', 'item', 'row']);
        w.open(`for (const ${element} of ${rng.pick(LOCALS)}) {`);
        w.add(`if (!${element}.id) continue;`);
        statements(w, ctx, rng.int(1, 3), depth + 1, isAsync);
        w.close();
        break;
      }
      case 9: {
        const subject = `${rng.pick(['input', 'options'])}.status`;
        w.open(`switch (${subject}) {`);
        for (const s of rng.pickSome(STATUS_WORDS, rng.int(2, 4))) {
          w.open(`case '${s}': {`);
          statements(w, ctx, 1, depth + 2, isAsync);
          w.add('break;');
          w.close();
        }
        w.open('default:');
        w.add(`${rng.pick(SCALARS)} = ${rng.int(0, 9)};`);
        w.outdent();
        w.close();
        break;
      }
      case 10:
        w.open('try {');
        statements(w, ctx, rng.int(1, 3), depth + 1, isAsync);
        w.middle('} catch (error) {');
        w.add(`logger.warn('${rng.pick(NOUNS)} ${rng.pick(VERBS)} failed', { error: error instanceof Error ? error.message : String(error) });`);
        w.close();
        break;
      case 11:
        if (isAsync) {
          w.add(`const settled${rng.int(1, 9)} = await Promise.all(${rng.pick(LOCALS)}.map(async (entry) => ({ id: entry.id, ok: await ${rng.pick(['isReady', 'canProcess', 'hasAccess'])}(entry) })));`);
        } else {
          w.add(`const grouped${rng.int(1, 9)} = ${rng.pick(LOCALS)}.reduce<Record<string, number>>((acc, entry) => ({ ...acc, [entry.${rng.pick(FIELD_WORDS)}]: (acc[entry.${rng.pick(FIELD_WORDS)}] ?? 0) + 1 }), {});`);
        }
        break;
      default:
        w.open(`while (${rng.pick(SCALARS)} < ${rng.int(2, 20)}) {`);
        w.add(`${rng.pick(SCALARS)} += ${rng.int(1, 3)};`);
        w.close();
    }
  }
}

function functionBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const isAsync = rng.chance(0.45);
  const name = ctx.names.unique(`${rng.pick(VERBS)}${cap(rng.pick(ADJECTIVES))}${cap(rng.pick(NOUNS))}${rng.chance(0.3) ? 's' : ''}`);
  const generic = rng.chance(0.2);
  const returnType = rng.chance(0.5) ? typeRef(ctx) : 'unknown';
  if (rng.chance(0.6)) jsDoc(w, rng);
  const params = `input: ${generic ? 'T' : typeRef(ctx)}, options: { ${rng.pick(FIELD_WORDS.filter((f) => f !== 'limit'))}?: ${rng.pick(PRIMITIVES)}; limit?: number } = {}`;
  const signature = `${rng.chance(0.8) ? 'export ' : ''}${isAsync ? 'async ' : ''}function ${name}${generic ? `<T extends { id: string }>` : ''}(${params}): ${isAsync ? `Promise<${returnType}>` : returnType} {`;
  w.open(signature);
  w.add(`const ${rng.pick(LOCALS)} = ${rng.chance(0.5) ? '[] as Array<{ id: string; total?: number; status?: string }>' : `Array.from(${rng.pick(['options', 'input'])} as unknown as Iterable<{ id: string }>)`};`);
  statements(w, ctx, rng.int(3, 12), 0, isAsync);
  w.add(`return ${rng.chance(0.5) ? `{ ${rng.pickSome(FIELD_WORDS, rng.int(1, 4)).map((f) => `${f}: ${rng.pick(['input', 'options'])}.${f}`).join(', ')} } as unknown as ${returnType}` : `input as unknown as ${returnType}`};`);
  w.close();
  w.add('');
  ctx.localFunctions.push(name);
  ctx.exports.push(name);
}

function classBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const noun = cap(rng.pick(NOUNS));
  const name = ctx.names.unique(`${noun}${rng.pick(['Service', 'Repository', 'Store', 'Manager', 'Client', 'Cache'])}`);
  if (rng.chance(0.6)) jsDoc(w, rng, 2);
  w.open(`export class ${name}${rng.chance(0.2) ? ` implements ${rng.pick(['Disposable', 'Iterable<string>'])}` : ''} {`);
  w.add(`private readonly entries = new Map<string, ${typeRef(ctx)}>();`);
  w.add(`private ${rng.pick(SCALARS)} = ${rng.int(0, 10)};`);
  w.add(`static readonly ${rng.pick(['DEFAULT_LIMIT', 'MAX_RETRIES', 'TTL_MS'])} = ${rng.int(10, 5000)};`);
  w.add('');
  w.open(`constructor(private readonly ${rng.pick(['db', 'http', 'cache', 'config'])}: { get(key: string): Promise<unknown> }, private readonly ${rng.pick(['logger', 'clock'])}?: unknown) {`);
  w.add(`this.${rng.pick(['entries'])}.clear();`);
  w.close();
  const methods = rng.int(2, 5);
  for (let m = 0; m < methods; m++) {
    w.add('');
    const isAsync = rng.chance(0.5);
    if (rng.chance(0.4)) jsDoc(w, rng, 1);
    w.open(`${rng.chance(0.2) ? 'private ' : ''}${isAsync ? 'async ' : ''}${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}(input: ${typeRef(ctx)}, options: Record<string, unknown> = {}): ${isAsync ? 'Promise<number>' : 'number'} {`);
    w.add(`const ${rng.pick(LOCALS)} = [...this.entries.values()] as Array<{ id: string; total?: number; status?: string }>;`);
    statements(w, ctx, rng.int(2, 8), 1, isAsync);
    w.add(`return this.entries.size + ${rng.int(0, 9)};`);
    w.close();
  }
  if (rng.chance(0.5)) {
    w.add('');
    w.open(`get ${rng.pick(['size', 'isEmpty', 'snapshot'])}(): number {`);
    w.add('return this.entries.size;');
    w.close();
  }
  w.close();
  w.add('');
  ctx.exports.push(name);
}

function constBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const name = ctx.names.unique(`${rng.pick(ADJECTIVES).toUpperCase()}_${rng.pick(NOUNS).toUpperCase()}_${rng.pick(['CONFIG', 'LIMITS', 'LABELS', 'ROUTES', 'DEFAULTS'])}`);
  w.open(`export const ${name} = {`);
  for (const field of rng.pickSome(FIELD_WORDS, rng.int(3, 9))) {
    const value = rng.int(0, 3);
    w.add(`${field}: ${value === 0 ? `'${rng.pick(STATUS_WORDS)}'` : value === 1 ? rng.int(0, 1000) : value === 2 ? `[${rng.pickSome(STATUS_WORDS, 3).map((s) => `'${s}'`).join(', ')}]` : `{ ${rng.pick(FIELD_WORDS)}: ${rng.chance(0.5)} }`},`);
  }
  w.close('} as const;');
  w.add('');
  ctx.exports.push(name);
}

function arrowBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  const name = ctx.names.unique(`${rng.pick(VERBS)}${cap(rng.pick(NOUNS))}${rng.pick(['Label', 'Key', 'Score', 'Total', 'Path'])}`);
  w.open(`export const ${name} = (${rng.pick(['input', 'entry'])}: ${typeRef(ctx)}, ${rng.pick(SCALARS)} = ${rng.int(0, 9)}): string => {`);
  w.add(`const parts = [String(${rng.int(0, 9)}), '${rng.pick(NOUNS)}'];`);
  if (rng.chance(0.5)) w.add(`if (parts.length > ${rng.int(1, 4)}) parts.reverse();`);
  w.add(`return parts.join('${rng.pick(['-', '/', ':', '.'])}');`);
  w.close('};');
  w.add('');
  ctx.localFunctions.push(name);
  ctx.exports.push(name);
}

function componentBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  ctx.imports.add("import { useEffect, useMemo, useState } from 'react';");
  const noun = cap(rng.pick(NOUNS));
  const name = ctx.names.unique(`${noun}${rng.pick(['List', 'Card', 'Panel', 'Table', 'Form', 'Dialog', 'Summary', 'Badge', 'Picker'])}`);
  const props = `${name}Props`;
  w.open(`export interface ${props} {`);
  w.add(`${rng.pick(NOUNS)}s: Array<{ id: string; title: string; status: string; total?: number }>;`);
  w.add(`onSelect?: (id: string) => void;`);
  w.add(`variant?: 'compact' | 'full';`);
  w.close();
  w.add('');
  if (rng.chance(0.5)) jsDoc(w, rng, 1);
  w.open(`export function ${name}({ onSelect, variant = 'full', ...props }: ${props}) {`);
  w.add(`const [query, setQuery] = useState('');`);
  w.add(`const [expanded, setExpanded] = useState<string | null>(null);`);
  w.add(`const rows = useMemo(() => Object.values(props)[0] as Array<{ id: string; title: string; status: string; total?: number }>, [props]);`);
  w.add(`const visible = useMemo(() => rows.filter((row) => row.title.toLowerCase().includes(query.toLowerCase())), [rows, query]);`);
  if (rng.chance(0.6)) {
    w.open('useEffect(() => {');
    w.add(`if (visible.length === 0 && query !== '') setExpanded(null);`);
    w.close('}, [visible, query]);');
  }
  w.add('');
  w.open('return (');
  w.open(`<section className="${kebab(name)} ${kebab(name)}--\${variant}">`);
  w.open('<header>');
  w.add(`<h2>${noun} ${rng.pick(['overview', 'details', 'history', 'settings'])}</h2>`);
  w.add(`<input value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Search ${rng.pick(NOUNS)}s" />`);
  w.close('</header>');
  w.add(`{visible.length === 0 ? <p className="empty">No ${rng.pick(NOUNS)}s yet</p> : null}`);
  w.open('<ul>');
  w.open('{visible.map((row) => (');
  w.open(`<li key={row.id} className={row.id === expanded ? 'is-open' : undefined} onClick={() => { setExpanded(row.id); onSelect?.(row.id); }}>`);
  w.add('<strong>{row.title}</strong>');
  w.add(`<span className="status status--{row.status}">{row.status}</span>`);
  w.add(`{row.total !== undefined && <em>{row.total.toFixed(${rng.int(0, 2)})}</em>}`);
  w.close('</li>');
  w.close('))}');
  w.close('</ul>');
  if (rng.chance(0.5)) w.add(`<footer>{visible.length} of {rows.length} ${rng.pick(NOUNS)}s</footer>`);
  w.close('</section>');
  w.close(');');
  w.close();
  w.add('');
  ctx.exports.push(name, props);
}

function routeBlock(w: CodeWriter, ctx: FileContext): void {
  const { rng } = ctx;
  ctx.imports.add("import { Router, type Request, type Response } from 'express';");
  const noun = rng.pick(NOUNS);
  const router = ctx.names.unique(`${noun}Router`);
  w.add(`export const ${router} = Router();`);
  w.add('');
  const routes = rng.int(1, 3);
  for (let r = 0; r < routes; r++) {
    const method = rng.pick(['get', 'post', 'put', 'delete']);
    if (rng.chance(0.5)) jsDoc(w, rng, 1);
    w.open(`${router}.${method}('/${noun}s${rng.chance(0.6) ? '/:id' : ''}', async (req: Request, res: Response) => {`);
    w.add(`const input = { ...req.params, ...(req.body as Record<string, unknown>) };`);
    w.add(`const options = { limit: Number(req.query.limit ?? ${rng.int(10, 100)}) };`);
    statements(w, ctx, rng.int(2, 7), 1, true);
    w.add(`res.status(${method === 'post' ? 201 : 200}).json({ ok: true, ${rng.pick(FIELD_WORDS)}: input.id });`);
    w.close('});');
    w.add('');
  }
  ctx.exports.push(router);
}

// ---------------------------------------------------------------------------------------------------------
// The corpus plan

type FileKind = 'component' | 'hook' | 'util' | 'types' | 'route' | 'service' | 'test';

interface Workspace {
  dir: string;
  name: string;
  kind: 'app' | 'package';
  runtime: Runtime;
  ui: boolean;
  /** Files generated so far: path relative to the workspace's src, and exported names. */
  modules: { rel: string; exports: string[] }[];
}

interface PlantedCallSite {
  file: string;
  line: number;
  vendor: VendorId;
  /** The vendor API (direct), or `<module>#<function>` of the wrapper called. */
  api: string;
  /**
   * `direct`: a vendor call in a function nobody in the corpus calls (an outermost call site);
   * `wrapped`: a call of a project wrapper (an outermost call site whose `via` ends at the vendor);
   * `wrapper-internal`: the vendor call inside a wrapper (appears as the last `via` frame, not as a call site);
   * `excluded`: in a file the map's `scan.exclude` drops (must not be reported).
   */
  kind: 'direct' | 'wrapped' | 'wrapper-internal' | 'excluded';
  /** Wrapper functions between this call and the vendor call (the expected `via` length). */
  depth: number;
  gated: boolean;
}

/** `expected.json`: only `callSites` are call sites the audit must report (SPEC section 5). */
export interface ExpectedCallSites {
  /** The outermost calls (`direct` and `wrapped`), each expected as a reported call site. */
  callSites: PlantedCallSite[];
  /** Vendor calls inside wrappers: never call sites themselves, each the last `via` frame of its callers' sites. */
  wrapperVendorCalls: PlantedCallSite[];
  /** Vendor calls in files the map's `scan.exclude` drops: reported nowhere. */
  excluded: PlantedCallSite[];
}

export interface CorpusSummary {
  generatorVersion: number;
  seed: number;
  targetLines: number;
  files: number;
  lines: number;
  bytes: number;
  /** Files the audit should scan with the corpus's map (no tests, no .d.ts, no legacy/). */
  scannableFiles: number;
  scannableLines: number;
  packages: number;
  byKind: Record<string, number>;
  densities: {
    directVendorFiles: number;
    directVendorFileShare: number;
    wrapperImportFiles: number;
    wrapperImportFileShare: number;
    plantedCallSites: number;
    directCallSites: number;
    wrappedCallSites: number;
    gatedCallSites: number;
    wrapperInternalCalls: number;
    maxWrapperDepth: number;
  };
  vendors: string[];
  deletionHandler: string;
  /** A vendor-calling file (relative) that `run.ts` edits for the one-change measurement. */
  changeTarget: string;
}

const UI_PACKAGES = ['ui', 'forms', 'charts', 'tables', 'icons', 'theme', 'hooks', 'layout'];
const GENERIC_PACKAGES = [
  'utils', 'config', 'db', 'auth', 'i18n', 'search', 'catalog', 'inventory', 'shipping', 'pricing', 'orders',
  'cart', 'checkout', 'reviews', 'notifications', 'media', 'feature-flags', 'logger', 'validation', 'date', 'money',
  'geo', 'cms', 'recommendations', 'loyalty', 'coupons', 'returns', 'tax', 'fraud', 'reports', 'exports',
  'imports', 'scheduler', 'queue', 'cache', 'storage', 'webhooks', 'permissions', 'audit-log', 'settings',
  'onboarding', 'experiments', 'seo', 'sitemap', 'pdf', 'csv', 'rate-limit', 'sessions', 'teams', 'billing-plans',
  'invoices', 'subscriptions', 'addresses', 'profiles', 'uploads', 'jobs', 'metrics', 'health', 'docs', 'mocks-data',
];
const WRAPPER_PACKAGES = ['analytics', 'telemetry', 'email', 'billing', 'ai', 'ads', 'monitoring', 'cdp', 'support', 'privacy'];

export interface GenerateOptions {
  lines: number;
  out: string;
  seed?: number;
  log?: (message: string) => void;
}

export function generateCorpus(options: GenerateOptions): CorpusSummary {
  const seed = options.seed ?? 1;
  const rng = new Rng(seed * 7919 + options.lines);
  const names = new NameRegistry();
  const out = resolve(options.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  let totalFiles = 0;
  let totalLines = 0;
  let totalBytes = 0;
  let scannableFiles = 0;
  let scannableLines = 0;
  const byKind: Record<string, number> = {};
  const planted: PlantedCallSite[] = [];
  const directFiles = new Set<string>();
  const wrapperImportFiles = new Set<string>();
  const systemVendors = new Map<string, Set<VendorId>>();
  let changeTarget = '';

  const systemOf = (file: string): string => (file.startsWith('apps/web/') ? 'web' : file.startsWith('apps/api/') ? 'api' : file.startsWith('apps/admin/') ? 'admin' : 'shared-packages');
  const noteFlow = (file: string, vendor: VendorId): void => {
    const system = systemOf(file);
    if (!systemVendors.has(system)) systemVendors.set(system, new Set());
    systemVendors.get(system)!.add(vendor);
  };

  const writeText = (rel: string, text: string, counts: boolean): void => {
    const path = join(out, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    if (!counts) return;
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    totalFiles++;
    totalLines += lines;
    totalBytes += Buffer.byteLength(text);
    // Scannable: what the audit reads with this corpus's map (SPEC section 5 defaults plus `**/legacy/**`).
    if (!rel.endsWith('.d.ts') && !/\.test\.tsx?$/.test(rel) && !rel.includes('__tests__') && !rel.includes('/legacy/')) {
      scannableFiles++;
      scannableLines += lines;
    }
  };
  const writeCode = (rel: string, header: Iterable<string>, body: CodeWriter, sites: Omit<PlantedCallSite, 'file'>[] = []): void => {
    const head = [...header];
    const offset = head.length + (head.length > 0 ? 1 : 0);
    const text = (head.length > 0 ? head.join('\n') + '\n\n' : '') + body.lines.join('\n') + '\n';
    writeText(rel, text, true);
    for (const site of sites) planted.push({ file: rel, ...site, line: site.line + offset });
  };

  // -- workspaces
  const genericCount = Math.max(6, Math.round(options.lines / 20000));
  const uiCount = Math.min(UI_PACKAGES.length, Math.max(2, Math.round(genericCount / 6)));
  const packageNames = [...UI_PACKAGES.slice(0, uiCount), ...GENERIC_PACKAGES.slice(0, Math.max(1, genericCount - uiCount))];
  for (let i = GENERIC_PACKAGES.length; packageNames.length < genericCount; i++) packageNames.push(`domain-${i}`);
  const workspaces: Workspace[] = [
    { dir: 'apps/web', name: '@acme/web', kind: 'app', runtime: 'browser', ui: true, modules: [] },
    { dir: 'apps/api', name: '@acme/api', kind: 'app', runtime: 'server', ui: false, modules: [] },
    { dir: 'apps/admin', name: '@acme/admin', kind: 'app', runtime: 'browser', ui: true, modules: [] },
    ...packageNames.map((p): Workspace => ({ dir: `packages/${p}`, name: `@acme/${p}`, kind: 'package', runtime: UI_PACKAGES.includes(p) ? 'browser' : 'server', ui: UI_PACKAGES.includes(p), modules: [] })),
  ];
  const allPackages = [...WRAPPER_PACKAGES, ...packageNames];

  // -- root files
  const rootPackage = { name: 'acme-monorepo', private: true, workspaces: ['apps/*', 'packages/*'], scripts: { build: 'turbo run build', test: 'vitest run' } };
  writeText('package.json', JSON.stringify(rootPackage, null, 2) + '\n', false);
  const paths: Record<string, string[]> = {};
  for (const p of allPackages) {
    paths[`@acme/${p}`] = [`packages/${p}/src`];
    paths[`@acme/${p}/*`] = [`packages/${p}/src/*`];
  }
  const tsconfigBase = {
    compilerOptions: {
      target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', jsx: 'react-jsx', strict: true, skipLibCheck: true,
      esModuleInterop: true, baseUrl: '.', paths,
    },
  };
  writeText('tsconfig.base.json', JSON.stringify(tsconfigBase, null, 2) + '\n', false);
  writeText('tsconfig.json', JSON.stringify({ extends: './tsconfig.base.json', include: ['apps/*/src', 'packages/*/src'] }, null, 2) + '\n', false);
  writeText('.gitignore', 'node_modules/\ndist/\n.next/\ncoverage/\n.flowaudit-cache/\n', false);
  const writeWorkspaceManifest = (dir: string, name: string, deps: string[]): void => {
    const manifest = { name, version: '0.0.0', private: true, type: 'module', main: 'src/index.ts', types: 'src/index.ts', dependencies: Object.fromEntries(deps.map((d) => [d, d.startsWith('@acme/') ? '*' : '^1.0.0'])) };
    writeText(`${dir}/package.json`, JSON.stringify(manifest, null, 2) + '\n', false);
    writeText(`${dir}/tsconfig.json`, JSON.stringify({ extends: `${posix.relative(dir, '.')}/tsconfig.base.json`, include: ['src'] }, null, 2) + '\n', false);
  };

  // -- the wrapper packages (fixed, hand-written shapes)
  const fixed = (rel: string, header: string[], lines: string[], sites: Omit<PlantedCallSite, 'file'>[] = [], callsVendor = sites.length > 0): void => {
    const w = new CodeWriter();
    for (const l of lines) w.add(l);
    writeCode(rel, header, w, sites);
    if (callsVendor) directFiles.add(rel);
    byKind.wrapper = (byKind.wrapper ?? 0) + 1;
  };
  const site = (line: number, vendor: VendorId, api: string, gated = false): Omit<PlantedCallSite, 'file'> => ({ line, vendor, api, kind: 'wrapper-internal', depth: 0, gated });
  writeWorkspaceManifest('packages/privacy', '@acme/privacy', []);
  fixed('packages/privacy/src/consent.ts', [], [
    '/** The consumer\'s stored opt-out state (the "Do Not Sell or Share" link) and the GPC signal. */',
    'export interface ConsentSubject {',
    '  id: string;',
    '  doNotSell?: boolean;',
    '  gpc?: boolean;',
    '}',
    '',
    '/** True when the consumer has not opted out of sale/sharing. */',
    'export function canSellData(user: ConsentSubject | null | undefined): boolean {',
    '  if (!user) return false;',
    '  return user.doNotSell !== true && user.gpc !== true;',
    '}',
    '',
    '/** The browser\'s Global Privacy Control signal. */',
    'export function browserSendsGpc(): boolean {',
    "  return typeof navigator !== 'undefined' && (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;",
    '}',
  ]);
  writeText('packages/privacy/src/index.ts', "export * from './consent';\n", true);

  writeWorkspaceManifest('packages/analytics', '@acme/analytics', ['posthog-node', 'mixpanel']);
  fixed('packages/analytics/src/client.ts', ["import { PostHog } from 'posthog-node';"], [
    "const posthogClient = new PostHog(process.env.POSTHOG_KEY ?? '', { host: 'https://us.i.posthog.com', flushAt: 20 });",
    '',
    '/** Level 1: the only place that talks to PostHog. */',
    'export function captureEvent(distinctId: string, event: string, properties: Record<string, unknown>): void {',
    '  posthogClient.capture({ distinctId, event, properties });',
    '}',
    '',
    'export async function shutdownAnalytics(): Promise<void> {',
    '  await posthogClient.shutdown();',
    '}',
  ], [site(5, 'posthog', 'PostHog#capture')]);
  fixed('packages/analytics/src/dispatch.ts', ["import { captureEvent } from './client';"], [
    'export interface AnalyticsEvent {',
    '  distinctId: string;',
    '  name: string;',
    '  properties: Record<string, unknown>;',
    '}',
    '',
    'const queue: AnalyticsEvent[] = [];',
    '',
    '/** Level 2: batching in front of the client. */',
    'export function dispatch(event: AnalyticsEvent): void {',
    '  queue.push(event);',
    '  while (queue.length > 0) {',
    '    const next = queue.shift()!;',
    '    captureEvent(next.distinctId, next.name, { ...next.properties, sentAt: Date.now() });',
    '  }',
    '}',
  ]);
  fixed('packages/analytics/src/track.ts', ["import { dispatch } from './dispatch';"], [
    'export interface TrackedUser {',
    '  id: string;',
    '  email?: string;',
    '}',
    '',
    '/** Level 3: the function product code calls. */',
    'export async function track(user: TrackedUser, event: string, properties: Record<string, unknown> = {}): Promise<void> {',
    "  dispatch({ distinctId: user.id, name: event, properties: { ...properties, email: user.email } });",
    '}',
  ]);
  fixed('packages/analytics/src/mixpanel.ts', ["import Mixpanel from 'mixpanel';"], [
    "const mixpanel = Mixpanel.init(process.env.MIXPANEL_TOKEN ?? '');",
    '',
    'export function deleteMixpanelProfile(distinctId: string): void {',
    '  mixpanel.people.delete_user(distinctId);',
    '}',
  ], [], true);
  fixed('packages/analytics/src/privacy.ts', ["import { deleteMixpanelProfile } from './mixpanel';"], [
    '/** Deletion request: removes the analytics profile. */',
    'export async function forgetAnalyticsUser(userId: string): Promise<void> {',
    '  deleteMixpanelProfile(userId);',
    '}',
  ]);
  writeText('packages/analytics/src/index.ts', "export * from './track';\nexport * from './dispatch';\nexport * from './privacy';\nexport { shutdownAnalytics } from './client';\n", true);

  writeWorkspaceManifest('packages/telemetry', '@acme/telemetry', ['@acme/analytics']);
  fixed('packages/telemetry/src/product-events.ts', ["import { track, type TrackedUser } from '@acme/analytics';"], [
    '/** Level 4: product events with a common envelope. */',
    'export async function recordProductEvent(user: TrackedUser, name: string, properties: Record<string, unknown> = {}): Promise<void> {',
    "  await track(user, `product.${name}`, { ...properties, app: 'acme' });",
    '}',
  ]);
  writeText('packages/telemetry/src/index.ts', "export * from './product-events';\n", true);

  writeWorkspaceManifest('packages/email', '@acme/email', ['@sendgrid/mail']);
  fixed('packages/email/src/mailer.ts', ["import sgMail from '@sendgrid/mail';"], [
    "sgMail.setApiKey(process.env.SENDGRID_API_KEY ?? '');",
    '',
    'export interface MailMessage {',
    '  to: string;',
    '  subject: string;',
    '  html: string;',
    '}',
    '',
    'export async function sendMail(message: MailMessage): Promise<void> {',
    "  await sgMail.send({ ...message, from: 'no-reply@acme.example' });",
    '}',
  ], [site(10, 'sendgrid', 'sgMail.send')]);
  fixed('packages/email/src/templates.ts', ["import { sendMail } from './mailer';"], [
    'export async function sendOrderEmail(user: { email: string; fullName?: string }, order: { id: string; status: string }, template: string): Promise<void> {',
    '  await sendMail({',
    '    to: user.email,',
    '    subject: `[${template}] Order ${order.id}`,',
    "    html: `<p>Hi ${user.fullName ?? ''}, order ${order.id} is ${order.status}.</p>`,",
    '  });',
    '}',
  ]);
  writeText('packages/email/src/index.ts', "export * from './templates';\nexport * from './mailer';\n", true);

  writeWorkspaceManifest('packages/billing', '@acme/billing', ['stripe']);
  fixed('packages/billing/src/stripe-client.ts', ["import Stripe from 'stripe';"], [
    "const stripe = new Stripe(process.env.STRIPE_SECRET_KEY ?? '');",
    '',
    'export async function createStripeCustomer(email: string, fullName: string, userId: string): Promise<string> {',
    '  const customer = await stripe.customers.create({ email, name: fullName, metadata: { userId } });',
    '  return customer.id;',
    '}',
    '',
    'export async function deleteStripeCustomer(stripeCustomerId: string): Promise<void> {',
    '  await stripe.customers.del(stripeCustomerId);',
    '}',
  ], [site(4, 'stripe', 'stripe.customers.create')]);
  fixed('packages/billing/src/customers.ts', ["import { createStripeCustomer, deleteStripeCustomer } from './stripe-client';"], [
    'const known = new Map<string, string>();',
    '',
    'export async function ensureCustomer(user: { id: string; email: string; fullName: string }): Promise<string> {',
    '  const existing = known.get(user.id);',
    '  if (existing) return existing;',
    '  const id = await createStripeCustomer(user.email, user.fullName, user.id);',
    '  known.set(user.id, id);',
    '  return id;',
    '}',
    '',
    'export async function removeCustomer(userId: string): Promise<void> {',
    '  const id = known.get(userId);',
    '  if (id) await deleteStripeCustomer(id);',
    '  known.delete(userId);',
    '}',
  ]);
  writeText('packages/billing/src/index.ts', "export * from './customers';\n", true);

  writeWorkspaceManifest('packages/ai', '@acme/ai', ['openai']);
  fixed('packages/ai/src/client.ts', ["import OpenAI from 'openai';"], [
    'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
    '',
    "export async function complete(messages: Array<{ role: 'system' | 'user'; content: string }>): Promise<string> {",
    "  const response = await openai.chat.completions.create({ model: 'gpt-4.1-mini', messages });",
    "  return response.choices[0]?.message.content ?? '';",
    '}',
  ], [site(4, 'openai', 'openai.chat.completions.create')]);
  fixed('packages/ai/src/summarize.ts', ["import { complete } from './client';"], [
    'export async function summarizeForUser(user: { email: string; fullName?: string }, text: string): Promise<string> {',
    '  return complete([',
    "    { role: 'system', content: 'Summarize for a customer in two sentences.' },",
    '    { role: \'user\', content: `Customer ${user.fullName ?? user.email}: ${text}` },',
    '  ]);',
    '}',
  ]);
  writeText('packages/ai/src/index.ts', "export * from './summarize';\n", true);

  writeWorkspaceManifest('packages/ads', '@acme/ads', ['@acme/privacy']);
  fixed('packages/ads/src/pixel.ts', ["import { canSellData, type ConsentSubject } from '@acme/privacy';"], [
    '/** Meta Pixel conversion, only for consumers who have not opted out. */',
    'export function trackConversion(user: ConsentSubject & { email?: string }, event: string, value: number): void {',
    '  if (!canSellData(user)) return;',
    "  fbq('track', event, { value, currency: 'USD', em: user.email });",
    '}',
  ], [site(4, 'meta-pixel', 'fbq', true)]);
  fixed('packages/ads/src/gtag.ts', [], [
    '/** GA4 event (callers decide about consent). */',
    'export function sendGaEvent(name: string, params: Record<string, unknown>): void {',
    "  gtag('event', name, params);",
    '}',
  ], [site(3, 'google-analytics', 'gtag')]);
  writeText('packages/ads/src/globals.d.ts', 'declare function fbq(...args: unknown[]): void;\ndeclare function gtag(...args: unknown[]): void;\n', true);
  writeText('packages/ads/src/index.ts', "export * from './pixel';\nexport * from './gtag';\n", true);

  writeWorkspaceManifest('packages/monitoring', '@acme/monitoring', ['@sentry/node']);
  fixed('packages/monitoring/src/sentry.ts', ["import * as Sentry from '@sentry/node';"], [
    "Sentry.init({ dsn: process.env.SENTRY_DSN, sendDefaultPii: false, environment: process.env.NODE_ENV });",
    '',
    'export function identifyUser(user: { id: string; email?: string }): void {',
    '  Sentry.setUser({ id: user.id, email: user.email });',
    '}',
  ], [site(4, 'sentry', 'Sentry.setUser')]);
  writeText('packages/monitoring/src/index.ts', "export * from './sentry';\n", true);

  writeWorkspaceManifest('packages/cdp', '@acme/cdp', ['@segment/analytics-node']);
  fixed('packages/cdp/src/segment.ts', ["import { Analytics } from '@segment/analytics-node';"], [
    "const analytics = new Analytics({ writeKey: process.env.SEGMENT_WRITE_KEY ?? '' });",
    '',
    'export function sendToSegment(userId: string, event: string, properties: Record<string, unknown>): void {',
    '  analytics.track({ userId, event, properties });',
    '}',
  ], [site(4, 'segment', 'analytics.track')]);
  fixed('packages/cdp/src/server-events.ts', ["import { sendToSegment } from './segment';"], [
    'export async function trackServerEvent(userId: string, event: string, properties: Record<string, unknown> = {}): Promise<void> {',
    "  sendToSegment(userId, event, { ...properties, source: 'server' });",
    '}',
  ]);
  writeText('packages/cdp/src/index.ts', "export * from './server-events';\n", true);

  writeWorkspaceManifest('packages/support', '@acme/support', ['intercom-client']);
  fixed('packages/support/src/intercom.ts', ["import { IntercomClient } from 'intercom-client';"], [
    "const intercom = new IntercomClient({ token: process.env.INTERCOM_TOKEN ?? '' });",
    '',
    'export async function upsertSupportContact(user: { id: string; email: string; fullName?: string }): Promise<void> {',
    "  await intercom.contacts.create({ external_id: user.id, email: user.email, name: user.fullName, role: 'user' });",
    '}',
    '',
    'export async function deleteSupportContact(contactId: string): Promise<void> {',
    '  await intercom.contacts.delete({ contact_id: contactId });',
    '}',
  ], [site(4, 'intercom', 'intercom.contacts.create')]);
  writeText('packages/support/src/index.ts', "export * from './intercom';\n", true);

  // -- apps: fixed privacy files
  writeCode('apps/api/src/privacy/erase.ts', [
    "import { removeCustomer } from '@acme/billing';",
    "import { forgetAnalyticsUser } from '@acme/analytics';",
    "import { deleteSupportContact } from '@acme/support';",
  ], (() => {
    const w = new CodeWriter();
    for (const l of [
      '/** Right to delete (§1798.105): erase a consumer here and at every vendor that holds their data. */',
      'export async function eraseUser(userId: string, supportContactId?: string): Promise<void> {',
      '  await removeCustomer(userId);',
      '  await forgetAnalyticsUser(userId);',
      '  if (supportContactId) await deleteSupportContact(supportContactId);',
      '  await purgeLocalRecords(userId);',
      '}',
      '',
      'async function purgeLocalRecords(userId: string): Promise<void> {',
      "  console.info('purged local records', { userId });",
      '}',
    ]) w.add(l);
    return w;
  })());
  for (const app of ['apps/web', 'apps/admin']) {
    writeCode(`${app}/src/lib/gpc.ts`, [], (() => {
      const w = new CodeWriter();
      for (const l of [
        '/** Honour Global Privacy Control in the browser. */',
        'export function gpcEnabled(): boolean {',
        "  return typeof navigator !== 'undefined' && (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;",
        '}',
      ]) w.add(l);
      return w;
    })());
  }
  writeCode('apps/api/src/middleware/gpc.ts', ["import type { NextFunction, Request, Response } from 'express';"], (() => {
    const w = new CodeWriter();
    for (const l of [
      '/** Marks requests that carry the Sec-GPC header so handlers treat them as opted out. */',
      'export function gpcMiddleware(req: Request, res: Response, next: NextFunction): void {',
      "  res.locals.gpc = req.header('Sec-GPC') === '1';",
      '  next();',
      '}',
    ]) w.add(l);
    return w;
  })());
  // Excluded by the map's scan.exclude: this call must not be reported.
  writeCode('apps/web/src/legacy/old-pixel.ts', [], (() => {
    const w = new CodeWriter();
    for (const l of ['/** Retired tracking code kept for reference; excluded from the audit by the data-map. */', 'export function legacyPixel(email: string): void {', "  fbq('track', 'Lead', { em: email });", '}']) w.add(l);
    return w;
  })(), [{ line: 3, vendor: 'meta-pixel', api: 'fbq', kind: 'excluded', depth: 0, gated: false }]);
  for (const app of ['apps/web', 'apps/admin']) writeText(`${app}/src/globals.d.ts`, 'declare function fbq(...args: unknown[]): void;\ndeclare function gtag(...args: unknown[]): void;\n', true);

  // -- ordinary files, until the line budget is spent
  const appDeps: Record<string, string[]> = {
    'apps/web': ['react', 'posthog-js', '@sentry/react'],
    'apps/api': ['express', 'stripe', '@segment/analytics-node', 'openai', '@sendgrid/mail', 'posthog-node', 'mixpanel', '@sentry/node'],
    'apps/admin': ['react', 'posthog-js'],
  };
  for (const ws of workspaces) {
    const deps = [...(appDeps[ws.dir] ?? (ws.ui ? ['react'] : [])), ...WRAPPER_PACKAGES.map((p) => `@acme/${p}`)];
    writeWorkspaceManifest(ws.dir, ws.name, ws.kind === 'app' ? deps : ws.ui ? ['react'] : []);
  }
  const weights = workspaces.map((ws) => (ws.dir === 'apps/web' ? 0.24 : ws.dir === 'apps/api' ? 0.2 : ws.dir === 'apps/admin' ? 0.1 : 0.46 / packageNames.length));
  const pickWorkspace = (): Workspace => {
    let r = rng.next();
    for (let i = 0; i < workspaces.length; i++) {
      r -= weights[i]!;
      if (r <= 0) return workspaces[i]!;
    }
    return workspaces[workspaces.length - 1]!;
  };
  const FEATURES = NOUNS.slice(0, 40);

  let fileIndex = 0;
  while (totalLines < options.lines) {
    fileIndex++;
    const ws = pickWorkspace();
    const roll = rng.next();
    let kind: FileKind;
    if (roll < 0.025) kind = 'test';
    else if (ws.ui) kind = roll < 0.6 ? 'component' : roll < 0.7 ? 'hook' : roll < 0.88 ? 'util' : 'types';
    else if (ws.dir === 'apps/api') kind = roll < 0.5 ? 'route' : roll < 0.75 ? 'service' : roll < 0.9 ? 'util' : 'types';
    else kind = roll < 0.45 ? 'service' : roll < 0.8 ? 'util' : 'types';
    byKind[kind] = (byKind[kind] ?? 0) + 1;

    const feature = rng.pick(FEATURES);
    const base = names.unique(`${kebab(rng.pick(VERBS))}-${feature}${kind === 'types' ? '-types' : ''}`);
    const folder = kind === 'component' ? `components/${feature}` : kind === 'hook' ? 'hooks' : kind === 'route' ? `routes/${feature}` : kind === 'service' ? 'services' : kind === 'types' ? 'types' : kind === 'test' ? '__tests__' : 'lib';
    const ext = kind === 'component' ? '.tsx' : kind === 'test' ? '.test.ts' : '.ts';
    const relInSrc = `${folder}/${base}${ext}`;
    const rel = `${ws.dir}/src/${relInSrc}`;

    const ctx: FileContext = { rng, names, imports: new Set(), localTypes: [], localFunctions: [], exports: [] };
    const w = new CodeWriter();
    const sites: Omit<PlantedCallSite, 'file'>[] = [];

    // Imports of earlier modules of the same workspace, and of other packages.
    if (ws.modules.length > 0) {
      for (const mod of rng.pickSome(ws.modules, rng.int(0, 3))) {
        const from = posix.relative(posix.dirname(relInSrc), mod.rel.replace(/\.tsx?$/, ''));
        const imported = rng.pickSome(mod.exports, rng.int(1, 3));
        if (imported.length > 0) ctx.imports.add(`import { ${imported.join(', ')} } from '${from.startsWith('.') ? from : `./${from}`}';`);
      }
    }
    const otherPackages = workspaces.filter((x) => x.kind === 'package' && x !== ws && x.modules.length > 0);
    for (const pkg of rng.pickSome(otherPackages, rng.int(0, 2))) {
      const mod = rng.pick(pkg.modules);
      const imported = rng.pickSome(mod.exports, rng.int(1, 2));
      if (imported.length > 0) ctx.imports.add(`import { ${imported.join(', ')} } from '${pkg.name}';`);
    }

    const targetLines = Math.min(700, Math.round(40 + -Math.log(1 - rng.next()) * 95));
    const isVendorFile = kind !== 'test' && kind !== 'types' && rng.chance(0.11);
    const isWrapperFile = kind !== 'test' && kind !== 'types' && !isVendorFile && rng.chance(0.345);
    const vendorAt = rng.int(0, 3);
    let block = 0;
    const runtime: Runtime = ws.runtime;
    while (w.lines.length < targetLines || block <= vendorAt) {
      if (isVendorFile && block === vendorAt) {
        const snippet = rng.pick(VENDOR_SNIPPETS.filter((s) => s.runtime === runtime));
        for (const line of snippet.imports) ctx.imports.add(line);
        for (const line of snippet.setup) w.add(line);
        if (snippet.setup.length > 0) w.add('');
        const gated = snippet.gateable && rng.chance(0.4);
        if (gated) ctx.imports.add("import { canSellData } from '@acme/privacy';");
        const fn = names.unique(`report${cap(rng.pick(NOUNS))}${cap(rng.pick(['Activity', 'Checkout', 'Signup', 'Change']))}`);
        w.open(`export async function ${fn}(user: { id: string; email: string; fullName: string; lastIp?: string; doNotSell?: boolean }, order: { id: string; total: number; status: string }): Promise<void> {`);
        if (rng.chance(0.5)) w.add(`const startedAt = Date.now();`);
        let line: number;
        if (gated) {
          w.open('if (canSellData(user)) {');
          line = w.nextLine();
          snippet.call(w, rng);
          w.close();
        } else {
          line = w.nextLine();
          snippet.call(w, rng);
        }
        w.close();
        w.add('');
        sites.push({ line, vendor: snippet.vendor, api: snippet.api, kind: 'direct', depth: 0, gated });
        noteFlow(rel, snippet.vendor);
        directFiles.add(rel);
        ctx.exports.push(fn);
        if (!changeTarget && ws.dir === 'apps/api') changeTarget = rel;
      } else if (isWrapperFile && block === vendorAt) {
        const choices = WRAPPERS.filter((x) => x.runtime === 'any' || x.runtime === runtime);
        const wrapper = rng.pick(choices);
        ctx.imports.add(`import { ${wrapper.name} } from '${wrapper.from}';`);
        const gatedOutside = !wrapper.gatedInside && rng.chance(0.3);
        if (gatedOutside) ctx.imports.add("import { canSellData } from '@acme/privacy';");
        const fn = names.unique(`on${cap(rng.pick(NOUNS))}${cap(rng.pick(['Submitted', 'Confirmed', 'Viewed', 'Changed', 'Created']))}`);
        w.open(`export async function ${fn}(user: { id: string; email: string; fullName: string; doNotSell?: boolean }, order: { id: string; total: number; status: string }): Promise<void> {`);
        w.add(`if (order.status === '${rng.pick(STATUS_WORDS)}') return;`);
        let line: number;
        if (gatedOutside) {
          w.open('if (canSellData(user)) {');
          line = w.nextLine();
          wrapper.call(w, rng);
          w.close();
        } else {
          line = w.nextLine();
          wrapper.call(w, rng);
        }
        w.close();
        w.add('');
        sites.push({ line, vendor: wrapper.vendor, api: `${wrapper.from}#${wrapper.name}`, kind: 'wrapped', depth: wrapper.depth, gated: wrapper.gatedInside || gatedOutside });
        noteFlow(rel, wrapper.vendor);
        wrapperImportFiles.add(rel);
        ctx.exports.push(fn);
      } else {
        const r = rng.next();
        if (kind === 'types') (r < 0.6 ? interfaceBlock : r < 0.9 ? typeAliasBlock : enumBlock)(w, ctx);
        else if (kind === 'component') (r < 0.45 ? componentBlock : r < 0.65 ? interfaceBlock : r < 0.9 ? functionBlock : arrowBlock)(w, ctx);
        else if (kind === 'route') (r < 0.4 ? routeBlock : r < 0.6 ? interfaceBlock : r < 0.9 ? functionBlock : constBlock)(w, ctx);
        else if (kind === 'service') (r < 0.4 ? classBlock : r < 0.6 ? interfaceBlock : r < 0.9 ? functionBlock : typeAliasBlock)(w, ctx);
        else if (kind === 'test') (r < 0.7 ? functionBlock : interfaceBlock)(w, ctx);
        else (r < 0.5 ? functionBlock : r < 0.65 ? arrowBlock : r < 0.8 ? interfaceBlock : r < 0.9 ? constBlock : typeAliasBlock)(w, ctx);
      }
      block++;
    }
    if (kind !== 'component' && kind !== 'types') ctx.imports.add("import { canProcess, hasAccess, isReady, logger, metrics } from '@acme/utils/observability';");
    const header = [...ctx.imports].sort();
    if (rng.chance(0.2)) header.unshift(`// ${cap(Array.from({ length: 8 }, () => rng.pick(SENTENCE_WORDS)).join(' '))}.`);
    writeCode(rel, header, w, sites);
    if (kind !== 'test' && ctx.exports.length > 0) ws.modules.push({ rel: relInSrc, exports: ctx.exports });
  }

  // Barrels for the generated packages, and the logger/metrics module every file imports.
  writeCode('packages/utils/src/observability.ts', [], (() => {
    const w = new CodeWriter();
    for (const l of [
      'type Fields = Record<string, unknown>;',
      '',
      'export const logger = {',
      '  debug: (message: string, fields: Fields = {}): void => void [message, fields],',
      '  info: (message: string, fields: Fields = {}): void => void [message, fields],',
      "  warn: (message: string, fields: Fields = {}): void => console.warn(message, fields),",
      '};',
      '',
      'export const metrics = {',
      '  increment: (name: string, tags: Fields = {}): void => void [name, tags],',
      '};',
      '',
      'export async function isReady(entry: { id: string }): Promise<boolean> {',
      '  return entry.id.length > 0;',
      '}',
      'export const canProcess = isReady;',
      'export const hasAccess = isReady;',
    ]) w.add(l);
    return w;
  })());
  for (const ws of workspaces) {
    if (ws.kind !== 'package') continue;
    const lines = ws.modules.map((m) => `export * from './${m.rel.replace(/\.tsx?$/, '')}';`);
    if (ws.name === '@acme/utils') lines.push("export * from './observability';");
    writeText(`${ws.dir}/src/index.ts`, lines.join('\n') + '\n', true);
  }

  const fileCount = scannableFiles;
  const outermost = planted.filter((p) => p.kind === 'direct' || p.kind === 'wrapped');
  const direct = outermost.filter((p) => p.kind === 'direct');
  const summary: CorpusSummary = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    targetLines: options.lines,
    files: totalFiles,
    lines: totalLines,
    bytes: totalBytes,
    scannableFiles,
    scannableLines,
    packages: packageNames.length + WRAPPER_PACKAGES.length,
    byKind,
    densities: {
      directVendorFiles: directFiles.size,
      directVendorFileShare: round(directFiles.size / fileCount),
      wrapperImportFiles: wrapperImportFiles.size,
      wrapperImportFileShare: round(wrapperImportFiles.size / fileCount),
      plantedCallSites: outermost.length,
      directCallSites: direct.length,
      wrappedCallSites: outermost.length - direct.length,
      gatedCallSites: outermost.filter((p) => p.gated).length,
      wrapperInternalCalls: planted.filter((p) => p.kind === 'wrapper-internal').length,
      maxWrapperDepth: Math.max(...outermost.map((p) => p.depth)),
    },
    vendors: [...new Set(planted.map((p) => p.vendor))].sort(),
    deletionHandler: 'apps/api/src/privacy/erase.ts#eraseUser',
    changeTarget,
  };

  writeText('datamap.yaml', dataMapYaml(systemVendors), false);
  writeText('corpus.json', JSON.stringify(summary, null, 2) + '\n', false);
  planted.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  // SPEC section 5: a call site is the outermost call; a vendor call inside a wrapper is only the last
  // `via` frame of its callers' call sites, and an excluded file reports nothing.
  const expected: ExpectedCallSites = {
    callSites: planted.filter((p) => p.kind === 'direct' || p.kind === 'wrapped'),
    wrapperVendorCalls: planted.filter((p) => p.kind === 'wrapper-internal'),
    excluded: planted.filter((p) => p.kind === 'excluded'),
  };
  writeText('expected.json', JSON.stringify(expected, null, 1) + '\n', false);
  options.log?.(`generated ${summary.files} files, ${summary.lines} lines in ${out}`);
  return summary;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

// ---------------------------------------------------------------------------------------------------------
// The data-map (SPEC section 2)

interface VendorDecl {
  id: VendorId;
  name: string;
  role: 'third_party' | 'service_provider';
  purposes: string[];
  categories: string[];
  deletion: string[];
  contract: boolean;
}

const VENDOR_DECLS: VendorDecl[] = [
  { id: 'posthog', name: 'PostHog', role: 'service_provider', purposes: ['analytics'], categories: ['user.contact.email', 'user.unique_id', 'user.acme.order_id', 'user.financial.transaction'], deletion: ['method: manual'], contract: true },
  { id: 'segment', name: 'Segment', role: 'service_provider', purposes: ['analytics'], categories: ['user.contact.email', 'user.unique_id', 'user.acme.order_id', 'user.financial.transaction'], deletion: ['method: manual'], contract: true },
  { id: 'mixpanel', name: 'Mixpanel', role: 'service_provider', purposes: ['analytics'], categories: ['user.contact.email', 'user.unique_id', 'user.device.ip_address'], deletion: ['method: api', 'call: people.delete_user'], contract: true },
  { id: 'meta-pixel', name: 'Meta Pixel', role: 'third_party', purposes: ['advertising.cross_context'], categories: ['user.contact.email', 'user.acme.order_id', 'user.device.cookie_id', 'user.device.ip_address', 'user.behavior.browsing_history'], deletion: ['method: manual'], contract: false },
  { id: 'google-analytics', name: 'Google Analytics 4', role: 'third_party', purposes: ['analytics'], categories: ['user.unique_id', 'user.acme.order_id', 'user.device.cookie_id', 'user.device.ip_address', 'user.behavior.browsing_history'], deletion: ['method: manual'], contract: false },
  { id: 'stripe', name: 'Stripe', role: 'service_provider', purposes: ['payments'], categories: ['user.contact.email', 'user.name', 'user.unique_id', 'user.acme.order_id'], deletion: ['method: api', 'call: customers.del'], contract: true },
  { id: 'sendgrid', name: 'SendGrid', role: 'service_provider', purposes: ['communications.transactional'], categories: ['user.contact.email', 'user.name', 'user.acme.order_id'], deletion: ['method: manual'], contract: true },
  { id: 'openai', name: 'OpenAI', role: 'service_provider', purposes: ['ai.inference'], categories: ['user.contact.email', 'user.name', 'user.acme.order_id'], deletion: ['method: not_applicable'], contract: true },
  { id: 'sentry', name: 'Sentry', role: 'service_provider', purposes: ['debugging'], categories: ['user.contact.email', 'user.unique_id', 'user.device.ip_address'], deletion: ['method: manual'], contract: true },
  { id: 'intercom', name: 'Intercom', role: 'service_provider', purposes: ['customer_support'], categories: ['user.contact.email', 'user.name', 'user.unique_id'], deletion: ['method: api', 'call: contacts.delete'], contract: true },
];

/** Categories the catalogue says a vendor's calls send implicitly (browser tags: IP, cookie id, page URL, ...). */
const IMPLICIT_CATEGORIES: Partial<Record<VendorId, string[]>> = {
  posthog: ['user.behavior.browsing_history', 'user.behavior.interaction', 'user.device.cookie_id', 'user.device.ip_address', 'user.device.user_agent'],
  segment: ['user.behavior.browsing_history', 'user.device.cookie_id', 'user.device.ip_address', 'user.device.user_agent'],
  'meta-pixel': ['user.device.user_agent'],
  'google-analytics': ['user.device.user_agent'],
  sentry: ['user.behavior.browsing_history', 'user.device.user_agent'],
};

function dataMapYaml(systemVendors: Map<string, Set<VendorId>>): string {
  const y: string[] = [];
  y.push('# Generated by bench/generate.ts: the data-map of the synthetic Acme monorepo (SPEC section 2).');
  y.push('version: 1');
  y.push('business:');
  y.push('  name: Acme Shop');
  y.push('  jurisdictions: [CA]');
  y.push('  minors: none');
  y.push('');
  y.push('scan:');
  y.push('  exclude: ["**/legacy/**"]');
  y.push('');
  y.push('categories:');
  y.push('  - id: user.acme.order_id');
  y.push('    ccpa: commercial');
  y.push('    sensitive: false');
  y.push('    fields: [orderId, order_id, transaction_id]');
  y.push('');
  const systems: Array<[string, string, string]> = [
    ['web', 'Storefront web app', 'apps/web/**'],
    ['api', 'Public API', 'apps/api/**'],
    ['admin', 'Back-office admin', 'apps/admin/**'],
    ['shared-packages', 'Shared workspace packages', 'packages/**'],
  ];
  const collected = [
    'user.contact.email', 'user.name', 'user.unique_id', 'user.device.ip_address', 'user.device.cookie_id', 'user.device.user_agent',
    'user.behavior.browsing_history', 'user.behavior.interaction', 'user.behavior.purchase_history', 'user.acme.order_id',
  ];
  y.push('systems:');
  for (const [id, name, glob] of systems) {
    y.push(`  - id: ${id}`);
    y.push(`    name: ${name}`);
    y.push(`    paths: ["${glob}"]`);
    y.push(`    collects: [${collected.join(', ')}]`);
    y.push('    retention: { default: P2Y, user.behavior.browsing_history: P90D }');
    y.push('    deletion:');
    y.push('      handler: "apps/api/src/privacy/erase.ts#eraseUser"');
    y.push('    notices: [privacy-policy]');
  }
  y.push('');
  y.push('vendors:');
  for (const v of VENDOR_DECLS) {
    y.push(`  - id: ${v.id}`);
    y.push(`    name: ${v.name}`);
    y.push(`    role: ${v.role}`);
    if (v.contract) {
      y.push('    contract:');
      y.push('      restricts_sale_and_sharing: true');
      y.push('      restricts_purposes: true');
      y.push('      prohibits_combining: true');
      y.push(`      purposes: ["${v.purposes[0]!.replace(/[._]/g, ' ')} for Acme only"]`);
      y.push('      reviewed: 2026-01-15');
    }
    y.push('    trains_on_data: false');
    y.push('    deletion:');
    for (const line of v.deletion) y.push(`      ${line}`);
  }
  y.push('');
  y.push('flows:');
  for (const [system] of systems) {
    for (const v of VENDOR_DECLS) {
      if (!systemVendors.get(system)?.has(v.id)) continue;
      y.push(`  - from: ${system}`);
      y.push(`    to: ${v.id}`);
      y.push(`    categories: [${[...new Set([...v.categories, ...(IMPLICIT_CATEGORIES[v.id] ?? [])])].join(', ')}]`);
      y.push(`    purposes: [${v.purposes.join(', ')}]`);
      y.push(`    consideration: ${v.role === 'third_party' ? (v.purposes.includes('advertising.cross_context') ? 'other' : 'unknown') : 'none'}`);
    }
  }
  y.push('');
  y.push('opt_out:');
  y.push('  mechanisms:');
  y.push('    - { id: dnss-link, type: link, url: "https://acme.example/privacy/do-not-sell" }');
  y.push('    - { id: gpc, type: gpc, frictionless: false }');
  y.push('  guards:');
  y.push('    - { call: canSellData }');
  y.push('    - { read: user.doNotSell, means: opted_out }');
  y.push('');
  y.push('notices:');
  y.push('  - id: privacy-policy');
  y.push('    type: privacy_policy');
  y.push('    url: "https://acme.example/privacy"');
  y.push('    updated: 2026-02-01');
  y.push('    discloses:');
  y.push('      collected: [identifiers, internet_activity, commercial]');
  y.push('      sold: [identifiers, commercial]');
  y.push('      shared: [identifiers, internet_activity, commercial]');
  y.push('      purposes: [analytics, advertising.cross_context, payments, communications.transactional, ai.inference, debugging, customer_support]');
  y.push('      third_parties: [advertising networks, analytics providers, payment processors, email delivery providers, AI model providers, error monitoring providers, customer support tools]');
  y.push('      retention: true');
  y.push('    links: [dnss-link]');
  return y.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv: string[]): GenerateOptions {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const lines = Number(get('--lines') ?? '100000');
  if (!Number.isInteger(lines) || lines < 1000) throw new Error(`--lines takes a whole number >= 1000, not "${get('--lines')}"`);
  const out = get('--out') ?? `bench/corpus/${lines >= 1_000_000 ? `${lines / 1_000_000}m` : `${Math.round(lines / 1000)}k`}`;
  const seed = Number(get('--seed') ?? '1');
  return { lines, out, seed };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const summary = generateCorpus(options);
  const seconds = (performance.now() - started) / 1000;
  console.log(`flowaudit bench corpus: ${resolve(options.out)} (${seconds.toFixed(1)} s)`);
  console.log(`  files ${summary.files} (scannable ${summary.scannableFiles}), lines ${summary.lines} (scannable ${summary.scannableLines}), ${(summary.bytes / 1e6).toFixed(1)} MB, ${summary.packages} packages`);
  const d = summary.densities;
  console.log(`  direct vendor files ${d.directVendorFiles} (${(d.directVendorFileShare * 100).toFixed(1)}%), wrapper-importing files ${d.wrapperImportFiles} (${(d.wrapperImportFileShare * 100).toFixed(1)}%)`);
  console.log(`  planted call sites ${d.plantedCallSites} (direct ${d.directCallSites}, wrapped ${d.wrappedCallSites}, gated ${d.gatedCallSites}), max wrapper depth ${d.maxWrapperDepth}`);
  console.log(`  vendors: ${summary.vendors.join(', ')}; deletion handler ${summary.deletionHandler}`);
}
